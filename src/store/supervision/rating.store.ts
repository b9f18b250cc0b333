import type { Queryable } from '../db.js';
import { scopeSql } from '../scope-sql.js';
import type { ScopeFilter } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';

/** 好差评: satisfaction ratings (append-only, migration 0640/0890) and the 差评 tasks with their actions. */

export interface RatingRow {
  id: string | null;
  subjectKind: 'case' | 'complaint';
  caseId: string | null; caseNo: string | null; complaintId: string | null; complaintNo: string | null;
  departmentCode: string | null; regionCode: string | null;
  rating: number; indicators: Record<string, number> | null; reason: string | null; comment: string | null;
  channel: 'hall' | 'window' | 'sms' | null; realName: boolean | null; raterName: string | null; raterPhone: string | null;
  ratedAt: Date;
}

const ratingFromRow = (r: any): RatingRow => ({
  id: r.id ?? null, subjectKind: r.complaint_id ? 'complaint' : 'case', caseId: r.case_id, caseNo: r.case_no, complaintId: r.complaint_id, complaintNo: r.complaint_no,
  departmentCode: r.department_code, regionCode: r.region_code, rating: r.rating, indicators: r.indicators ?? null, reason: r.reason ?? null, comment: r.comment ?? null,
  channel: r.channel ?? null, realName: r.real_name ?? null, raterName: r.rater_name ?? null, raterPhone: r.rater_phone ?? null, ratedAt: r.rated_at,
});

/** The concluded-or-not case a number and query code name (not confidential). */
export async function caseForRating(q: Queryable, caseNo: string, queryCode: string) {
  return q.query<{ id: string; case_no: string; department_code: string; region_code: string; status: string }>(
    `SELECT id, case_no, department_code, region_code, status FROM cases WHERE case_no = $1 AND query_code = $2 AND NOT confidential LIMIT 2`, [caseNo, queryCode]);
}

export async function ratingExists(q: Queryable, by: { caseId?: string; complaintId?: string }): Promise<boolean> {
  const rows = by.caseId
    ? await q.query('SELECT 1 FROM satisfaction_ratings WHERE case_id = $1', [by.caseId])
    : await q.query('SELECT 1 FROM satisfaction_ratings WHERE complaint_id = $1', [by.complaintId]);
  return rows.length > 0;
}

