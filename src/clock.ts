import { AppError } from './errors.js';

/** The one source of "now" for business time (receipt times, deadlines, sweeps, lights). */
export interface Clock {
  now(): Date;
  /** True for the drill clock (演练时钟) started with `--clock`. */
  readonly simulated: boolean;
}

export const systemClock: Clock = { now: () => new Date(), simulated: false };

/**
 * 演练时钟: starts at a given instant and moves only when told to, and only forward
 * (interface standard §6).
 */
export class SimulatedClock implements Clock {
  readonly simulated = true;
  #now: number;
  constructor(start: Date) {
    this.#now = start.getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(to: Date): void {
    if (Number.isNaN(to.getTime())) throw new AppError('VALIDATION', 'now 不是有效的时间 (invalid instant)', { field: 'now' });
    if (to.getTime() < this.#now) {
      throw new AppError('CONFLICT', `演练时钟只能向前拨动 (the clock never moves back: ${this.now().toISOString()} → ${to.toISOString()})`, { field: 'now' });
    }
    this.#now = to.getTime();
  }
}

/** A clock tests can move freely (for idle timeouts, lockouts and the like). */
export class ManualClock implements Clock {
  readonly simulated = false;
  constructor(private t: Date = new Date()) {}
  now(): Date {
    return new Date(this.t.getTime());
  }
  set(t: Date): void {
    this.t = t;
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}
