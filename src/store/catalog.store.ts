import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';
import type { ItemStatus, PowerItem, PowerItemVersion } from '../domain/catalog/item.types.js';
import { SEARCH_KEYS_REV, searchKeys } from '../domain/catalog/search-keys.js';
import type { Queryable } from './db.js';

/** SQL of the catalog of powers: items, their immutable versions, code sequences. */

export interface ItemRow {
  code: string;
  name: string;
  category: PowerItem['category'];
  departmentCode: string;
  regionCode: string;
  status: ItemStatus;
  confidential: boolean;
  latestVersion: number;
  retired: boolean;
}

const itemFromRow = (r: any): ItemRow => ({
  code: r.code, name: r.name, category: r.category, departmentCode: r.department_code, regionCode: r.region_code,
  status: r.status, confidential: r.confidential, latestVersion: r.latest_version, retired: r.retired,
});

export function versionFromRow(r: any): PowerItemVersion {
  const c = r.content as PowerItem;
  return { ...c, code: r.item_code, status: r.status, version: r.version, effectiveFrom: r.effective_from, disclosureProblems: r.disclosure_problems ?? [] };
}

export const contentHash = (content: PowerItem): string => createHash('sha256').update(canonicalJson(content)).digest('hex');

export async function getItemRow(q: Queryable, code: string, forUpdate = false): Promise<ItemRow | null> {
  const rows = await q.query(`SELECT * FROM power_items WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`, [code]);
  return rows[0] ? itemFromRow(rows[0]) : null;
}

export async function insertItemRow(q: Queryable, i: { code: string; name: string; category: string; departmentCode: string; regionCode: string; now: Date }): Promise<void> {
  await q.query(
    `INSERT INTO power_items (code, name, category, department_code, region_code, status, confidential, latest_version, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,'draft',false,0,$6,$6)`,
    [i.code, i.name, i.category, i.departmentCode, i.regionCode, i.now],
  );
}

/** Appends an immutable version (number = latest + 1) and refreshes the item row as of `now`. */
export async function appendVersion(
  q: Queryable,
  v: { content: PowerItem; effectiveFrom: Date; disclosureProblems: string[]; adjustmentId?: string | null; createdBy: string | null; now: Date },
): Promise<PowerItemVersion> {
  const code = v.content.code;
  const [row] = await q.query<{ latest_version: number }>(
    'UPDATE power_items SET latest_version = latest_version + 1 WHERE code = $1 RETURNING latest_version', [code],
  );
  if (!row) throw new Error(`item ${code} missing`);
  const [ins] = await q.query(
    `INSERT INTO power_item_versions (item_code, version, effective_from, status, content, content_hash, disclosure_problems, adjustment_id, created_at, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING *`,
    [code, row.latest_version, v.effectiveFrom, v.content.status, JSON.stringify(v.content), contentHash(v.content),
      JSON.stringify(v.disclosureProblems), v.adjustmentId ?? null, v.now, v.createdBy],
  );
  await refreshItemRow(q, code, v.now);
  return versionFromRow(ins);
}

/** The version in effect at `at`: the latest effective one that is not a draft (by effective instant, then number). */
export async function findVersionAt(q: Queryable, code: string, at: Date): Promise<PowerItemVersion | null> {
  const rows = await q.query(
    `SELECT * FROM power_item_versions WHERE item_code = $1 AND effective_from <= $2 AND status <> 'draft'
     ORDER BY effective_from DESC, version DESC LIMIT 1`,
    [code, at],
  );
  return rows[0] ? versionFromRow(rows[0]) : null;
}

/** Whether an item code has ever been created (codes are never reused). */
export async function itemCodeKnown(q: Queryable, code: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM power_items WHERE code = $1', [code])).length > 0;
}

/** One version of an item as the light query lists it: (version, xmin). */
export interface VersionKey {
  item_code: string;
  version: number;
  x: string;
}

export async function getVersion(q: Queryable, code: string, version: number): Promise<PowerItemVersion | null> {
  const rows = await q.query('SELECT * FROM power_item_versions WHERE item_code = $1 AND version = $2', [code, version]);
  return rows[0] ? versionFromRow(rows[0]) : null;
}

