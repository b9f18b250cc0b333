import type { RegionLimitRow, RegionLimits } from '../../domain/supervision/region-limits.js';
import type { Queryable } from '../db.js';
import { regionChain } from './rule-settings.store.js';

const fromRow = (r: any): RegionLimitRow & { reason: string; createdBy: string | null; createdAt: Date } => ({
  regionCode: r.region_code, version: r.version, limits: r.limits ?? {}, reason: r.reason, createdBy: r.created_by, createdAt: r.created_at,
});

/** The latest limits of the region and each of its ancestors. */
export async function loadRegionLimitRows(q: Queryable, regionCode: string) {
  const rows = await q.query(
    `SELECT DISTINCT ON (region_code) * FROM supervision_region_settings WHERE region_code = ANY($1::text[]) ORDER BY region_code, version DESC`,
    [regionChain(regionCode)]);
  return rows.map(fromRow);
}

/** Appends a region's new limits (never updates an old version). */
export async function insertRegionLimits(q: Queryable, s: { regionCode: string; limits: RegionLimits; reason: string; createdBy: string | null; at: Date }) {
  const rows = await q.query(
    `INSERT INTO supervision_region_settings (region_code, version, limits, reason, created_by, created_at)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM supervision_region_settings WHERE region_code = $1 RETURNING *`,
    [s.regionCode, JSON.stringify(s.limits), s.reason, s.createdBy, s.at]);
  return fromRow(rows[0]);
}
