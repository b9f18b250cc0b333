import { grantsFor, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { inRegion, regionPrefix, REGION_CODE } from '../../domain/org/region.js';
import { patrolShortfall } from '../../domain/supervision/patrol-quota.js';
import { forbidden, invalid } from '../../errors.js';
import { insertPatrol, patrolsOfRegions, supervisingRegions } from '../../store/supervision/window.store.js';
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
  const regionCode = g.regionCode;
  if (!REGION_CODE.test(input.targetRegion)) throw invalid('targetRegion', '须为 6 位行政区划代码');
  if (!inRegion(g.regionCode, input.targetRegion)) throw invalid('targetRegion', `只能巡查本级或下级平台 (${input.targetRegion} is outside ${g.regionCode})`);
  if (!input.findings?.trim()) throw invalid('findings', '巡查情况不能为空 (findings required)');
  return audited(ctx, actor, {
    action: 'patrol.record', target: input.targetRegion,
    run: async (q) => {
      const now = ctx.clock.now();
      const id = newId();
      await insertPatrol(q, {
        id, supervisorId: actor.userId, supervisorName: actor.username, regionCode, targetRegion: input.targetRegion, day: cstDay(now), at: now,
        findings: input.findings.trim(), issues: input.issues ?? [],
      });
      return { id, day: cstDay(now), regionCode, targetRegion: input.targetRegion };
    },
  });
}

/** Patrols and shortfalls per supervising region and working day, with each supervisor's count and the video patrols among them. */
export async function patrolReport(ctx: AppContext, actor: Actor, input: { from: string; to: string; region?: string }) {
  const scope = scopeFilter(actor, 'supervision.read');
  if (!scope.all && !scope.regions.length) throw forbidden('无权查看巡查情况 (supervision.read)');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.from) || !/^\d{4}-\d{2}-\d{2}$/.test(input.to) || input.from > input.to) throw invalid('from', '日期区间无效 (from ≤ to, YYYY-MM-DD)');
  const regions = await supervisingRegions(ctx.db, scope, input.region ? regionPrefix(input.region) : undefined);
  const patrols = await patrolsOfRegions(ctx.db, regions, input.from, input.to);
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
      // 第十一条(一): video patrols of service windows count like any other patrol; how many there were is shown beside
      rows.push({ region, day, ...r, bySupervisor, video: mine.filter((p) => p.window_id).length });
    }
  }
  return { workingDays: days.length, rows, shortfalls: rows.filter((r) => !r.met) };
}
