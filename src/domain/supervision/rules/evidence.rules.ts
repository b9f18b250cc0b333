import { finding, type EventRule } from '../rule.types.js';
import type { CaseState, EventDataMap } from '../../cases/case.types.js';
import type { PowerItemVersion } from '../../catalog/item.types.js';

const liveEvidenceBefore = (s: CaseState, at: Date | null) =>
  Object.values(s.evidence).filter((ev) => ev.removedAt === null && (!at || ev.attachedAt.getTime() <= at.getTime())).length;

/** Whether a decision on this case needs evidence: the step in progress has evidenceRequired, or the item is a penalty/coercion. */
function evidenceNeeded(item: PowerItemVersion | null, step: string | null, outcome: string): boolean {
  if (outcome === 'penalty') return true;
  if (!item) return false;
  if (item.category === 'penalty' || item.category === 'coercion') return true;
  const steps = item.flow?.steps ?? [];
  const current = steps.find((s) => s.key === step);
  return current ? !!current.evidenceRequired : steps.some((s) => s.evidenceRequired);
}

// 四川电子监察办法 第十条(二)5: 决定环节是否上传主要证据材料, 是否出现主要证据缺失
export const evidenceMissing: EventRule = {
  code: 'EVIDENCE_MISSING',
  on: ['case.decided'],
  check(state, e, ctx) {
    const d = e.data as EventDataMap['case.decided'];
    if (!evidenceNeeded(ctx.item, state.currentStep, d.outcome)) return [];
    return liveEvidenceBefore(state, null) === 0
      ? [finding(ctx, 'EVIDENCE_MISSING', state.currentStep, '证据缺失: 作出决定时未上传证据材料 (decision without evidence)', { outcome: d.outcome })]
      : [];
  },
  holds: (after) => !after.decision || liveEvidenceBefore(after, after.decision.at) === 0,
};

// 四川电子监察办法 第十条(二)5: 是否出现主要证据更改 (决定后删除, 或同一证据换了哈希)
export const evidenceAltered: EventRule = {
  code: 'EVIDENCE_ALTERED',
  on: ['evidence.removed', 'evidence.attached'],
  check(state, e, ctx) {
    if (e.type === 'evidence.removed') {
      const d = e.data as EventDataMap['evidence.removed'];
      return state.decision
        ? [finding(ctx, 'EVIDENCE_ALTERED', null, `证据更改: 决定后删除证据 ${d.evidenceId} (evidence removed after the decision)`, { evidenceId: d.evidenceId })]
        : [];
    }
    const d = e.data as EventDataMap['evidence.attached'];
    const prev = state.evidence[d.evidenceId];
    return prev && prev.sha256 !== d.sha256
      ? [finding(ctx, 'EVIDENCE_ALTERED', null, `证据更改: 证据 ${d.evidenceId} 以不同哈希重新上传 (re-attached with another hash)`, { evidenceId: d.evidenceId, from: prev.sha256, to: d.sha256 })]
      : [];
  },
};
