import type { Queryable } from '../db.js';

/**
 * 监察日志 counts (盐城电子监察办法 第二十一条), one definition each. Every case count is taken
 * over the one set of cases handled on the day, so each is a part of `handled` and a ratio to
 * it never passes 100%:
 * - handled: accepted before the day's end and not concluded before its start;
 * - early: concluded during the day before its warning instant;
 * - near_limit: still open at the day's end, past the warning instant, not yet due;
 * - overdue: still open at the day's end and due by then;
 * - abnormal: with a red alert active at the day's end;
 * - overdue_or_abnormal: overdue or abnormal, each case counted once.
 * Orders: issued on own initiative during the day, and answered during the day.
 * `where` filters departments (alias d) with parameters from $3 on; $1/$2 are the day's bounds.
 */
export interface DailyLogRow {
  code: string; name: string; region_code: string;
  handled: number; early: number; near_limit: number; overdue: number; abnormal: number; overdue_or_abnormal: number;
  orders_issued: number; orders_answered: number;
}

export async function dailyLogCounts(q: Queryable, where: string, params: unknown[]): Promise<DailyLogRow[]> {
  return q.query<DailyLogRow>(
    `WITH d AS (SELECT d.code, d.name, d.region_code FROM departments d ${where}),
     h AS (
       SELECT c.department_code,
         coalesce(c.concluded_at >= $1 AND c.concluded_at < $2 AND c.concluded_at < c.warn_at, false) AS early,
         coalesce((c.concluded_at IS NULL OR c.concluded_at >= $2) AND c.warn_at <= $2 AND (c.due_at IS NULL OR c.due_at > $2), false) AS near_limit,
         coalesce((c.concluded_at IS NULL OR c.concluded_at >= $2) AND c.due_at <= $2, false) AS overdue,
         EXISTS (SELECT 1 FROM supervision_alerts a WHERE a.case_id = c.id AND a.level = 'red'
                   AND a.raised_at < $2 AND (a.closed_at IS NULL OR a.closed_at >= $2)) AS abnormal
       FROM cases c JOIN d ON d.code = c.department_code
       WHERE c.accepted_at < $2 AND (c.concluded_at IS NULL OR c.concluded_at >= $1))
     SELECT d.code, d.name, d.region_code,
       count(h.department_code)::int AS handled,
       count(*) FILTER (WHERE h.early)::int AS early,
       count(*) FILTER (WHERE h.near_limit)::int AS near_limit,
       count(*) FILTER (WHERE h.overdue)::int AS overdue,
       count(*) FILTER (WHERE h.abnormal)::int AS abnormal,
       count(*) FILTER (WHERE h.overdue OR h.abnormal)::int AS overdue_or_abnormal,
       (SELECT count(*)::int FROM supervision_orders o WHERE o.department_code = d.code AND o.own_initiative AND o.issued_at >= $1 AND o.issued_at < $2) AS orders_issued,
       (SELECT count(*)::int FROM supervision_orders o WHERE o.department_code = d.code AND o.answered_at >= $1 AND o.answered_at < $2) AS orders_answered
     FROM d LEFT JOIN h ON h.department_code = d.code
     GROUP BY d.code, d.name, d.region_code ORDER BY d.region_code, d.code`, params);
}
