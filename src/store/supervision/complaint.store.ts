import type { Queryable } from '../db.js';

/** Complaints, reports and consultations (投诉举报、咨询). */
export interface ComplaintRow {
  id: string; complaintNo: string; queryCodeHash: string; kind: 'complaint' | 'report' | 'consultation'; realName: boolean;
  complainant: { name?: string; phone?: string; address?: string; sealed?: string } | null; regionCode: string; departmentCode: string | null; caseNo: string | null;
  subject: string; content: string; source: 'hall' | 'staff'; status: 'submitted' | 'accepted' | 'not_accepted' | 'transferred' | 'concluded';
  receivedAt: Date; acceptanceDueAt: Date; decidedAt: Date | null; decisionReason: string | null; notice: string | null;
  transferDepartment: string | null; transferDueAt: Date | null; result: string | null; resultAt: Date | null; history: unknown[]; updatedAt: Date;
  /** The finding at conclusion: 属实 (true) or not (false); null when none was recorded (§8 COMPLAINTS_UPHELD). */
  upheld: boolean | null;
}

export const complaintFromRow = (r: any): ComplaintRow => ({
  id: r.id, complaintNo: r.complaint_no, queryCodeHash: r.query_code_hash, kind: r.kind, realName: r.real_name, complainant: r.complainant,
  regionCode: r.region_code, departmentCode: r.department_code, caseNo: r.case_no, subject: r.subject, content: r.content, source: r.source,
  status: r.status, receivedAt: r.received_at, acceptanceDueAt: r.acceptance_due_at, decidedAt: r.decided_at, decisionReason: r.decision_reason,
  notice: r.notice, transferDepartment: r.transfer_department, transferDueAt: r.transfer_due_at, result: r.result, resultAt: r.result_at,
  history: r.history, updatedAt: r.updated_at, upheld: r.upheld ?? null,
});

export async function insertComplaint(q: Queryable, c: ComplaintRow): Promise<void> {
  await q.query(
    `INSERT INTO complaints (id, complaint_no, query_code_hash, kind, real_name, complainant, region_code, department_code, case_no, subject, content,
       source, status, received_at, acceptance_due_at, history, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$14)`,
    [c.id, c.complaintNo, c.queryCodeHash, c.kind, c.realName, c.complainant ? JSON.stringify(c.complainant) : null, c.regionCode, c.departmentCode,
      c.caseNo, c.subject, c.content, c.source, c.status, c.receivedAt, c.acceptanceDueAt, JSON.stringify(c.history)]);
}

export async function getComplaint(q: Queryable, id: string, forUpdate = false): Promise<ComplaintRow | null> {
  const rows = await q.query(`SELECT * FROM complaints WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return rows.length ? complaintFromRow(rows[0]) : null;
}

export async function getComplaintByNo(q: Queryable, no: string): Promise<ComplaintRow | null> {
  const rows = await q.query('SELECT * FROM complaints WHERE complaint_no = $1', [no]);
  return rows.length ? complaintFromRow(rows[0]) : null;
}

/** What a complaint's action wrote that its row keeps only as the latest value: the notice of a decision, the result. */
const kept = (c: ComplaintRow, action: unknown) =>
  action === 'conclude' ? { result: c.result } : action === 'accept' || action === 'not_accept' ? { notice: c.notice } : {};

/**
 * Writes a complaint's new status and records the change as a row of complaint_actions in the
 * same statement: the history entry the caller appended last, with the status before and after.
 */
export async function saveComplaint(q: Queryable, c: ComplaintRow, at: Date, actorId: string | null): Promise<ComplaintRow> {
  const last = (c.history.at(-1) ?? {}) as Record<string, unknown>;
  const rows = await q.query(
    `WITH old AS (SELECT status FROM complaints WHERE id = $1),
     u AS (UPDATE complaints SET status = $2, decided_at = $3, decision_reason = $4, notice = $5, transfer_department = $6, transfer_due_at = $7,
       result = $8, result_at = $9, history = $10, department_code = $11, updated_at = $12, upheld = $18 WHERE id = $1 RETURNING *),
     a AS (INSERT INTO complaint_actions (complaint_id, at, actor_id, actor_name, action, from_status, to_status, reason, details)
       SELECT u.id, $12, $13, $14, $15, old.status, u.status, $16, $17 FROM u, old)
     SELECT * FROM u`,
    [c.id, c.status, c.decidedAt, c.decisionReason, c.notice, c.transferDepartment, c.transferDueAt, c.result, c.resultAt, JSON.stringify(c.history), c.departmentCode, at,
      actorId, typeof last.by === 'string' ? last.by : null, typeof last.action === 'string' ? last.action : 'update',
      typeof last.reason === 'string' ? last.reason : null, JSON.stringify({ ...last, ...kept(c, last.action) }), c.upheld]);
  return complaintFromRow(rows[0]);
}
