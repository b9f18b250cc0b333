import type { DeadlineResult } from '../../domain/calendar/calendar.types.js';
import type { Queryable } from '../../store/db.js';
import { writeClocks, type ClockSpec, type ClockTidy } from '../../store/clock.store.js';
import type { AppContext } from '../context.js';

/**
 * The one place deadlines are computed and kept. Owners (cases, steps, complaints,
 * supervision orders, catalog adjustments) set their clocks here; when a calendar
 * version changes, open clocks touching a changed date are recomputed (calendar issue).
 * The rows themselves are read and written by store/clock.store.ts.
 */
export {
  closeClocks, getClocks, listProvisionalClocks, openClocksTouching, updateClockResults,
  type ClockSpec, type ClockTidy, type StoredClock,
} from '../../store/clock.store.js';

export function computeClock(ctx: AppContext, spec: ClockSpec): DeadlineResult {
  return ctx.calendars.forRegion(spec.regionCode).deadline({
    start: spec.start, workingDays: spec.workingDays, extensionDays: spec.extensionDays ?? 0, suspensions: spec.suspensions ?? [],
  });
}

/** Computes the clock with the calendar in force and stores it (upsert by owner and kind). */
export async function setClock(q: Queryable, ctx: AppContext, spec: ClockSpec): Promise<DeadlineResult> {
  return (await setClocks(q, ctx, [spec]))[0];
}

/**
 * Several clocks in one statement (added by the cases area: a pushed batch sets the clocks of
 * many cases at once). Same rows and meaning as setClock; results in the order given. `tidy`
 * drops and closes in that same statement; the rows it touches are never the ones written.
 */
export async function setClocks(
  q: Queryable, ctx: AppContext, specs: ClockSpec[], results?: DeadlineResult[], opts: { closed?: boolean[]; fresh?: boolean[]; tidy?: ClockTidy } = {},
): Promise<DeadlineResult[]> {
  const drop = opts.tidy?.drop?.ownerIds.length ? opts.tidy.drop : null;
  const close = opts.tidy?.close?.ownerIds.length ? opts.tidy.close : null;
  if (!specs.length && !drop && !close) return [];
  const rs = results ?? specs.map((s) => computeClock(ctx, s));
  await writeClocks(q, specs, rs, ctx.clock.now(), { closed: opts.closed, fresh: opts.fresh, drop, close });
  return rs;
}
