import { ALERT_CODES, type AlertCode, type AlertLevel } from './codes.js';
import { regionPrefix } from '../org/region.js';
import type { RuleSetting } from './rule.types.js';

/** One region's configuration of a rule (latest version of that region and code). */
export interface RuleOverride {
  regionCode: string;
  code: AlertCode;
  version: number;
  enabled: boolean;
  level: AlertLevel | null;
  threshold: number | null;
}

/**
 * The setting of `code` for a case in `regionCode`: the override of the nearest region
 * whose subtree holds it (county over city over province), else the §4 default.
 */
export function resolveSetting(overrides: readonly RuleOverride[], code: AlertCode, regionCode: string | null): RuleSetting {
  let best: RuleOverride | null = null;
  if (regionCode) {
    for (const o of overrides) {
      if (o.code !== code || !regionCode.startsWith(regionPrefix(o.regionCode))) continue;
      const better = !best || regionPrefix(o.regionCode).length > regionPrefix(best.regionCode).length
        || (o.regionCode === best.regionCode && o.version > best.version);
      if (better) best = o;
    }
  }
  return {
    enabled: best ? best.enabled : true,
    level: best?.level ?? ALERT_CODES[code].level,
    threshold: best?.threshold ?? null,
  };
}
