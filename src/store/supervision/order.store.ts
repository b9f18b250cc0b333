import type { Queryable } from '../db.js';

/** Supervision orders (督办) and the ledger (台账). */
export interface OrderRow {
  id: string; orderNo: string; regionCode: string; departmentCode: string; alertId: string | null; caseId: string | null; caseNo: string | null;
  subject: string; instructions: string; ownInitiative: boolean; status: 'issued' | 'answered' | 'first_reviewed' | 'returned' | 'accepted';
  responseDays: number; extensionDays: number; issuedBy: string | null; issuedAt: Date; dueAt: Date; answeredAt: Date | null;
  answer: { findings: string; attachments: unknown[]; by: string; at: string } | null; acceptedAt: Date | null; history: unknown[]; updatedAt: Date;
  /** Who issued it and who answered it: the account, and its officer and post where it has them. */
  issuedByAccountId: string | null; issuedByOfficerId: string | null; issuedByPost: string | null;
  answeredBy: { accountId: string | null; name: string | null; officerId: string | null; post: string | null } | null;
}

export const orderFromRow = (r: any): OrderRow => ({
  id: r.id, orderNo: r.order_no, regionCode: r.region_code, departmentCode: r.department_code, alertId: r.alert_id, caseId: r.case_id,
  caseNo: r.case_no, subject: r.subject, instructions: r.instructions, ownInitiative: r.own_initiative, status: r.status,
  responseDays: r.response_days, extensionDays: r.extension_days, issuedBy: r.issued_by, issuedAt: r.issued_at, dueAt: r.due_at,
  answeredAt: r.answered_at, answer: r.answer, acceptedAt: r.accepted_at, history: r.history, updatedAt: r.updated_at,
  issuedByAccountId: r.issued_by_account_id ?? null, issuedByOfficerId: r.issued_by_officer_id ?? null, issuedByPost: r.issued_by_post ?? null,
  answeredBy: r.answered_by_name != null || r.answered_by_account_id != null
    ? { accountId: r.answered_by_account_id ?? null, name: r.answered_by_name ?? null, officerId: r.answered_by_officer_id ?? null, post: r.answered_by_post ?? null } : null,
});

export async function insertOrder(q: Queryable, o: Omit<OrderRow, 'answeredAt' | 'answer' | 'acceptedAt' | 'updatedAt' | 'answeredBy'>): Promise<OrderRow> {
  const rows = await q.query(
    `INSERT INTO supervision_orders (id, order_no, region_code, department_code, alert_id, case_id, case_no, subject, instructions, own_initiative,
       status, response_days, extension_days, issued_by, issued_at, due_at, history, updated_at, issued_by_account_id, issued_by_officer_id, issued_by_post)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$15,$18,$19,$20) RETURNING *`,
    [o.id, o.orderNo, o.regionCode, o.departmentCode, o.alertId, o.caseId, o.caseNo, o.subject, o.instructions, o.ownInitiative,
      o.status, o.responseDays, o.extensionDays, o.issuedBy, o.issuedAt, o.dueAt, JSON.stringify(o.history),
      o.issuedByAccountId, o.issuedByOfficerId, o.issuedByPost]);
  return orderFromRow(rows[0]);
}

export async function getOrder(q: Queryable, id: string): Promise<OrderRow | null> {
  const rows = await q.query('SELECT * FROM supervision_orders WHERE id = $1', [id]);
  return rows.length ? orderFromRow(rows[0]) : null;
}

export async function getOrderForUpdate(q: Queryable, id: string): Promise<OrderRow | null> {
  const rows = await q.query('SELECT * FROM supervision_orders WHERE id = $1 FOR UPDATE', [id]);
  return rows.length ? orderFromRow(rows[0]) : null;
}

/**
 * Writes an order's new status and records the change as a row of supervision_order_actions in
 * the same statement: the history entry the caller appended last (every change appends one) with
 * the status before and after, and an answer with its findings and attachments (the row's copy is
 * replaced by the next answer after a return). The order row's facts cannot change (migration 0640).
 */
export async function saveOrder(q: Queryable, o: OrderRow, at: Date, actorId: string | null): Promise<OrderRow> {
  const last = (o.history.at(-1) ?? {}) as Record<string, unknown>;
  const rows = await q.query(
    `WITH old AS (SELECT status FROM supervision_orders WHERE id = $1),
     u AS (UPDATE supervision_orders SET status = $2, extension_days = $3, due_at = $4, answered_at = $5, answer = $6, accepted_at = $7,
       history = $8, response_days = $9, updated_at = $10, answered_by_account_id = $16, answered_by_name = $17, answered_by_officer_id = $18,
       answered_by_post = $19 WHERE id = $1 RETURNING *),
     a AS (INSERT INTO supervision_order_actions (order_id, at, actor_id, actor_name, action, from_status, to_status, reason, details)
       SELECT u.id, $10, $11, $12, $13, old.status, u.status, $14, $15 FROM u, old)
     SELECT * FROM u`,
    [o.id, o.status, o.extensionDays, o.dueAt, o.answeredAt, o.answer ? JSON.stringify(o.answer) : null, o.acceptedAt, JSON.stringify(o.history), o.responseDays, at,
      actorId, typeof last.by === 'string' ? last.by : null, typeof last.action === 'string' ? last.action : 'update',
      typeof last.reason === 'string' ? last.reason : null, JSON.stringify(last.action === 'answer' && o.answer ? { ...last, answer: o.answer } : last),
      o.answeredBy?.accountId ?? null, o.answeredBy?.name ?? null, o.answeredBy?.officerId ?? null, o.answeredBy?.post ?? null]);
  return orderFromRow(rows[0]);
}

/** An order's actions after its issue (the issue is the order row itself), oldest first. */
export async function orderActions(q: Queryable, id: string) {
  return q.query(`SELECT at, actor_id AS "actorId", actor_name AS "actorName", action, from_status AS "fromStatus", to_status AS "toStatus", reason, details
    FROM supervision_order_actions WHERE order_id = $1 ORDER BY id`, [id]);
}
