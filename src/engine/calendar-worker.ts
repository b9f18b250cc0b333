import type { AppContext } from '../services/context.js';
import { calendarCatchUp, calendarJobsIdle } from '../services/calendar/recompute.js';

/**
 * Calendar upkeep (interface standard §1: open deadlines follow calendar changes): at start
 * and every minute, serve a newer calendar version written by another instance and finish
 * any recomputation of open clocks that a restart interrupted. Safe to run twice.
 */
export function startCalendarWorker(ctx: AppContext, intervalMs = 60_000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = calendarCatchUp(ctx)
      .catch((err) => ctx.log.error({ err }, 'calendar catch-up failed'))
      .finally(() => { running = null; });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  return async () => {
    clearInterval(timer);
    await running;
    await calendarJobsIdle(ctx);
  };
}
