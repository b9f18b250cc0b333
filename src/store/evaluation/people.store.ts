import type { Queryable } from '../db.js';

/**
 * Findings attributed to people and posts (盐城电子监察办法 第二十二条: each alert names the officer and
 * post responsible) in a region's subtree (`prefix`) in [start, end): alerts raised in the period by
 * the level they have now, withdrawn and revoked left out (as the department scores count them).
 */
export interface AttributedCounts {
  red: number;
  yellow: number;
  ordersOverdue: number;
  lateEntry: number;
  lateExchange: number;
}

const COUNTS = `count(*) FILTER (WHERE a.level = 'red')::int AS red, count(*) FILTER (WHERE a.level = 'yellow')::int AS yellow,
  count(*) FILTER (WHERE a.code = 'SUPERVISION_ORDER_OVERDUE')::int AS orders_overdue, count(*) FILTER (WHERE a.code = 'LATE_ENTRY')::int AS late_entry,
  count(*) FILTER (WHERE a.code = 'LATE_EXCHANGE')::int AS late_exchange`;
const WHERE = `a.raised_at >= $2 AND a.raised_at < $3 AND a.status NOT IN ('withdrawn', 'revoked')
  AND a.department_code IN (SELECT code FROM departments WHERE region_code LIKE $1)`;
const counts = (r: any): AttributedCounts => ({ red: r.red ?? 0, yellow: r.yellow ?? 0, ordersOverdue: r.orders_overdue ?? 0, lateEntry: r.late_entry ?? 0, lateExchange: r.late_exchange ?? 0 });

/** Every officer of the subtree's departments, and every person an alert of the period names, with their counts. */
export async function personCounts(q: Queryable, prefix: string, start: Date, end: Date) {
  const rows = await q.query(
    `WITH a AS (
       SELECT a.responsible_officer_id AS id, a.department_code, max(a.responsible_officer_name) AS name, max(a.responsible_post) AS post, ${COUNTS}
       FROM supervision_alerts a WHERE a.responsible_officer_id IS NOT NULL AND ${WHERE} GROUP BY 1, 2),
     o AS (
       SELECT o.id, o.department_code, o.name,
         (SELECT string_agg(p.name, '、' ORDER BY p.name) FROM officer_posts op JOIN posts p ON p.id = op.post_id AND p.department_code = o.department_code WHERE op.officer_id = o.id) AS posts
       FROM officers o JOIN departments d ON d.code = o.department_code WHERE d.region_code LIKE $1)
     SELECT coalesce(o.id, a.id) AS id, coalesce(o.department_code, a.department_code) AS department_code, coalesce(o.name, a.name, '') AS name,
       coalesce(a.post, o.posts, '') AS post, d.name AS department_name, d.region_code, a.red, a.yellow, a.orders_overdue, a.late_entry, a.late_exchange
     FROM o FULL JOIN a ON a.id = o.id AND a.department_code = o.department_code
     JOIN departments d ON d.code = coalesce(o.department_code, a.department_code)
     ORDER BY 2, 1`, [`${prefix}%`, start, end]);
  return rows.map((r) => ({ id: r.id as string, departmentCode: r.department_code as string, departmentName: r.department_name as string, regionCode: r.region_code as string,
    name: r.name as string, post: r.post as string, ...counts(r) }));
}

/** Every post of the subtree's departments, and every post an alert of the period names, with their counts. */
export async function postCounts(q: Queryable, prefix: string, start: Date, end: Date) {
  const rows = await q.query(
    `WITH a AS (SELECT a.department_code, a.responsible_post AS post, ${COUNTS}
       FROM supervision_alerts a WHERE a.responsible_post IS NOT NULL AND a.responsible_post <> '' AND ${WHERE} GROUP BY 1, 2),
     p AS (SELECT p.department_code, p.name AS post FROM posts p JOIN departments d ON d.code = p.department_code WHERE d.region_code LIKE $1)
     SELECT coalesce(p.department_code, a.department_code) AS department_code, coalesce(p.post, a.post) AS post, d.name AS department_name,
       a.red, a.yellow, a.orders_overdue, a.late_entry, a.late_exchange
     FROM p FULL JOIN a ON a.department_code = p.department_code AND a.post = p.post
     JOIN departments d ON d.code = coalesce(p.department_code, a.department_code)
     ORDER BY 1, 2`, [`${prefix}%`, start, end]);
  return rows.map((r) => ({ departmentCode: r.department_code as string, departmentName: r.department_name as string, post: r.post as string, ...counts(r) }));
}
