import type { Queryable } from '../db.js';
import { alertFromRow, type AlertRow } from '../supervision/alert.store.js';
import { orderFromRow, type OrderRow } from '../supervision/order.store.js';

/** The upper platform's side of 接口标准 §9: platform keys, the inbox, mirrored alerts, orders sent down. */

export async function insertPlatformKey(q: Queryable, k: { id: string; region: string; name: string; prefix: string; hash: string; createdBy: string | null; at: Date }): Promise<void> {
  await q.query(
    `INSERT INTO platform_keys (id, region_code, name, key_prefix, key_hash, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [k.id, k.region, k.name, k.prefix, k.hash, k.createdBy, k.at]);
}

export async function findPlatformKey(q: Queryable, hash: string): Promise<{ id: string; region: string; name: string } | null> {
  const rows = await q.query<any>('SELECT id, region_code, name FROM platform_keys WHERE key_hash = $1 AND revoked_at IS NULL', [hash]);
  return rows.length ? { id: rows[0].id, region: rows[0].region_code, name: rows[0].name } : null;
}

export async function touchPlatformKey(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(`UPDATE platform_keys SET last_seen_at = $2 WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < $2::timestamptz - interval '1 minute')`, [id, at]);
}

/** Claims forwarded rows not applied before; returns the seqs that are new (the others were applied already). */
export async function claimInbox(q: Queryable, region: string, instance: string, rows: { seq: number; kind: string }[], at: Date): Promise<Set<number>> {
  if (!rows.length) return new Set();
  const out = await q.query<{ seq: string | number }>(
    `INSERT INTO platform_inbox (region_code, instance, seq, kind, outcome, applied_at)
     SELECT $1, $2, x.seq, x.kind, 'applied', $5 FROM unnest($3::bigint[], $4::text[]) AS x(seq, kind)
     ON CONFLICT DO NOTHING RETURNING seq`,
    [region, instance, rows.map((r) => r.seq), rows.map((r) => r.kind), at]);
  return new Set(out.map((r) => Number(r.seq)));
}

export async function noteInboxOutcome(q: Queryable, region: string, instance: string, seq: number, outcome: string): Promise<void> {
  await q.query('UPDATE platform_inbox SET outcome = $4 WHERE region_code = $1 AND instance = $2 AND seq = $3', [region, instance, seq, outcome]);
}

/** The mirror of a lower alert (by the lower's id), locked. */
export async function mirroredAlert(q: Queryable, region: string, remoteId: string): Promise<AlertRow | null> {
  const rows = await q.query(
    `SELECT a.* FROM platform_alerts p JOIN supervision_alerts a ON a.id = p.alert_id WHERE p.region_code = $1 AND p.remote_id = $2 FOR UPDATE OF a`,
    [region, remoteId]);
  return rows.length ? alertFromRow(rows[0]) : null;
}

/** Where a mirror came from: the lower region and the lower's alert id. */
export async function mirrorOrigin(q: Queryable, alertId: string): Promise<{ region: string; remoteId: string } | null> {
  const rows = await q.query<any>('SELECT region_code, remote_id FROM platform_alerts WHERE alert_id = $1', [alertId]);
  return rows.length ? { region: rows[0].region_code, remoteId: rows[0].remote_id } : null;
}

export interface MirrorInput {
  id: string; region: string; remoteId: string; code: string; level: string; subjectKind: string; step: string | null;
  caseId: string | null; caseNo: string | null; itemCode: string | null; departmentCode: string | null; regionCode: string | null;
  status: string; message: string; details: unknown; manual: boolean; raisedBy: string | null; raisedAt: Date;
  escalationLevel: number; escalatedTo: string | null; response: unknown; closedAt: Date | null; closedReason: string | null; at: Date;
}

/**
 * Stores a lower alert as it is (code, level, case, step, raisedAt, status). Its subject is the
 * mirror itself, so it never meets this platform's own alerts in the one-open index; it carries
 * no timers (the lower turns and escalates it, and forwards each change).
 */
export async function insertMirror(q: Queryable, m: MirrorInput): Promise<void> {
  await q.query(
    `INSERT INTO supervision_alerts (id, code, level, subject_kind, subject_id, step, case_id, case_no, item_code, department_code, region_code,
       status, message, details, manual, raised_by, raised_at, escalation_level, escalated_to, response, closed_at, closed_reason, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23)`,
    [m.id, m.code, m.level, m.subjectKind, `platform:${m.region}:${m.remoteId}`, m.step ?? '', m.caseId, m.caseNo, m.itemCode, m.departmentCode, m.regionCode,
      m.status, m.message, JSON.stringify(m.details ?? null), m.manual, m.raisedBy, m.raisedAt, m.escalationLevel, m.escalatedTo,
      JSON.stringify(m.response ?? null), m.closedAt, m.closedReason, m.at]);
  await q.query('INSERT INTO platform_alerts (alert_id, region_code, remote_id) VALUES ($1, $2, $3)', [m.id, m.region, m.remoteId]);
}

/** Orders issued here on alerts mirrored from `region` that its platform has not acknowledged yet. */
export async function ordersToDeliver(q: Queryable, region: string, limit = 200): Promise<(OrderRow & { remoteAlertId: string })[]> {
  const rows = await q.query<any>(
    `SELECT o.*, p.remote_id AS remote_alert_id FROM platform_alerts p JOIN supervision_orders o ON o.alert_id = p.alert_id
     WHERE p.region_code = $1 AND NOT EXISTS (SELECT 1 FROM platform_order_acks k WHERE k.order_id = o.id)
     ORDER BY o.issued_at, o.id LIMIT $2`, [region, limit]);
  return rows.map((r) => ({ ...orderFromRow(r), remoteAlertId: r.remote_alert_id }));
}

export async function ackOrder(q: Queryable, orderId: string, region: string, at: Date): Promise<void> {
  await q.query('INSERT INTO platform_order_acks (order_id, region_code, acked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [orderId, region, at]);
}

/** The order and the region whose platform it was delivered to (through its mirrored alert), locked. */
export async function orderOfRegion(q: Queryable, orderId: string, region: string): Promise<OrderRow | null> {
  const rows = await q.query(
    `SELECT o.* FROM supervision_orders o JOIN platform_alerts p ON p.alert_id = o.alert_id WHERE o.id = $1 AND p.region_code = $2 FOR UPDATE OF o`,
    [orderId, region]);
  return rows.length ? orderFromRow(rows[0]) : null;
}

export async function caseIdByNo(q: Queryable, dept: string, caseNo: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>('SELECT id FROM cases WHERE department_code = $1 AND case_no = $2', [dept, caseNo]);
  return rows[0]?.id ?? null;
}
