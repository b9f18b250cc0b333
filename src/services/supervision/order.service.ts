import { randomInt } from 'node:crypto';
import { can, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import { getAlert, noteAlertAction, type AlertRow } from '../../store/supervision/alert.store.js';
import { getOrder, getOrderForUpdate, insertOrder, orderFromRow, saveOrder, type OrderRow } from '../../store/supervision/order.store.js';
import { scopeSql, Where } from '../../store/scope-sql.js';
import { regionPrefix } from '../../domain/org/region.js';
import { actorAudit, audited } from '../audit.service.js';
import { closeClocks, setClock } from '../calendar/clocks.js';
import type { AppContext } from '../context.js';
import { loadRegionSettings } from './region-settings.service.js';
import { actingPerson } from './acting.js';
import { isDeptOffice, issuingOffice } from './dept-office.js';
import type { Queryable } from '../../store/db.js';
import { newId } from '../ids.js';
import { issueOrderNotice } from '../documents/supervision-notices.js';
import { notifyHolders } from '../messages/notify.js';

const who = (a: Actor) => actorAudit(a).actorName ?? 'unknown';
const cstText = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const cstDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

export function wireOrder(o: OrderRow) {
  return { ...o, issuedAt: o.issuedAt.toISOString(), dueAt: o.dueAt.toISOString(), answeredAt: o.answeredAt?.toISOString() ?? null, acceptedAt: o.acceptedAt?.toISOString() ?? null, updatedAt: o.updatedAt.toISOString() };
}

async function setResponseClock(q: Queryable, ctx: AppContext, o: { id: string; regionCode: string }, start: Date, days: number, ext: number) {
  // 盐城电子监察办法 第十四条 (5 个工作日) / 四川电子监察办法 第九条 (20 个工作日, 延长不超过 10 个工作日)
  return setClock(q, ctx, { ownerKind: 'order', ownerId: o.id, kind: 'response', regionCode: o.regionCode, start, workingDays: days, extensionDays: ext });
}

export interface IssueOrderInput {
  departmentCode: string; alertId?: string; caseNo?: string; subject: string; instructions: string; responseDays?: number; ownInitiative?: boolean;
}

/** 盐城电子监察办法 第十九条: the supervisor orders a department to investigate an alert or a case (督办). */
export async function issueOrder(ctx: AppContext, actor: Actor, input: IssueOrderInput) {
  return audited(ctx, actor, {
    action: 'order.issue', target: input.departmentCode,
    run: async (q) => {
      const dept = await q.query<{ region_code: string }>('SELECT region_code FROM departments WHERE code = $1', [input.departmentCode]);
      if (!dept.length) throw invalid('departmentCode', `部门 ${input.departmentCode} 不存在 (unknown department)`);
      const regionCode = dept[0].region_code;
      // 盐城运行办法 第十三条 / 川 电子监察办法 第六条: a department's supervision office orders its own department only
      const office = !can(actor, 'supervision.act', { regionCode }) && isDeptOffice(actor, { regionCode, departmentCode: input.departmentCode });
      if (!can(actor, 'supervision.act', { regionCode }) && !office) {
        if (can(actor, 'dept.supervise')) throw forbidden('部门监察室只能向本部门督办 (a department supervision office orders its own department only)');
        throw forbidden('只有本级或上级监察员可以督办 (supervisors of the region only)');
      }
      const s = await loadRegionSettings(q, regionCode); // the limit of the region the order is issued in
      const days = input.responseDays ?? s.orderResponseDays;
      if (!Number.isInteger(days) || days < 1 || days > 20) throw invalid('responseDays', '反馈期限须为 1–20 个工作日 (四川电子监察办法 第九条)');
      let caseId: string | null = null;
      let caseNo = input.caseNo ?? null;
      let alert: AlertRow | null = null;
      if (input.alertId) {
        const a = alert = await getAlert(q, input.alertId);
        if (!a || a.departmentCode !== input.departmentCode) throw invalid('alertId', '预警不存在或不属于该部门 (alert not found for this department)');
        caseId = a.caseId;
        caseNo = caseNo ?? a.caseNo;
      }
      if (caseNo && !caseId) {
        const c = await q.query<{ id: string }>('SELECT id FROM cases WHERE department_code = $1 AND case_no = $2', [input.departmentCode, caseNo]);
        if (!c.length) throw invalid('caseNo', `办件 ${caseNo} 不存在 (unknown case)`);
        caseId = c[0].id;
      }
      if (!input.subject?.trim()) throw invalid('subject', '督办事由不能为空 (subject required)');
      if (!input.instructions?.trim()) throw invalid('instructions', '督办要求不能为空 (instructions required)');
      const now = ctx.clock.now();
      const id = newId();
      const clock = await setResponseClock(q, ctx, { id, regionCode }, now, days, 0);
      const by = await actingPerson(q, actor);
      const o = await insertOrder(q, {
        id, orderNo: `DB${regionCode}${cstDay(now)}${String(randomInt(1_000_000)).padStart(6, '0')}`, regionCode, departmentCode: input.departmentCode,
        alertId: input.alertId ?? null, caseId, caseNo, subject: input.subject.trim(), instructions: input.instructions.trim(),
        ownInitiative: input.ownInitiative ?? true, status: 'issued', responseDays: days, extensionDays: 0, issuedBy: who(actor), issuedAt: now,
        dueAt: clock.dueAt, history: [{ at: now.toISOString(), by: who(actor), byAccountId: by.accountId, action: 'issue', dueAt: clock.dueAt.toISOString(),
          ...(office ? { byDeptOffice: input.departmentCode } : {}) }],
        issuedByAccountId: by.accountId, issuedByOfficerId: by.officerId, issuedByPost: by.post,
      });
      // 盐城电子监察办法 第十九条: the 督办 stands in its alert's history, with the order to follow
      if (alert) await noteAlertAction(q, alert, { at: now, actorId: actorAudit(actor).actorId ?? null, actorName: who(actor), action: 'order', reason: o.subject, details: { orderId: o.id, orderNo: o.orderNo } });
      // 盐城电子监察办法 第十九条: the 督办通知书, numbered, issued with the order
      const notice = await issueOrderNotice(q, actor, o);
      // 四川电子监察办法 第九条: the department hears of the 督办 at once (消息中心), with its reply deadline
      await notifyHolders(q, now, { perm: 'order.respond', regionCode, departmentCode: o.departmentCode, departmentOnly: true }, {
        kind: 'order', title: `督办：${o.subject}`, body: `${o.orderNo}：${o.instructions}（请于 ${cstText(o.dueAt)} 前反馈）`,
        link: `/supervision/orders/${o.id}`, subjectKind: 'order', subjectId: o.id, dedupeKey: `order:${o.id}`,
      }, ctx.log);
      return { ...wireOrder(o), noticeId: notice.id, noticeNo: notice.docNo };
    },
    details: (o) => ({ orderNo: o.orderNo, dueAt: o.dueAt }),
  });
}

async function loadOrder(q: Queryable, actor: Actor, id: string, side: 'department' | 'supervisor'): Promise<OrderRow> {
  const o = await getOrderForUpdate(q, id);
  if (!o) throw notFound('督办', id);
  // the supervision office of a department reviews and extends the orders it issued itself (not those from above)
  const office = issuingOffice(o.history);
  const ok = side === 'department' ? can(actor, 'order.respond', { regionCode: o.regionCode, departmentCode: o.departmentCode })
    : can(actor, 'supervision.act', { regionCode: o.regionCode }) || (office !== null && isDeptOffice(actor, { regionCode: o.regionCode, departmentCode: office }));
  if (!ok) throw forbidden(side === 'department' ? '只有被督办部门可以反馈 (only the department ordered)' : '只有督办机关的监察员可以审核 (the issuing supervisors only)');
  return o;
}

/** 盐城电子监察办法 第二十条: the department answers in writing, with its findings and attachments. */
export async function answerOrder(ctx: AppContext, actor: Actor, input: { id: string; findings: string; attachments?: { name: string; sha256?: string }[] }) {
  return audited(ctx, actor, {
    action: 'order.answer', target: input.id,
    run: async (q) => {
      const o = await loadOrder(q, actor, input.id, 'department');
      if (o.status !== 'issued' && o.status !== 'returned') throw new AppError('CONFLICT', `督办状态为 ${o.status}，不能反馈 (order not awaiting an answer)`);
      if (!input.findings?.trim()) throw invalid('findings', '调查处理情况不能为空 (findings required)');
      const now = ctx.clock.now();
      o.status = 'answered';
      o.answeredAt = now;
      const by = await actingPerson(q, actor);
      o.answer = { findings: input.findings.trim(), attachments: input.attachments ?? [], by: who(actor), at: now.toISOString() };
      o.answeredBy = { accountId: by.accountId, name: by.name, officerId: by.officerId, post: by.post };
      o.history = [...o.history, { at: now.toISOString(), by: who(actor), byAccountId: by.accountId, byOfficerId: by.officerId, byPost: by.post, action: 'answer', late: now > o.dueAt }];
      await closeClocks(q, 'order', o.id, 'response');
      return wireOrder(await saveOrder(q, o, now, actorAudit(actor).actorId));
    },
  });
}

/**
 * 盐城电子监察办法 第二十条: 职能处室初审, 领导审结; 退办事项应说明退办原因和退办完成期限.
 * An answer is reviewed twice: `accept` on an answer is the 初审 (→ first_reviewed), `accept` on a
 * first-reviewed answer is the 审结 (→ accepted, the order closes). Either review may `return` it with a
 * reason and a new deadline. Each review is recorded with who, when and the opinion.
 */
export async function reviewOrder(ctx: AppContext, actor: Actor, input: { id: string; decision: 'accept' | 'return'; reason?: string; responseDays?: number }) {
  return audited(ctx, actor, {
    action: `order.${input.decision}`, target: input.id,
    run: async (q) => {
      const o = await loadOrder(q, actor, input.id, 'supervisor');
      if (o.status !== 'answered' && o.status !== 'first_reviewed') throw new AppError('CONFLICT', `督办状态为「${ORDER_STATUS_NAMES[o.status]}」，尚无反馈可审核 (no answer to review)`);
      const stage = o.status === 'answered' ? 'first_review' : 'final_review';
      const now = ctx.clock.now();
      const by = await actingPerson(q, actor);
      const reason = input.reason?.trim() || null;
      if (input.decision === 'accept') {
        o.status = stage === 'first_review' ? 'first_reviewed' : 'accepted';
        if (stage === 'final_review') o.acceptedAt = now;
        o.history = [...o.history, { at: now.toISOString(), by: who(actor), byAccountId: by.accountId, action: stage === 'first_review' ? 'first_review' : 'accept', stage, reason }];
      } else {
        if (!reason) throw invalid('reason', '退办须说明原因 (a reason is required to return)');
        const s = await loadRegionSettings(q, o.regionCode);
        const days = input.responseDays ?? s.orderResponseDays;
        if (!Number.isInteger(days) || days < 1 || days > 20) throw invalid('responseDays', '退办完成期限须为 1–20 个工作日');
        const clock = await setResponseClock(q, ctx, o, now, days, 0);
        o.status = 'returned';
        o.dueAt = clock.dueAt;
        o.responseDays = days;
        o.extensionDays = 0;
        o.history = [...o.history, { at: now.toISOString(), by: who(actor), byAccountId: by.accountId, action: 'return', stage, reason, dueAt: clock.dueAt.toISOString() }];
      }
      return wireOrder(await saveOrder(q, o, now, actorAudit(actor).actorId));
    },
  });
}

/** The statuses of an order as people read them. */
export const ORDER_STATUS_NAMES: Record<OrderRow['status'], string> = {
  issued: '待反馈', answered: '待初审', first_reviewed: '待审结', returned: '已退办', accepted: '已审结',
};

/** 四川电子监察办法 第九条: 情况复杂的, 经批准可适当延长, 但延长期限不得超过 10 个工作日. */
export async function extendOrder(ctx: AppContext, actor: Actor, input: { id: string; workingDays: number; reason: string }) {
  return audited(ctx, actor, {
    action: 'order.extend', target: input.id,
    run: async (q) => {
      const o = await loadOrder(q, actor, input.id, 'supervisor');
      if (o.status !== 'issued' && o.status !== 'returned') throw new AppError('CONFLICT', '只能延长待反馈的督办 (only an open order can be extended)');
      const s = await loadRegionSettings(q, o.regionCode);
      const total = o.extensionDays + input.workingDays;
      if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || total > s.orderMaxExtensionDays) {
        throw invalid('workingDays', `延长合计不得超过 ${s.orderMaxExtensionDays} 个工作日 (extensions total at most ${s.orderMaxExtensionDays})`);
      }
      if (!input.reason?.trim()) throw invalid('reason', '延期须说明理由 (reason required)');
      const now = ctx.clock.now();
      const start = new Date((o.history as any[]).filter((h) => h.action === 'issue' || h.action === 'return').at(-1)?.at ?? o.issuedAt);
      const clock = await setResponseClock(q, ctx, o, start, o.responseDays, total);
      o.extensionDays = total;
      o.dueAt = clock.dueAt;
      o.history = [...o.history, { at: now.toISOString(), by: who(actor), action: 'extend', workingDays: input.workingDays, reason: input.reason.trim(), dueAt: clock.dueAt.toISOString() }];
      return wireOrder(await saveOrder(q, o, now, actorAudit(actor).actorId));
    },
  });
}

