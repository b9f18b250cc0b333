import { STAGE_NAMES } from '../../domain/catalog/adjustment.js';
import { SECRECY_SIDE_NAMES, stageAfter, type SecrecySide } from '../../domain/catalog/adjustment-stages.js';
import type { Actor, Permission } from '../../domain/org/policy.js';
import { AppError, forbidden, invalid } from '../../errors.js';
import { updateAdjustment, type Adjustment } from '../../store/adjustment.store.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { actorId } from './import-items.js';
import { enterStage, loadForAction, sameGovernment, stagesOf } from './adjustment.service.js';

const actorName = (a: Actor) => (a.kind === 'user' || a.kind === 'system' || a.kind === 'apiKey' ? a.name : 'public');

/** Who decides each middle stage: the office of the request's own government. */
const STAGE_PERMISSION: Record<'staffing' | 'risk_review', Permission> = {
  staffing: 'catalog.staffing_review', // 川 目录动态调整办法 第四条: 机构编制部门
  risk_review: 'catalog.risk_review', // 达州意见 三(五): 监察部门审核风险点、监察点
};

/** The side of the joint review (成都办法 第五条) the actor sits on, or null. */
function secrecySide(actor: Actor, a: Adjustment): SecrecySide | null {
  if (sameGovernment(actor, 'secrecy.review', a.regionCode, a.departmentCode)) return 'secrecy';
  if (sameGovernment(actor, 'catalog.risk_review', a.regionCode, a.departmentCode)) return 'supervision';
  return null;
}

/** The joint-review approvals given since the request last entered the secrecy stage. */
function secrecyApprovals(a: Adjustment): { side: SecrecySide; by: string | null }[] {
  const out: { side: SecrecySide; by: string | null }[] = [];
  for (const h of a.history) {
    if (h.action === 'secrecy_return' || h.action === 'submit') out.length = 0;
    if (h.action === 'secrecy_pass') out.push({ side: (h as { side?: SecrecySide }).side ?? 'supervision', by: h.by });
  }
  return out;
}

/**
 * Decides the request's current middle stage (编办审核, 风险点审核, 涉密联合审查): pass moves it to the
 * next stage of its list, in order; return sends it back to the department with reasons. The
 * joint review passes only when both the supervision office and the secrecy office have approved,
 * two different people. Each decision stands in the history with who, when and the opinion.
 */
export async function reviewStage(ctx: AppContext, actor: Actor, id: string, input: { decision: 'pass' | 'return'; reasons?: string }): Promise<Adjustment> {
  return audited(ctx, actor, {
    action: `catalog.adjustment.stage_${input.decision}`, target: `adjustment:${id}`,
    run: async (q) => {
      const a = await loadForAction(q, id);
      const stage = a.stage;
      if (stage !== 'staffing' && stage !== 'risk_review' && stage !== 'secrecy') {
        throw new AppError('CONFLICT', `申请处于「${STAGE_NAMES[stage]}」阶段，不在编办审核、风险点审核或涉密联合审查阶段 (not in a middle review stage)`, { field: 'stage', stage });
      }
      let side: SecrecySide | null = null;
      if (stage === 'secrecy') {
        side = secrecySide(actor, a);
        if (!side) throw forbidden('涉密事项须经本级监察机关和保密机关联合审查（成都办法 第五条） (the supervision and secrecy offices of the government only)');
      } else if (!sameGovernment(actor, STAGE_PERMISSION[stage], a.regionCode, a.departmentCode)) {
        throw forbidden(stage === 'staffing' ? '编办审核须由本级机构编制部门作出（川 目录动态调整办法 第四条） (the staffing office of the government only)'
          : '风险点、监察点须由本级监察部门审核（达州意见 三(五)） (the supervision office of the government only)');
      }
      if (actor.kind === 'user' && actor.userId === a.createdBy) throw forbidden('申请人不得审核自己的申请 (no self-review)');
      const reasons = input.reasons?.trim() ?? '';
      if (input.decision === 'return' && !reasons) throw invalid('reasons', '退回须说明理由 (reasons are required)');
      const now = ctx.clock.now();
      const approvals = stage === 'secrecy' ? secrecyApprovals(a) : [];
      if (side && approvals.some((x) => x.side === side)) throw new AppError('CONFLICT', `${SECRECY_SIDE_NAMES[side]}已审查同意，待另一方审查 (this side has approved already)`);
      if (side && approvals.some((x) => x.by === actorId(actor))) throw forbidden('联合审查须由两个机关的不同人员作出 (two different people)');
      const action = stage === 'secrecy' ? `secrecy_${input.decision}` : `${stage}_${input.decision}`;
      const entry = { at: now.toISOString(), by: actorId(actor), byName: actorName(actor), action, stage, ...(reasons ? { note: reasons } : {}), ...(side ? { side } : {}) };
      a.history = [...a.history, entry];
      a.updatedAt = now;
      if (input.decision === 'return') {
        a.stage = 'returned';
        a.returnReasons = reasons;
        a.history = [...a.history.slice(0, -1), { ...entry, stage: 'returned' }];
      } else if (stage !== 'secrecy' || approvals.length + 1 >= 2) {
        await enterStage(q, ctx, a, stageAfter(await stagesOf(q, a), stage), now, actor);
      }
      await updateAdjustment(q, a);
      return a;
    },
    details: (a) => ({ stage: a.stage }),
  });
}
