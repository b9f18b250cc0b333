import type { Actor } from '../../domain/org/policy.js';
import type { Queryable } from '../../store/db.js';
import type { AppContext } from '../context.js';

export interface ItemRefusal {
  code: string | null;
  name: string | null;
  error: string;
}

/**
 * Loads the `items` of a §2 import inside the import's transaction (idempotent upsert by
 * code). Owned by the catalog; the organisation import calls it after regions and departments.
 */
export async function importItems(_q: Queryable, _ctx: AppContext, _actor: Actor, items: unknown[]): Promise<{ loaded: number; refused: ItemRefusal[] }> {
  return { loaded: 0, refused: items.map((it: any) => ({ code: it?.code ?? null, name: it?.name ?? null, error: 'catalog not yet available' })) };
}
