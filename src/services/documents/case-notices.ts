import type { Actor } from '../../domain/org/policy.js';
import { AppError } from '../../errors.js';
import { getCase } from '../../store/case.store.js';
import type { Queryable } from '../../store/db.js';
import type { ArchivedDocument } from '../../store/document.store.js';
import { departmentInfo, regionName } from '../../store/notice.store.js';
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
export async function issueCorrectionNotice(q: Queryable, ctx: AppContext, actor: Actor, caseId: string, materials: readonly string[], reason?: string | null, at = ctx.clock.now()): Promise<ArchivedDocument> {
  if (!materials.length || materials.some((m) => !m.trim())) throw new AppError('VALIDATION', 'materials: 须列明全部补正材料 (list every missing material)', { field: 'materials' });
  const { c, regionCode, values, masked } = await caseValues(q, ctx, caseId);
  return issueNotice(q, {
    kind: 'correction_notice', regionCode, departmentCode: c.departmentCode, subjectType: 'case', subjectId: c.id,
    masked,
    values: { ...values, 补正材料: materials.map((m) => m.trim()), 理由: reason?.trim() || null }, issuedBy: issuer(actor), at,
  });
}

/** 不予受理决定书 (成都暂行办法 第九条(三): 不予受理须说明理由), with the remedies open to the applicant. */
export async function issueRejectionDecision(q: Queryable, ctx: AppContext, actor: Actor, caseId: string, reason: string, at = ctx.clock.now(), remedies?: string | null): Promise<ArchivedDocument> {
  const { c, regionCode, values, masked } = await caseValues(q, ctx, caseId);
  return issueNotice(q, {
    kind: 'rejection_decision', regionCode, departmentCode: c.departmentCode, subjectType: 'case', subjectId: c.id,
    masked,
    values: { ...values, 理由: reason.trim(), 救济途径: remedies?.trim() || c.item?.remedies?.trim() || DEFAULT_REMEDIES }, issuedBy: issuer(actor), at,
  });
}

/**
 * The remedies printed on a 不予许可决定书: the item's own (its 复议机关、法院 and limits, as the catalog
 * discloses them), else 行政复议法 第二十条、第二十四条 (60 日, the people's government at the
 * department's level) and 行政诉讼法 第四十六条 (6 个月, the people's court).
 */
export function denialRemedies(itemRemedies: string | null | undefined, regionName: string | null): string {
  if (itemRemedies?.trim()) return itemRemedies.trim();
  const body = regionName ? `${regionName}人民政府` : '本级人民政府';
  return `如不服本决定，可以自收到本决定书之日起六十日内向${body}申请行政复议，或者自收到本决定书之日起六个月内向有管辖权的人民法院提起行政诉讼。`;
}

/**
 * 不予许可决定书 (行政许可法 第三十八条第二款; 盐城电子监察办法 第十一条: 持否定意见的应描述具体理由): the
 * reason, the legal basis and the decision's number of the case.decided event, with the remedies.
 * Null when the case's item is not a licence (其他类别的否定决定 have their own documents).
 */
export async function issueDenialDecision(q: Queryable, ctx: AppContext, actor: Actor, caseId: string, decision: { reason: string; legalBasis: string; documentNo: string }, at = ctx.clock.now()): Promise<ArchivedDocument | null> {
  const { c, regionCode, values, masked } = await caseValues(q, ctx, caseId);
  if (c.item && c.item.category !== 'license') return null;
  return issueNotice(q, {
    kind: 'denial_decision', regionCode, departmentCode: c.departmentCode, subjectType: 'case', subjectId: c.id,
    masked,
    values: {
      ...values, 理由: decision.reason.trim(), 法律依据: decision.legalBasis.trim() || null, 决定文号: decision.documentNo.trim() || null,
      救济途径: denialRemedies(c.item?.remedies, await regionName(q, regionCode)),
    },
    issuedBy: issuer(actor), at,
  });
}
