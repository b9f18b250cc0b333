import { CST_OFFSET_MS, DAY_MS, formatChinaTime } from '../../domain/calendar/day-index.js';
import { regionPrefix } from '../../domain/org/region.js';
import { appendAudit } from '../../store/audit.store.js';
import { latestCalendarVersion, markVersionRecomputed, versionsToRecompute } from '../../store/calendar.store.js';
import type { AppContext, ClockMove } from '../context.js';
import type { ReloadableCalendarProvider } from './calendar-provider.js';
import { computeClock, openClocksTouching, updateClockResults, type StoredClock } from './clocks.js';

/** What a calendar version changed: the dates, and the span a recomputation must look at. */
export interface CalendarChangeSpan {
  version: number;
  regionCode: string | null;
  dates: string[];
  spanFrom: string;
  spanTo: string;
}

const BATCH = 500;
const startOfDay = (date: string) => new Date(Date.parse(date + 'T00:00:00Z') - CST_OFFSET_MS);
const fmt = formatChinaTime;

/**
 * §1: "If the calendar is changed after deadlines were computed, the deadlines of open cases
 * are recomputed; concluded cases keep theirs." Recomputes every open clock (case, step,
 * complaint, order …) whose span touches the change with the calendar now in force, audits
 * each move, and hands the moves to the owners (clockMoved) in the same transaction. Safe
 * to run twice (clocks already at the version are skipped) and beside other instances.
 */
export async function recomputeClocks(ctx: AppContext, change: CalendarChangeSpan, opts: { notify?: boolean } = {}): Promise<ClockMove[]> {
  const all: ClockMove[] = [];
  const fromAt = startOfDay(change.spanFrom);
  const toAt = new Date(startOfDay(change.spanTo).getTime() + DAY_MS);
  const prefix = change.regionCode ? regionPrefix(change.regionCode) : null;
  let after: [string, string, string] | null = null;
  for (;;) {
    const page: StoredClock[] = await ctx.db.tx(async (q) => {
      const clocks = await openClocksTouching(q, { fromAt, toAt, regionPrefix: prefix, version: change.version, after, limit: BATCH });
      const moves: ClockMove[] = [];
      const now = ctx.clock.now();
      const results = clocks.flatMap((c) => {
        try {
          return [{ clock: c, result: computeClock(ctx, c) }];
        } catch (err) {
          ctx.log.warn({ err, clock: `${c.ownerKind}/${c.ownerId}/${c.kind}` }, 'clock cannot be recomputed; kept as it was');
          return [];
        }
      });
      await updateClockResults(q, results, now);
      for (const { clock: c, result: r } of results) {
        if (r.dueAt.getTime() === c.dueAt.getTime() && r.provisional === c.provisional) continue;
        const move: ClockMove = { ownerKind: c.ownerKind, ownerId: c.ownerId, kind: c.kind, fromDueAt: c.dueAt, toDueAt: r.dueAt, calendarVersion: r.calendarVersion };
        moves.push(move);
        await appendAudit(q, now, {
          actorId: null, actorName: 'calendar', role: 'system', regionCode: c.regionCode, sourceIp: null, outcome: 'success',
          action: 'calendar.clock_recomputed', target: `${c.ownerKind}/${c.ownerId}/${c.kind}`,
          details: {
            message: `deadline moved from ${fmt(c.dueAt)} to ${fmt(r.dueAt)} by calendar v${r.calendarVersion} (时限由 ${fmt(c.dueAt)} 调整为 ${fmt(r.dueAt)}，日历版本 v${r.calendarVersion})`,
            fromDueAt: c.dueAt.toISOString(), toDueAt: r.dueAt.toISOString(), fromWarnAt: c.warnAt.toISOString(), toWarnAt: r.warnAt.toISOString(),
            provisionalBefore: c.provisional, provisionalAfter: r.provisional, calendarVersion: r.calendarVersion,
          },
        });
      }
      // The owners refold and re-evaluate lights and alerts in the same transaction.
      if (moves.length) for (const h of ctx.hooks.clockMoved) await h(q, moves);
      all.push(...moves);
      return clocks;
    });
    if (page.length < BATCH) break;
    const last = page[page.length - 1];
    after = [last.ownerKind, last.ownerId, last.kind];
  }
  await markVersionRecomputed(ctx.db, change.version, ctx.clock.now());
  if (opts.notify !== false) for (const h of ctx.hooks.calendarChanged) await h({ version: change.version, dates: change.dates, regionCode: change.regionCode });
  return all;
}

const jobs = new WeakMap<AppContext, Promise<unknown>>();
const pending = new WeakMap<AppContext, number>();

/** Runs the recomputation in the background after the change committed (one job at a time per context). */
export function scheduleRecompute(ctx: AppContext, change: CalendarChangeSpan, opts: { notify?: boolean } = {}): Promise<ClockMove[]> {
  const prev = jobs.get(ctx) ?? Promise.resolve();
  pending.set(ctx, (pending.get(ctx) ?? 0) + 1);
  const job = prev
    .then(() => recomputeClocks(ctx, change, opts))
    .catch((err) => {
      ctx.log.error({ err, version: change.version }, 'calendar recomputation failed');
      return [] as ClockMove[];
    })
    .finally(() => pending.set(ctx, (pending.get(ctx) ?? 1) - 1));
  jobs.set(ctx, job);
  return job;
}

/**
 * The engine's safety net: serves a newer calendar version written by another instance,
 * and finishes recomputations that never completed (a restart in between).
 */
export async function calendarCatchUp(ctx: AppContext): Promise<{ reloaded: boolean; recomputed: number[] }> {
  const prov = ctx.calendars as ReloadableCalendarProvider;
  const served = prov.version;
  let reloaded = false;
  if ((await latestCalendarVersion(ctx.db)) > served) {
    await prov.reload();
    reloaded = true;
  }
  if (pending.get(ctx)) return { reloaded, recomputed: [] };
  // Versions never recomputed, and — after a reload — versions another instance wrote while
  // this one still served the older calendar (its clocks of that window carry the old version).
  const rows = await versionsToRecompute(ctx.db, reloaded ? served : null);
  for (const { recomputedAt, ...span } of rows) await recomputeClocks(ctx, span, { notify: recomputedAt === null });
  return { reloaded, recomputed: rows.map((r) => r.version) };
}

/** Waits until every scheduled recomputation has finished (tests, shutdown). */
export async function calendarJobsIdle(ctx: AppContext): Promise<void> {
  let j = jobs.get(ctx);
  while (j) {
    await j;
    if (jobs.get(ctx) === j) return;
    j = jobs.get(ctx);
  }
}
