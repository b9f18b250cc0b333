import type { PowerItemVersion } from '../catalog/item.types.js';
import type { CaseState, EventDataMap, EventType } from './case.types.js';
import { counterpartyProblem } from './counterparty.js';

/** A workbench command (what a handler asks for); `decide` turns it into events or refuses. */
export type CaseCommand =
  | { kind: 'apply'; data: EventDataMap['application.submitted'] }
  | { kind: 'accept'; data: Record<string, never> }
  | { kind: 'answerCorrection'; data: EventDataMap['correction.answered'] }
  | { kind: 'register'; data: EventDataMap['case.registered'] }
  | { kind: 'completeStep'; data: EventDataMap['step.completed'] }
  | { kind: 'requestCorrection'; data: EventDataMap['correction.requested'] }
  | { kind: 'suspend'; data: EventDataMap['case.suspended'] }
  | { kind: 'resume'; data: EventDataMap['case.resumed'] }
  | { kind: 'extend'; data: EventDataMap['case.extended'] }
  | { kind: 'return'; data: { toStep: string; reason: string } }
  | { kind: 'attachEvidence'; data: EventDataMap['evidence.attached'] }
  | { kind: 'removeEvidence'; data: EventDataMap['evidence.removed'] }
  | { kind: 'decide'; data: EventDataMap['case.decided'] }
  | { kind: 'reject'; data: EventDataMap['case.rejected'] }
  | { kind: 'terminate'; data: EventDataMap['case.terminated'] }
  | { kind: 'execute'; data: EventDataMap['penalty.executed'] }
  | { kind: 'chargeFee'; data: EventDataMap['fee.charged'] }
  | { kind: 'close'; data: EventDataMap['case.closed'] };
export type CommandKind = CaseCommand['kind'];

/** What a suspended case still allows: it resumes or ends, and evidence and fees are still recorded. */
const WHILE_SUSPENDED: readonly CommandKind[] = ['resume', 'terminate', 'attachEvidence', 'chargeFee'];

/** A refused command: which field, what is wrong, and whether it is the request or the case's state. */
export class CommandRefused extends Error {
  constructor(readonly field: string, message: string, readonly conflict = false) {
    super(`${field}: ${message}`);
  }
}

const TYPE_OF: Record<CommandKind, EventType> = {
  apply: 'application.submitted', accept: 'case.registered', answerCorrection: 'correction.answered',
  register: 'case.registered', completeStep: 'step.completed', requestCorrection: 'correction.requested', suspend: 'case.suspended',
  resume: 'case.resumed', extend: 'case.extended', return: 'case.returned', attachEvidence: 'evidence.attached',
  removeEvidence: 'evidence.removed', decide: 'case.decided', reject: 'case.rejected', terminate: 'case.terminated',
  execute: 'penalty.executed', chargeFee: 'fee.charged', close: 'case.closed',
};

/** The kinds of item a citizen or company applies for (行政许可、确认、给付、奖励、裁决、其他); never a penalty, coercion, inspection or levy. */
export const APPLICABLE_CATEGORIES: string[] = ['license', 'confirmation', 'payment', 'reward', 'adjudication', 'other'];

const need = (cond: unknown, field: string, message: string, conflict = false) => {
  if (!cond) throw new CommandRefused(field, message, conflict);
};
const blank = (s: string | undefined | null) => !s || !s.trim();
const liveEvidence = (s: CaseState) => Object.values(s.evidence).filter((e) => !e.removedAt);

/**
 * Checks a workbench command against the case and the item version it is judged by and
 * returns the event(s) to store. The exchange stores what departments report and lets
 * supervision judge it; the workbench refuses what the rules forbid before it happens.
 */
