import { parsePeriod, type Period } from '../../domain/evaluation/period.js';
import { applicableScheme, type SchemeVersion } from '../../domain/evaluation/scheme.js';
import { scoreDepartments, type DepartmentScore } from '../../domain/evaluation/score.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';
import { AppError, forbidden, invalid } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { departmentFacts, subtreeDepartments, type ExplainWindow } from '../../store/evaluation/facts.store.js';
import { zeroCaseWindow } from '../../domain/supervision/zero-cases.js';
import { loadSupervisionSettings } from '../supervision/settings.js';
import { liveResult, type StoredResult } from '../../store/evaluation/result.store.js';
import { listSchemeVersions } from '../../store/evaluation/scheme.store.js';
import { regionChain } from '../../store/supervision/rule-settings.store.js';
import type { AppContext } from '../context.js';
import { knownRegion } from './scheme.service.js';

/** The calendar's roll over holidays (遇节假日顺延) for the explanation deadlines. */
export const rollOf = (ctx: AppContext) => (d: string) => ctx.calendars.forRegion(null).rollForward(d);

export function checkPeriod(text: unknown): Period {
  const p = typeof text === 'string' ? parsePeriod(text) : null;
  if (!p) throw invalid('period', '须为月份 YYYY-MM 或季度 YYYY-Qn (period must be YYYY-MM or YYYY-Qn)');
  return p;
}

export interface Draft {
  scheme: SchemeVersion;
  departments: DepartmentScore[];
  names: Record<string, string>;
}

/**
 * A region's period scored from what is stored now, by the nearest scheme up the region tree in
 * effect at the period's start (§8). 404 when no scheme applies.
 */
export async function computeDraft(q: Queryable, regionCode: string, period: Period, rollForward: (date: string) => string = (d) => d): Promise<Draft> {
  const chain = regionChain(regionCode);
  const scheme = applicableScheme(chain, await listSchemeVersions(q, chain), period.startMonth);
  if (!scheme) {
    throw new AppError('NOT_FOUND', `${period.code} 无适用的考评细则：本地区及上级地区均未制定在该期生效的考评细则 (no evaluation scheme in effect for this region and period)`, { field: 'period', region: regionCode });
  }
  const prefix = regionPrefix(regionCode);
  const depts = await subtreeDepartments(q, prefix);
  const facts = await departmentFacts(q, prefix, period.start, period.end, await explainWindows(q, period, rollForward));
  return { scheme, departments: scoreDepartments(scheme, depts.map((d) => d.code), facts), names: Object.fromEntries(depts.map((d) => [d.code, d.name])) };
}

/**
 * 仁和 二(六): the explanations due in the period — for each month of it, the alerts of the month
 * before are due on the settings' day (3rd by default) rolled forward over holidays.
 */
async function explainWindows(q: Queryable, period: Period, rollForward: (date: string) => string): Promise<ExplainWindow[]> {
  const s = await loadSupervisionSettings(q);
  const out: ExplainWindow[] = [];
  for (let t = period.start; t < period.end; ) {
    const w = zeroCaseWindow(t, s.zeroCaseDueDay, rollForward);
    out.push({ monthStart: w.monthStart, monthEnd: w.monthEnd, dueAt: w.dueAt });
    t = new Date(t.getTime() + 32 * 86_400_000);
    t = parsePeriod(new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 7))!.start;
  }
  return out;
}

/** The region and period of a scores request, checked: 400, 404, then 403 (supervisor or leader of the region or above). */
export async function scoresTarget(ctx: AppContext, actor: Actor, input: { period?: unknown; region?: unknown }) {
  const period = checkPeriod(input.period);
  if (input.region === undefined || input.region === '') throw invalid('region', '须指定地区 (region required)');
  const region = await knownRegion(ctx, input.region);
  if (!can(actor, 'evaluation.read', { regionCode: region })) throw forbidden('只有本地区或上级的监察员、领导可以查看考评结果 (supervisor or leader of the region or above)');
  return { period, region };
}

/** A frozen result's department rows with their indicators in the scheme's order (jsonb keeps keys in its own order). */
export const frozenDepartments = (r: StoredResult): DepartmentScore[] => {
  const codes: string[] = r.result.indicators.map((i: any) => i.code);
  return r.result.departments.map((d: any) => ({ ...d, indicators: Object.fromEntries(codes.filter((c) => c in d.indicators).map((c) => [c, d.indicators[c]])) }));
};

/** §8's answer for a reviewed (frozen) period. */
export const frozenScores = (r: StoredResult) => ({
  period: r.period, region: r.regionCode, schemeVersion: r.schemeVersion, status: r.status as 'approved' | 'published', departments: frozenDepartments(r),
});

/**
 * §8 GET /api/evaluation/v1/scores: the approved or published figures when the period has been
 * reviewed (frozen at approval), otherwise a draft computed from what is stored now.
 */
export async function getScores(ctx: AppContext, actor: Actor, input: { period?: unknown; region?: unknown }) {
  const { period, region } = await scoresTarget(ctx, actor, input);
  const live = await liveResult(ctx.db, region, period.code);
  if (live) return frozenScores(live);
  const d = await computeDraft(ctx.db, region, period, rollOf(ctx));
  return { period: period.code, region, schemeVersion: d.scheme.version, status: 'draft' as const, departments: d.departments };
}