/** Inserts a rating once per case or complaint (一事一评); false when one is already stored. */
export async function insertRating(q: Queryable, r: RatingRow): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO satisfaction_ratings (id, case_id, case_no, complaint_id, complaint_no, department_code, region_code, rating, indicators, reason, comment,
       channel, real_name, rater_name, rater_phone, rated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) ON CONFLICT DO NOTHING RETURNING rating`,
    [r.id, r.caseId, r.caseNo, r.complaintId, r.complaintNo, r.departmentCode, r.regionCode, r.rating, r.indicators ? JSON.stringify(r.indicators) : null,
      r.reason, r.comment, r.channel, r.realName, r.raterName, r.raterPhone, r.ratedAt]);
  return rows.length === 1;
}

export interface RatingFilter { scope: ScopeFilter; region?: string; department?: string; level?: 'good' | 'neutral' | 'bad'; from?: Date; to?: Date }

function ratingWhere(f: RatingFilter, params: unknown[]): string {
  const conds = [scopeSql(f.scope, params, { region: 'r.region_code', dept: 'r.department_code' })];
  if (f.region) { params.push(`${regionPrefix(f.region)}%`); conds.push(`r.region_code LIKE $${params.length}`); }
  if (f.department) { params.push(f.department); conds.push(`r.department_code = $${params.length}`); }
  if (f.level === 'good') conds.push('r.rating >= 4');
  if (f.level === 'neutral') conds.push('r.rating = 3');
  if (f.level === 'bad') conds.push('r.rating <= 2');
  if (f.from) { params.push(f.from); conds.push(`r.rated_at >= $${params.length}`); }
  if (f.to) { params.push(f.to); conds.push(`r.rated_at < $${params.length}`); }
  return conds.join(' AND ');
}

export async function listRatings(q: Queryable, f: RatingFilter, limit = 500, offset = 0): Promise<(RatingRow & { taskId: string | null; taskStatus: string | null; departmentName: string | null })[]> {
  const params: unknown[] = [];
  const rows = await q.query(
    `SELECT r.*, t.id AS task_id, t.status AS task_status, d.name AS department_name FROM satisfaction_ratings r
       LEFT JOIN bad_rating_tasks t ON t.rating_id = r.id LEFT JOIN departments d ON d.code = r.department_code
     WHERE ${ratingWhere(f, params)} ORDER BY r.rated_at DESC, r.rec_seq DESC LIMIT ${Math.min(limit, 1000)} OFFSET ${Math.max(0, Math.trunc(offset))}`, params);
  return rows.map((r) => ({ ...ratingFromRow(r), taskId: r.task_id ?? null, taskStatus: r.task_status ?? null, departmentName: r.department_name ?? null }));
}

/** The counts the 好差评 rates are made from (one row; every figure a count of ratings or tasks). */
export async function ratingCounts(q: Queryable, f: RatingFilter) {
  const params: unknown[] = [];
  const rows = await q.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE r.rating >= 4)::int AS good, count(*) FILTER (WHERE r.rating = 3)::int AS neutral,
        count(*) FILTER (WHERE r.rating <= 2)::int AS bad,
        count(t.id) FILTER (WHERE t.status = 'excluded')::int AS excluded,
        count(t.id) FILTER (WHERE t.real_name AND t.status <> 'excluded')::int AS real_name_bad,
        count(t.id) FILTER (WHERE t.real_name AND t.status <> 'excluded' AND t.visited_at IS NOT NULL)::int AS visited,
        count(t.id) FILTER (WHERE t.rectified_at IS NOT NULL AND t.status <> 'excluded')::int AS rectified,
        count(t.id) FILTER (WHERE t.rectified_at IS NOT NULL AND t.rectified_at <= t.rectify_due_at AND t.status <> 'excluded')::int AS rectified_on_time,
        count(t.id) FILTER (WHERE t.status = 'closed')::int AS closed
     FROM satisfaction_ratings r LEFT JOIN bad_rating_tasks t ON t.rating_id = r.id WHERE ${ratingWhere(f, params)}`, params);
  return rows[0] as { total: number; good: number; neutral: number; bad: number; excluded: number; real_name_bad: number; visited: number; rectified: number; rectified_on_time: number; closed: number };
}

// ---- 差评 tasks

export type TaskStatus = 'visit' | 'rectify' | 'feedback' | 'review' | 'contested' | 'closed' | 'excluded';

export interface TaskRow {
  id: string; taskNo: string; ratingId: string; subjectKind: 'case' | 'complaint'; subjectNo: string; departmentCode: string | null; regionCode: string;
  rating: number; realName: boolean; openedAt: Date; status: TaskStatus; resumeStatus: TaskStatus | null;
  visitedAt: Date | null; rectifyDueAt: Date | null; rectifiedAt: Date | null; fedBackAt: Date | null; closedAt: Date | null; excluded: boolean | null; updatedAt: Date;
}

const taskFromRow = (r: any): TaskRow => ({
  id: r.id, taskNo: r.task_no, ratingId: r.rating_id, subjectKind: r.subject_kind, subjectNo: r.subject_no, departmentCode: r.department_code, regionCode: r.region_code,
  rating: r.rating, realName: r.real_name, openedAt: r.opened_at, status: r.status, resumeStatus: r.resume_status ?? null,
  visitedAt: r.visited_at, rectifyDueAt: r.rectify_due_at, rectifiedAt: r.rectified_at, fedBackAt: r.fed_back_at, closedAt: r.closed_at, excluded: r.excluded ?? null, updatedAt: r.updated_at,
});

