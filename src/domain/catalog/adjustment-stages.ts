/**
 * The stages a catalog adjustment passes, in order, and who decides each (pure).
 * - review 法制审核 (川 目录动态调整办法 第四条), always;
 * - staffing 编办审核 (川 目录动态调整办法 第四条: 机构编制部门提出审核意见), when the list's composition
 *   changes (增加, 取消);
 * - risk_review 监察审核风险点 (达州意见 三(五): 监察部门对风险点、监察点的设置认真审核), when the
 *   proposal sets or changes the flow's risk points, their controls or the supervision points;
 * - secrecy 涉密联合审查 (成都办法 第五条: 经监察机关和保密机关联合审查并批准), when the proposal marks
 *   the item confidential or lifts the mark: both the supervision office and the secrecy office approve;
 * - approval 领导审定 (川 第四条: 报本级人民政府审定), by the government the regulation names
 *   (达州意见 三(四): a county's 暂停/启用 is agreed by the city government).
 */
import type { AdjustmentKind, AdjustmentStage } from './adjustment.js';
import { parentCode, regionLevel } from '../org/region.js';
import type { Flow } from './item.types.js';

export type ReviewStage = 'review' | 'staffing' | 'risk_review' | 'secrecy' | 'approval';

/** What decides the stages: the request and the item as it now reads (null for an addition). */
export interface StageFacts {
  kind: AdjustmentKind;
  proposal: { confidential?: unknown; flow?: unknown } | null;
  current: { confidential: boolean; flow: Flow | null } | null;
}

/** The risk settings of a flow, step by step (what the supervision office reviews). */
function riskSettings(flow: unknown): string {
  const steps = (flow as Flow | null | undefined)?.steps;
  if (!Array.isArray(steps)) return '[]';
  return JSON.stringify(steps.map((s) => [s.key, s.riskPoints ?? [], s.riskControls ?? [], s.supervisionPoints ?? []]));
}

export function hasRiskSettings(flow: unknown): boolean {
  const steps = (flow as Flow | null | undefined)?.steps;
  return Array.isArray(steps) && steps.some((s) => s.riskPoints?.length || s.riskControls?.length || s.supervisionPoints?.length);
}

export function stagesFor(f: StageFacts): ReviewStage[] {
  const out: ReviewStage[] = ['review'];
  if (f.kind === 'add' || f.kind === 'cancel') out.push('staffing');
  if (f.proposal && (f.kind === 'add' || f.kind === 'change')) {
    const risk = f.kind === 'add' ? hasRiskSettings(f.proposal.flow) : riskSettings(f.proposal.flow) !== riskSettings(f.current?.flow ?? null);
    if (risk) out.push('risk_review');
    const confidential = f.proposal.confidential === true;
    if (f.kind === 'add' ? confidential : confidential !== (f.current?.confidential ?? false)) out.push('secrecy');
  }
  out.push('approval');
  return out;
}

/** The stage after `stage` in `stages` (the last one leads to approved). */
export function stageAfter(stages: ReviewStage[], stage: AdjustmentStage): AdjustmentStage {
  const i = stages.indexOf(stage as ReviewStage);
  return i >= 0 && i + 1 < stages.length ? stages[i + 1]! : 'approved';
}

/**
 * The region whose government approves (审定) a request of a department of `regionCode`.
 * 达州意见 三(四): 各县(市、区)人民政府和市级部门暂停或启用行政权力事项须报经市人民政府同意.
 */
export function approvalRegion(kind: AdjustmentKind, regionCode: string): string {
  if ((kind === 'suspend' || kind === 'resume') && regionLevel(regionCode) === 'county') return parentCode(regionCode) ?? regionCode;
  return regionCode;
}

/** The two sides of the joint review of a confidential marking (成都办法 第五条). */
export type SecrecySide = 'supervision' | 'secrecy';
export const SECRECY_SIDE_NAMES: Record<SecrecySide, string> = { supervision: '监察机关', secrecy: '保密机关' };
