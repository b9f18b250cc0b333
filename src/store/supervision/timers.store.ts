import type { Queryable } from '../db.js';

/**
 * The timers swept into alerts beside the cases (issue 26 item 7 and the 差评 loop): each a
 * stored deadline passed with its step not done and no alert of it raised yet (any status: a
 * closed one is not raised again). Rows are locked so concurrent sweeps split the work.
 */

/** 差评 task steps (回访/整改/反馈/复核) whose clock is open and due. */
export async function dueRatingTaskClocks(q: Queryable, at: Date) {
  return q.query<{ id: string; task_no: string; subject_no: string; department_code: string | null; region_code: string; step: string; due_at: Date }>(
    `SELECT t.id, t.task_no, t.subject_no, t.department_code, t.region_code, c.kind AS step, c.due_at
     FROM deadline_clocks c JOIN bad_rating_tasks t ON t.id = c.owner_id
     WHERE c.owner_kind = 'rating_task' AND c.open AND c.due_at <= $1 AND t.status NOT IN ('closed', 'excluded')
       AND NOT EXISTS (SELECT 1 FROM supervision_alerts a WHERE a.subject_kind = 'rating_task' AND a.subject_id = t.id AND a.code = 'BAD_RATING_OVERDUE' AND a.step = c.kind)
     ORDER BY c.due_at LIMIT 1000 FOR UPDATE OF t SKIP LOCKED`, [at]);
}

/** 盐城电子监察办法 第十五条: transferred complaints past their `transfer_due_at` (step: that instant, so a new transfer is a new step). */
export async function dueTransferredComplaints(q: Queryable, at: Date) {
  return q.query<{ id: string; complaint_no: string; case_no: string | null; transfer_department: string; region_code: string; transfer_due_at: Date }>(
    `SELECT c.id, c.complaint_no, c.case_no, c.transfer_department, c.region_code, c.transfer_due_at FROM complaints c
     WHERE c.status = 'transferred' AND c.transfer_due_at <= $1
       AND NOT EXISTS (SELECT 1 FROM supervision_alerts a WHERE a.subject_kind = 'complaint' AND a.subject_id = c.id AND a.code = 'COMPLAINT_TRANSFER_OVERDUE'
                       AND a.step = to_char(c.transfer_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
     ORDER BY c.transfer_due_at LIMIT 1000 FOR UPDATE SKIP LOCKED`, [at]);
}

/** Catalog adjustment clocks (review, filing, list) open and due, with the code each raises. */
export async function dueAdjustmentClocks(q: Queryable, at: Date) {
  return q.query<{ id: string; kind: string; item_code: string | null; department_code: string; region_code: string; clock: string; due_at: Date; code: string }>(
    `SELECT a.id, a.kind, a.item_code, a.department_code, a.region_code, c.kind AS clock, c.due_at, x.code
     FROM deadline_clocks c JOIN catalog_adjustments a ON a.id = c.owner_id
       JOIN (VALUES ('review', 'CATALOG_REVIEW_OVERDUE'), ('filing', 'CATALOG_FILING_OVERDUE'), ('list', 'LIST_ADJUSTMENT_OVERDUE')) AS x(kind, code) ON x.kind = c.kind
     WHERE c.owner_kind = 'adjustment' AND c.open AND c.due_at <= $1
       AND NOT EXISTS (SELECT 1 FROM supervision_alerts s WHERE s.subject_kind = 'adjustment' AND s.subject_id = a.id AND s.code = x.code
                       AND s.step = to_char(c.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
     ORDER BY c.due_at LIMIT 1000 FOR UPDATE OF a SKIP LOCKED`, [at]);
}