export async function latestVersion(q: Queryable, code: string): Promise<PowerItemVersion | null> {
  const rows = await q.query('SELECT * FROM power_item_versions WHERE item_code = $1 ORDER BY version DESC LIMIT 1', [code]);
  return rows[0] ? versionFromRow(rows[0]) : null;
}

export async function listVersions(q: Queryable, code: string): Promise<(PowerItemVersion & { createdAt: Date; createdBy: string | null; adjustmentId: string | null })[]> {
  const rows = await q.query('SELECT * FROM power_item_versions WHERE item_code = $1 ORDER BY version', [code]);
  return rows.map((r) => ({ ...versionFromRow(r), createdAt: r.created_at, createdBy: r.created_by, adjustmentId: r.adjustment_id }));
}

/**
 * Makes the item row reflect the version in effect at `now` (name, status, search words);
 * an item whose first version is not yet effective stays 'draft'. Retires cancelled codes.
 */
export async function refreshItemRow(q: Queryable, code: string, now: Date): Promise<void> {
  const [row] = await q.query<{ name: string }>(
    `WITH cur AS (
       SELECT v.status, v.content FROM power_item_versions v
        WHERE v.item_code = $1 AND v.effective_from <= $2 AND v.status <> 'draft'
        ORDER BY v.effective_from DESC, v.version DESC LIMIT 1),
     lat AS (SELECT v.content FROM power_item_versions v WHERE v.item_code = $1 ORDER BY v.version DESC LIMIT 1),
     src AS (SELECT COALESCE((SELECT content FROM cur), (SELECT content FROM lat)) AS content,
                    COALESCE((SELECT status FROM cur), 'draft') AS status)
     UPDATE power_items i SET
       name = src.content->>'name',
       status = src.status,
       confidential = COALESCE((src.content->>'confidential')::boolean, false),
       retired = i.retired OR src.status = 'cancelled',
       search_text = concat_ws(' ', src.content->>'name', d.name,
         (SELECT string_agg(b->>'law', ' ') FROM jsonb_array_elements(COALESCE(src.content->'legalBasis', '[]'::jsonb)) b)),
       updated_at = $2
     FROM src, departments d
     WHERE i.code = $1 AND d.code = i.department_code
     RETURNING i.name`,
    [code, now],
  );
  if (row) await setSearchKeys(q, code, row.name);
}

/** Writes an item's pinyin / initials / abbreviation keys (computed from its name, see search-keys.ts). */
export async function setSearchKeys(q: Queryable, code: string, name: string): Promise<void> {
  await q.query('UPDATE power_items SET search_keys = $2, search_keys_rev = $3 WHERE code = $1', [code, searchKeys(name), SEARCH_KEYS_REV]);
}

/** Items whose search keys were made by older rules (or before keys existed), for the upkeep to recompute. */
export async function itemsWithStaleSearchKeys(q: Queryable, limit: number): Promise<{ code: string; name: string }[]> {
  return q.query<{ code: string; name: string }>('SELECT code, name FROM power_items WHERE search_keys_rev <> $1 ORDER BY code LIMIT $2', [SEARCH_KEYS_REV, limit]);
}

/** The last sequence number used for a code prefix (every code stored by the rule is recorded there). */
export async function lastSeq(q: Queryable, prefix: string): Promise<number> {
  const [r] = await q.query<{ last_seq: number }>('SELECT last_seq FROM item_code_sequences WHERE prefix = $1', [prefix]);
  return r?.last_seq ?? 0;
}

/** Records that `seq` was used for `prefix` (the sequence never goes back). */
export async function useSeq(q: Queryable, prefix: string, seq: number): Promise<void> {
  await q.query(
    `INSERT INTO item_code_sequences (prefix, last_seq) VALUES ($1, $2)
     ON CONFLICT (prefix) DO UPDATE SET last_seq = GREATEST(item_code_sequences.last_seq, EXCLUDED.last_seq)`,
    [prefix, seq],
  );
}

/** Serialises code assignment for one prefix within the transaction. */
export async function lockPrefix(q: Queryable, prefix: string): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['item-code:' + prefix]);
}

export async function departmentRegion(q: Queryable, departmentCode: string): Promise<{ regionCode: string; name: string } | null> {
  const rows = await q.query('SELECT region_code, name FROM departments WHERE code = $1', [departmentCode]);
  return rows[0] ? { regionCode: rows[0].region_code, name: rows[0].name } : null;
}
