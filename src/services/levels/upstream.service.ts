import type { Actor } from '../../domain/org/policy.js';
import { getAlert } from '../../store/supervision/alert.store.js';
import { insertOrder } from '../../store/supervision/order.store.js';
import { linkUpstreamOrder, markSent, orderForUpstream, pruneSent, setUpstreamLink, unsentRows, upstreamInstance } from '../../store/levels/upstream.store.js';
import { audited } from '../audit.service.js';
import { setClock } from '../calendar/clocks.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';

/**
 * The lower platform's side of 接口标准 §9 (川办发〔2014〕2号 平台办法 第三、七条: 省、市、县三级):
 * the outbox (written by the triggers of migration 0740 in the transaction of each change) is sent
 * to the upper in seq order, a batch at a time; a batch is marked sent only once the upper has
 * stored it, and the upper applies each row once (its inbox), so a resend after an outage of
 * either side changes nothing. Orders issued above on forwarded alerts are pulled from the upper,
 * made local orders here (acknowledged upward by the outbox), and their answers travel up.
 */

const BATCH = 500;
const TIMEOUT_MS = 30_000;
const upstreamActor: Actor = { kind: 'system', name: 'upstream' };

/** At start: forwarding on when an upper is configured (the outbox seeded the first time), off otherwise. */
export async function configureUpstream(ctx: AppContext): Promise<{ enabled: boolean; seeded: boolean }> {
  const enabled = !!ctx.config.upstreamUrl;
  return ctx.db.tx(async (q) => {
    const instance = (await upstreamInstance(q)) ?? newId();
    if (!enabled && !(await upstreamInstance(q))) return { enabled, seeded: false };
    const { seeded } = await setUpstreamLink(q, { enabled, url: ctx.config.upstreamUrl, instance, at: ctx.clock.now() });
    return { enabled, seeded };
  });
}

async function call(ctx: AppContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
  const url = `${ctx.config.upstreamUrl!.replace(/\/+$/, '')}${path}`;
  const res = await fetch(url, {
    method, signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { authorization: `Bearer ${ctx.config.upstreamKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`上级平台答复 ${res.status} (upstream answered ${res.status}): ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Sends the unsent rows, a batch at a time, until none is left; returns how many were sent. */
export async function forwardOnce(ctx: AppContext): Promise<number> {
  if (!ctx.config.upstreamUrl) return 0;
  const instance = await upstreamInstance(ctx.db);
  if (!instance) return 0;
  let sent = 0;
  for (;;) {
    const rows = await unsentRows(ctx.db, BATCH);
    if (!rows.length) {
      if (sent) await pruneSent(ctx.db, new Date(ctx.wallClock.now().getTime() - 86_400_000));
      return sent;
    }
    await call(ctx, 'POST', '/api/platform/v1/forward', { instance, rows });
    await markSent(ctx.db, rows.map((r) => r.seq), ctx.wallClock.now());
    sent += rows.length;
    if (rows.length < BATCH) {
      await pruneSent(ctx.db, new Date(ctx.wallClock.now().getTime() - 86_400_000));
      return sent;
    }
  }
}

interface UpstreamOrder {
  id: string; orderNo: string; alertId: string; departmentCode: string; caseNo: string | null; subject: string; instructions: string;
  ownInitiative: boolean; responseDays: number; issuedBy: string | null; issuedAt: string; dueAt: string;
}

/** Pulls the orders issued above on this platform's alerts and makes each a local order once; returns how many were new. */
export async function pullOrders(ctx: AppContext): Promise<number> {
  if (!ctx.config.upstreamUrl) return 0;
  const { orders } = (await call(ctx, 'GET', '/api/platform/v1/orders')) as { orders: UpstreamOrder[] };
  let made = 0;
  for (const o of orders) if (await receiveOrder(ctx, o)) made++;
  return made;
}

/** 盐城电子监察办法 第十九条: an order of the level above, delivered to the department here (idempotent by its id). */
async function receiveOrder(ctx: AppContext, u: UpstreamOrder): Promise<boolean> {
  return audited(ctx, upstreamActor, {
    action: 'order.receive', target: u.orderNo,
    run: async (q) => {
      if (await orderForUpstream(q, u.id)) return false; // delivered before; its acknowledgement is on its way up
      const a = await getAlert(q, u.alertId);
      if (!a || !a.departmentCode || !a.regionCode) {
        ctx.log.warn({ order: u.orderNo, alert: u.alertId }, 'order from the upper names an alert unknown here');
        return false;
      }
      const id = newId();
      const issuedAt = new Date(u.issuedAt);
      // the upper's limit, counted on this platform's calendar from the issuing instant
      const clock = await setClock(q, ctx, { ownerKind: 'order', ownerId: id, kind: 'response', regionCode: a.regionCode, start: issuedAt, workingDays: u.responseDays });
      const by = `${u.issuedBy ?? ''}（上级平台）`;
      await insertOrder(q, {
        id, orderNo: u.orderNo, regionCode: a.regionCode, departmentCode: a.departmentCode, alertId: a.id, caseId: a.caseId, caseNo: a.caseNo,
        subject: u.subject, instructions: u.instructions, ownInitiative: u.ownInitiative, status: 'issued', responseDays: u.responseDays, extensionDays: 0,
        issuedBy: by, issuedAt, dueAt: clock.dueAt, history: [{ at: issuedAt.toISOString(), by, action: 'issue', dueAt: clock.dueAt.toISOString(), upstream: true }],
        issuedByAccountId: null, issuedByOfficerId: null, issuedByPost: null, // issued above: the upper platform keeps who
      });
      await linkUpstreamOrder(q, id, u.id, ctx.clock.now());
      return true;
    },
    details: (made) => ({ upstreamOrderId: u.id, made }),
  });
}
