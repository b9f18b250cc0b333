import type { Actor } from '../../domain/org/policy.js';
import { inRegion } from '../../domain/org/region.js';
import type { Queryable } from '../../store/db.js';
import {
  ackOrder, caseIdByNo, claimInbox, insertMirror, mirroredAlert, noteInboxOutcome, orderOfRegion, ordersToDeliver,
} from '../../store/levels/platform.store.js';
import * as org from '../../store/org.store.js';
import { updateAlert, type AlertStatus } from '../../store/supervision/alert.store.js';
import { saveOrder } from '../../store/supervision/order.store.js';
import { audited } from '../audit.service.js';
import { closeClocks } from '../calendar/clocks.js';
import { importItemsDetailed } from '../catalog/import-items.js';
import { ingestEvents } from '../cases/ingest.service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { platformFromHeader, type PlatformKeyActor } from './platform-key.service.js';

/**
 * The upper platform's side of 接口标准 §9 (二次监管; 盐城电子监察办法 第四、十九条): rows a lower
 * platform forwards from its outbox are applied in the order sent, each once (platform_inbox),
 * all of one request in one transaction. What lies outside the key's region is skipped.
 * The lower's case events go through this platform's own event store (§5 reads, case views);
 * its alerts are mirrored as they are, and no rule of this platform runs on its cases.
 */

export interface ForwardedRow {
  seq: number;
  kind: string;
  data: any;
}

export interface ForwardResult {
  applied: number;
  duplicates: number;
  /** Rows stored nowhere, with why (kept in the inbox, never asked again). */
  skipped: { seq: number; outcome: string }[];
}

const quiet = new WeakMap<AppContext, AppContext>();
/**
 * The context forwarded cases are stored in: the supervision observers are replaced by one that
 * asks for no check (the lower supervises its cases and forwards its alerts; the sweep never picks
 * them up), and no catalog listener raises this platform's own disclosure alerts.
 */
function forwardingContext(ctx: AppContext): AppContext {
  let c = quiet.get(ctx);
  if (!c) {
    c = { ...ctx, hooks: { ...ctx.hooks, caseChanged: [{ onCaseChanged: async () => ({ nextCheckAt: null }) }] } };
    quiet.set(ctx, c);
  }
  return c;
}

export async function receiveForwarded(ctx: AppContext, authorization: string | undefined, body: { instance: string; rows: ForwardedRow[] }): Promise<ForwardResult> {
  const key = await platformFromHeader(ctx, authorization);
  const actor: Actor = { kind: 'system', name: `platform:${key.region}` };
  return audited(ctx, actor, {
    action: 'platform.forward', target: key.region,
    run: (q) => applyRows(q, ctx, key, body.instance, body.rows),
    details: (r) => ({ instance: body.instance, rows: body.rows.length, applied: r.applied, duplicates: r.duplicates, skipped: r.skipped.length,
      first: body.rows[0]?.seq ?? null, last: body.rows.at(-1)?.seq ?? null }),
  });
}

async function applyRows(q: Queryable, ctx: AppContext, key: PlatformKeyActor, instance: string, rows: ForwardedRow[]): Promise<ForwardResult> {
  const now = ctx.clock.now();
  const fresh = await claimInbox(q, key.region, instance, rows, now);
  const out: ForwardResult = { applied: 0, duplicates: rows.length - fresh.size, skipped: [] };
  const skip = async (seq: number, outcome: string) => {
    out.skipped.push({ seq, outcome });
    await noteInboxOutcome(q, key.region, instance, seq, outcome);
  };
  const todo = rows.filter((r) => fresh.has(r.seq));
  for (let i = 0; i < todo.length; i++) {
    const r = todo[i];
    if (r.kind === 'event') {
      // consecutive events of one department are stored as one batch
      let j = i;
      while (j + 1 < todo.length && todo[j + 1].kind === 'event' && todo[j + 1].data?.department === r.data?.department) j++;
      const run = todo.slice(i, j + 1);
      i = j;
      const problem = await applyEvents(q, ctx, key, run);
      for (const [seq, why] of problem) await skip(seq, why);
      out.applied += run.length - problem.size;
      continue;
    }
    const why = await applyOne(q, ctx, key, r, now);
    if (why) await skip(r.seq, why);
    else out.applied++;
  }
  return out;
}

