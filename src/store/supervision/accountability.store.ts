import type { Queryable } from '../db.js';
import type { ScopeFilter } from '../../domain/org/policy.js';
import { scopeSql, Where } from '../scope-sql.js';

export type AccountabilityKind = 'liability_proposal' | 'inquiry' | 'interview' | 'admonition' | 'circular';
export type AccountabilityStatus = 'draft' | 'served' | 'replied' | 'closed';

/** A 问责 entry: against a department, a post or an officer, with what led to it. */
export interface AccountabilityEntry {
  id: string; entryNo: string; regionCode: string; kind: AccountabilityKind;
  targetKind: 'department' | 'post' | 'officer'; departmentCode: string; postId: string | null; officerId: string | null; targetName: string;
  reason: string; requirement: string; replyDueAt: Date | null;
  alertIds: string[]; orderIds: string[]; evaluationPeriods: { regionCode: string; period: string }[];
  status: AccountabilityStatus; reply: string | null; repliedAt: Date | null; closedAt: Date | null; conclusion: string | null;
  createdById: string | null; createdByName: string | null; createdAt: Date; updatedAt: Date;
  /** The 抽查 finding the entry came from (migration 0900), if any. */
  samplingFindingId?: string | null;
}

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
const date = (v: unknown) => (v == null ? null : new Date(v as string));

export const entryFromRow = (r: Record<string, any>): AccountabilityEntry => ({
  id: r.id, entryNo: r.entry_no, regionCode: r.region_code, kind: r.kind, targetKind: r.target_kind, departmentCode: r.department_code,
  postId: r.post_id, officerId: r.officer_id, targetName: r.target_name, reason: r.reason, requirement: r.requirement, replyDueAt: date(r.reply_due_at),
  alertIds: json(r.alert_ids), orderIds: json(r.order_ids), evaluationPeriods: json(r.evaluation_periods),
  status: r.status, reply: r.reply, repliedAt: date(r.replied_at), closedAt: date(r.closed_at), conclusion: r.conclusion,
  createdById: r.created_by_id, createdByName: r.created_by_name, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
  samplingFindingId: r.sampling_finding_id ?? null,
});

export async function insertEntry(q: Queryable, e: AccountabilityEntry): Promise<void> {
  await q.query(
    `INSERT INTO accountability_entries (id, entry_no, region_code, kind, target_kind, department_code, post_id, officer_id, target_name, reason, requirement,
       reply_due_at, alert_ids, order_ids, evaluation_periods, status, reply, replied_at, closed_at, conclusion, created_by_id, created_by_name, created_at, updated_at,
       sampling_finding_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::jsonb,$14::jsonb,$15::jsonb,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25)`,
    [e.id, e.entryNo, e.regionCode, e.kind, e.targetKind, e.departmentCode, e.postId, e.officerId, e.targetName, e.reason, e.requirement,
      e.replyDueAt, JSON.stringify(e.alertIds), JSON.stringify(e.orderIds), JSON.stringify(e.evaluationPeriods), e.status, e.reply, e.repliedAt,
      e.closedAt, e.conclusion, e.createdById, e.createdByName, e.createdAt, e.updatedAt, e.samplingFindingId ?? null]);
}

/** Writes the status columns (the only ones the database lets change). */
export async function saveEntryStatus(q: Queryable, e: AccountabilityEntry): Promise<void> {
  await q.query(
    `UPDATE accountability_entries SET status = $2, reply = $3, replied_at = $4, closed_at = $5, conclusion = $6, updated_at = $7 WHERE id = $1`,
    [e.id, e.status, e.reply, e.repliedAt, e.closedAt, e.conclusion, e.updatedAt]);
}