export function decide(cmd: CaseCommand, s: CaseState, item: PowerItemVersion | null): { type: EventType; data: any }[] {
  const type = TYPE_OF[cmd.kind];
  if (cmd.kind === 'register') {
    need(s.status === 'none', 'caseNo', '案件已登记 (case already registered)', true);
    need(item && item.status === 'in_force', 'itemCode', '事项不存在或未生效 (item unknown or not in force)');
    need(!item!.confidential || cmd.data.channel !== 'exchange', 'itemCode', '涉密事项 (confidential item)');
    const p = counterpartyProblem(cmd.data.counterparty);
    if (p) throw new CommandRefused(p.field, p.message);
    return [{ type, data: cmd.data }];
  }
  if (cmd.kind === 'apply') {
    // 川办发〔2014〕2号 平台办法 第五条(六): 受理电子政务大厅的申请
    need(s.status === 'none', 'caseNo', '申请已提交 (application already submitted)', true);
    need(item && item.status === 'in_force', 'itemCode', '事项不存在或未生效，不能在线申请 (item unknown or not in force)');
    need(!item!.confidential, 'itemCode', '涉密事项不能在线申请 (confidential item)');
    need(APPLICABLE_CATEGORIES.includes(item!.category), 'itemCode', '该类事项不受理申请 (the item is not one a person applies for)');
    const p = counterpartyProblem(cmd.data.counterparty);
    if (p) throw new CommandRefused(p.field, p.message);
    const unknown = cmd.data.materials.filter((m) => !item!.materials.includes(m));
    need(!unknown.length, 'materials', `「${unknown.join('、')}」不是本事项的申请材料 (not a material of the item)`);
    return [{ type, data: cmd.data }];
  }
  need(s.status !== 'none', 'caseNo', '案件未登记 (case not registered)', true);
  const pending = s.corrections.some((c) => !c.answeredAt);
  if (cmd.kind === 'answerCorrection') {
    need(s.status !== 'concluded', 'status', '案件已办结 (case concluded)', true);
    need(pending, 'materials', '没有待补正的材料 (no correction is awaiting an answer)', true);
    need(cmd.data.materials.length > 0, 'materials', '须提交补正材料 (upload the missing materials)');
    return [{ type, data: cmd.data }];
  }
  if (s.status === 'submitted') {
    // before 受理 only acceptance, refusal, one correction notice and the applicant's uploads
    need(['accept', 'reject', 'requestCorrection', 'attachEvidence'].includes(cmd.kind), 'status', '申请尚未受理，请先受理 (application not accepted yet)', true);
    if (cmd.kind === 'accept') {
      need(!pending, 'status', '补正材料尚未提交，不能受理 (the applicant has not answered the correction yet)', true);
      return [{ type: 'case.registered', data: { itemCode: s.itemCode, counterparty: s.counterparty, channel: s.channel ?? 'online' } }];
    }
    if (cmd.kind === 'reject') {
      // 成都办法 第九条(三): 不予受理须说明理由; the applicant is told the remedies (救济途径) with it
      need(!blank(cmd.data.reason), 'reason', '不予受理须说明理由 (reason required)');
      need(!blank(cmd.data.remedies), 'remedies', '不予受理须告知申请人救济途径 (remedies required)');
      return [{ type, data: cmd.data }];
    }
  }
  need(cmd.kind !== 'accept', 'status', '案件已受理 (already accepted)', true);
  need(s.status !== 'concluded' || cmd.kind === 'execute' || cmd.kind === 'chargeFee', 'status', '案件已办结 (case concluded)', true);
  if (s.status === 'suspended') need(WHILE_SUSPENDED.includes(cmd.kind), 'status', '案件已暂停，请先恢复 (case suspended: resume first)', true);
  const flow = item?.flow ?? null;
  switch (cmd.kind) {
    case 'completeStep': {
      // 盐城办法 第十一条: 持否定意见的应描述具体理由
      need(cmd.data.opinion.verdict !== 'disagree' || !blank(cmd.data.opinion.text), 'opinion.text', '否定意见须说明理由 (a disagreeing opinion needs its reason)');
      need(s.currentStep === cmd.data.step, 'step', `只能办理当前环节 ${s.currentStep ?? '(无)'} (only the current step can be completed)`, true);
      const st = flow?.steps.find((x) => x.key === cmd.data.step);
      need(!st?.evidenceRequired || liveEvidence(s).length > 0, 'evidence', '本环节须先上传证据 (this step requires evidence)', true);
      break;
    }
    case 'requestCorrection':
      // 成都办法 第九条(二): 一次性告知 — every missing material at once, only once
      need(cmd.data.materials.length > 0, 'materials', '须列明全部补正材料 (list every missing material)');
      need(!blank(cmd.data.reason), 'reason', '须说明理由 (reason required)');
      need(s.corrections.length === 0, 'materials', '补正须一次性告知，不得再次要求 (corrections must be requested once)', true);
      break;
    case 'suspend':
      need(!blank(cmd.data.reason), 'reason', '暂停须说明理由 (reason required)');
      need(!blank(cmd.data.basis), 'basis', '暂停须注明依据 (basis required)');
      break;
    case 'resume':
      need(s.status === 'suspended', 'status', '案件未暂停 (case is not suspended)', true);
      break;
    case 'extend':
      need(!blank(cmd.data.reason), 'reason', '延期须说明理由 (reason required)');
      need(!blank(cmd.data.approvedBy), 'approvedBy', '延期须经批准 (approver required)');
      break;
    case 'return': {
      need(!blank(cmd.data.reason), 'reason', '回退须说明理由 (reason required)');
      const ok = !!s.currentStep && (flow?.rollbacks ?? []).some(([f, t]) => f === s.currentStep && t === cmd.data.toStep);
      need(ok, 'toStep', `不允许从 ${s.currentStep ?? '(无)'} 回退到 ${cmd.data.toStep} (return not allowed by the flow)`, true);
      return [{ type, data: { fromStep: s.currentStep, toStep: cmd.data.toStep, reason: cmd.data.reason } }];
    }
    case 'removeEvidence':
      need(s.evidence[cmd.data.evidenceId] && !s.evidence[cmd.data.evidenceId].removedAt, 'evidenceId', '证据不存在 (no such evidence)', true);
      need(!s.decision, 'evidenceId', '已作出决定，证据不得删除 (evidence cannot be removed after the decision)', true);
      need(!blank(cmd.data.reason), 'reason', '须说明理由 (reason required)');
      break;
    case 'decide': {
      need(!s.decision, 'outcome', '已作出决定 (already decided)', true);
      // 成都办法 第九条(四): 不许可须说明理由; 依据缺失 is refused before it happens
      need(!blank(cmd.data.legalBasis), 'legalBasis', '决定须注明法律依据 (legal basis required)');
      need(cmd.data.outcome !== 'denied' || !blank(cmd.data.reason), 'reason', '不予许可须说明理由 (a denial needs its reason)');
      need(!blank(cmd.data.documentNo), 'documentNo', '须填写决定书文号 (document number required)');
      if (cmd.data.outcome === 'penalty') {
        need(cmd.data.penalty, 'penalty', '处罚决定须填写处罚内容 (penalty details required)');
        const band = item?.discretion.find((b) => b.circumstance === cmd.data.penalty!.circumstance);
        need(!item?.discretion.length || band, 'penalty.circumstance', '裁量情节不在基准内 (circumstance not in the discretion table)');
        need(!band || (cmd.data.penalty!.amount >= band.min && cmd.data.penalty!.amount <= band.max), 'penalty.amount', `处罚金额须在 ${band?.min}–${band?.max} 之间 (amount outside the band)`);
      }
      const st = flow?.steps.find((x) => x.key === s.currentStep);
      const needsEvidence = st?.evidenceRequired || item?.category === 'penalty' || item?.category === 'coercion';
      need(!needsEvidence || liveEvidence(s).length > 0, 'evidence', '须先上传证据 (evidence required before the decision)', true);
      break;
    }
    case 'reject':
      // 成都办法 第九条(三): 不予受理须说明理由
      need(!blank(cmd.data.reason), 'reason', '不予受理须说明理由 (reason required)');
      need(!s.decision, 'status', '已作出决定，不能不予受理 (already decided)', true);
      break;
    case 'terminate':
      need(!blank(cmd.data.reason), 'reason', '终止须说明理由 (reason required)');
      break;
    case 'execute':
      need(s.decision?.outcome === 'penalty', 'amount', '没有处罚决定 (no penalty decision)', true);
      need(cmd.data.amount === s.decision?.penalty?.amount, 'amount', `执行金额须与决定一致 ${s.decision?.penalty?.amount} (amount must equal the decision)`);
      need(!blank(cmd.data.receiptNo), 'receiptNo', '须填写票据号 (receipt number required)');
      break;
    case 'chargeFee': {
      const fee = item?.fees.find((f) => f.code === cmd.data.feeCode);
      need(fee, 'feeCode', '收费项目不在事项目录中 (fee not listed for the item)');
      need(fee!.amount === cmd.data.amount, 'amount', `收费金额须为标准 ${fee!.amount} (amount must equal the standard)`);
      break;
    }
    case 'close':
      need(s.decision, 'status', '须先作出决定 (decide before closing)', true);
      break;
  }
  return [{ type, data: cmd.data }];
}