const outside = (key: PlatformKeyActor, code: unknown) => typeof code !== 'string' || !inRegion(key.region, code);

/** Stores a run of one department's events through the event store; returns the refused ones by seq. */
async function applyEvents(q: Queryable, ctx: AppContext, key: PlatformKeyActor, run: ForwardedRow[]): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  const deptCode = run[0].data?.department;
  const dept = typeof deptCode === 'string' ? await org.getDepartment(q, deptCode) : null;
  if (!dept || outside(key, dept.region)) {
    for (const r of run) refused.set(r.seq, dept ? 'outside the platform key\'s region' : `unknown department ${deptCode}`);
    return refused;
  }
  const events = run.map((r) => {
    const { department: _d, ...e } = r.data;
    return e;
  });
  const res = await ingestEvents(q, forwardingContext(ctx), { departmentCode: dept.code, regionCode: dept.region, source: 'exchange', events });
  for (const rj of res.rejected) refused.set(run[rj.index].seq, `${rj.code}: ${rj.message}`);
  return refused;
}

/** Applies one row that is not a case event; returns why it was skipped, or null. */
async function applyOne(q: Queryable, ctx: AppContext, key: PlatformKeyActor, r: ForwardedRow, now: Date): Promise<string | null> {
  const d = r.data ?? {};
  switch (r.kind) {
    case 'region': {
      if (outside(key, d.code)) return 'outside the platform key\'s region';
      await org.upsertRegion(q, { code: d.code, name: d.name, parent: d.parent_code ?? null });
      return null;
    }
    case 'department': {
      if (outside(key, d.region_code)) return 'outside the platform key\'s region';
      if (!(await org.getRegion(q, d.region_code))) return `unknown region ${d.region_code}`;
      await org.upsertDepartment(q, { code: d.code, name: d.name, region: d.region_code });
      return null;
    }
    case 'officer': {
      const dept = await org.getDepartment(q, d.department_code);
      if (!dept) return `unknown department ${d.department_code}`;
      if (outside(key, dept.region)) return 'outside the platform key\'s region';
      await org.upsertOfficer(q, { id: d.id, name: d.name, department: dept.code, certificateNo: d.certificate_no ?? null, validUntil: d.valid_until ?? null });
      return null;
    }
    case 'item': return applyItem(q, ctx, key, d);
    case 'alert':
    case 'alert.status': return applyAlert(q, key, d, now);
    case 'order.received': {
      const o = await orderOfRegion(q, d.upstream_order_id, key.region);
      if (!o) return `unknown order ${d.upstream_order_id}`;
      await ackOrder(q, o.id, key.region, now);
      return null;
    }
    case 'order.answer': return applyAnswer(q, key, d, now);
    default: return `unknown kind ${r.kind}`;
  }
}

async function applyItem(q: Queryable, ctx: AppContext, key: PlatformKeyActor, v: any): Promise<string | null> {
  const c = v.content ?? {};
  if (outside(key, c.regionCode)) return 'outside the platform key\'s region';
  const input = {
    code: c.code, name: c.name, category: c.category, department: c.departmentCode, legalBasis: c.legalBasis, legalLimitDays: c.legalLimitDays,
    promisedLimitDays: c.promisedLimitDaysMissing ? undefined : c.promisedLimitDays, fees: c.fees, materials: c.materials, confidential: c.confidential,
    flow: c.flow, discretion: c.discretion, status: v.status ?? c.status, location: c.location, phone: c.phone, guide: c.guide, remedies: c.remedies,
    effectiveFrom: v.effective_from,
  };
  const res = await importItemsDetailed(q, forwardingContext(ctx), { kind: 'system', name: `platform:${key.region}` }, [input]);
  return res.refused.length ? res.refused[0].error : null;
}

