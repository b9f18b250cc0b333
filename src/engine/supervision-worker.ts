import type { AppContext } from '../services/context.js';
import { runSweep } from '../services/supervision/sweep.service.js';
import { periodic } from './periodic.js';

/**
 * The background supervision sweep (§4: every minute by default). Reads the business clock,
 * so the drill clock drives it. Runs never overlap within a process; across processes the
 * sweep itself is safe (SKIP LOCKED leases, unique open-alert index).
 */
export function startSupervisionWorker(ctx: AppContext): () => Promise<void> {
  return periodic(ctx, {
    name: 'supervision sweep', intervalMs: ctx.config.sweepIntervalMs,
    run: async () => {
      const c = await runSweep(ctx, ctx.clock.now());
      if (c.raised || c.withdrawn || c.escalated || c.turnedRed) ctx.log.info({ sweep: c }, 'supervision sweep');
    },
  });
}
