import { NO_FACTS, type DepartmentFacts, type IndicatorCode } from '../../domain/evaluation/indicators.js';
import { parseReportPeriod } from '../../domain/evaluation/report.js';
import { applicableScheme } from '../../domain/evaluation/scheme.js';
import { scoreDepartments } from '../../domain/evaluation/score.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';
import { AppError, forbidden, invalid } from '../../errors.js';
import { personCounts, postCounts, type AttributedCounts } from '../../store/evaluation/people.store.js';
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

/**
 * 盐城电子监察办法 第十七条 (各地区、各部门、各岗位 … 的行政绩效比较) and 第十八条 (扣分): scores per
 * person and per post of a region for a month (YYYY-MM), quarter (YYYY-Qn) or year (YYYY), from the
 * findings attributed to them, by the region's scheme limited to its attributable indicators (the
 * base less the points of their alerts, within the scheme's caps); ranks within the region.
 */
export async function peopleScores(ctx: AppContext, actor: Actor, input: { region?: unknown; period?: unknown }) {
  const text = typeof input.period === 'string' ? input.period : '';
  const kind = /^\d{4}$/.test(text) ? 'annual' : /Q/i.test(text) ? 'quarterly' : 'monthly';
  const period = parseReportPeriod(kind, text);
  if (!period) throw invalid('period', '须为月份 YYYY-MM、季度 YYYY-Qn 或年度 YYYY');
  if (input.region === undefined || input.region === '') throw invalid('region', '须指定地区');
  const region = await knownRegion(ctx, input.region);
  if (!can(actor, 'evaluation.read', { regionCode: region })) throw forbidden('只有本地区或上级的监察员、领导可以查看考评结果 (supervisor or leader of the region or above)');
  const chain = regionChain(region);
  const scheme = applicableScheme(chain, await listSchemeVersions(ctx.db, chain), period.months[0]);
  if (!scheme) throw new AppError('NOT_FOUND', `${period.label}无适用的考评细则 (no evaluation scheme in effect)`, { field: 'period', region });
  const indicators = scheme.indicators.filter((i) => ATTRIBUTABLE.includes(i.code));
  const s = { base: scheme.base, indicators };
  const prefix = regionPrefix(region);
  const people = await personCounts(ctx.db, prefix, period.start, period.end);
  const posts = await postCounts(ctx.db, prefix, period.start, period.end);
  const pKey = (x: { departmentCode: string; id: string }) => `${x.departmentCode}\u0000${x.id}`;
  const scoredPeople = scoreDepartments(s, people.map(pKey), new Map(people.map((x) => [pKey(x), facts(x)])));
  const byPerson = new Map(people.map((x) => [pKey(x), x]));
  const qKey = (x: { departmentCode: string; post: string }) => `${x.departmentCode}\u0000${x.post}`;
  const scoredPosts = scoreDepartments(s, posts.map(qKey), new Map(posts.map((x) => [qKey(x), facts(x)])));
  const byPost = new Map(posts.map((x) => [qKey(x), x]));
  const strip = (c: AttributedCounts) => ({ red: c.red, yellow: c.yellow, ordersOverdue: c.ordersOverdue, lateEntry: c.lateEntry, lateExchange: c.lateExchange });
  return {
    period: period.code, periodLabel: period.label, region,
    scheme: { region: scheme.regionCode, version: scheme.version, name: scheme.name, base: scheme.base, indicators },
    people: scoredPeople.map((r) => { const x = byPerson.get(r.department)!; return { officerId: x.id, name: x.name, post: x.post, department: x.departmentCode, departmentName: x.departmentName, ...strip(x), score: r.score, rank: r.rank }; }),
    posts: scoredPosts.map((r) => { const x = byPost.get(r.department)!; return { post: x.post, department: x.departmentCode, departmentName: x.departmentName, ...strip(x), score: r.score, rank: r.rank }; }),
  };
}
