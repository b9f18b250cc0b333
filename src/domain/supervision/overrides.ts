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

/** The rules' own thresholds (hours), for comparing a region's threshold with the one above it (§4: lower is stricter). */
export const DEFAULT_THRESHOLDS: Partial<Record<AlertCode, number>> = { LATE_ENTRY: 48, LATE_EXCHANGE: 24 };

const LEVEL_RANK: Record<AlertLevel, number> = { yellow: 1, red: 2 };

/** The latest setting of `code` of each region whose subtree holds `regionCode`, highest region first. */
export function settingsAbove(overrides: readonly RuleOverride[], code: AlertCode, regionCode: string): RuleOverride[] {
  const latest = new Map<string, RuleOverride>();
  for (const o of overrides) {
    if (o.code !== code || !regionCode.startsWith(regionPrefix(o.regionCode))) continue;
    const b = latest.get(o.regionCode);
    if (!b || o.version > b.version) latest.set(o.regionCode, o);
  }
  return [...latest.values()].sort((a, b) => regionPrefix(a.regionCode).length - regionPrefix(b.regionCode).length);
}

/** The effective setting and, per field, the region that set it (null: the §4 default). */
export interface Combined extends RuleSetting {
  from: { enabled: string | null; level: string | null; threshold: string | null };
}

/**
 * 接口标准 §4 (v2): the level above binds. Read from the highest region down: the highest
 * region that configures a rule sets it freely against the default; every region below it only
 * tightens (enables, raises yellow to red, lowers the threshold). A looser setting below is not
 * applied, so a later tightening above takes over at once.
 */
export function combineSettings(rows: readonly RuleOverride[], code: AlertCode): Combined {
  const def = ALERT_CODES[code].level;
  const out: Combined = { enabled: true, level: def, threshold: null, from: { enabled: null, level: null, threshold: null } };
  rows.forEach((r, i) => {
    const top = i === 0;
    if (top || (r.enabled && !out.enabled)) {
      out.enabled = r.enabled;
      out.from.enabled = r.regionCode;
    }
    if (r.level && (top || LEVEL_RANK[r.level] > LEVEL_RANK[out.level])) {
      out.level = r.level;
      out.from.level = r.regionCode;
    }
    const current = out.threshold ?? DEFAULT_THRESHOLDS[code] ?? null;
    if (r.threshold != null && (top || current === null || r.threshold < current)) {
      out.threshold = r.threshold;
      out.from.threshold = r.regionCode;
    }
  });
  return out;
}

/**
 * The setting of `code` for a case in `regionCode`: the strictest along its path (combineSettings),
 * else the §4 default.
 */
export function resolveSetting(overrides: readonly RuleOverride[], code: AlertCode, regionCode: string | null): RuleSetting {
  if (!regionCode) return { enabled: true, level: ALERT_CODES[code].level, threshold: null };
  const { enabled, level, threshold } = combineSettings(settingsAbove(overrides, code, regionCode), code);
  return { enabled, level, threshold };
}

/** What a proposed setting of `region` would loosen of the settings above it (empty: it only tightens). */
export interface Loosening {
  field: 'enabled' | 'level' | 'threshold';
  /** The higher region whose setting binds. */
  region: string;
  above: boolean | AlertLevel | number;
}

/** §4 (v2): a lower region may only tighten what a higher one set; `above` are the strict ancestors' settings. */
export function looseningOf(above: readonly RuleOverride[], code: AlertCode, proposed: { enabled: boolean; level: AlertLevel | null; threshold: number | null }): Loosening[] {
  if (!above.length) return []; // no region above configured the rule: the highest setter sets it freely
  const c = combineSettings(above, code);
  const top = above[0].regionCode;
  const out: Loosening[] = [];
  if (c.enabled && !proposed.enabled) out.push({ field: 'enabled', region: c.from.enabled ?? top, above: true });
  if (proposed.level && LEVEL_RANK[proposed.level] < LEVEL_RANK[c.level]) out.push({ field: 'level', region: c.from.level ?? top, above: c.level });
  const limit = c.threshold ?? DEFAULT_THRESHOLDS[code] ?? null;
  if (proposed.threshold != null && limit !== null && proposed.threshold > limit) out.push({ field: 'threshold', region: c.from.threshold ?? top, above: limit });
  return out;
}
