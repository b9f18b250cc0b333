import type { Actor } from '../../domain/org/policy.js';
import { AppError } from '../../errors.js';
import { getCase } from '../../store/case.store.js';
import type { Queryable } from '../../store/db.js';
import type { ArchivedDocument } from '../../store/document.store.js';
import { departmentInfo } from '../../store/notice.store.js';
import { actorAudit } from '../audit.service.js';
import { counterpartyName } from '../security/personal-data.service.js';
import type { AppContext } from '../context.js';
import { cnDate, issueNotice } from './notices.service.js';

/** 行政复议法 第二十条 (60 日), 行政诉讼法 第四十六条 (6 个月): the remedies printed when the item names none. */
export const DEFAULT_REMEDIES = '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法提起行政诉讼。';

/** Categories whose cases start with an application (受理); a penalty or an inspection is opened (立案), not accepted. */
const APPLIED_FOR = new Set(['license', 'payment', 'confirmation', 'reward', 'adjudication', 'other']);

const issuer = (actor: Actor) => {
  const a = actorAudit(actor);
  return { id: a.actorId, name: a.actorName };
};

async function caseValues(q: Queryable, ctx: AppContext, caseId: string) {
  const c = await getCase(q, caseId);
  if (!c) throw new AppError('NOT_FOUND', `案件不存在 (case not found): ${caseId}`);
  const dept = await departmentInfo(q, c.departmentCode);
  const regionCode = c.regionCode ?? dept?.regionCode;
  if (!regionCode) throw new AppError('NOT_FOUND', `案件所属地区不明 (case without a region): ${c.caseNo}`);
  // the notice goes to the applicant by name: the sealed name is opened for it, and archived masked
  const cp = c.state.counterparty;
  const name = cp ? await counterpartyName(q, ctx.config, cp) : c.counterpartyName ?? null;
  return {
    c, regionCode, masked: { 申请人: cp?.name ?? c.counterpartyName ?? null },
    values: { 申请人: name, 事项名称: c.item?.name ?? c.itemCode ?? null, 办件编号: c.caseNo, 部门: dept?.name ?? c.departmentCode },
  };
}

/**
 * 受理通知书 with the query code (达州意见 三(七): 办理进度网上可查), in the transaction that accepts
 * the case. Null for a case that is opened rather than applied for (处罚、强制、检查、征收).
 */
export async function issueAcceptanceNotice(q: Queryable, ctx: AppContext, actor: Actor, caseId: string, at = ctx.clock.now()): Promise<ArchivedDocument | null> {
  const { c, regionCode, values, masked } = await caseValues(q, ctx, caseId);
  if (c.item && !APPLIED_FOR.has(c.item.category)) return null;
  return issueNotice(q, {
    kind: 'acceptance_notice', regionCode, departmentCode: c.departmentCode, subjectType: 'case', subjectId: c.id,
    masked,
    values: { ...values, 查询码: c.queryCode, 受理日期: cnDate(c.acceptedAt ?? at), 承诺期限: c.dueAt ? cnDate(c.dueAt) : c.legalDueAt ? cnDate(c.legalDueAt) : null },
    issuedBy: issuer(actor), at,
  });
}

/**
 * 一次性告知书 (成都暂行办法 第九条(二): 一次性告知申请人补正): every missing material listed at once.
 * Callable by any path that asks a case for corrections (workbench, online application).
 */
export async function issueCorrectionNotice(q: Queryable, ctx: AppContext, actor: Actor, caseId: string, materials: readonly string[], reason?: string | null): Promise<ArchivedDocument> {
  if (!materials.length || materials.some((m) => !m.trim())) throw new AppError('VALIDATION', 'materials: 须列明全部补正材料 (list every missing material)', { field: 'materials' });
  const { c, regionCode, values, masked } = await caseValues(q, ctx, caseId);
  return issueNotice(q, {
    kind: 'correction_notice', regionCode, departmentCode: c.departmentCode, subjectType: 'case', subjectId: c.id,
    masked,
    values: { ...values, 补正材料: materials.map((m) => m.trim()), 理由: reason?.trim() || null }, issuedBy: issuer(actor), at: ctx.clock.now(),
  });
}

/** 不予受理决定书 (成都暂行办法 第九条(三): 不予受理须说明理由), with the remedies open to the applicant. */
export async function issueRejectionDecision(q: Queryable, ctx: AppContext, actor: Actor, caseId: string, reason: string, at = ctx.clock.now()): Promise<ArchivedDocument> {
  const { c, regionCode, values, masked } = await caseValues(q, ctx, caseId);
  return issueNotice(q, {
    kind: 'rejection_decision', regionCode, departmentCode: c.departmentCode, subjectType: 'case', subjectId: c.id,
    masked,
    values: { ...values, 理由: reason.trim(), 救济途径: c.item?.remedies?.trim() || DEFAULT_REMEDIES }, issuedBy: issuer(actor), at,
  });
}
