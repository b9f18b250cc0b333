import { can, type Actor } from '../../domain/org/policy.js';
import { parentCode, REGION_CODE } from '../../domain/org/region.js';
import { combineLimits, LIMIT_KEYS, limitLoosening, limitsAbove, REGION_LIMITS, type LimitKey, type RegionLimits } from '../../domain/supervision/region-limits.js';
import { AppError, forbidden, invalid } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { getRegion } from '../../store/org.store.js';
import { insertRegionLimits, loadRegionLimitRows } from '../../store/supervision/region-settings.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { loadSupervisionSettings, type SupervisionSettings } from './settings.js';

const baseOf = (s: SupervisionSettings): Record<LimitKey, number> => Object.fromEntries(LIMIT_KEYS.map((k) => [k, s[k]])) as Record<LimitKey, number>;

/**
 * The supervision settings in force in a region: the platform's settings with the limits the
 * region and those above it set (nearest applies, a lower one only shortens). Orders, returns and
 * extensions issued in a region use these (四川电子监察办法 第九条 20 日 beside 盐城 第十四条 5 日).
 */
export async function loadRegionSettings(q: Queryable, regionCode: string | null): Promise<SupervisionSettings> {
  const s = await loadSupervisionSettings(q);
  if (!regionCode) return s;
  const rows = limitsAbove(await loadRegionLimitRows(q, regionCode), regionCode);
  return rows.length ? { ...s, ...combineLimits(rows, baseOf(s)).limits } : s;
}

/** GET /api/supervision/settings/regions/{region}: the limits in force, the region's own, and where each comes from. */
export async function readRegionSettings(ctx: AppContext, actor: Actor, region: string) {
  if (!can(actor, 'supervision.read', { regionCode: region }) && !can(actor, 'settings.manage')) throw forbidden('无权查看该地区的监察设置 (supervision.read)');
  const s = await loadSupervisionSettings(ctx.db);
  const rows = limitsAbove(await loadRegionLimitRows(ctx.db, region), region);
  const { limits, from } = combineLimits(rows, baseOf(s));
  return {
    region, effective: limits, from, defaults: baseOf(s),
    own: rows.find((r) => r.regionCode === region)?.limits ?? {},
    chain: rows.map((r) => ({ region: r.regionCode, version: r.version, limits: r.limits })),
  };
}

/**
 * PUT /api/supervision/settings/regions/{region}: the region's own limits (absent keys follow the
 * level above), a new version, audited. 接口标准 §4 (v2); 盐城电子监察办法 第四条: the level above
 * binds, so a limit longer than one set above is refused (409, naming it).
 */
export async function configureRegionSettings(ctx: AppContext, actor: Actor, input: { region: string; limits: RegionLimits; reason: string }) {
  if (!REGION_CODE.test(input.region)) throw invalid('region', '须为 6 位行政区划代码 (six-digit GB/T 2260 code)');
  if (!can(actor, 'supervision.rules', { regionCode: input.region }) && !can(actor, 'settings.manage')) throw forbidden('只能设置本地区的监察时限 (own region only)');
  if (!input.reason?.trim()) throw invalid('reason', '须说明调整理由 (reason required)');
  const limits: RegionLimits = {};
  for (const [k, v] of Object.entries(input.limits ?? {})) {
    const spec = REGION_LIMITS[k as LimitKey];
    if (!spec) throw invalid(k, `未知的时限设置 (unknown limit)`);
    if (v == null) continue;
    if (!Number.isInteger(v) || v < spec.min || v > spec.max) throw invalid(k, `${spec.name}须为 ${spec.min}–${spec.max} 个工作日 (${spec.min}–${spec.max} working days)`);
    limits[k as LimitKey] = v;
  }
  return audited(ctx, actor, {
    action: 'supervision.region_settings', target: input.region,
    run: async (q) => {
      if (!(await getRegion(q, input.region))) throw invalid('region', `地区 ${input.region} 不存在 (unknown region)`);
      const parent = parentCode(input.region);
      if (parent) {
        const above = limitsAbove(await loadRegionLimitRows(q, parent), parent);
        const found = limitLoosening(above, baseOf(await loadSupervisionSettings(q)), limits);
        if (found.length) {
          const names = await Promise.all(found.map(async (l) => `${(await getRegion(q, l.region))?.name ?? ''}${l.region} 的${REGION_LIMITS[l.key].name}为 ${l.above} 个工作日`));
          throw new AppError('CONFLICT', `上级地区已设置该时限，下级只能缩短，不得延长 (a lower region may only shorten a limit set above): ${names.join('；')}`,
            { region: input.region, higher: found.map((l) => ({ region: l.region, field: l.key, value: l.above })) });
        }
      }
      const row = await insertRegionLimits(q, { regionCode: input.region, limits, reason: input.reason.trim(), createdBy: actorAudit(actor).actorName, at: ctx.clock.now() });
      return { region: row.regionCode, version: row.version, limits: row.limits };
    },
    details: (r) => ({ version: r.version, limits: r.limits }),
  });
}
