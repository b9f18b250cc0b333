import type { Queryable } from '../db.js';

/** A reviewed period: the figures frozen at approval (§8's departments), and its review dates. */
export interface StoredResult {
  regionCode: string;
  period: string;
  revision: number;
  status: 'approved' | 'published' | 'superseded';
  schemeRegion: string;
  schemeVersion: number;
  /** `people`: the person and post scores frozen with the departments' (absent in revisions approved before they were). */
  result: { departments: any[]; names: Record<string, string>; schemeName: string; indicators: any[]; base: number; people?: any };
  approvedBy: string | null;
  approvedAt: Date;
  publishedBy: string | null;
  publishedAt: Date | null;
  appealDueAt: Date | null;
  supersededAt: Date | null;
}

const fromRow = (r: any): StoredResult => ({
  regionCode: r.region_code, period: r.period, revision: r.revision, status: r.status, schemeRegion: r.scheme_region, schemeVersion: r.scheme_version,
  result: r.result, approvedBy: r.approved_by, approvedAt: r.approved_at, publishedBy: r.published_by, publishedAt: r.published_at,
  appealDueAt: r.appeal_due_at, supersededAt: r.superseded_at,
});

/** The live (approved or published) revision of a region's period, locked when `lock`. */
export async function liveResult(q: Queryable, regionCode: string, period: string, lock = false): Promise<StoredResult | null> {
  const rows = await q.query(`SELECT * FROM evaluation_results WHERE region_code = $1 AND period = $2 AND status <> 'superseded'${lock ? ' FOR UPDATE' : ''}`, [regionCode, period]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function listResults(q: Queryable, regionCode: string, period: string): Promise<StoredResult[]> {
  const rows = await q.query(`SELECT * FROM evaluation_results WHERE region_code = $1 AND period = $2 ORDER BY revision`, [regionCode, period]);
  return rows.map(fromRow);
}

/** Live reviewed periods of the regions starting with any of `prefixes` (all when null), newest first. */
export async function listLiveResults(q: Queryable, prefixes: string[] | null, limit = 200): Promise<StoredResult[]> {
  const rows = await q.query(
    `SELECT * FROM evaluation_results WHERE status <> 'superseded' AND ($1::text[] IS NULL OR region_code LIKE ANY($1::text[]))
     ORDER BY approved_at DESC LIMIT $2`, [prefixes?.map((p) => `${p}%`) ?? null, limit]);
  return rows.map(fromRow);
}

/** The latest published period of exactly `regionCode`, or of any region when null. */
export async function latestPublished(q: Queryable, regionCode: string | null): Promise<StoredResult | null> {
  const rows = await q.query(
    `SELECT * FROM evaluation_results WHERE status = 'published' AND ($1::text IS NULL OR region_code = $1) ORDER BY published_at DESC LIMIT 1`, [regionCode]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function insertApproved(q: Queryable, r: Omit<StoredResult, 'revision' | 'status' | 'publishedBy' | 'publishedAt' | 'appealDueAt' | 'supersededAt'>): Promise<StoredResult> {
  const rows = await q.query(
    `INSERT INTO evaluation_results (region_code, period, revision, status, scheme_region, scheme_version, result, approved_by, approved_at)
     SELECT $1, $2, coalesce(max(revision), 0) + 1, 'approved', $3, $4, $5::jsonb, $6, $7 FROM evaluation_results WHERE region_code = $1 AND period = $2
     RETURNING *`,
    [r.regionCode, r.period, r.schemeRegion, r.schemeVersion, JSON.stringify(r.result), r.approvedBy, r.approvedAt]);
  return fromRow(rows[0]);
}

export async function markPublished(q: Queryable, key: { regionCode: string; period: string; revision: number }, by: string | null, at: Date, appealDueAt: Date): Promise<StoredResult> {
  const rows = await q.query(
    `UPDATE evaluation_results SET status = 'published', published_by = $4, published_at = $5, appeal_due_at = $6
     WHERE region_code = $1 AND period = $2 AND revision = $3 RETURNING *`, [key.regionCode, key.period, key.revision, by, at, appealDueAt]);
  return fromRow(rows[0]);
}

export async function markSuperseded(q: Queryable, key: { regionCode: string; period: string; revision: number }, at: Date): Promise<void> {
  await q.query(`UPDATE evaluation_results SET status = 'superseded', superseded_at = $4 WHERE region_code = $1 AND period = $2 AND revision = $3`,
    [key.regionCode, key.period, key.revision, at]);
}

export interface StoredAppeal {
  id: string; regionCode: string; period: string; revision: number; departmentCode: string; reason: string;
  status: 'pending' | 'upheld' | 'dismissed'; filedBy: string | null; filedAt: Date;
  decidedBy: string | null; decidedAt: Date | null; decision: string | null;
}

const appealFromRow = (r: any): StoredAppeal => ({
  id: r.id, regionCode: r.region_code, period: r.period, revision: r.revision, departmentCode: r.department_code, reason: r.reason,
  status: r.status, filedBy: r.filed_by, filedAt: r.filed_at, decidedBy: r.decided_by, decidedAt: r.decided_at, decision: r.decision,
});

export async function insertAppeal(q: Queryable, a: Omit<StoredAppeal, 'status' | 'decidedBy' | 'decidedAt' | 'decision'>): Promise<StoredAppeal> {
  const rows = await q.query(
    `INSERT INTO evaluation_appeals (id, region_code, period, revision, department_code, reason, status, filed_by, filed_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8) ON CONFLICT DO NOTHING RETURNING *`,
    [a.id, a.regionCode, a.period, a.revision, a.departmentCode, a.reason, a.filedBy, a.filedAt]);
  return rows[0] ? appealFromRow(rows[0]) : (null as any);
}

export async function getAppeal(q: Queryable, id: string, lock = false): Promise<StoredAppeal | null> {
  const rows = await q.query(`SELECT * FROM evaluation_appeals WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? appealFromRow(rows[0]) : null;
}

/** Appeals of one region's period, or of one department (any region), oldest first. */
export async function listAppeals(q: Queryable, by: { regionCode: string; period: string } | { departmentCode: string }): Promise<StoredAppeal[]> {
  const rows = 'departmentCode' in by
    ? await q.query(`SELECT * FROM evaluation_appeals WHERE department_code = $1 ORDER BY filed_at`, [by.departmentCode])
    : await q.query(`SELECT * FROM evaluation_appeals WHERE region_code = $1 AND period = $2 ORDER BY filed_at`, [by.regionCode, by.period]);
  return rows.map(appealFromRow);
}

export async function decideAppeal(q: Queryable, id: string, d: { status: 'upheld' | 'dismissed'; by: string | null; at: Date; decision: string }): Promise<StoredAppeal> {
  const rows = await q.query(`UPDATE evaluation_appeals SET status = $2, decided_by = $3, decided_at = $4, decision = $5 WHERE id = $1 RETURNING *`,
    [id, d.status, d.by, d.at, d.decision]);
  return appealFromRow(rows[0]);
}

/** Live reviewed periods in which `departmentCode` was scored (any region up its tree), newest first. */
export async function resultsForDepartment(q: Queryable, departmentCode: string): Promise<StoredResult[]> {
  const rows = await q.query(
    `SELECT * FROM evaluation_results WHERE status <> 'superseded' AND result->'names' ->> $1 IS NOT NULL ORDER BY approved_at DESC LIMIT 100`, [departmentCode]);
  return rows.map(fromRow);
}

/** Live reviewed periods whose frozen person scores include `officerId`, newest first. */
export async function resultsForOfficer(q: Queryable, officerId: string): Promise<StoredResult[]> {
  const rows = await q.query(
    `SELECT * FROM evaluation_results WHERE status <> 'superseded' AND result->'people'->'people' @> $1::jsonb ORDER BY approved_at DESC LIMIT 100`,
    [JSON.stringify([{ officerId }])]);
  return rows.map(fromRow);
}

/** The live reviewed results of `regionCode` for the given periods. */
export async function liveResultsOf(q: Queryable, regionCode: string, periods: string[]): Promise<StoredResult[]> {
  const rows = await q.query(`SELECT * FROM evaluation_results WHERE region_code = $1 AND period = ANY($2::text[]) AND status <> 'superseded'`, [regionCode, periods]);
  return rows.map(fromRow);
}
