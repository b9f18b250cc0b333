import { NO_FACTS, type DepartmentFacts, type IndicatorCode } from '../../domain/evaluation/indicators.js';
import { parseReportPeriod, type ReportPeriod } from '../../domain/evaluation/report.js';
import { applicableScheme } from '../../domain/evaluation/scheme.js';
import { scoreDepartments } from '../../domain/evaluation/score.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';
import { AppError, forbidden, invalid } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { personCounts, postCounts, type AttributedCounts } from '../../store/evaluation/people.store.js';
import { liveResult, resultsForOfficer } from '../../store/evaluation/result.store.js';
import { listSchemeVersions } from '../../store/evaluation/scheme.store.js';
import { regionChain } from '../../store/supervision/rule-settings.store.js';
import type { AppContext } from '../context.js';
import { knownRegion } from './scheme.service.js';

/**
 * The indicators a finding attributed to one person or post can carry (盐城电子监察办法 第二十二条):
 * the alerts. Rates (on time, answered on time), satisfaction and complaints belong to departments.
 */
export const ATTRIBUTABLE: readonly IndicatorCode[] = ['RED_ALERTS', 'YELLOW_ALERTS', 'ORDERS_OVERDUE', 'LATE_ENTRY', 'LATE_EXCHANGE'];

const facts = (c: AttributedCounts): DepartmentFacts => ({ ...NO_FACTS, red: c.red, yellow: c.yellow, ordersOverdue: c.ordersOverdue, lateEntry: c.lateEntry, lateExchange: c.lateExchange });

export interface PersonRow { officerId: string; name: string; post: string; department: string; departmentName: string; red: number; yellow: number; ordersOverdue: number; lateEntry: number; lateExchange: number; score: number; rank: number }
export interface PostRow { post: string; department: string; departmentName: string; red: number; yellow: number; ordersOverdue: number; lateEntry: number; lateExchange: number; score: number; rank: number }
/** A period's person and post scores: computed now (draft) or frozen in an approval (evaluation_results.result.people). */
export interface PeopleResult {
  scheme: { region: string; version: number; name: string; base: number; indicators: { code: IndicatorCode; points: number; cap?: number }[] };
  people: PersonRow[];
  posts: PostRow[];
}

/** Parses a people period: a month, a quarter or a year. */
export function peoplePeriod(text: unknown): ReportPeriod {
  const s = typeof text === 'string' ? text : '';
  const kind = /^\d{4}$/.test(s) ? 'annual' : /Q/i.test(s) ? 'quarterly' : 'monthly';
  const period = parseReportPeriod(kind, s);
  if (!period) throw invalid('period', '须为月份 YYYY-MM、季度 YYYY-Qn 或年度 YYYY');
  return period;
}

/**
 * 盐城电子监察办法 第十七条 (各地区、各部门、各岗位 … 的行政绩效比较) and 第十八条 (扣分): scores per
 * person and per post of a region's subtree for a period, from the findings attributed to them, by
 * the region's scheme limited to its attributable indicators (the base less the points of their
 * alerts, within the scheme's caps); ranks within the region. Null when no scheme applies.
 */
