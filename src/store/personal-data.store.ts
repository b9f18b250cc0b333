import type { Queryable } from './db.js';

/** Sealed personal data (migration 0810): the vault, the key versions used, and the reading log. */

export interface PersonalDataRow {
  id: string;
  subjectKind: 'case' | 'complaint';
  departmentCode: string | null;
  regionCode: string | null;
  sealed: string;
  keyVersion: number;
}

/** Stores sealed values; a row already there (a resent event) is kept as it was. */
export async function insertPersonalData(q: Queryable, rows: PersonalDataRow[], at: Date): Promise<void> {
  if (!rows.length) return;
  await q.query(
    `INSERT INTO personal_data (id, subject_kind, department_code, region_code, sealed, key_version, created_at, updated_at)
     SELECT r.id, r.subject_kind, r.department_code, r.region_code, r.sealed, r.key_version, $2, $2
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, subject_kind text, department_code text, region_code text, sealed text, key_version integer)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(rows.map((r) => ({ id: r.id, subject_kind: r.subjectKind, department_code: r.departmentCode, region_code: r.regionCode, sealed: r.sealed, key_version: r.keyVersion }))), at]);
}

export async function getPersonalData(q: Queryable, ids: string[]): Promise<Map<string, PersonalDataRow>> {
  if (!ids.length) return new Map();
  const rows = await q.query('SELECT * FROM personal_data WHERE id = ANY($1::text[])', [ids]);
  return new Map(rows.map((r: any) => [r.id, { id: r.id, subjectKind: r.subject_kind, departmentCode: r.department_code, regionCode: r.region_code, sealed: r.sealed, keyVersion: r.key_version }]));
}

/** Rows sealed with another key version than `current`, a batch at a time (rotation), locked against a concurrent rotation. */
export async function personalDataToReseal(q: Queryable, current: number, limit: number): Promise<{ id: string; sealed: string }[]> {
  return q.query('SELECT id, sealed FROM personal_data WHERE key_version <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED', [current, limit]);
}

export async function resealPersonalData(q: Queryable, rows: { id: string; sealed: string }[], version: number, at: Date): Promise<void> {
  if (!rows.length) return;
  await q.query(
    `UPDATE personal_data p SET sealed = r.sealed, key_version = $2, updated_at = $3
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, sealed text) WHERE p.id = r.id`,
    [JSON.stringify(rows), version, at]);
}

export async function countByKeyVersion(q: Queryable): Promise<Record<string, number>> {
  const rows = await q.query<{ v: number; n: number }>('SELECT key_version AS v, count(*)::int AS n FROM personal_data GROUP BY 1 ORDER BY 1');
  return Object.fromEntries(rows.map((r) => [String(r.v), r.n]));
}

/** The key versions data was sealed with (version → fingerprint). */
export async function sealKeyRecords(q: Queryable): Promise<Map<number, string>> {
  const rows = await q.query<{ version: number; fingerprint: string }>('SELECT version, fingerprint FROM seal_keys ORDER BY version');
  return new Map(rows.map((r) => [r.version, r.fingerprint]));
}

export async function recordSealKey(q: Queryable, version: number, fingerprint: string, at: Date): Promise<void> {
  await q.query('INSERT INTO seal_keys (version, fingerprint, first_used_at) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING', [version, fingerprint, at]);
}

export interface PersonalReadRow {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorKind: string;
  subjectKind: 'case' | 'complaint';
  subjectRef: string;
  departmentCode: string | null;
  regionCode: string | null;
  fields: string[];
  purpose: string | null;
}

export async function insertPersonalRead(q: Queryable, r: PersonalReadRow): Promise<void> {
  await q.query(
    `INSERT INTO personal_data_reads (at, actor_id, actor_name, actor_kind, subject_kind, subject_ref, department_code, region_code, fields, purpose)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [r.at, r.actorId, r.actorName, r.actorKind, r.subjectKind, r.subjectRef, r.departmentCode, r.regionCode, r.fields.join(','), r.purpose]);
}

export async function listPersonalReads(q: Queryable, f: { subjectRef?: string; actorId?: string; limit: number; beforeId?: number }): Promise<(PersonalReadRow & { id: number })[]> {
  const rows = await q.query(
    `SELECT * FROM personal_data_reads WHERE ($1::text IS NULL OR subject_ref = $1) AND ($2::text IS NULL OR actor_id = $2) AND ($4::bigint IS NULL OR id < $4)
     ORDER BY id DESC LIMIT $3`,
    [f.subjectRef ?? null, f.actorId ?? null, f.limit, f.beforeId ?? null]);
  return rows.map((r: any) => ({
    id: Number(r.id), at: r.at, actorId: r.actor_id, actorName: r.actor_name, actorKind: r.actor_kind, subjectKind: r.subject_kind, subjectRef: r.subject_ref,
    departmentCode: r.department_code, regionCode: r.region_code, fields: String(r.fields).split(',').filter(Boolean), purpose: r.purpose,
  }));
}

/** Accounts whose TOTP secret (or the one on offer) is plain or sealed with another key version (rotation). */
export async function totpToReseal(q: Queryable, currentPrefix: string, limit: number): Promise<{ id: string; secret: string | null; pending: string | null }[]> {
  return q.query(
    `SELECT id, totp_secret AS secret, totp_pending AS pending FROM users
     WHERE (totp_secret IS NOT NULL AND NOT starts_with(totp_secret, $1)) OR (totp_pending IS NOT NULL AND NOT starts_with(totp_pending, $1))
     ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`, [currentPrefix, limit]);
}

export async function setTotpSealed(q: Queryable, id: string, secret: string | null, pending: string | null): Promise<void> {
  await q.query('UPDATE users SET totp_secret = $2, totp_pending = $3 WHERE id = $1', [id, secret, pending]);
}
