import type { AlertCode, AlertLevel } from '../../domain/supervision/codes.js';
import type { RuleOverride } from '../../domain/supervision/overrides.js';
import { parentCode } from '../../domain/org/region.js';
import type { Queryable } from '../db.js';

/** The region and its ancestors (county → city → province), nearest first. */
export function regionChain(code: string | null): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c; c = parentCode(c)) out.push(c);
  return out;
}

/** A setting row (or a row of departmentOverridesSql's json array) as the rules read it. */
export const overrideFromRow = (r: any): RuleOverride => ({
  regionCode: r.region_code, code: r.code, version: r.version, enabled: r.enabled, level: r.level, threshold: r.threshold,
});

const fromRow = (r: any): RuleOverride & { reason: string; createdAt: Date; createdBy: string | null } => ({
  ...overrideFromRow(r), reason: r.reason, createdAt: r.created_at, createdBy: r.created_by,
});

/** The latest version of each rule's setting in the regions `regions` (an SQL set expression). */
const latestSettingsSql = (regions: string) =>
  `SELECT DISTINCT ON (region_code, code) * FROM supervision_rule_settings WHERE region_code IN (${regions}) ORDER BY region_code, code, version DESC`;

/** The latest setting of each rule for the given regions (and their ancestors). */
export async function loadOverrides(q: Queryable, regionCodes: (string | null)[]): Promise<RuleOverride[]> {
  const codes = [...new Set(regionCodes.flatMap(regionChain))];
  if (!codes.length) return [];
  const rows = await q.query(latestSettingsSql('SELECT unnest($1::text[])'), [codes], { prepare: true });
  return rows.map(fromRow);
}

/**
 * loadOverrides for the regions of the departments in `depts` (a text[] parameter), as one json
 * array, for a query that reads other things beside them. The region chain is regionChain's,
 * written in SQL for six-digit codes: the code, its city (first four digits), its province
 * (first two).
 */
export const departmentOverridesSql = (depts: string) =>
  `SELECT coalesce(json_agg(s), '[]'::json) FROM (${latestSettingsSql(
    `SELECT unnest(ARRAY[d.region_code, substr(d.region_code, 1, 4) || '00', substr(d.region_code, 1, 2) || '0000']) FROM departments d WHERE d.code = ANY(${depts}::text[])`,
  )}) s`;

export async function listSettingVersions(q: Queryable, regionCode: string | null) {
  const rows = await q.query(`SELECT * FROM supervision_rule_settings WHERE ($1::text IS NULL OR region_code = $1) ORDER BY region_code, code, version`, [regionCode]);
  return rows.map(fromRow);
}

/** Appends a new version (never updates an old one). */
export async function insertSetting(q: Queryable, s: { regionCode: string; code: AlertCode; enabled: boolean; level: AlertLevel | null; threshold: number | null; reason: string; createdBy: string | null; at: Date }) {
  const rows = await q.query(
    `INSERT INTO supervision_rule_settings (region_code, code, version, enabled, level, threshold, reason, created_by, created_at)
     SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7, $8 FROM supervision_rule_settings WHERE region_code = $1 AND code = $2
     RETURNING *`,
    [s.regionCode, s.code, s.enabled, s.level, s.threshold, s.reason, s.createdBy, s.at]);
  return fromRow(rows[0]);
}
