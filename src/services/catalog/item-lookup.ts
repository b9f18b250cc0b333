import type { ItemStatus, PowerItemVersion } from '../../domain/catalog/item.types.js';
import type { Queryable } from '../../store/db.js';
import { findVersionAt, getVersion } from '../../store/catalog.store.js';

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
  const known = await q.query('SELECT 1 FROM power_items WHERE code = $1', [itemCode]);
  return known.length ? 'draft' : null;
}
