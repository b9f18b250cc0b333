import { can, type Actor } from '../../domain/org/policy.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import type { ArchivedDocument } from '../../store/document.store.js';
import { departmentInfo } from '../../store/notice.store.js';
import { getAlert, getAlertForUpdate, noteAlertAction, type AlertRow } from '../../store/supervision/alert.store.js';
import type { ComplaintRow } from '../../store/supervision/complaint.store.js';
import type { OrderRow } from '../../store/supervision/order.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { personName } from '../security/personal-data.service.js';
import type { SealConfig } from '../security/seal-key.js';
import { cnDate, issueNotice, wireDocument } from './notices.service.js';

const issuer = (actor: Actor) => {
  const a = actorAudit(actor);
  return { id: a.actorId, name: a.actorName };
};
const deptName = async (q: Queryable, code: string | null) => (code ? (await departmentInfo(q, code))?.name ?? code : null);
export const withinDays = (days: number) => `收到本通知书之日起${days}个工作日内`;

/** 督办通知书 (盐城电子监察办法 第十九条), issued in the transaction that issues the order. */
export async function issueOrderNotice(q: Queryable, actor: Actor, o: OrderRow): Promise<ArchivedDocument> {
  return issueNotice(q, {
    kind: 'order_notice', regionCode: o.regionCode, departmentCode: o.departmentCode, subjectType: 'order', subjectId: o.id,
    values: {
      被督办单位: await deptName(q, o.departmentCode), 督办编号: o.orderNo, 督办事由: o.subject, 督办要求: o.instructions,
      办件编号: o.caseNo, 期限: cnDate(o.dueAt),
    },
    issuedBy: issuer(actor), at: o.issuedAt,
  });
}

/** 投诉受理回执 (盐城电子监察办法 第十四条: 书面告知投诉人受理决定), issued when a complaint is accepted. */
export async function issueComplaintReceipt(q: Queryable, config: SealConfig, actor: Actor, c: ComplaintRow, at: Date): Promise<ArchivedDocument> {
  // addressed to the complainant by name: the sealed name opened for the notice, archived masked
  const name = c.realName && c.complainant ? await personName(q, config, c.complainant) : null;
  return issueNotice(q, {
    masked: { 投诉人: c.realName ? c.complainant?.name ?? '投诉人' : '匿名投诉人' },
    kind: 'complaint_receipt', regionCode: c.regionCode, departmentCode: null, subjectType: 'complaint', subjectId: c.id,
    values: { 投诉人: c.realName ? name ?? '投诉人' : '匿名投诉人', 投诉编号: c.complaintNo, 投诉事项: c.subject, 收到日期: cnDate(c.receivedAt), 受理日期: cnDate(at) },
    issuedBy: issuer(actor), at,
  });
}

const ACTIVE = new Set(['open', 'explained', 'appealed', 'returned', 'escalated']);

async function alertForSupervisor(q: Queryable, actor: Actor, id: string, lock: boolean): Promise<AlertRow> {
  const a = lock ? await getAlertForUpdate(q, id) : await getAlert(q, id);
  if (!a || !a.regionCode) throw notFound('预警', id);
  if (!can(actor, 'supervision.act', { regionCode: a.escalatedTo ?? a.regionCode }) && !can(actor, 'supervision.act', { regionCode: a.regionCode })) {
    if (!can(actor, 'alert.read', { regionCode: a.regionCode, departmentCode: a.departmentCode })) throw notFound('预警', id);
    throw forbidden('只有本级或上级监察员可以出具文书 (supervisors of the region only)');
  }
  return a;
}

/**
 * 盐城电子监察办法 第十一条(二): 黄牌、红牌 — the supervisor issues the card notice of an active alert
 * (黄牌/红牌警告通知书 by the alert's level), with what must be corrected and by when.
 */
