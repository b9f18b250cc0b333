import type { Queryable } from '../db.js';

/** The lower platform's side of 接口标准 §9: the forwarding switch, the outbox, the orders delivered from above. */

export interface OutboxRow {
  seq: number;
  kind: string;
  data: unknown;
}

/**
 * Turns forwarding on or off. Turned on for the first time, the outbox is seeded, in the same
 * transaction, with everything stored before (regions, departments, officers, item versions,
 * case events, alerts): the upper misses nothing that was there before it was named.
 */
export async function setUpstreamLink(q: Queryable, o: { enabled: boolean; url: string | null; instance: string; at: Date }): Promise<{ seeded: boolean }> {
  const prior = await q.query<{ enabled: boolean }>('SELECT enabled FROM upstream_link WHERE id = 1 FOR UPDATE');
  await q.query(
    `INSERT INTO upstream_link (id, enabled, url, instance, updated_at) VALUES (1, $1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET enabled = EXCLUDED.enabled, url = EXCLUDED.url, updated_at = EXCLUDED.updated_at`,
    [o.enabled, o.url, o.instance, o.at]);
  if (!o.enabled || prior.length) return { seeded: false };
  // parents before children; versions in their order; events in arrival order; alerts as raised
  await q.query(`INSERT INTO upstream_outbox (kind, payload) SELECT 'region', to_jsonb(r) FROM regions r
                 ORDER BY CASE r.level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, r.code`);
  await q.query(`INSERT INTO upstream_outbox (kind, payload) SELECT 'department', to_jsonb(d) FROM departments d ORDER BY d.code`);
  await q.query(`INSERT INTO upstream_outbox (kind, payload) SELECT 'officer', to_jsonb(o) FROM officers o ORDER BY o.id`);
  await q.query(`INSERT INTO upstream_outbox (kind, payload) SELECT 'item', to_jsonb(v) FROM power_item_versions v ORDER BY v.created_at, v.item_code, v.version`);
  await q.query(`INSERT INTO upstream_outbox (kind, ref_seq) SELECT 'event', seq FROM case_events ORDER BY seq`);
  await q.query(`INSERT INTO upstream_outbox (kind, payload) SELECT 'alert', to_jsonb(a) FROM supervision_alerts a ORDER BY a.raised_at, a.id`);
  return { seeded: true };
}

export async function upstreamInstance(q: Queryable): Promise<string | null> {
  const rows = await q.query<{ instance: string }>('SELECT instance FROM upstream_link WHERE id = 1');
  return rows[0]?.instance ?? null;
}

/**
 * Takes the forwarding lease for this transaction: the link row, locked, or null while another
 * instance holds it (one sender at a time keeps the rows in order).
 */
export async function leaseUpstream(q: Queryable): Promise<{ instance: string } | null> {
  const rows = await q.query<{ instance: string }>('SELECT instance FROM upstream_link WHERE id = 1 AND enabled FOR UPDATE SKIP LOCKED');
  return rows[0] ?? null;
}

/** The oldest unsent rows, in seq order, events read with their content (§3 shape plus the department). */
export async function unsentRows(q: Queryable, limit: number): Promise<OutboxRow[]> {
  const rows = await q.query<{ seq: string | number; kind: string; payload: unknown; ev: unknown }>(
    `SELECT o.seq, o.kind, o.payload,
       CASE WHEN e.seq IS NULL THEN NULL ELSE json_build_object('department', e.department_code, 'eventId', e.event_id, 'caseNo', e.case_no,
         'type', e.type, 'occurredAt', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'actor', e.actor, 'data', e.data) END AS ev
     FROM (SELECT * FROM upstream_outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1) o
     LEFT JOIN case_events e ON o.kind = 'event' AND e.seq = o.ref_seq
     ORDER BY o.seq`, [limit]);
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, data: r.kind === 'event' ? r.ev : r.payload }));
}

export async function markSent(q: Queryable, seqs: number[], at: Date): Promise<void> {
  if (seqs.length) await q.query('UPDATE upstream_outbox SET sent_at = $2 WHERE seq = ANY($1::bigint[]) AND sent_at IS NULL', [seqs, at]);
}

/** Forgets rows the upper stored more than a day ago (the upper keeps them; a resend is never needed). */
export async function pruneSent(q: Queryable, before: Date): Promise<void> {
  await q.query('DELETE FROM upstream_outbox WHERE sent_at < $1', [before]);
}

export async function outboxBacklog(q: Queryable): Promise<number> {
  return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM upstream_outbox WHERE sent_at IS NULL'))[0].n;
}

/** The local order made for an order of the upper (null when none yet). */
export async function orderForUpstream(q: Queryable, upstreamOrderId: string): Promise<string | null> {
  const rows = await q.query<{ order_id: string }>('SELECT order_id FROM upstream_orders WHERE upstream_order_id = $1', [upstreamOrderId]);
  return rows[0]?.order_id ?? null;
}

export async function linkUpstreamOrder(q: Queryable, orderId: string, upstreamOrderId: string, at: Date): Promise<void> {
  await q.query('INSERT INTO upstream_orders (order_id, upstream_order_id, received_at) VALUES ($1, $2, $3)', [orderId, upstreamOrderId, at]);
}
