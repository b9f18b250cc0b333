import { scopeFilter, type Actor } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';
import { forbidden, invalid } from '../../errors.js';
import { scopeSql, Where } from '../../store/scope-sql.js';
import { dailyLogCounts } from '../../store/supervision/daily-log.store.js';
import type { AppContext } from '../context.js';

const CST = 8 * 3_600_000;
const dayStart = (d: string) => new Date(Date.parse(d + 'T00:00:00Z') - CST);
const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);

function scopeOf(actor: Actor) {
  const s = scopeFilter(actor, 'stats.read');
  if (!s.all && !s.regions.length && !s.departments.length) throw forbidden('无权查看监察统计 (stats.read)');
  return s;
}

/**
 * 监察日志 (盐城电子监察办法 第二十一条): per department for one day — cases handled, completed
 * early, near their limit, overdue or abnormal, orders issued on own initiative, orders
 * answered, and the ratios between them (each count defined once in daily-log.store.ts).
 */
export async function dailyLog(ctx: AppContext, actor: Actor, input: { date: string; region?: string }) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw invalid('date', '须为 YYYY-MM-DD');
  const scope = scopeOf(actor);
  const from = dayStart(input.date);
  const to = new Date(from.getTime() + 86_400_000);
  const w = new Where([from, to]);
  w.conds.push(scopeSql(scope, w.params, { region: 'd.region_code', dept: 'd.code' }));
  if (input.region) w.add('d.region_code LIKE ?', `${regionPrefix(input.region)}%`);
  const rows = await dailyLogCounts(ctx.db, w.sql, w.params);
  // every ratio is one printed count over another printed count
  const departments = rows.map((r) => ({
    code: r.code, name: r.name, regionCode: r.region_code, handled: r.handled, completedEarly: r.early, nearLimit: r.near_limit,
    overdueOrAbnormal: r.overdue_or_abnormal, overdue: r.overdue, abnormal: r.abnormal, ordersOwnInitiative: r.orders_issued, ordersAnswered: r.orders_answered,
    ratios: { early: ratio(r.early, r.handled), nearLimit: ratio(r.near_limit, r.handled), overdueOrAbnormal: ratio(r.overdue_or_abnormal, r.handled), answered: ratio(r.orders_answered, r.orders_issued) },
  }));
  const sum = (k: 'handled' | 'completedEarly' | 'nearLimit' | 'overdueOrAbnormal' | 'overdue' | 'abnormal' | 'ordersOwnInitiative' | 'ordersAnswered') => departments.reduce((n, d) => n + d[k], 0);
  const total = { handled: sum('handled'), completedEarly: sum('completedEarly'), nearLimit: sum('nearLimit'), overdueOrAbnormal: sum('overdueOrAbnormal'), overdue: sum('overdue'), abnormal: sum('abnormal'), ordersOwnInitiative: sum('ordersOwnInitiative'), ordersAnswered: sum('ordersAnswered') };
  return {
    date: input.date, departments,
    total: { ...total, ratios: { early: ratio(total.completedEarly, total.handled), nearLimit: ratio(total.nearLimit, total.handled), overdueOrAbnormal: ratio(total.overdueOrAbnormal, total.handled), answered: ratio(total.ordersAnswered, total.ordersOwnInitiative) } },
  };
}

/** Dashboard for the console: yellow/red by region and department (drill down by `region`), trend by day, top codes. */
export async function dashboard(ctx: AppContext, actor: Actor, input: { region?: string; from?: Date; to?: Date }) {
  const scope = scopeOf(actor);
  const to = input.to ?? ctx.clock.now();
  const from = input.from ?? new Date(to.getTime() - 30 * 86_400_000);
  const w = new Where([from, to]);
  w.conds.push('a.raised_at >= $1 AND a.raised_at <= $2'); // up to and including "now": a sweep raises at that instant
  w.conds.push(scopeSql(scope, w.params, { region: `coalesce(a.region_code, '')`, dept: 'a.department_code' }));
  if (input.region) w.add('a.region_code LIKE ?', `${regionPrefix(input.region)}%`);
  const byRegion = await ctx.db.query(`SELECT a.region_code AS "region", count(*) FILTER (WHERE a.level = 'yellow')::int AS yellow, count(*) FILTER (WHERE a.level = 'red')::int AS red
    FROM supervision_alerts a ${w.sql} GROUP BY 1 ORDER BY 1`, w.params);
  const byDepartment = await ctx.db.query(`SELECT a.department_code AS "department", d.name, count(*) FILTER (WHERE a.level = 'yellow')::int AS yellow, count(*) FILTER (WHERE a.level = 'red')::int AS red
    FROM supervision_alerts a LEFT JOIN departments d ON d.code = a.department_code ${w.sql} GROUP BY 1, 2 ORDER BY red DESC, yellow DESC, 1`, w.params);
  const trend = await ctx.db.query(`SELECT to_char(a.raised_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, count(*) FILTER (WHERE a.level = 'yellow')::int AS yellow, count(*) FILTER (WHERE a.level = 'red')::int AS red
    FROM supervision_alerts a ${w.sql} GROUP BY 1 ORDER BY 1`, w.params);
  const topCodes = await ctx.db.query(`SELECT a.code, count(*)::int AS count FROM supervision_alerts a ${w.sql} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`, w.params);
  const open = await ctx.db.query(`SELECT count(*) FILTER (WHERE a.status IN ('open', 'returned', 'escalated'))::int AS open, count(*) FILTER (WHERE a.status IN ('explained', 'appealed'))::int AS explained
    FROM supervision_alerts a ${w.sql}`, w.params);
  return { from: from.toISOString(), to: to.toISOString(), byRegion, byDepartment, trend, topCodes, ...open[0] };
}