export async function issueCardNotice(ctx: AppContext, actor: Actor, input: { alertId: string; requirement: string; responseDays?: number }) {
  return audited(ctx, actor, {
    action: 'alert.card_notice', target: input.alertId,
    run: async (q) => {
      const a = await alertForSupervisor(q, actor, input.alertId, true);
      if (!ACTIVE.has(a.status)) throw new AppError('CONFLICT', '预警已处理完毕，不能再出具警告通知书 (the alert is closed)');
      if (!a.departmentCode) throw new AppError('CONFLICT', '预警未指向部门，无法出具警告通知书 (the alert names no department)');
      if (!input.requirement?.trim()) throw invalid('requirement', '整改要求不能为空 (requirement required)');
      const days = input.responseDays ?? 5;
      if (!Number.isInteger(days) || days < 1 || days > 20) throw invalid('responseDays', '期限须为 1–20 个工作日 (四川电子监察办法 第九条)');
      const now = ctx.clock.now();
      const d = await issueNotice(q, {
        kind: a.level === 'red' ? 'red_card_notice' : 'yellow_card_notice', regionCode: a.regionCode!, departmentCode: a.departmentCode,
        subjectType: 'alert', subjectId: a.id,
        values: {
          被监察单位: await deptName(q, a.departmentCode), 预警事项: a.message, 办件编号: a.caseNo, 预警时间: cnDate(a.raisedAt),
          整改要求: input.requirement.trim(), 期限: a.correctionDueAt && a.level === 'yellow' ? cnDate(a.correctionDueAt) : withinDays(days),
        },
        issuedBy: issuer(actor), at: now,
      });
      await noteAlertAction(q, a, { at: now, actorId: actorAudit(actor).actorId ?? null, actorName: actorAudit(actor).actorName ?? 'unknown', action: 'card_notice', reason: input.requirement.trim(), details: { documentId: d.id, docNo: d.docNo } });
      return wireDocument(d);
    },
    details: (d) => ({ docNo: d.docNo }),
  });
}

/** 整改建议书 for an alert (川办发〔2014〕2号 电子监察办法 第八条(三): 责令履行法定职责). */
export async function issueAlertRectification(ctx: AppContext, actor: Actor, input: { alertId: string; problem?: string; advice: string; responseDays?: number }) {
  return audited(ctx, actor, {
    action: 'alert.rectification', target: input.alertId,
    run: async (q) => {
      const a = await alertForSupervisor(q, actor, input.alertId, true);
      if (!a.departmentCode) throw new AppError('CONFLICT', '预警未指向部门，无法出具整改建议书 (the alert names no department)');
      const d = await issueRectification(q, ctx, actor, {
        regionCode: a.regionCode!, departmentCode: a.departmentCode, subjectType: 'alert', subjectId: a.id,
        problem: input.problem?.trim() || a.message, advice: input.advice, responseDays: input.responseDays,
      });
      await noteAlertAction(q, a, { at: ctx.clock.now(), actorId: actorAudit(actor).actorId ?? null, actorName: actorAudit(actor).actorName ?? 'unknown', action: 'rectification', reason: input.advice.trim(), details: { documentId: d.id, docNo: d.docNo } });
      return wireDocument(d);
    },
    details: (d) => ({ docNo: d.docNo }),
  });
}

/** The 整改建议书 itself, in the caller's transaction (an alert's or an accountability entry's). */
export async function issueRectification(q: Queryable, ctx: AppContext, actor: Actor, input: {
  regionCode: string; departmentCode: string; subjectType: 'alert' | 'accountability'; subjectId: string; problem: string; advice: string; responseDays?: number;
}): Promise<ArchivedDocument> {
  if (!input.advice?.trim()) throw invalid('advice', '整改建议不能为空 (advice required)');
  const days = input.responseDays ?? 10;
  if (!Number.isInteger(days) || days < 1 || days > 30) throw invalid('responseDays', '整改期限须为 1–30 个工作日 (days out of range)');
  return issueNotice(q, {
    kind: 'rectification_advice', regionCode: input.regionCode, departmentCode: input.departmentCode, subjectType: input.subjectType, subjectId: input.subjectId,
    values: { 被监察单位: await deptName(q, input.departmentCode), 问题: input.problem.trim(), 整改建议: input.advice.trim(), 期限: withinDays(days) },
    issuedBy: issuer(actor), at: ctx.clock.now(),
  });
}
