import type { AppContext } from '../services/context.js';

export interface PeriodicJob {
  name: string;
  intervalMs: number;
  /** Run once at start as well as on every tick. */
  runAtStart?: boolean;
  run(): Promise<unknown>;
  /** Waited for on stop, after the last run (e.g. background recomputations it started). */
  drain?(): Promise<unknown>;
}

/**
 * Runs a job every interval; runs never overlap within a process (across processes each job
 * is itself safe: leases, SKIP LOCKED, idempotent writes). Returns the stop function.
 */
export function periodic(ctx: AppContext, job: PeriodicJob): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = job
      .run()
      .catch((err) => ctx.log.error({ err, job: job.name }, `${job.name} failed`))
      .finally(() => { running = null; });
  };
  if (job.runAtStart) tick();
  const timer = setInterval(tick, job.intervalMs);
  timer.unref?.();
  return async () => {
    stopped = true;
    clearInterval(timer);
    if (running) await running;
    await job.drain?.();
  };
}