export async function getEntry(q: Queryable, id: string, forUpdate = false): Promise<AccountabilityEntry | null> {
  const [r] = await q.query(`SELECT * FROM accountability_entries WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return r ? entryFromRow(r) : null;
}

export interface EntryAction {
  at: Date; actorId: string | null; actorName: string | null; action: string; fromStatus: string | null; toStatus: string; note: string | null; details: unknown;
}

export async function insertEntryAction(q: Queryable, entryId: string, a: EntryAction): Promise<void> {
  await q.query(
    `INSERT INTO accountability_actions (entry_id, at, actor_id, actor_name, action, from_status, to_status, note, details) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb)`,
    [entryId, a.at, a.actorId, a.actorName, a.action, a.fromStatus, a.toStatus, a.note, JSON.stringify(a.details ?? null)]);
}

export async function entryActions(q: Queryable, entryId: string): Promise<EntryAction[]> {
  const rows = await q.query(`SELECT * FROM accountability_actions WHERE entry_id = $1 ORDER BY id`, [entryId]);
  return rows.map((r) => ({ at: new Date(r.at), actorId: r.actor_id, actorName: r.actor_name, action: r.action, fromStatus: r.from_status, toStatus: r.to_status, note: r.note, details: r.details }));
}

export interface RegisterFilter { regionPrefix?: string; department?: string; kind?: string; status?: string; from?: Date; to?: Date; alertId?: string }

/** 问责台账: the entries a scope may see, newest first, with department names. */
export async function listEntries(q: Queryable, scope: ScopeFilter, f: RegisterFilter): Promise<(AccountabilityEntry & { departmentName: string | null })[]> {
  const w = new Where();
  w.conds.push(scopeSql(scope, w.params, { region: 'e.region_code', dept: 'e.department_code' }));
  if (f.regionPrefix) w.add('e.region_code LIKE ?', `${f.regionPrefix}%`);
  if (f.department) w.add('e.department_code = ?', f.department);
  if (f.kind) w.add('e.kind = ?', f.kind);
  if (f.status) w.add('e.status = ?', f.status);
  if (f.from) w.add('e.created_at >= ?', f.from);
  if (f.to) w.add('e.created_at < ?', f.to);
  if (f.alertId) w.add('e.alert_ids @> ?::jsonb', JSON.stringify([f.alertId]));
  const rows = await q.query(
    `SELECT e.*, d.name AS department_name FROM accountability_entries e LEFT JOIN departments d ON d.code = e.department_code ${w.sql}
     ORDER BY e.created_at DESC, e.rec_seq DESC LIMIT 1000`, w.params);
  return rows.map((r) => ({ ...entryFromRow(r), departmentName: r.department_name ?? null }));
}

/** The names and facts a new entry is checked against. */
export async function postOf(q: Queryable, id: string): Promise<{ id: string; name: string; departmentCode: string } | null> {
  const [r] = await q.query<{ id: string; name: string; department_code: string }>('SELECT id, name, department_code FROM posts WHERE id = $1', [id]);
  return r ? { id: r.id, name: r.name, departmentCode: r.department_code } : null;
}

export async function officerOf(q: Queryable, id: string): Promise<{ id: string; name: string; departmentCode: string } | null> {
  const [r] = await q.query<{ id: string; name: string; department_code: string }>('SELECT id, name, department_code FROM officers WHERE id = $1', [id]);
  return r ? { id: r.id, name: r.name, departmentCode: r.department_code } : null;
}

export async function orderFacts(q: Queryable, ids: string[]): Promise<{ id: string; orderNo: string; departmentCode: string; regionCode: string; subject: string; status: string }[]> {
  if (!ids.length) return [];
  const rows = await q.query(`SELECT id, order_no, department_code, region_code, subject, status FROM supervision_orders WHERE id = ANY($1::text[])`, [ids]);
  return rows.map((r) => ({ id: r.id, orderNo: r.order_no, departmentCode: r.department_code, regionCode: r.region_code, subject: r.subject, status: r.status }));
}

export async function alertFacts(q: Queryable, ids: string[]): Promise<{ id: string; level: string; message: string; caseNo: string | null; departmentCode: string | null; regionCode: string | null; status: string; raisedAt: Date }[]> {
  if (!ids.length) return [];
  const rows = await q.query(`SELECT id, level, message, case_no, department_code, region_code, status, raised_at FROM supervision_alerts WHERE id = ANY($1::text[])`, [ids]);
  return rows.map((r) => ({ id: r.id, level: r.level, message: r.message, caseNo: r.case_no, departmentCode: r.department_code, regionCode: r.region_code, status: r.status, raisedAt: new Date(r.raised_at) }));
}

/** Whether an evaluation period has a result (approved or published) for the region. */
export async function evaluationPeriodExists(q: Queryable, regionCode: string, period: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM evaluation_results WHERE region_code = $1 AND period = $2 LIMIT 1', [regionCode, period]);
  return rows.length > 0;
}

/** Departments that already have an entry linked to a region's evaluation period (an approval proposes once). */
export async function departmentsWithPeriodEntry(q: Queryable, regionCode: string, period: string): Promise<Set<string>> {
  const rows = await q.query(`SELECT DISTINCT department_code FROM accountability_entries WHERE evaluation_periods @> $1::jsonb`,
    [JSON.stringify([{ regionCode, period }])]);
  return new Set(rows.map((r) => r.department_code as string));
}
