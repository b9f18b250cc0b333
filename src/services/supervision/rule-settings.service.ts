import { ALERT_CODES, ALERT_CODE_LIST, type AlertCode, type AlertLevel } from '../../domain/supervision/codes.js';
import { looseningOf, resolveSetting, settingsAbove, type Loosening } from '../../domain/supervision/overrides.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { parentCode, REGION_CODE } from '../../domain/org/region.js';
import { AppError, forbidden, invalid } from '../../errors.js';
import { getRegion } from '../../store/org.store.js';
import type { Queryable } from '../../store/db.js';
import { insertSetting, listSettingVersions, loadOverrides } from '../../store/supervision/rule-settings.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';

/** The rule library with each rule's effective setting in a region (nearest region wins). */
export async function ruleLibrary(ctx: AppContext, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'supervision.read') && !can(actor, 'supervision.rules')) throw forbidden('无权查看监察规则 (supervision.read)');
  const region = input.region ?? null;
  const overrides = await loadOverrides(ctx.db, [region]);
  return {
    region,
    rules: ALERT_CODE_LIST.map((code) => ({ code, name: ALERT_CODES[code].name, defaultLevel: ALERT_CODES[code].level, ...resolveSetting(overrides, code, region) })),
    versions: region ? await listSettingVersions(ctx.db, region) : [],
  };
}

/** A region configures a rule (level, threshold, enablement): a new version, audited. */
export async function configureRule(ctx: AppContext, actor: Actor, input: { region: string; code: AlertCode; enabled: boolean; level?: AlertLevel | null; threshold?: number | null; reason: string }) {
  if (!REGION_CODE.test(input.region)) throw invalid('region', '须为 6 位行政区划代码');
  if (!(input.code in ALERT_CODES)) throw invalid('code', `未知规则 ${input.code} (unknown rule code)`);
  if (!can(actor, 'supervision.rules', { regionCode: input.region })) throw forbidden('只能配置本地区的规则 (own region only)');
  if (!input.reason?.trim()) throw invalid('reason', '须说明调整理由 (reason required)');
  if (input.threshold != null && !(input.threshold > 0)) throw invalid('threshold', '须为正数 (positive number)');
  return audited(ctx, actor, {
    action: 'supervision.rule.configure', target: `${input.region}/${input.code}`,
    run: async (q) => {
      await refuseLoosening(q, input.region, input.code, { enabled: input.enabled, level: input.level ?? null, threshold: input.threshold ?? null });
      return insertSetting(q, { regionCode: input.region, code: input.code, enabled: input.enabled, level: input.level ?? null, threshold: input.threshold ?? null,
        reason: input.reason.trim(), createdBy: actorAudit(actor).actorName, at: ctx.clock.now() });
    },
    details: (r) => ({ version: r.version, enabled: r.enabled, level: r.level, threshold: r.threshold }),
  });
}

const FIELD_NAME: Record<Loosening['field'], string> = { enabled: '启用', level: '级别', threshold: '阈值' };
const shown = (l: Loosening) => (l.field === 'enabled' ? '启用' : l.field === 'level' ? (l.above === 'red' ? '红色 (red)' : '黄色 (yellow)') : String(l.above));

/**
 * 接口标准 §4 (v2); 盐城电子监察办法 第四条: the level above binds. A setting that would loosen what a
 * higher region set (disable, red → yellow, a higher threshold) is refused with 409, naming it.
 */
async function refuseLoosening(q: Queryable, region: string, code: AlertCode, proposed: Parameters<typeof looseningOf>[2]): Promise<void> {
  const parent = parentCode(region);
  if (!parent) return;
  const above = settingsAbove(await loadOverrides(q, [parent]), code, parent);
  const found = looseningOf(above, code, proposed);
  if (!found.length) return;
  const names = await Promise.all(found.map(async (l) => `${(await getRegion(q, l.region))?.name ?? ''}${l.region} 的${FIELD_NAME[l.field]}设置为 ${shown(l)}`));
  throw new AppError('CONFLICT',
    `上级地区已设置该规则，下级只能从严，不得放宽或停用 (a lower region may only tighten a higher region's setting): ${names.join('；')}`,
    { code, region, higher: found.map((l) => ({ region: l.region, field: l.field, value: l.above })) });
}
