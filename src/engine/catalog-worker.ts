import type { AppContext } from '../services/context.js';
import { catalogCatchUp } from '../services/catalog/catalog-upkeep.js';

/** Catalog upkeep: at start and every minute, versions whose effective date has come take effect in the listings. */
export function startCatalogWorker(ctx: AppContext, intervalMs = 60_000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = catalogCatchUp(ctx)
      .catch((err) => ctx.log.error({ err }, 'catalog catch-up failed'))
      .finally(() => { running = null; });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
