import { maskName } from '../../domain/cases/counterparty.js';
import { AppError } from '../../errors.js';
import { daysLeft } from '../../domain/cases/case.clocks.js';
import { caseFromRow, loadCaseEvents, reviveState } from '../../store/case.store.js';
import { getItemVersion } from '../catalog/item-lookup.js';
import type { AppContext } from '../context.js';
import { acceptanceDueAt } from './acceptance-due.js';

const NOT_FOUND = () => new AppError('NOT_FOUND', '未找到该办件，请核对办件编号和查询码 (no case matches this number and query code)');

/**
 * 达州意见 三(七): a citizen follows a case with its number and the 查询码 on the acceptance
 * notice: steps and times only, personal data masked (王*), no ID numbers, no internal
 * opinions; confidential items (涉密, 成都办法 第五条) are never shown. One 404 for every miss.
 */
export async function publicProgress(ctx: AppContext, input: { caseNo: string; queryCode: string }) {
  const rows = await ctx.db.query('SELECT * FROM cases WHERE case_no = $1 AND query_code = $2 AND NOT confidential LIMIT 2', [input.caseNo.trim(), input.queryCode.trim().toUpperCase()]);
  if (rows.length !== 1) throw NOT_FOUND();
  const c = caseFromRow(rows[0]);
  const s = reviveState(rows[0].state);
  const item = c.itemCode && c.itemVersion != null ? await getItemVersion(ctx.db, c.itemCode, c.itemVersion) : null;
  if (item?.confidential) throw NOT_FOUND();
  const dept = await ctx.db.query<{ name: string }>('SELECT name FROM departments WHERE code = $1', [c.departmentCode]);
  const stepName = (key: string) => item?.flow?.steps.find((x) => x.key === key)?.name ?? key;
  return {
    caseNo: c.caseNo,
    itemName: item?.name ?? null,
    department: dept[0]?.name ?? null,
    counterparty: s.counterparty ? maskName(s.counterparty.name, s.counterparty.kind) : null,
    status: c.status,
    conclusion: c.conclusion,
    acceptedAt: c.acceptedAt,
    promisedDueAt: c.status === 'concluded' ? null : c.dueAt,
    concludedAt: c.concludedAt,
    currentStep: c.currentStep ? stepName(c.currentStep) : null,
    steps: s.steps.map((r) => ({ name: stepName(r.step), startedAt: r.startedAt, completedAt: r.completedAt })),
    suspensions: s.suspensions.map((x) => ({ from: x.from, to: x.to })),
    extensions: s.extensions.map((x) => ({ at: x.at, workingDays: x.workingDays })),
    // 成都办法 第九条(二): 一次性告知 — the applicant sees every material asked for, why, and whether it was answered
    corrections: s.corrections.map((x) => ({ at: x.at, materials: x.materials, reason: x.reason || null, answeredAt: x.answeredAt ?? null })),
    submittedAt: s.submittedAt ?? null,
    // 受理期限 while the application waits (stopped while a correction notice is unanswered)
    acceptanceDueAt: await acceptanceDueAt(ctx.db, ctx, s, c.regionCode),
    channel: s.channel,
    decided: s.decision ? { at: s.decision.at, outcome: s.decision.outcome, documentNo: s.decision.documentNo } : null,
    // 成都办法 第九条(三): 不予受理须说明理由; the applicant is told the remedies (复议、诉讼) with it
    ending: c.conclusion === 'rejected' || c.conclusion === 'terminated' ? await endingOf(ctx, rows[0].id as string, c.conclusion, item?.remedies ?? null) : null,
    // the same working-day count the department sees (剩余时限): negative when overdue
    daysLeft: c.status === 'concluded' ? null : daysLeft(ctx.calendars.forRegion(c.regionCode), ctx.clock.now(), c.dueAt ?? c.legalDueAt),
    overdue: c.status !== 'concluded' && !!(c.dueAt ?? c.legalDueAt) && ctx.clock.now().getTime() >= (c.dueAt ?? c.legalDueAt)!.getTime(),
  };
}

/** Why a case ended without a decision (不予受理 or 终止), with the remedies open to the applicant. */
async function endingOf(ctx: AppContext, caseId: string, kind: 'rejected' | 'terminated', remedies: string | null) {
  const type = kind === 'rejected' ? 'case.rejected' : 'case.terminated';
  const e = (await loadCaseEvents(ctx.db, caseId)).filter((x) => x.type === type).at(-1);
  const data = (e?.data ?? {}) as { reason?: string; remedies?: string };
  return { kind, at: e?.occurredAt ?? null, reason: data.reason?.trim() || null, remedies: data.remedies?.trim() || remedies };
}