/** The commands the workbench may offer for a case now (checks that need no input). */
export function allowedActions(s: CaseState, item: PowerItemVersion | null): CommandKind[] {
  if (s.status === 'none') return ['register'];
  if (s.status === 'submitted') {
    const pending = s.corrections.some((c) => !c.answeredAt);
    return [...(pending ? [] : ['accept' as const]), 'reject', ...(s.corrections.length ? [] : ['requestCorrection' as const])];
  }
  if (s.status === 'concluded') return s.decision?.outcome === 'penalty' ? ['execute', 'chargeFee'] : ['chargeFee'];
  if (s.status === 'suspended') return [...WHILE_SUSPENDED];
  const out: CommandKind[] = [];
  if (s.currentStep) out.push('completeStep');
  if (s.corrections.length === 0) out.push('requestCorrection');
  out.push('suspend', 'extend');
  if (s.currentStep && (item?.flow?.rollbacks ?? []).some(([f]) => f === s.currentStep)) out.push('return');
  out.push('attachEvidence');
  if (!s.decision && liveEvidence(s).length) out.push('removeEvidence');
  if (!s.decision) out.push('decide', 'reject');
  out.push('terminate');
  if (s.decision?.outcome === 'penalty') out.push('execute');
  if (item?.fees.length) out.push('chargeFee');
  if (s.decision) out.push('close');
  return out;
}
