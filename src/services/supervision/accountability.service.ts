import { randomInt } from 'node:crypto';
import type { NoticeKind } from '../../domain/documents/notice-templates.js';
import { can, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { inRegion, regionPrefix } from '../../domain/org/region.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { documentsOfSubject } from '../../store/document.store.js';
import { departmentInfo } from '../../store/notice.store.js';
import {
  alertFacts, entryActions, evaluationPeriodExists, getEntry, insertEntry, insertEntryAction, listEntries, officerOf, orderFacts, postOf, saveEntryStatus,
  type AccountabilityEntry, type AccountabilityKind, type AccountabilityStatus,
} from '../../store/supervision/accountability.store.js';
import { getAlert, noteAlertAction } from '../../store/supervision/alert.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { issueNotice, wireDocument } from '../documents/notices.service.js';
import { issueRectification, withinDays } from '../documents/supervision-notices.js';
import { newId } from '../ids.js';

/**
 * 问责 (川办发〔2014〕2号 电子监察办法 第八条(四): 提出行政过错责任追究建议; 达州意见 四(五): 函询、约谈告诫、
 * 责任追究; 成都暂行办法 第十二条; 盐城电子监察办法 第二十二条: 通报批评): entries against a department,
 * a post or an officer, linked to the alerts, orders and evaluation periods behind them, each
 * with its notice, in a register per region. 拟办 → 已送达 → 已回复 → 已办结; every step an action row.
 */
export const ACCOUNTABILITY_KINDS: Record<AccountabilityKind, { name: string; notice: NoticeKind }> = {
  liability_proposal: { name: '追究建议', notice: 'liability_proposal' },
  inquiry: { name: '函询', notice: 'inquiry_notice' },
  interview: { name: '约谈', notice: 'interview_notice' },
  admonition: { name: '告诫', notice: 'admonition_notice' },
  circular: { name: '通报批评', notice: 'circular_notice' },
};

const who = (a: Actor) => ({ id: actorAudit(a).actorId ?? null, name: actorAudit(a).actorName ?? 'unknown' });
const cstDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
const PERIOD = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

export interface CreateEntryInput {
  kind: AccountabilityKind;
  targetKind: 'department' | 'post' | 'officer';
  departmentCode: string;
  postId?: string | null;
  officerId?: string | null;
  reason: string;
  requirement: string;
  /** Working days to reply (函询、约谈); none for 告诫、通报批评. */
  replyDays?: number | null;
  alertIds?: string[];
  orderIds?: string[];
  evaluationPeriods?: { regionCode: string; period: string }[];
}

export function wireEntry(e: AccountabilityEntry & { departmentName?: string | null }) {
  return {
    ...e, kindName: ACCOUNTABILITY_KINDS[e.kind].name, replyDueAt: e.replyDueAt?.toISOString() ?? null, repliedAt: e.repliedAt?.toISOString() ?? null,
    closedAt: e.closedAt?.toISOString() ?? null, createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString(),
  };
}

/** A supervisor of the department's region (or above) proposes an entry; its notice is issued with it. */
export async function createEntry(ctx: AppContext, actor: Actor, input: CreateEntryInput) {
  return audited(ctx, actor, {
    action: 'accountability.create', target: input.departmentCode,
    run: (q) => proposeEntry(q, ctx, actor, input),
    details: (r) => ({ entryNo: r.entry.entryNo, kind: r.entry.kind, docNo: r.document.docNo }),
  });
}

/**
 * createEntry's work inside the caller's transaction (the caller writes the audit entry): an
 * approval proposes entries for the lowest-ranked, and a 抽查 finding turned into an entry names
 * itself as `samplingFindingId`.
 */
export async function proposeEntry(q: Queryable, ctx: AppContext, actor: Actor, input: CreateEntryInput & { samplingFindingId?: string }) {
  if (!Object.hasOwn(ACCOUNTABILITY_KINDS, input.kind)) throw invalid('kind', '问责方式须为 追究建议、函询、约谈、告诫 或 通报批评 (unknown kind)');
  const dept = await departmentInfo(q, input.departmentCode);
  if (!dept) throw invalid('departmentCode', `部门 ${input.departmentCode} 不存在 (unknown department)`);
  if (!can(actor, 'supervision.act', { regionCode: dept.regionCode })) {
    throw forbidden('只有该部门所在地区或上级的监察员可以提出问责 (supervisors of the region only)');
  }
  const reason = input.reason?.trim();
  const requirement = input.requirement?.trim();
  if (!reason) throw invalid('reason', '问责事由不能为空 (reason required)');
  if (!requirement) throw invalid('requirement', '问责要求不能为空 (requirement required)');
  let targetName = dept.name;
  let postId: string | null = null;
  let officerId: string | null = null;
  if (input.targetKind === 'post') {
    const p = input.postId ? await postOf(q, input.postId) : null;
    if (!p || p.departmentCode !== input.departmentCode) throw invalid('postId', '岗位不存在或不属于该部门 (post not found in the department)');
    postId = p.id;
    targetName = `${dept.name}${p.name}岗位`;
  } else if (input.targetKind === 'officer') {
    const o = input.officerId ? await officerOf(q, input.officerId) : null;
    if (!o || o.departmentCode !== input.departmentCode) throw invalid('officerId', '人员不存在或不属于该部门 (officer not found in the department)');
    officerId = o.id;
    targetName = o.name;
  } else if (input.targetKind !== 'department') {
    throw invalid('targetKind', '问责对象须为 部门、岗位 或 人员 (unknown target)');
  }
  const alertIds = [...new Set(input.alertIds ?? [])];
  const alerts = await alertFacts(q, alertIds);
  for (const id of alertIds) {
    const a = alerts.find((x) => x.id === id);
    if (!a || a.departmentCode !== input.departmentCode) throw invalid('alertIds', `预警 ${id} 不存在或不属于该部门 (alert not found for the department)`);
  }
  const orderIds = [...new Set(input.orderIds ?? [])];
  const orders = await orderFacts(q, orderIds);
  for (const id of orderIds) {
    const o = orders.find((x) => x.id === id);
    if (!o || o.departmentCode !== input.departmentCode) throw invalid('orderIds', `督办 ${id} 不存在或不属于该部门 (order not found for the department)`);
  }
  const periods = input.evaluationPeriods ?? [];
  for (const p of periods) {
    // 达州意见 四(五): 对季度办理情况较差的 … 进行函询 — the scores behind it
    if (!PERIOD.test(p.period) || !inRegion(p.regionCode, dept.regionCode) || !(await evaluationPeriodExists(q, p.regionCode, p.period))) {
      throw invalid('evaluationPeriods', `考评期 ${p.regionCode} ${p.period} 不存在 (no evaluation result for that period)`);
    }
  }
  const days = input.replyDays ?? (input.kind === 'inquiry' || input.kind === 'interview' ? 10 : null);
  if (days != null && (!Number.isInteger(days) || days < 1 || days > 30)) throw invalid('replyDays', '回复期限须为 1–30 个工作日 (days out of range)');
  const now = ctx.clock.now();
  const replyDueAt = days != null ? ctx.calendars.forRegion(dept.regionCode).deadline({ start: now, workingDays: days }).dueAt : null;
  const by = who(actor);
  const e: AccountabilityEntry = {
    id: newId(), entryNo: `WZ${dept.regionCode}${cstDay(now)}${String(randomInt(1_000_000)).padStart(6, '0')}`, regionCode: dept.regionCode,
    kind: input.kind, targetKind: input.targetKind, departmentCode: input.departmentCode, postId, officerId, targetName, reason, requirement,
    replyDueAt, alertIds, orderIds, evaluationPeriods: periods, status: 'draft', reply: null, repliedAt: null, closedAt: null, conclusion: null,
    createdById: by.id, createdByName: by.name, createdAt: now, updatedAt: now, samplingFindingId: input.samplingFindingId ?? null,
  };
  await insertEntry(q, e);
  await insertEntryAction(q, e.id, { at: now, actorId: by.id, actorName: by.name, action: 'create', fromStatus: null, toStatus: 'draft', note: reason, details: { alertIds, orderIds } });
  const d = await issueNotice(q, {
    kind: ACCOUNTABILITY_KINDS[e.kind].notice, regionCode: e.regionCode, departmentCode: e.departmentCode, subjectType: 'accountability', subjectId: e.id,
    values: { 问责对象: targetName, 被监察单位: dept.name, 事由: reason, 要求: requirement, 期限: days != null ? withinDays(days) : null },
    issuedBy: by, at: now,
  });
  await insertEntryAction(q, e.id, { at: now, actorId: by.id, actorName: by.name, action: 'document', fromStatus: 'draft', toStatus: 'draft', note: d.docNo, details: { documentId: d.id, kind: d.kind } });
  for (const id of alertIds) {
    const a = await getAlert(q, id);
    if (a) await noteAlertAction(q, a, { at: now, actorId: by.id, actorName: by.name, action: 'accountability', reason, details: { entryId: e.id, entryNo: e.entryNo } });
  }
  return { entry: wireEntry(e), document: wireDocument(d) };
}

function readable(actor: Actor, e: { regionCode: string; departmentCode: string }): boolean {
  return can(actor, 'supervision.read', { regionCode: e.regionCode }) || can(actor, 'order.respond', { regionCode: e.regionCode, departmentCode: e.departmentCode });
}

async function load(q: Queryable, actor: Actor, id: string, side: 'supervisor' | 'department' | 'either'): Promise<AccountabilityEntry> {
  const e = await getEntry(q, id, true);
  if (!e || !readable(actor, e)) throw notFound('问责', id);
  const sup = can(actor, 'supervision.act', { regionCode: e.regionCode });
  const dep = can(actor, 'order.respond', { regionCode: e.regionCode, departmentCode: e.departmentCode });
  if (side === 'supervisor' && !sup) throw forbidden('只有监察员可以办理问责 (supervisors only)');
  if (side === 'department' && !dep) throw forbidden('只有被问责部门可以回复 (only the department concerned)');
  if (side === 'either' && !sup && !dep) throw forbidden('无权办理该问责 (not yours)');
  return e;
}

const NEXT: Record<'serve' | 'reply' | 'close', { from: AccountabilityStatus[]; to: AccountabilityStatus; side: 'supervisor' | 'either' }> = {
  serve: { from: ['draft'], to: 'served', side: 'supervisor' },
  reply: { from: ['served'], to: 'replied', side: 'either' },
  close: { from: ['served', 'replied'], to: 'closed', side: 'supervisor' },
};
export const ACCOUNTABILITY_STATUS_NAMES: Record<AccountabilityStatus, string> = { draft: '拟办', served: '已送达', replied: '已回复', closed: '已办结' };

/** 送达 (the notice handed over), 回复 (the department's written answer), 办结 (with the conclusion). */
export async function actOnEntry(ctx: AppContext, actor: Actor, input: { id: string; action: 'serve' | 'reply' | 'close'; text?: string }) {
  return audited(ctx, actor, {
    action: `accountability.${input.action}`, target: input.id,
    run: async (q) => {
      const step = NEXT[input.action];
      if (!step) throw invalid('action', '未知操作 (unknown action)');
      const e = await load(q, actor, input.id, step.side);
      if (!step.from.includes(e.status)) throw new AppError('CONFLICT', `问责状态为「${ACCOUNTABILITY_STATUS_NAMES[e.status]}」，不能${input.action === 'serve' ? '送达' : input.action === 'reply' ? '回复' : '办结'} (not allowed now)`);
      const text = input.text?.trim() ?? '';
      if (input.action === 'reply' && !text) throw invalid('text', '回复内容不能为空 (reply required)');
      if (input.action === 'close' && !text) throw invalid('text', '办结须写明处理结论 (conclusion required)');
      const now = ctx.clock.now();
      const from = e.status;
      e.status = step.to;
      e.updatedAt = now;
      if (input.action === 'reply') { e.reply = text; e.repliedAt = now; }
      if (input.action === 'close') { e.conclusion = text; e.closedAt = now; }
      await saveEntryStatus(q, e);
      const by = who(actor);
      await insertEntryAction(q, e.id, { at: now, actorId: by.id, actorName: by.name, action: input.action, fromStatus: from, toStatus: e.status, note: text || null, details: null });
      return wireEntry(e);
    },
  });
}

/** 整改建议书 from an accountability entry. */
export async function entryRectification(ctx: AppContext, actor: Actor, input: { id: string; advice: string; responseDays?: number }) {
  return audited(ctx, actor, {
    action: 'accountability.rectification', target: input.id,
    run: async (q) => {
      const e = await load(q, actor, input.id, 'supervisor');
      if (e.status === 'closed') throw new AppError('CONFLICT', '问责已办结 (the entry is closed)');
      const d = await issueRectification(q, ctx, actor, { regionCode: e.regionCode, departmentCode: e.departmentCode, subjectType: 'accountability', subjectId: e.id, problem: e.reason, advice: input.advice, responseDays: input.responseDays });
      const by = who(actor);
      await insertEntryAction(q, e.id, { at: ctx.clock.now(), actorId: by.id, actorName: by.name, action: 'document', fromStatus: e.status, toStatus: e.status, note: d.docNo, details: { documentId: d.id, kind: d.kind } });
      return wireDocument(d);
    },
    details: (d) => ({ docNo: d.docNo }),
  });
}

/** 问责台账 per region: supervisors see their region and below, departments their own entries. */
export async function accountabilityRegister(ctx: AppContext, actor: Actor, f: { region?: string; department?: string; kind?: string; status?: string; from?: Date; to?: Date; alertId?: string }) {
  const sup = scopeFilter(actor, 'supervision.read');
  const dep = scopeFilter(actor, 'order.respond');
  const scope = { all: sup.all || dep.all, regions: [...sup.regions, ...dep.regions], departments: [...sup.departments, ...dep.departments] };
  if (!scope.all && !scope.regions.length && !scope.departments.length) throw forbidden('无权查看问责台账');
  const rows = await listEntries(ctx.db, scope, { ...f, regionPrefix: f.region ? regionPrefix(f.region) : undefined });
  const entries = rows.map(wireEntry);
  const count = (pred: (e: (typeof entries)[number]) => boolean) => entries.filter(pred).length;
  return {
    entries,
    summary: {
      total: entries.length, draft: count((e) => e.status === 'draft'), served: count((e) => e.status === 'served'),
      replied: count((e) => e.status === 'replied'), closed: count((e) => e.status === 'closed'),
      byKind: Object.fromEntries(Object.keys(ACCOUNTABILITY_KINDS).map((k) => [k, count((e) => e.kind === k)])),
    },
  };
}

/** One entry: its actions, documents and what led to it. */
export async function entryDetail(ctx: AppContext, actor: Actor, id: string) {
  const e = await getEntry(ctx.db, id);
  if (!e || !readable(actor, e)) throw notFound('问责', id);
  const [actions, docs, alerts, orders, dept] = await Promise.all([
    entryActions(ctx.db, id), documentsOfSubject(ctx.db, 'accountability', id), alertFacts(ctx.db, e.alertIds), orderFacts(ctx.db, e.orderIds), departmentInfo(ctx.db, e.departmentCode),
  ]);
  return {
    entry: { ...wireEntry(e), departmentName: dept?.name ?? null },
    actions: actions.map((a) => ({ ...a, at: a.at.toISOString() })),
    documents: docs.map(wireDocument),
    alerts: alerts.map((a) => ({ ...a, raisedAt: a.raisedAt.toISOString() })),
    orders,
    canAct: can(actor, 'supervision.act', { regionCode: e.regionCode }),
    canReply: can(actor, 'order.respond', { regionCode: e.regionCode, departmentCode: e.departmentCode }),
  };
}
