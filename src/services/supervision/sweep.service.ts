import type { Actor } from '../../domain/org/policy.js';
import { can } from '../../domain/org/policy.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import { SimulatedClock } from '../../clock.js';
import { CALENDAR_RANGE_MESSAGE, inCalendarRange } from '../../domain/cases/wire-values.js';
import { AppError, forbidden } from '../../errors.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { loadSupervisionSettings } from './settings.js';
import { sweepCaseBatch } from './sweep-cases.js';
import { sweepAdjustments, sweepRatingTasks, sweepTransfers } from './sweep-timers.js';
import { sweepAlertTimers, sweepComplaints, sweepOrders, sweepZeroCases } from './sweep-other.js';

export interface SweepCounts {
  at: string;
  casesChecked: number;
  raised: number;
  withdrawn: number;
  turnedRed: number;
  escalated: number;
  ordersOverdue: number;
  complaintsOverdue: number;
  zeroCases: number;
  /** 差评 task steps, transferred complaints, catalog adjustments past their limits (sweep-timers.ts). */
  ratingTasksOverdue: number;
  transfersOverdue: number;
  adjustmentsOverdue: number;
  durationMs: number;
}

/**
 * The time sweep (§4) as of `at`: due cases in batches (each batch one transaction, rows
 * locked with SKIP LOCKED so concurrent sweeps split the work), then orders, complaints,
 * zero-case months and alert timers. Safe to run twice and from several instances.
 */
export async function runSweep(ctx: AppContext, at: Date, opts: { batch?: number } = {}): Promise<SweepCounts> {
  const t0 = performance.now();
  const batch = opts.batch ?? 500;
  const settings = await loadSupervisionSettings(ctx.db);
  const items = new Map<string, PowerItemVersion | null>();
  const c: SweepCounts = { at: at.toISOString(), casesChecked: 0, raised: 0, withdrawn: 0, turnedRed: 0, escalated: 0, ordersOverdue: 0, complaintsOverdue: 0, zeroCases: 0, ratingTasksOverdue: 0, transfersOverdue: 0, adjustmentsOverdue: 0, durationMs: 0 };
  for (;;) {
    const r = await ctx.db.tx((q) => sweepCaseBatch(q, ctx, settings, at, batch, items));
    c.casesChecked += r.casesChecked;
    c.raised += r.raised;
    c.withdrawn += r.withdrawn;
    if (r.selected < batch || r.casesChecked === 0) break; // drained (or only cases being written remain: their writer re-evaluates them)
  }
  await ctx.db.tx(async (q) => {
    c.ordersOverdue = await sweepOrders(q, ctx, settings, at);
    c.complaintsOverdue = await sweepComplaints(q, ctx, settings, at);
    c.zeroCases = await sweepZeroCases(q, ctx, settings, at);
    c.ratingTasksOverdue = await sweepRatingTasks(q, ctx, settings, at);
    c.transfersOverdue = await sweepTransfers(q, ctx, settings, at);
    c.adjustmentsOverdue = await sweepAdjustments(q, ctx, settings, at);
    const t = await sweepAlertTimers(q, ctx, settings, at);
    c.turnedRed = t.turnedRed;
    c.escalated = t.escalated;
  });
  c.raised += c.ordersOverdue + c.complaintsOverdue + c.zeroCases + c.ratingTasksOverdue + c.transfersOverdue + c.adjustmentsOverdue;
  c.durationMs = Math.round((performance.now() - t0) * 10) / 10;
  return c;
}

/**
 * A sweep's `at` is never in the clock's future, so that no stored alert lies there: on the real
 * clock a later `at` is refused (400 naming `at`); an `at` outside the calendar's range too.
 */
export function checkSweepAt(now: Date, at: Date): void {
  if (!inCalendarRange(at.getTime())) throw new AppError('VALIDATION', `at: ${CALENDAR_RANGE_MESSAGE}`, { field: 'at' });
  if (at.getTime() > now.getTime()) {
    throw new AppError('VALIDATION', `at: 不得晚于当前时间 ${now.toISOString()} (a sweep cannot run as of a later instant than now)`, { field: 'at' });
  }
}

/**
 * `POST /api/supervision/sweep {"at"}` (§4): supervisor or administrator; `at` defaults to now.
 * On the drill clock (演练时钟) a later `at` first moves the clock forward to it, as
 * `POST /api/admin/clock` does (audited the same way); on the real clock it is refused.
 */
export async function sweepNow(ctx: AppContext, actor: Actor, input: { at?: Date }): Promise<SweepCounts> {
  if (!can(actor, 'supervision.sweep')) throw forbidden('需要监察员或系统管理员 (supervisor or administrator only)');
  const clock = ctx.clock;
  const at = input.at ?? clock.now();
  if (clock instanceof SimulatedClock && inCalendarRange(at.getTime()) && at.getTime() > clock.now().getTime()) {
    const from = clock.now();
    await audited(ctx, actor, {
      action: 'clock.set', target: 'clock',
      run: async () => { if (at.getTime() > clock.now().getTime()) clock.set(at); },
      details: () => ({ from: from.toISOString(), to: at.toISOString(), by: 'supervision.sweep' }),
    });
  }
  checkSweepAt(clock.now(), at);
  const counts = await runSweep(ctx, at);
  await audited(ctx, actor, { action: 'supervision.sweep', target: at.toISOString(), run: async () => counts, details: (r) => ({ ...r }) });
  return counts;
}
