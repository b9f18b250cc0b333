import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db, Queryable } from '../store/db.js';
import type { CalendarProvider } from '../domain/calendar/calendar.types.js';
import type { CaseEvent, CaseState } from '../domain/cases/case.types.js';
import type { FoldTrace } from '../domain/cases/case.fold.js';
import type { PowerItemVersion } from '../domain/catalog/item.types.js';

/** Handed to supervision (and anything else) in the transaction that stores a case's events. */
export interface CaseChange {
  q: Queryable;
  caseId: string;
  /** Null when this change created the case, in this transaction, under a new id: nothing of it was stored before. */
  before: CaseState | null;
  after: CaseState;
  /** Events stored by this call (already in `after`). */
  newEvents: CaseEvent[];
  /** True when a late event made the whole case fold again. */
  refolded: boolean;
  /**
   * The fold the writer already did: each event applied, with the state just before it, from
   * `before` (from the empty case over all its events when refolded). Absent: observers replay.
   */
  trace?: FoldTrace;
  item: PowerItemVersion | null;
  now: Date;
  /** eventIds resent with different content (kept beside the original; DATA_MODIFIED). */
  conflicts: { eventId: string; type: string; occurredAt: Date }[];
}

export interface CaseObserver {
  /** Returns the next instant a time rule must look at this case (null: none). */
  onCaseChanged(change: CaseChange): Promise<{ nextCheckAt: Date | null } | void>;
  /**
   * Optional (added by the cases area): all the cases one stored batch changed, in one call,
   * so an observer can batch its own reads and writes. When present it is called instead of
   * onCaseChanged, once per batch, in the same transaction; results in the order given.
   */
  onCasesChanged?(changes: CaseChange[], prepared?: unknown): Promise<({ nextCheckAt: Date | null } | void)[]>;
  /**
   * Optional, with onCasesChanged: called as soon as a batch's cases are known, before its
   * events are stored, to send the reads onCasesChanged will need (sent, not awaited: they
   * travel with the batch's insert). What it returns is handed to onCasesChanged, which must
   * check that it covers the changes it gets (a late event's refold brings stored events the
   * preview did not name). It must not write.
   */
  prepareCases?(preview: CasesPreview): unknown;
}

/** A batch about to be stored: what an observer can read ahead (CaseObserver.prepareCases). */
export interface CasesPreview {
  q: Queryable;
  departmentCodes: string[];
  /** Every case the batch touches. */
  caseIds: string[];
  /** The events about to be stored. */
  events: Pick<CaseEvent, 'type' | 'actor'>[];
}

export interface CalendarChange {
  version: number;
  /** Dates whose kind changed (YYYY-MM-DD). */
  dates: string[];
  regionCode: string | null;
}

/** A stored deadline clock that a calendar change moved (recomputed in the background). */
export interface ClockMove {
  ownerKind: string;
  ownerId: string;
  kind: string;
  fromDueAt: Date;
  toDueAt: Date;
  calendarVersion: number;
}

export interface Hooks {
  caseChanged: CaseObserver[];
  calendarChanged: ((change: CalendarChange) => Promise<void>)[];
  /** Owners react to their clocks moving (refold the case, re-evaluate lights and alerts). */
  clockMoved: ((q: Queryable, moves: ClockMove[]) => Promise<void>)[];
}

export interface AppContext {
  db: Db;
  /** Business time: receipt times, deadlines, sweeps, lights (the drill clock when --clock is used). */
  clock: Clock;
  /** Real time for security timers (idle sessions, lockouts), so drills never log people out. */
  wallClock: Clock;
  config: Config;
  log: Logger;
  calendars: CalendarProvider;
  hooks: Hooks;
}
