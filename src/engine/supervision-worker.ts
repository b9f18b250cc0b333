import type { AppContext } from '../services/context.js';
import { runSweep } from '../services/supervision/sweep.service.js';

/**
 * The background supervision sweep (§4: every minute by default). Reads the business clock,
 * so the drill clock drives it. Runs never overlap within a process; across processes the
 * sweep itself is safe (SKIP LOCKED leases, unique open-alert index).
 */
export function startSupervisionWorker(ctx: AppContext): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runSweep(ctx, ctx.clock.now())
      .then((c) => { if (c.raised || c.withdrawn || c.escalated || c.turnedRed) ctx.log.info({ sweep: c }, 'supervision sweep'); })
      .catch((err) => ctx.log.error({ err }, 'supervision sweep failed'))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, ctx.config.sweepIntervalMs);
  timer.unref?.();
  return async () => {
    stopped = true;
    clearInterval(timer);
    if (running) await running;
  };
}
