import type { DepartmentFacts } from '../../domain/evaluation/indicators.js';
import { NO_FACTS } from '../../domain/evaluation/indicators.js';
import type { Queryable } from '../db.js';

/** The departments of a region's subtree (`prefix` is its GB/T 2260 prefix), every one, by code. */
export async function subtreeDepartments(q: Queryable, prefix: string): Promise<{ code: string; name: string; regionCode: string }[]> {
  const rows = await q.query(`SELECT code, name, region_code FROM departments WHERE region_code LIKE $1 ORDER BY code`, [`${prefix}%`]);
  return rows.map((r) => ({ code: r.code, name: r.name, regionCode: r.region_code }));
}

/** Alerts raised in [monthStart, monthEnd) are to be explained by dueAt (仁和 二(六)). */
export interface ExplainWindow { monthStart: Date; monthEnd: Date; dueAt: Date }

const DEPTS = `department_code IN (SELECT code FROM departments WHERE region_code LIKE $1)`;

/**
 * What the indicators of §8 (and the regulations' additions) count for each department of the
 * subtree with prefix `prefix` in [start, end): read from what is stored now.
 */
export async function departmentFacts(q: Queryable, prefix: string, start: Date, end: Date, explain: ExplainWindow[] = []): Promise<Map<string, DepartmentFacts>> {
  const p = [`${prefix}%`, start, end];
  const out = new Map<string, DepartmentFacts>();
  const add = (dept: string, f: Partial<DepartmentFacts>) => out.set(dept, { ...(out.get(dept) ?? NO_FACTS), ...f });
  // on time: at or before the promised due instant, which already counts extensions and suspensions
  for (const r of await q.query(
    `SELECT department_code, count(*)::int AS n, count(*) FILTER (WHERE due_at IS NULL OR concluded_at <= due_at)::int AS on_time
     FROM cases WHERE concluded_at >= $2 AND concluded_at < $3 AND ${DEPTS} GROUP BY department_code`, p)) add(r.department_code, { concluded: r.n, concludedOnTime: r.on_time });
  // alerts by the level they have now; withdrawn (no longer true) and revoked (appeal upheld) count against no one
  for (const r of await q.query(
    `SELECT department_code, count(*) FILTER (WHERE level = 'red')::int AS red, count(*) FILTER (WHERE level = 'yellow')::int AS yellow,
        count(*) FILTER (WHERE code = 'SUPERVISION_ORDER_OVERDUE')::int AS orders_overdue,
        count(*) FILTER (WHERE code = 'LATE_ENTRY')::int AS late_entry, count(*) FILTER (WHERE code = 'LATE_EXCHANGE')::int AS late_exchange,
        count(*) FILTER (WHERE code = 'ZERO_CASES_UNEXPLAINED')::int AS zero_unexplained
     FROM supervision_alerts WHERE raised_at >= $2 AND raised_at < $3 AND status NOT IN ('withdrawn', 'revoked') AND ${DEPTS}
     GROUP BY department_code`, p)) {
    add(r.department_code, { red: r.red, yellow: r.yellow, ordersOverdue: r.orders_overdue, lateEntry: r.late_entry, lateExchange: r.late_exchange, zeroUnexplained: r.zero_unexplained });
  }
  for (const r of await q.query(
    `SELECT department_code, count(*)::int AS n FROM complaints WHERE upheld AND status = 'concluded' AND result_at >= $2 AND result_at < $3 AND ${DEPTS}
     GROUP BY department_code`, p)) add(r.department_code, { complaintsUpheld: r.n });
  for (const r of await q.query(
    `SELECT department_code, sum(rating)::int AS s, count(*)::int AS n FROM satisfaction_ratings r WHERE rated_at >= $2 AND rated_at < $3 AND ${DEPTS}
       AND NOT EXISTS (SELECT 1 FROM bad_rating_tasks t WHERE t.rating_id = r.id AND t.status = 'excluded')
     GROUP BY department_code`, p)) add(r.department_code, { ratingSum: r.s, ratingCount: r.n });
  for (const r of await q.query(
    `SELECT department_code, count(*)::int AS n, count(*) FILTER (WHERE rectified_at IS NOT NULL AND rectified_at <= rectify_due_at)::int AS on_time
     FROM bad_rating_tasks WHERE status <> 'excluded' AND rectify_due_at >= $2 AND rectify_due_at < $3 AND ${DEPTS} GROUP BY department_code`, p)) {
    add(r.department_code, { badRatingsDue: r.n, badRatingsRectifiedOnTime: r.on_time });
  }
  for (const r of await q.query(
    `SELECT department_code, count(*)::int AS n, count(*) FILTER (WHERE answered_at IS NOT NULL AND answered_at <= due_at)::int AS on_time
     FROM supervision_orders WHERE due_at >= $2 AND due_at < $3 AND ${DEPTS} GROUP BY department_code`, p)) add(r.department_code, { ordersDue: r.n, ordersAnsweredOnTime: r.on_time });
  // 仁和 二(六): the alerts whose explanation fell due in the period, explained (or appealed, a written reason too) by then
  if (explain.length) {
    for (const r of await q.query(
      `SELECT a.department_code, count(*)::int AS n,
          count(*) FILTER (WHERE EXISTS (SELECT 1 FROM supervision_alert_actions x WHERE x.alert_id = a.id AND x.action IN ('explain', 'appeal') AND x.at < w.due_at))::int AS on_time
       FROM supervision_alerts a JOIN unnest($2::timestamptz[], $3::timestamptz[], $4::timestamptz[]) AS w(month_start, month_end, due_at)
         ON a.raised_at >= w.month_start AND a.raised_at < w.month_end
       WHERE a.status NOT IN ('withdrawn', 'revoked') AND a.department_code IN (SELECT code FROM departments WHERE region_code LIKE $1)
       GROUP BY a.department_code`,
      [`${prefix}%`, explain.map((w) => w.monthStart), explain.map((w) => w.monthEnd), explain.map((w) => w.dueAt)])) {
      add(r.department_code, { alertsDue: r.n, alertsExplainedOnTime: r.on_time });
    }
  }
  return out;
}