export async function nextTaskSeq(q: Queryable, prefix: string): Promise<number> {
  const rows = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM bad_rating_tasks WHERE task_no LIKE $1`, [`${prefix}%`]);
  return rows[0].n + 1;
}

export async function insertTask(q: Queryable, t: TaskRow): Promise<void> {
  await q.query(
    `INSERT INTO bad_rating_tasks (id, task_no, rating_id, subject_kind, subject_no, department_code, region_code, rating, real_name, opened_at, status, rectify_due_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$10)`,
    [t.id, t.taskNo, t.ratingId, t.subjectKind, t.subjectNo, t.departmentCode, t.regionCode, t.rating, t.realName, t.openedAt, t.status, t.rectifyDueAt]);
}

export async function getTask(q: Queryable, id: string, forUpdate = false): Promise<TaskRow | null> {
  const rows = await q.query(`SELECT * FROM bad_rating_tasks WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return rows.length ? taskFromRow(rows[0]) : null;
}

export async function saveTask(q: Queryable, t: TaskRow): Promise<void> {
  await q.query(
    `UPDATE bad_rating_tasks SET status = $2, resume_status = $3, visited_at = $4, rectify_due_at = $5, rectified_at = $6, fed_back_at = $7, closed_at = $8,
       excluded = $9, updated_at = $10 WHERE id = $1`,
    [t.id, t.status, t.resumeStatus, t.visitedAt, t.rectifyDueAt, t.rectifiedAt, t.fedBackAt, t.closedAt, t.excluded, t.updatedAt]);
}

export interface TaskAction {
  seq?: number; taskId: string; action: string; at: Date; actorId: string | null; actorName: string;
  method: string | null; contact: string | null; content: string; attachments: { name: string; sha256?: string }[] | null;
}

export async function insertTaskAction(q: Queryable, a: TaskAction): Promise<void> {
  await q.query(
    `INSERT INTO bad_rating_actions (task_id, action, at, actor_id, actor_name, method, contact, content, attachments) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [a.taskId, a.action, a.at, a.actorId, a.actorName, a.method, a.contact, a.content, a.attachments ? JSON.stringify(a.attachments) : null]);
}

export async function taskActions(q: Queryable, taskId: string): Promise<TaskAction[]> {
  const rows = await q.query('SELECT * FROM bad_rating_actions WHERE task_id = $1 ORDER BY seq', [taskId]);
  return rows.map((r) => ({ seq: Number(r.seq), taskId: r.task_id, action: r.action, at: r.at, actorId: r.actor_id, actorName: r.actor_name, method: r.method,
    contact: r.contact, content: r.content, attachments: r.attachments ?? null }));
}

export async function getRatingById(q: Queryable, id: string): Promise<RatingRow | null> {
  const rows = await q.query('SELECT * FROM satisfaction_ratings WHERE id = $1', [id]);
  return rows.length ? ratingFromRow(rows[0]) : null;
}

export async function listTasks(q: Queryable, scope: ScopeFilter, f: { status?: string; open?: boolean; department?: string }): Promise<(TaskRow & { departmentName: string | null })[]> {
  const params: unknown[] = [];
  const conds = [scopeSql(scope, params, { region: 't.region_code', dept: 't.department_code' })];
  if (f.status) { params.push(f.status); conds.push(`t.status = $${params.length}`); }
  if (f.open) conds.push(`t.status NOT IN ('closed', 'excluded')`);
  if (f.department) { params.push(f.department); conds.push(`t.department_code = $${params.length}`); }
  const rows = await q.query(
    `SELECT t.*, d.name AS department_name FROM bad_rating_tasks t LEFT JOIN departments d ON d.code = t.department_code
     WHERE ${conds.join(' AND ')} ORDER BY t.opened_at DESC LIMIT 500`, params);
  return rows.map((r) => ({ ...taskFromRow(r), departmentName: r.department_name ?? null }));
}

export async function departmentName(q: Queryable, code: string): Promise<string | null> {
  const rows = await q.query<{ name: string }>('SELECT name FROM departments WHERE code = $1', [code]);
  return rows[0]?.name ?? null;
}
