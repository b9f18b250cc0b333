import type { AppContext } from '../services/context.js';
import { catalogCatchUp } from '../services/catalog/catalog-upkeep.js';
import { periodic } from './periodic.js';

/** Catalog upkeep: at start and every minute, versions whose effective date has come take effect in the listings. */
export function startCatalogWorker(ctx: AppContext, intervalMs = 60_000): () => Promise<void> {
  return periodic(ctx, { name: 'catalog catch-up', intervalMs, runAtStart: true, run: () => catalogCatchUp(ctx) });
}
