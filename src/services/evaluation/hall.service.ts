import { INDICATORS, type IndicatorCode } from '../../domain/evaluation/indicators.js';
import { REGION_CODE } from '../../domain/org/region.js';
import { invalid } from '../../errors.js';
import { latestPublished } from '../../store/evaluation/result.store.js';
import { getRegion } from '../../store/org.store.js';
import { frozenDepartments } from './score.service.js';
import type { AppContext } from '../context.js';

/**
 * The public hall's 绩效排行: the latest published period (of `region`, or of any region), never a
 * draft or an approved but unpublished one (成都暂行办法 第十四条; 盐城电子监察办法 第十八条:
 * 评估结果在政府门户网站公布). Null period when none is published yet.
 */
export async function publishedLeague(ctx: AppContext, input: { region?: string }) {
  if (input.region !== undefined && !REGION_CODE.test(input.region)) throw invalid('region', '须为 6 位行政区划代码');
  const r = await latestPublished(ctx.db, input.region ?? null);
  if (!r) return { region: input.region ?? null, regionName: null, period: null, publishedAt: null, schemeName: null, departments: [] };
  return {
    region: r.regionCode, regionName: (await getRegion(ctx.db, r.regionCode))?.name ?? r.regionCode, period: r.period,
    revision: r.revision, publishedAt: r.publishedAt!.toISOString(), schemeName: r.result.schemeName, base: r.result.base,
    departments: frozenDepartments(r).map((d) => ({
      code: d.department, name: r.result.names[d.department] ?? d.department, score: d.score, rank: d.rank,
      indicators: Object.entries(d.indicators).map(([code, x]) => ({ code, name: INDICATORS[code as IndicatorCode]?.name ?? code, value: x!.value, contribution: x!.contribution })),
    })),
  };
}
