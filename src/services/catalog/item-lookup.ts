import type { ItemStatus, PowerItemVersion } from '../../domain/catalog/item.types.js';
import type { Queryable } from '../../store/db.js';

/**
 * How cases and supervision read the catalog (owned by the catalog; PLACEHOLDER bodies
 * until the catalog store lands).
 */

/** The version of an item in force at `at` (the one a case registered then is judged by), or null. */
export async function findItemVersionInForce(_q: Queryable, _itemCode: string, _at: Date): Promise<PowerItemVersion | null> {
  return null;
}

/** A given version of an item, or null. */
export async function getItemVersion(_q: Queryable, _itemCode: string, _version: number): Promise<PowerItemVersion | null> {
  return null;
}

/** The item's status at `at` (draft, in_force, suspended, cancelled), or null when the code is unknown. */
export async function itemStatusAt(_q: Queryable, _itemCode: string, _at: Date): Promise<ItemStatus | null> {
  return null;
}
