import type { ItemStatus, PowerItemVersion } from '../../domain/catalog/item.types.js';
import type { Queryable } from '../../store/db.js';
import { findVersionAt, getVersion, itemCodeKnown, listVersions, type VersionKey } from '../../store/catalog.store.js';

export type { VersionKey };

/**
 * How cases and supervision read the catalog (owned by the catalog).
 */

/**
 * The version of an item in effect at `at` (the one a case registered then is judged by), or
 * null when the code is unknown or no version had taken effect by `at` (drafts and
 * future-dated versions are not in effect). The returned version carries its `status`: a
 * suspended or cancelled item returns its suspending/cancelling version (status
 * 'suspended'/'cancelled'), so callers that may only act on a power in force check
 * `status === 'in_force'` (UNLISTED_POWER otherwise).
 */
export async function findItemVersionInForce(q: Queryable, itemCode: string, at: Date): Promise<PowerItemVersion | null> {
  return findVersionAt(q, itemCode, at);
}

/** A given version of an item, or null. */
export async function getItemVersion(q: Queryable, itemCode: string, version: number): Promise<PowerItemVersion | null> {
  return getVersion(q, itemCode, version);
}

/**
 * The item's status at `at` (draft, in_force, suspended, cancelled), or null when the code is
 * unknown. An item whose first version has not taken effect by `at` is 'draft'.
 */
export async function itemStatusAt(q: Queryable, itemCode: string, at: Date): Promise<ItemStatus | null> {
  const v = await findVersionAt(q, itemCode, at);
  if (v) return v.status;
  return (await itemCodeKnown(q, itemCode)) ? 'draft' : null;
}

type VersionList = Awaited<ReturnType<typeof listVersions>>;
const versionCache = new WeakMap<object, Map<string, { key: string; versions: VersionList }>>();

const deepFreeze = <T>(v: T): T => {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
};

/**
 * Every version of each item code, for ingest, which reads them batch after batch. Versions
 * are immutable once stored (a trigger refuses UPDATE and DELETE), so they are kept in
 * memory per database (`cacheOwner`) and re-read only when the list of (version, xmin) that
 * the transaction sees differs: a new version, or one a rolled-back transaction had shown.
 * That list (`rows`, in the order item_code, version; rows of other codes are left aside) is
 * read with the batch's cases (case_ingest_open). The objects are frozen: callers share them.
 */
export async function itemVersionsFromKeys(q: Queryable, cacheOwner: object, codes: string[], rows: readonly VersionKey[]): Promise<Map<string, readonly PowerItemVersion[]>> {
  const out = new Map<string, readonly PowerItemVersion[]>(codes.map((c) => [c, []]));
  if (!codes.length) return out;
  let cache = versionCache.get(cacheOwner);
  if (!cache) versionCache.set(cacheOwner, (cache = new Map()));
  const keys = new Map<string, string>();
  for (const r of rows) if (out.has(r.item_code)) keys.set(r.item_code, `${keys.get(r.item_code) ?? ''}${r.version}:${r.x},`);
  for (const [code, key] of keys) {
    let hit = cache.get(code);
    if (hit?.key !== key) cache.set(code, (hit = { key, versions: deepFreeze(await listVersions(q, code)) }));
    out.set(code, hit.versions);
  }
  return out;
}
