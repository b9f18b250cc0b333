import type { AppContext } from '../services/context.js';
import { forwardOnce, pullOrders } from '../services/levels/upstream.service.js';
import { periodic } from './periodic.js';

/** Backoff after consecutive failures: 1 s, 2 s, 4 s … at most 20 s (so a healed link is caught up well within §9's 60 s). */
export const backoffMs = (failures: number): number => Math.min(20_000, 1_000 * 2 ** Math.max(0, failures - 1));

/**
 * 接口标准 §9: forwards the outbox upward and fetches the orders issued above, every
 * config.upstreamIntervalMs; after a failure (the upper unreachable, or refusing) it waits with
 * backoff and tries again from the first unsent row. Safe with several instances: the upper
 * applies each row once.
 */
export function startUpstreamWorker(ctx: AppContext): () => Promise<void> {
  let failures = 0;
  let notBefore = 0;
  return periodic(ctx, {
    name: 'upstream forwarding', intervalMs: Math.min(ctx.config.upstreamIntervalMs, 1_000), runAtStart: true,
    run: async () => {
      const now = Date.now();
      if (now < notBefore) return;
      try {
        const sent = await forwardOnce(ctx);
        const orders = await pullOrders(ctx);
        if (failures) ctx.log.info({ after: failures }, 'upstream reachable again');
        failures = 0;
        notBefore = Date.now() + ctx.config.upstreamIntervalMs - 1_000;
        if (sent || orders) ctx.log.info({ sent, orders }, 'upstream forwarding');
      } catch (err) {
        failures++;
        notBefore = Date.now() + backoffMs(failures);
        ctx.log.warn({ err: (err as Error).message, failures, retryInMs: backoffMs(failures) }, 'upstream forwarding failed; will retry');
      }
    },
  });
}
