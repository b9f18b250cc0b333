import type { SchemeContent, SchemeVersion } from '../../domain/evaluation/scheme.js';
import type { Queryable } from '../db.js';

export interface StoredScheme extends SchemeVersion {
  contentHash: string;
  createdBy: string | null;
  createdAt: Date;
}

const fromRow = (r: any): StoredScheme => ({
  regionCode: r.region_code, version: r.version, name: r.name, effectiveFrom: r.effective_from, base: Number(r.base),
  indicators: r.indicators, ...(r.accountability ? { accountability: r.accountability } : {}), contentHash: r.content_hash, createdBy: r.created_by, createdAt: r.created_at,
});

/** Every version of the schemes of the given regions, oldest first. */
export async function listSchemeVersions(q: Queryable, regions: string[]): Promise<StoredScheme[]> {
  const rows = await q.query(`SELECT * FROM evaluation_schemes WHERE region_code = ANY($1::text[]) ORDER BY region_code, version`, [regions]);
  return rows.map(fromRow);
}

/**
 * Appends the next version of a region's scheme, unless its latest version has the same content
 * (a PUT sent again): then that version is answered and `created` is false. The region's row is
 * locked so that two writers number their versions one after the other.
 */
export async function putSchemeVersion(q: Queryable, s: SchemeContent & { regionCode: string; contentHash: string; createdBy: string | null; at: Date }) {
  await q.query(`SELECT code FROM regions WHERE code = $1 FOR UPDATE`, [s.regionCode]);
  const latest = await q.query(`SELECT version, content_hash FROM evaluation_schemes WHERE region_code = $1 ORDER BY version DESC LIMIT 1`, [s.regionCode]);
  if (latest[0]?.content_hash === s.contentHash) return { version: latest[0].version as number, created: false };
  const version = (latest[0]?.version ?? 0) + 1;
  await q.query(
    `INSERT INTO evaluation_schemes (region_code, version, name, effective_from, base, indicators, content_hash, created_by, created_at, accountability)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10::jsonb)`,
    [s.regionCode, version, s.name, s.effectiveFrom, s.base, JSON.stringify(s.indicators), s.contentHash, s.createdBy, s.at, s.accountability ? JSON.stringify(s.accountability) : null]);
  return { version, created: true };
}