const date = (v: unknown) => (v == null ? null : new Date(v as string));

/** A lower alert, mirrored as it is; a later row of the same alert brings its new status and level. */
async function applyAlert(q: Queryable, key: PlatformKeyActor, a: any, now: Date): Promise<string | null> {
  if (outside(key, a.region_code)) return 'outside the platform key\'s region';
  const mirror = await mirroredAlert(q, key.region, a.id);
  if (!mirror) {
    await insertMirror(q, {
      id: newId(), region: key.region, remoteId: a.id, code: a.code, level: a.level, subjectKind: a.subject_kind, step: a.step || null,
      caseId: a.case_no && a.department_code ? await caseIdByNo(q, a.department_code, a.case_no) : null, caseNo: a.case_no ?? null,
      itemCode: a.item_code ?? null, departmentCode: a.department_code ?? null, regionCode: a.region_code, status: a.status, message: a.message,
      details: a.details, manual: !!a.manual, raisedBy: a.raised_by ?? null, raisedAt: new Date(a.raised_at), escalationLevel: a.escalation_level ?? 0,
      escalatedTo: a.escalated_to ?? null, response: a.response, closedAt: date(a.closed_at), closedReason: a.closed_reason ?? null, at: now,
    });
    return null;
  }
  if (mirror.status === a.status && mirror.level === a.level) return null;
  await updateAlert(q, mirror, {
    status: a.status as AlertStatus, level: a.level, escalationLevel: a.escalation_level ?? mirror.escalationLevel, escalatedTo: a.escalated_to ?? null,
    response: a.response ?? null, closedAt: date(a.closed_at), closedReason: a.closed_reason ?? null,
  }, { at: now, actorId: null, actorName: `下级平台 ${key.region} (lower platform)`, action: 'platform.status', reason: a.closed_reason ?? null });
  return null;
}

/** 盐城电子监察办法 第二十条: the lower department's written answer to an order issued here. */
async function applyAnswer(q: Queryable, key: PlatformKeyActor, d: any, now: Date): Promise<string | null> {
  const o = await orderOfRegion(q, d.upstreamOrderId, key.region);
  if (!o) return `unknown order ${d.upstreamOrderId}`;
  if (o.status !== 'issued' && o.status !== 'returned') return `order ${o.orderNo} is ${o.status}`;
  const at = date(d.answeredAt) ?? now;
  const by = `${d.answer?.by ?? ''}（下级平台 ${key.region}）`;
  o.status = 'answered';
  o.answeredAt = at;
  o.answer = { findings: d.answer?.findings ?? '', attachments: d.answer?.attachments ?? [], by, at: at.toISOString() };
  o.history = [...o.history, { at: at.toISOString(), by, action: 'answer', late: at > o.dueAt, platform: key.region }];
  await closeClocks(q, 'order', o.id, 'response');
  await saveOrder(q, o, now, `platform:${key.region}`);
  return null;
}

/** `GET /api/platform/v1/orders`: the orders issued here on the key's region's forwarded alerts, not acknowledged yet. */
export async function ordersForPlatform(ctx: AppContext, authorization: string | undefined) {
  const key = await platformFromHeader(ctx, authorization);
  const orders = await ordersToDeliver(ctx.db, key.region);
  return {
    orders: orders.map((o) => ({
      id: o.id, orderNo: o.orderNo, alertId: o.remoteAlertId, departmentCode: o.departmentCode, caseNo: o.caseNo, subject: o.subject,
      instructions: o.instructions, ownInitiative: o.ownInitiative, responseDays: o.responseDays, issuedBy: o.issuedBy,
      issuedAt: o.issuedAt.toISOString(), dueAt: o.dueAt.toISOString(), status: o.status,
    })),
  };
}

