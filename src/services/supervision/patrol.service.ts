import { grantsFor, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { inRegion, regionPrefix, REGION_CODE } from '../../domain/org/region.js';
import { patrolShortfall } from '../../domain/supervision/patrol-quota.js';
import { forbidden, invalid } from '../../errors.js';
import { scopeSql, Where } from '../../store/scope-sql.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { loadSupervisionSettings } from './settings.js';
import { newId } from '../ids.js';

const cstDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 四川电子监察办法 第十一条(二); 攀枝花 四(一): a supervisor records a patrol of a platform (own or lower) and its findings. */
export async function recordPatrol(ctx: AppContext, actor: Actor, input: { targetRegion: string; findings: string; issues?: { caseNo?: string; note: string }[]; region?: string }) {
  if (actor.kind !== 'user') throw forbidden('只有监察员可以登记巡查 (supervisors only)');
  const grants = grantsFor(actor, 'patrol.record').filter((g) => g.regionCode);
  const g = input.region ? grants.find((x) => x.regionCode === input.region) : grants[0];
  if (!g?.regionCode) throw forbidden('只有地区监察员可以登记巡查 (a supervisor grant over a region is required)');
  if (!REGION_CODE.test(input.targetRegion)) throw invalid('targetRegion', '须为 6 位行政区划代码');
  if (!inRegion(g.regionCode, input.targetRegion)) throw invalid('targetRegion', `只能巡查本级或下级平台 (${input.targetRegion} is outside ${g.regionCode})`);
  if (!input.findings?.trim()) throw invalid('findings', '巡查情况不能为空 (findings required)');
  return audited(ctx, actor, {
    action: 'patrol.record', target: input.targetRegion,
    run: async (q) => {
      const now = ctx.clock.now();
      const id = newId();
      await q.query(
        `INSERT INTO patrols (id, supervisor_id, supervisor_name, region_code, target_region, day, patrolled_at, findings, issues, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$7)`,
        [id, actor.userId, actor.username, g.regionCode, input.targetRegion, cstDay(now), now, input.findings.trim(), JSON.stringify(input.issues ?? [])]);
      return { id, day: cstDay(now), regionCode: g.regionCode, targetRegion: input.targetRegion };
    },
  });
}

/** Patrols and shortfalls per supervising region and working day, with each supervisor's count. */
export async function patrolReport(ctx: AppContext, actor: Actor, input: { from: string; to: string; region?: string }) {
  const scope = scopeFilter(actor, 'supervision.read');
  if (!scope.all && !scope.regions.length) throw forbidden('无权查看巡查情况 (supervision.read)');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.from) || !/^\d{4}-\d{2}-\d{2}$/.test(input.to) || input.from > input.to) throw invalid('from', '日期区间无效 (from ≤ to, YYYY-MM-DD)');
  const w = new Where();
  w.conds.push(scopeSql(scope, w.params, { region: 'g.region_code', dept: 'g.department_code' }));
  if (input.region) w.add('g.region_code LIKE ?', `${regionPrefix(input.region)}%`);
  const regions = (await ctx.db.query<{ region_code: string }>(
    `SELECT DISTINCT g.region_code FROM role_grants g ${w.sql} AND g.role = 'supervisor' AND g.region_code IS NOT NULL ORDER BY 1`, w.params)).map((r) => r.region_code);
  const patrols = await ctx.db.query(
    `SELECT region_code, target_region, day::text AS day, supervisor_name FROM patrols WHERE region_code = ANY($1::text[]) AND day BETWEEN $2 AND $3`,
    [regions, input.from, input.to]);
  const s = await loadSupervisionSettings(ctx.db);
  const cal = ctx.calendars.forRegion(null);
  const days: string[] = [];
  for (let d = input.from; d <= input.to && days.length < 370; d = new Date(Date.parse(d + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10)) {
    if (cal.isWorkingDay(d)) days.push(d);
  }
  const rows = [];
  for (const region of regions) {
    for (const day of days) {
      const mine = patrols.filter((p) => p.region_code === region && p.day === day);
      const r = patrolShortfall(region, mine.map((p) => p.target_region), s.patrolQuota);
      const bySupervisor: Record<string, number> = {};
      for (const p of mine) bySupervisor[p.supervisor_name] = (bySupervisor[p.supervisor_name] ?? 0) + 1;
      rows.push({ region, day, ...r, bySupervisor });
    }
  }
  return { workingDays: days.length, rows, shortfalls: rows.filter((r) => !r.met) };
}
