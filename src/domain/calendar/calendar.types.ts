/**
 * The contract of the working-day calendar (interface standard §1, §7). Dates are
 * 'YYYY-MM-DD' calendar days in China Standard Time; instants are Date objects.
 */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  name: string | null;
  /** The day's year has no official calendar loaded: reckoned Monday–Friday. */
  provisional: boolean;
}

/** A span during which a clock is stopped (暂停/中止); `to` null = still suspended. */
export interface Suspension {
  from: Date;
  to: Date | null;
}

export interface DeadlineInput {
  /** The instant the limit starts (accepted, step started …); its own day is not counted. */
  start: Date;
  workingDays: number;
  suspensions?: Suspension[];
  /** Working days added by extensions (延期). */
  extensionDays?: number;
}

/** How a due date was reached, stored with it so a deadline shown to a citizen can be defended. */
export interface DeadlineExplanation {
  start: string;
  /** The China-time calendar day of the start (not counted). Added by the calendar engine. */
  startDate?: string;
  workingDays: number;
  extensionDays: number;
  countedDays: string[] | null; // may be omitted (null) for long limits
  /** How many working days were counted (= workingDays + extensionDays). */
  countedCount?: number;
  skippedWeekends: number;
  skippedHolidays: { date: string; name: string | null }[];
  makeupDaysCounted: string[];
  suspendedDays: string[];
  /** The China-time calendar day at whose end (24:00) the limit falls due. */
  dueDate?: string;
  calendarVersion: number;
  regionCode: string | null;
  provisionalYears: number[];
}

export interface DeadlineResult {
  dueAt: Date;
  /** Start of the yellow period (§1: end of the (N − w)th counted day, w = max(1, floor(N/5))). */
  warnAt: Date;
  provisional: boolean;
  calendarVersion: number;
  explanation: DeadlineExplanation;
  /**
   * An open suspension (to = null) stops the clock: dueAt/warnAt are then the earliest
   * they can be (as if resumed the next day) and no red light may be raised from them.
   */
  paused?: boolean;
}

export interface WorkingCalendar {
  readonly version: number;
  readonly regionCode: string | null;
  dayInfo(date: string): DayInfo;
  isWorkingDay(date: string): boolean;
  deadline(input: DeadlineInput): DeadlineResult;
  /** Working days counted after the day of `from` up to and including the day of `to` (0 if to ≤ from). */
  workingDaysBetween(from: Date, to: Date): number;
  /** The given date if it is a working day, else the next working day (顺延). */
  rollForward(date: string): string;
}

/** Gives the calendar in force for a region (regional calendars inherit the national one). */
export interface CalendarProvider {
  forRegion(regionCode: string | null): WorkingCalendar;
}
