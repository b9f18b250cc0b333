import { ALERT_CODES, ALERT_CODE_LIST, type AlertCode, type AlertLevel } from '../../domain/supervision/codes.js';
import { resolveSetting } from '../../domain/supervision/overrides.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { REGION_CODE } from '../../domain/org/region.js';
import { forbidden, invalid } from '../../errors.js';
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
    run: (q) => insertSetting(q, { regionCode: input.region, code: input.code, enabled: input.enabled, level: input.level ?? null, threshold: input.threshold ?? null,
      reason: input.reason.trim(), createdBy: actorAudit(actor).actorName, at: ctx.clock.now() }),
    details: (r) => ({ version: r.version, enabled: r.enabled, level: r.level, threshold: r.threshold }),
  });
}