/** 督办台账 per region (四川电子监察办法 第七条: 动态监察台账): supervisors see their region, departments their own orders. */
export async function orderLedger(ctx: AppContext, actor: Actor, f: { region?: string; department?: string; status?: string; from?: Date; to?: Date }) {
  const sup = scopeFilter(actor, 'supervision.read');
  const dep = scopeFilter(actor, 'order.respond');
  const office = scopeFilter(actor, 'dept.supervise'); // 部门监察室: its department's orders
  const scope = { all: sup.all || dep.all, regions: [...sup.regions, ...dep.regions], departments: [...sup.departments, ...dep.departments, ...office.departments] };
  if (!scope.all && !scope.regions.length && !scope.departments.length) throw forbidden('无权查看督办台账');
  const w = new Where();
  w.conds.push(scopeSql(scope, w.params, { region: 'region_code', dept: 'department_code' }));
  if (f.region) w.add('region_code LIKE ?', `${regionPrefix(f.region)}%`);
  if (f.department) w.add('department_code = ?', f.department);
  if (f.status) w.add('status = ?', f.status);
  if (f.from) w.add('issued_at >= ?', f.from);
  if (f.to) w.add('issued_at < ?', f.to);
  const rows = await ctx.db.query(`SELECT * FROM supervision_orders ${w.sql} ORDER BY issued_at DESC LIMIT 1000`, w.params);
  const now = ctx.clock.now();
  const orders = rows.map(orderFromRow).map((o) => ({ ...wireOrder(o), overdue: (o.status === 'issued' || o.status === 'returned') && now >= o.dueAt }));
  return {
    orders,
    summary: {
      total: orders.length, open: orders.filter((o) => o.status === 'issued' || o.status === 'returned').length,
      answered: orders.filter((o) => o.status === 'answered').length, firstReviewed: orders.filter((o) => o.status === 'first_reviewed').length, accepted: orders.filter((o) => o.status === 'accepted').length,
      overdue: orders.filter((o) => o.overdue).length,
    },
  };
}

/** One order with its alert (督办单): supervisors of its region, and the department it was issued to. */
export async function orderDetail(ctx: AppContext, actor: Actor, id: string) {
  const o = await getOrder(ctx.db, id);
  const ok = !!o && (can(actor, 'supervision.read', { regionCode: o.regionCode })
    || can(actor, 'order.respond', { regionCode: o.regionCode, departmentCode: o.departmentCode }) || isDeptOffice(actor, o));
  if (!ok) throw notFound('督办', id);
  const a = o.alertId ? await getAlert(ctx.db, o.alertId) : null;
  const now = ctx.clock.now();
  return {
    order: { ...wireOrder(o), overdue: (o.status === 'issued' || o.status === 'returned') && now >= o.dueAt },
    alert: a ? { id: a.id, code: a.code, level: a.level, status: a.status, caseNo: a.caseNo, step: a.step, message: a.message, details: a.details, raisedAt: a.raisedAt.toISOString() } : null,
  };
}