export async function computePeople(q: Queryable, region: string, period: ReportPeriod): Promise<PeopleResult | null> {
  const chain = regionChain(region);
  const scheme = applicableScheme(chain, await listSchemeVersions(q, chain), period.months[0]);
  if (!scheme) return null;
  const indicators = scheme.indicators.filter((i) => ATTRIBUTABLE.includes(i.code));
  const s = { base: scheme.base, indicators };
  const prefix = regionPrefix(region);
  const people = await personCounts(q, prefix, period.start, period.end);
  const posts = await postCounts(q, prefix, period.start, period.end);
  const pKey = (x: { departmentCode: string; id: string }) => `${x.departmentCode}\u0000${x.id}`;
  const scoredPeople = scoreDepartments(s, people.map(pKey), new Map(people.map((x) => [pKey(x), facts(x)])));
  const byPerson = new Map(people.map((x) => [pKey(x), x]));
  const qKey = (x: { departmentCode: string; post: string }) => `${x.departmentCode}\u0000${x.post}`;
  const scoredPosts = scoreDepartments(s, posts.map(qKey), new Map(posts.map((x) => [qKey(x), facts(x)])));
  const byPost = new Map(posts.map((x) => [qKey(x), x]));
  const strip = (c: AttributedCounts) => ({ red: c.red, yellow: c.yellow, ordersOverdue: c.ordersOverdue, lateEntry: c.lateEntry, lateExchange: c.lateExchange });
  return {
    scheme: { region: scheme.regionCode, version: scheme.version, name: scheme.name, base: scheme.base, indicators },
    people: scoredPeople.map((r) => { const x = byPerson.get(r.department)!; return { officerId: x.id, name: x.name, post: x.post, department: x.departmentCode, departmentName: x.departmentName, ...strip(x), score: r.score, rank: r.rank }; }),
    posts: scoredPosts.map((r) => { const x = byPost.get(r.department)!; return { post: x.post, department: x.departmentCode, departmentName: x.departmentName, ...strip(x), score: r.score, rank: r.rank }; }),
  };
}

/**
 * GET /api/evaluation/v1/people: the person and post scores of a region's period. Person scores are
 * sensitive: the region's supervisors (evaluation.review) see the draft computed now until the
 * period is approved; everyone else who reads evaluations (leaders) sees only the figures frozen by
 * the approval (成都暂行办法 第十四条: 审定), `withheld` before. Years are never approved: supervisors only.
 * `department` narrows the answer to one department of the subtree (the drill-down's last step).
 */
export async function peopleScores(ctx: AppContext, actor: Actor, input: { region?: unknown; period?: unknown; department?: unknown }) {
  const period = peoplePeriod(input.period);
  if (input.region === undefined || input.region === '') throw invalid('region', '须指定地区');
  const region = await knownRegion(ctx, input.region);
  if (!can(actor, 'evaluation.read', { regionCode: region })) throw forbidden('只有本地区或上级的监察员、领导可以查看考评结果 (supervisor or leader of the region or above)');
  const dept = typeof input.department === 'string' && input.department ? input.department : null;
  const live = period.kind === 'annual' ? null : await liveResult(ctx.db, region, period.code);
  const frozen: PeopleResult | null = live?.result.people ?? null;
  const supervisor = can(actor, 'evaluation.review', { regionCode: region });
  let status: 'draft' | 'approved' | 'published', r: PeopleResult | null;
  if (frozen) { status = live!.status as 'approved' | 'published'; r = frozen; }
  else if (supervisor) {
    status = 'draft';
    r = await computePeople(ctx.db, region, period);
    if (!r) throw new AppError('NOT_FOUND', `${period.label}无适用的考评细则 (no evaluation scheme in effect)`, { field: 'period', region });
  } else {
    // not approved: withheld from everyone but the supervisors
    return { period: period.code, periodLabel: period.label, region, status: 'draft' as const, withheld: true, scheme: null, people: [], posts: [] };
  }
  const mine = <T extends { department: string }>(rows: T[]) => (dept ? rows.filter((x) => x.department === dept) : rows);
  return { period: period.code, periodLabel: period.label, region, status, withheld: false, scheme: r.scheme, people: mine(r.people), posts: mine(r.posts) };
}

/**
 * GET /api/evaluation/v1/people/me: a person's own approved scores (each person sees their own in
 * the console), newest first; never a draft, never anyone else's row.
 */
export async function myScores(ctx: AppContext, actor: Actor) {
  if (actor.kind !== 'user' || !actor.officerId) return { officerId: null, periods: [] };
  const results = await resultsForOfficer(ctx.db, actor.officerId);
  return {
    officerId: actor.officerId,
    periods: results.flatMap((r) => {
      const p = r.result.people as PeopleResult;
      const rows = p.people.filter((x) => x.officerId === actor.officerId);
      return rows.map((row) => ({ region: r.regionCode, period: r.period, status: r.status, schemeName: p.scheme.name, base: p.scheme.base, scored: p.people.length, ...row }));
    }),
  };
}
