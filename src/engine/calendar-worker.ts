import type { AppContext } from '../services/context.js';
import { calendarCatchUp, calendarJobsIdle } from '../services/calendar/recompute.js';
import { periodic } from './periodic.js';

/**
 * Calendar upkeep (interface standard §1: open deadlines follow calendar changes): at start
 * and every minute, serve a newer calendar version written by another instance and finish
 * any recomputation of open clocks that a restart interrupted. Safe to run twice.
 */
export function startCalendarWorker(ctx: AppContext, intervalMs = 60_000): () => Promise<void> {
  return periodic(ctx, {
    name: 'calendar catch-up', intervalMs, runAtStart: true,
    run: () => calendarCatchUp(ctx),
    drain: () => calendarJobsIdle(ctx),
  });
}
