import { parsePeriod, type Period } from '../../domain/evaluation/period.js';
import { round2, type DepartmentScore } from '../../domain/evaluation/score.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { inRegion } from '../../domain/org/region.js';
import { AppError, forbidden, invalid } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { subtreeDepartments } from '../../store/evaluation/facts.store.js';
import { liveResult } from '../../store/evaluation/result.store.js';
import { getRegion, listRegions } from '../../store/org.store.js';
import { regionPrefix } from '../../domain/org/region.js';
import type { AppContext } from '../context.js';
import { peoplePeriod } from './people.service.js';
import { checkPeriod, computeDraft, frozenDepartments, rollOf } from './score.service.js';
import { knownRegion } from './scheme.service.js';

/** One period's department rows as §8 answers them: frozen when reviewed, else computed now; null without a scheme. */
interface PeriodScores { status: 'draft' | 'approved' | 'published'; schemeVersion: number; schemeName: string; departments: DepartmentScore[]; names: Record<string, string> }
async function periodScores(q: Queryable, region: string, period: Period, roll: (d: string) => string): Promise<PeriodScores | null> {
  const live = await liveResult(q, region, period.code);
  if (live) return { status: live.status as 'approved' | 'published', schemeVersion: live.schemeVersion, schemeName: live.result.schemeName, departments: frozenDepartments(live), names: live.result.names };
  try {
    const d = await computeDraft(q, region, period, roll);
    return { status: 'draft', schemeVersion: d.scheme.version, schemeName: d.scheme.name, departments: d.departments, names: d.names };
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

/**
 * 一个地区的平均分: the mean of its departments' scores, each department weighing the same (so a
 * region's average times its number of departments is the sum of its departments' scores, and a
 * parent's average is its children's averages weighted by their numbers of departments).
 */
const average = (rows: { score: number }[]): number | null => (rows.length ? round2(rows.reduce((s, r) => s + r.score, 0) / rows.length) : null);

/** The period before `p` of the same kind. */
function previous(p: Period): Period {
  const [y, rest] = p.code.split('-');
  if (p.kind === 'quarter') { const q = Number(rest.slice(1)); return parsePeriod(q === 1 ? `${Number(y) - 1}-Q4` : `${y}-Q${q - 1}`)!; }
  const m = Number(rest);
  return parsePeriod(m === 1 ? `${Number(y) - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`)!;
}

/** The last period of `kind` that has ended by `now` (China time). */
function lastEnded(kind: 'month' | 'quarter', now: Date): Period {
  const c = new Date(now.getTime() + 8 * 3600_000);
  const y = c.getUTCFullYear(), m = c.getUTCMonth() + 1;
  const current = parsePeriod(kind === 'month' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.ceil(m / 3)}`)!;
  return previous(current);
}

/**
 * GET /api/evaluation/v1/trends (成都暂行办法 第十三条: 每月效能评估; 盐城电子监察办法 第十七条: 行政绩效比较):
 * over the last `count` months or quarters up to `until` (default: the last ended one), the
 * region's average score and, with `department`, that department's score and rank. Each period is
 * scored as §8 answers it: frozen when approved, otherwise by the scheme version in effect at its
 * start (a version change mid-year changes the points from its first month on).
 */
export async function trends(ctx: AppContext, actor: Actor, input: { region?: unknown; department?: unknown; kind?: unknown; count?: unknown; until?: unknown }) {
  if (input.region === undefined || input.region === '') throw invalid('region', '须指定地区 (region required)');
  const region = await knownRegion(ctx, input.region);
  if (!can(actor, 'evaluation.read', { regionCode: region })) throw forbidden('只有本地区或上级的监察员、领导可以查看考评结果 (supervisor or leader of the region or above)');
  const kind = input.kind === undefined || input.kind === '' || input.kind === 'month' ? 'month' : input.kind === 'quarter' ? 'quarter' : null;
  if (!kind) throw invalid('kind', '须为 month（按月）或 quarter（按季度）');
  const count = input.count === undefined || input.count === '' ? 6 : Number(input.count);
  if (!Number.isInteger(count) || count < 1 || count > 24) throw invalid('count', '期数须为 1–24 的整数 (count must be 1–24)');
  let until = lastEnded(kind, ctx.clock.now());
  if (input.until !== undefined && input.until !== '') {
    until = checkPeriod(input.until);
    if (until.kind !== kind) throw invalid('until', kind === 'month' ? '须为月份 YYYY-MM' : '须为季度 YYYY-Qn');
  }
  const depts = await subtreeDepartments(ctx.db, regionPrefix(region));
  let department: string | null = null;
  if (input.department !== undefined && input.department !== '') {
    const d = depts.find((x) => x.code === input.department);
    if (!d) throw invalid('department', `部门 ${String(input.department)} 不在本地区 (the department is not in the region)`);
    department = d.code;
  }
  const periods: Period[] = [until];
  while (periods.length < count) periods.unshift(previous(periods[0]));
  const points = [];
  for (const p of periods) {
    const s = await periodScores(ctx.db, region, p, rollOf(ctx));
    const row = s && department ? s.departments.find((x) => x.department === department) ?? null : null;
    points.push({
      period: p.code, label: peoplePeriod(p.code).label, status: s?.status ?? null, schemeVersion: s?.schemeVersion ?? null, schemeName: s?.schemeName ?? null,
      departments: s?.departments.length ?? 0, average: s ? average(s.departments) : null,
      score: row?.score ?? null, rank: row?.rank ?? null,
    });
  }
  return {
    region, regionName: (await getRegion(ctx.db, region))?.name ?? region, kind,
    department, departmentName: department ? depts.find((x) => x.code === department)!.name : null, points,
  };
}

/**
 * GET /api/evaluation/v1/drill (盐城电子监察办法 第十七条: 各地区、各部门、各岗位 … 行政绩效比较): the
 * scores of `region`'s period (§8: frozen when approved, else a draft) seen from `at`, a region of
 * its subtree (default: `region` itself): each child region's average (departments weighing the
 * same) with its number of departments and their sum, and `at`'s own departments with their
 * scores and ranks in `region`. A reader never sees above the region they may read.
 */
export async function drill(ctx: AppContext, actor: Actor, input: { region?: unknown; period?: unknown; at?: unknown }) {
  const period = checkPeriod(input.period);
  if (input.region === undefined || input.region === '') throw invalid('region', '须指定地区 (region required)');
  const region = await knownRegion(ctx, input.region);
  if (!can(actor, 'evaluation.read', { regionCode: region })) throw forbidden('只有本地区或上级的监察员、领导可以查看考评结果 (supervisor or leader of the region or above)');
  const at = input.at === undefined || input.at === '' ? region : await knownRegion(ctx, input.at, 'at');
  if (!inRegion(region, at)) throw invalid('at', `${at} 不在 ${region} 之内 (at must lie within region)`);
  const s = await periodScores(ctx.db, region, period, rollOf(ctx));
  if (!s) throw new AppError('NOT_FOUND', `${period.code} 无适用的考评细则 (no evaluation scheme in effect for this region and period)`, { field: 'period', region });
  const regionOf = new Map((await subtreeDepartments(ctx.db, regionPrefix(region))).map((d) => [d.code, d.regionCode]));
  const all = { all: true, regions: [], departments: [] };
  // the path from the region down to `at`, for the breadcrumb
  const path: { code: string; name: string }[] = [];
  for (let c: string | null = at; c; ) {
    const r = await getRegion(ctx.db, c);
    if (!r) break;
    path.unshift({ code: r.code, name: r.name });
    if (c === region) break;
    c = r.parent;
  }
  const under = s.departments.filter((d) => inRegion(at, regionOf.get(d.department) ?? ''));
  const children = (await listRegions(ctx.db, all, { parent: at })).map((c) => {
    const rows = under.filter((d) => inRegion(c.code, regionOf.get(d.department) ?? ''));
    return { code: c.code, name: c.name, departments: rows.length, scoreSum: round2(rows.reduce((x, r) => x + r.score, 0)), average: average(rows) };
  }).filter((c) => c.departments > 0);
  const own = under.filter((d) => regionOf.get(d.department) === at)
    .map((d) => ({ department: d.department, name: s.names[d.department] ?? d.department, score: d.score, rank: d.rank }));
  return {
    region, period: period.code, status: s.status, schemeVersion: s.schemeVersion, schemeName: s.schemeName, scored: s.departments.length,
    at, atName: path[path.length - 1]?.name ?? at, path,
    departments: under.length, scoreSum: round2(under.reduce((x, r) => x + r.score, 0)), average: average(under),
    children, own,
  };
}
