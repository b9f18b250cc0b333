import { isoText } from '../iso-text.js';
import { invalid } from '../../errors.js';
import type {
  DayInfo, DayKind, DeadlineExplanation, DeadlineInput, DeadlineResult, WorkingCalendar,
} from './calendar.types.js';
import {
  DAY_COUNT, FIRST_YEAR, LAST_YEAR, cstDate, dateOfIndex, dayIndexOfDate, dayIndexOfInstant, endOfDayMs,
  firstIndexOfYear, inTable, isValidDate, weekdayOfIndex,
} from './day-index.js';

/** One day of calendar data as stored (national rows, or a regional calendar's local days). */
export interface CalendarDayRow {
  date: string;
  kind: DayKind;
  name: string | null;
}

export interface CalendarData {
  version: number;
  regionCode: string | null;
  /** Years whose official calendar is loaded (国务院办公厅 notice); any other year is provisional. */
  loadedYears: readonly number[];
  /** Rows applied in order over the Monday–Friday default (national, then regional overlays). */
  days: readonly CalendarDayRow[];
}

const KIND_CODE: Record<DayKind, number> = { workday: 0, weekend: 1, holiday: 2, makeup_workday: 3 };
const KINDS: DayKind[] = ['workday', 'weekend', 'holiday', 'makeup_workday'];
/** Long limits keep the list of counted days out of the explanation (the counts stay). */
const MAX_LISTED_DAYS = 60;

/**
 * The deadline engine for one calendar version: typed arrays over 2000-01-01..2040-12-31.
 * `prefix[i]` = working days before day i and `nth[k]` = the k-th working day, so adding N
 * working days is two array reads (O(1)) and counting between two dates is O(1); no loops.
 */
export class FastCalendar implements WorkingCalendar {
  readonly version: number;
  readonly regionCode: string | null;
  readonly loadedYears: ReadonlySet<number>;
  private readonly kinds = new Uint8Array(DAY_COUNT);
  private readonly names = new Map<number, string>();
  private readonly prefix = new Int32Array(DAY_COUNT + 1);
  private readonly unofficialPrefix = new Int32Array(DAY_COUNT + 1);
  private readonly nth: Int32Array;

  constructor(data: CalendarData) {
    this.version = data.version;
    this.regionCode = data.regionCode;
    this.loadedYears = new Set(data.loadedYears);
    // 国务院 §1: Monday–Friday by default, then the calendar's data.
    for (let i = 0; i < DAY_COUNT; i++) this.kinds[i] = weekdayOfIndex(i) % 6 === 0 ? 1 : 0;
    for (const d of data.days) {
      const i = dayIndexOfDate(d.date);
      if (!inTable(i)) continue;
      this.kinds[i] = KIND_CODE[d.kind];
      if (d.name) this.names.set(i, d.name);
      else this.names.delete(i);
    }
    let total = 0;
    for (let y = FIRST_YEAR, i = 0; y <= LAST_YEAR; y++) {
      const end = y === LAST_YEAR ? DAY_COUNT : firstIndexOfYear(y + 1);
      const official = this.loadedYears.has(y);
      for (; i < end; i++) {
        const k = this.kinds[i];
        if (k === 0 || k === 3) total++;
        this.prefix[i + 1] = total;
        this.unofficialPrefix[i + 1] = this.unofficialPrefix[i] + (official ? 0 : 1);
      }
    }
    this.nth = new Int32Array(total);
    for (let i = 0, k = 0; i < DAY_COUNT; i++) if (this.kinds[i] === 0 || this.kinds[i] === 3) this.nth[k++] = i;
  }

  /**
   * The hot path, allocation-free: the day index on which a limit of n working days that
   * starts on day `start` falls due (the start day is not counted: §1 期间开始之日不计算在内).
   * -1 when the result lies beyond 2040.
   */
  dueDayIndex(start: number, n: number): number {
    if (n <= 0) return start;
    const k = this.prefix[start + 1] + n - 1;
    return k < this.nth.length ? this.nth[k] : -1;
  }

  /** Like dueDayIndex, skipping suspended days: `susp` holds sorted, disjoint [a, b] index pairs. */
  countedDayIndex(start: number, n: number, susp: ArrayLike<number>): number {
    if (n <= 0) return start;
    let cursor = start + 1;
    let remaining = n;
    for (let j = 0; j < susp.length; j += 2) {
      const a = susp[j];
      const b = susp[j + 1];
      if (b < cursor) continue;
      if (a > cursor) {
        const avail = this.prefix[a] - this.prefix[cursor];
        if (remaining <= avail) break;
        remaining -= avail;
      }
      cursor = b + 1;
      if (cursor >= DAY_COUNT) return -1;
    }
    const k = this.prefix[cursor] + remaining - 1;
    return k < this.nth.length ? this.nth[k] : -1;
  }

  /**
   * countedDayIndex for a limit that runs past the table's last day (2040-12-31): the days after it
   * are reckoned Monday–Friday, provisionally, as any year whose calendar is not loaded (§7).
   * Suspensions are clipped to the table (suspensionIndexPairs), so none lies beyond it.
   */
  countedIndexBeyond(start: number, n: number, susp: ArrayLike<number>): number {
    let counted = this.prefix[DAY_COUNT] - this.prefix[start + 1];
    for (let j = 0; j < susp.length; j += 2) counted -= this.prefix[susp[j + 1] + 1] - this.prefix[susp[j]];
    let i = DAY_COUNT - 1;
    for (let remaining = n - counted; remaining > 0;) if (weekdayOfIndex(++i) % 6 !== 0) remaining--;
    return i;
  }

  isWorkingIndex(i: number): boolean {
    if (!inTable(i)) return weekdayOfIndex(i) % 6 !== 0;
    const k = this.kinds[i];
    return k === 0 || k === 3;
  }

  isOfficialIndex(i: number): boolean {
    return inTable(i) && this.unofficialPrefix[i + 1] === this.unofficialPrefix[i];
  }

  dayInfo(date: string): DayInfo {
    if (!isValidDate(date)) throw invalid('date', `不是有效日期 (not a valid date YYYY-MM-DD): ${date}`);
    const i = dayIndexOfDate(date);
    if (!inTable(i)) {
      const working = weekdayOfIndex(i) % 6 !== 0;
      return { date, working, kind: working ? 'workday' : 'weekend', name: null, provisional: true };
    }
    const kind = KINDS[this.kinds[i]];
    return { date, working: kind === 'workday' || kind === 'makeup_workday', kind, name: this.names.get(i) ?? null, provisional: !this.isOfficialIndex(i) };
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingIndex(dayIndexOfDate(date));
  }

  rollForward(date: string): string {
    if (!isValidDate(date)) throw invalid('date', `不是有效日期 (not a valid date YYYY-MM-DD): ${date}`);
    const i = dayIndexOfDate(date);
    if (!inTable(i)) throw invalid('date', `超出日历范围 (outside the calendar range ${FIRST_YEAR}–${LAST_YEAR}): ${date}`);
    const k = this.prefix[i];
    if (k >= this.nth.length) throw invalid('date', `超出日历范围 (outside the calendar range): ${date}`);
    return dateOfIndex(this.nth[k]);
  }

  workingDaysBetween(from: Date, to: Date): number {
    const a = Math.max(-1, Math.min(DAY_COUNT - 1, dayIndexOfInstant(from.getTime())));
    const b = Math.max(-1, Math.min(DAY_COUNT - 1, dayIndexOfInstant(to.getTime())));
    return b <= a ? 0 : this.prefix[b + 1] - this.prefix[a + 1];
  }

  /** True when any day in [from, to] (indices) lies in a year whose calendar is not loaded. */
  touchesUnofficial(from: number, to: number): boolean {
    if (to < from) return false;
    return this.unofficialPrefix[to + 1] - this.unofficialPrefix[from] > 0;
  }

  deadline(input: DeadlineInput): DeadlineResult {
    const startMs = input.start instanceof Date ? input.start.getTime() : NaN;
    if (Number.isNaN(startMs)) throw invalid('start', '不是有效的时间 (not a valid instant)');
    const ext = input.extensionDays ?? 0;
    if (!Number.isInteger(input.workingDays) || input.workingDays < 0) throw invalid('workingDays', `须为非负整数 (must be a non-negative integer): ${input.workingDays}`);
    if (!Number.isInteger(ext) || ext < 0) throw invalid('extensionDays', `须为非负整数 (must be a non-negative integer): ${ext}`);
    const s = dayIndexOfInstant(startMs);
    if (!inTable(s)) throw invalid('start', `超出日历范围 (outside the calendar range ${FIRST_YEAR}–${LAST_YEAR}): ${input.start.toISOString()}`);
    // §1: 延期 adds its working days to the limit.
    const n = input.workingDays + ext;
    // 接口标准 §1 / 成都办法 第八条 (预警纠错信号): yellow at 24:00 of the (N − w)th counted day, w = max(1, floor(N/5)).
    const w = Math.max(1, Math.floor(n / 5));
    const { pairs, paused } = suspensionIndexPairs(s, input.suspensions ?? []);
    const counted = (k: number) => {
      const i = this.countedDayIndex(s, k, pairs);
      return i >= 0 ? i : this.countedIndexBeyond(s, k, pairs);
    };
    const due = counted(n);
    const warn = n - w <= 0 ? s : counted(n - w);
    // the explanation lists the days one by one: built when first read (the API), or in its stored
    // form (storedExplanationOf: stored clocks), not for the many deadlines only compared (lights,
    // rules, alert timers)
    const lazy: LazyExplanation = { cal: this, start: input.start, workingDays: input.workingDays, s, due, ext, pairs, value: undefined };
    const result = {
      dueAt: new Date(endOfDayMs(due)),
      warnAt: new Date(endOfDayMs(warn)),
      // the days counted are (start day, due day]: provisional when any of them lies in an unloaded year
      provisional: due >= DAY_COUNT || this.touchesUnofficial(s + 1, due),
      calendarVersion: this.version,
      [LAZY]: lazy, // a symbol: not listed, not serialised
    } as Omit<DeadlineResult, 'explanation'> as DeadlineResult; // explanation: defined next
    Object.defineProperty(result, 'explanation', {
      enumerable: true,
      configurable: true,
      get: () => (lazy.value ??= this.explain(lazy, true)),
      set: (v: DeadlineExplanation) => { lazy.value = v; },
    });
    if (paused) result.paused = true;
    return result;
  }

  /**
   * The explanation of a deadline. With `list` false the counted days are only counted: their list
   * is left empty (null past MAX_LISTED_DAYS, as always), which is right only where
   * storedExplanation leaves the list out; any other such explanation is marked `unlisted`.
   */
  explain(at: LazyExplanation, list: boolean): DeadlineExplanation {
    const { s, due, ext, pairs } = at;
    const counted: string[] = [];
    let count = 0;
    const skippedHolidays: { date: string; name: string | null }[] = [];
    const makeup: string[] = [];
    const suspended: string[] = [];
    const provisionalYears = new Set<number>();
    let weekends = 0;
    let j = 0;
    // whether every plain day of the span follows the Monday–Friday rule (see storedExplanation)
    let regular = true;
    for (let i = s + 1; i <= due; i++) {
      const date = dateOfIndex(i);
      if (!this.isOfficialIndex(i)) provisionalYears.add(+date.slice(0, 4));
      const k = i < DAY_COUNT ? this.kinds[i] : weekdayOfIndex(i) % 6 === 0 ? 1 : 0; // beyond the table: Monday–Friday
      if (k < 2 && (k === 1) !== (weekdayOfIndex(i) % 6 === 0)) regular = false;
      if (k === 1) { weekends++; continue; }
      if (k === 2) { skippedHolidays.push({ date, name: this.names.get(i) ?? null }); continue; }
      while (j < pairs.length && pairs[j + 1] < i) j += 2;
      if (j < pairs.length && pairs[j] <= i) { suspended.push(date); continue; }
      count++;
      if (list) counted.push(date);
      if (k === 3) makeup.push(date);
    }
    const explanation: DeadlineExplanation = {
      start: isoText(at.start),
      startDate: cstDate(at.start),
      workingDays: at.workingDays,
      extensionDays: ext,
      countedDays: count <= MAX_LISTED_DAYS ? counted : null,
      countedCount: count,
      skippedWeekends: weekends,
      skippedHolidays,
      makeupDaysCounted: makeup,
      suspendedDays: suspended,
      dueDate: dateOfIndex(due),
      calendarVersion: this.version,
      regionCode: this.regionCode,
      provisionalYears: [...provisionalYears].sort(),
    };
    if (regular && explanation.countedDays) derivable.add(explanation);
    else if (!list && explanation.countedDays) unlisted.add(explanation);
    return explanation;
  }
}

/** What a deadline's explanation is built from, kept with the result (FastCalendar.deadline). */
interface LazyExplanation {
  cal: FastCalendar;
  start: Date;
  workingDays: number;
  s: number;
  due: number;
  ext: number;
  pairs: number[];
  value: DeadlineExplanation | undefined;
}
const LAZY = Symbol('lazy explanation');
/** Explanations built without their list of counted days, which does not follow from the rest. */
const unlisted = new WeakSet<DeadlineExplanation>();

/**
 * storedExplanation(r.explanation) for a deadline of FastCalendar, without listing the counted
 * days one by one when the stored form leaves them out (most clocks: some 60 date strings each).
 */
export function storedExplanationOf(r: DeadlineResult): StoredExplanation {
  const lazy = (r as { [LAZY]?: LazyExplanation })[LAZY];
  if (!lazy || lazy.value) return storedExplanation(r.explanation);
  const e = lazy.cal.explain(lazy, false);
  return unlisted.has(e) ? storedExplanation(r.explanation) : storedExplanation(e);
}

/** Explanations whose list of counted days follows from their other fields (see storedExplanation). */
const derivable = new WeakSet<DeadlineExplanation>();

/** Holidays on consecutive days under one name: [the first day, how many days, the name]. */
export type HolidayRun = [date: string, days: number, name: string | null];

/**
 * An explanation as kept in `deadline_clocks.explanation`: the counted days may be left out, and
 * the holidays skipped are kept as runs (holidayRuns) instead of one entry a day.
 */
export type StoredExplanation = Omit<DeadlineExplanation, 'countedDays' | 'skippedHolidays'> & {
  countedDays?: string[] | null;
  skippedHolidays?: DeadlineExplanation['skippedHolidays'];
  holidayRuns?: HolidayRun[];
};

/** The holidays skipped as runs of consecutive days of one name (春节: one run, not nine days). */
function holidayRuns(days: DeadlineExplanation['skippedHolidays']): HolidayRun[] {
  const runs: HolidayRun[] = [];
  let last = -2;
  for (const h of days) {
    const i = dayIndexOfDate(h.date);
    const run = runs[runs.length - 1];
    if (run && i === last + 1 && run[2] === h.name) run[1]++;
    else runs.push([h.date, 1, h.name]);
    last = i;
  }
  return runs;
}

/**
 * The explanation as stored with its clock, the same facts in fewer bytes (every case writes two
 * clocks a push, and most limits span the same holidays):
 * - without the list of counted days when that list follows from the rest (every day after the
 *   start day up to the due day, less the weekends by the Monday–Friday rule, the holidays and the
 *   suspended days listed, plus the make-up days listed), which is so unless a calendar marks a
 *   weekday as a weekend or the reverse. About half the bytes of a case's clocks;
 * - the holidays skipped as runs (holidayRuns): some 40 % fewer bytes again for a limit of 60 or
 *   90 working days across two or three holidays (bench/ingest's clocks: 333 and 374 bytes).
 * `explanationFromStored` restores both on reading.
 */
export function storedExplanation(e: DeadlineExplanation): StoredExplanation {
  const out: Record<string, unknown> = {};
  for (const k in e) {
    if (k === 'countedDays' && derivable.has(e)) continue;
    if (k === 'skippedHolidays') out.holidayRuns = holidayRuns(e.skippedHolidays);
    else out[k] = e[k as keyof DeadlineExplanation];
  }
  return out as StoredExplanation;
}

/** The explanation as the engine made it, from its stored form (the holidays and the counted days listed again). */
export function explanationFromStored(stored: StoredExplanation): DeadlineExplanation {
  if (!stored || typeof stored !== 'object') return stored as DeadlineExplanation;
  let e = stored as DeadlineExplanation;
  if (stored.holidayRuns) {
    const out: Record<string, unknown> = {};
    for (const k in stored) {
      if (k !== 'holidayRuns') out[k] = stored[k as keyof StoredExplanation];
      else out.skippedHolidays = stored.holidayRuns.flatMap(([date, days, name]) => Array.from({ length: days }, (_, d) => ({ date: d ? dateOfIndex(dayIndexOfDate(date) + d) : date, name })));
    }
    e = out as unknown as DeadlineExplanation;
  }
  if (e.countedDays !== undefined || !e.startDate || !e.dueDate) return e;
  const skip = new Set([...e.skippedHolidays.map((h) => h.date), ...e.suspendedDays]);
  const makeup = new Set(e.makeupDaysCounted);
  const counted: string[] = [];
  for (let i = dayIndexOfDate(e.startDate) + 1, due = dayIndexOfDate(e.dueDate); i <= due; i++) {
    const date = dateOfIndex(i);
    if (!skip.has(date) && (makeup.has(date) || weekdayOfIndex(i) % 6 !== 0)) counted.push(date);
  }
  return { ...e, countedDays: counted };
}

/**
 * Suspension spans as sorted, merged [a, b] day-index pairs of days NOT counted.
 * §1: a working day on which the case is still suspended at 24:00 is not counted; the day
 * it is resumed counts. Suspended at 24:00 of day d ⟺ from < end(d) ≤ to, i.e. the days
 * from the suspension's own day up to the day before the resumption's day. An open
 * suspension (to = null) stops the clock: the result is `paused` and reckoned as if it
 * were resumed the next day (the earliest the limit can fall due).
 */
export function suspensionIndexPairs(start: number, suspensions: readonly { from: Date; to: Date | null }[]): { pairs: number[]; paused: boolean } {
  const spans: [number, number][] = [];
  let paused = false;
  for (const sp of suspensions) {
    const a = dayIndexOfInstant(sp.from.getTime());
    let b: number;
    if (sp.to === null) {
      paused = true;
      b = a;
    } else {
      if (sp.to.getTime() < sp.from.getTime()) throw invalid('suspensions', '恢复时间早于暂停时间 (resumed before suspended)');
      b = dayIndexOfInstant(sp.to.getTime()) - 1;
    }
    const lo = Math.max(a, start + 1);
    if (b >= lo) spans.push([lo, Math.min(b, DAY_COUNT - 1)]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  const pairs: number[] = [];
  for (const [a, b] of spans) {
    const n = pairs.length;
    if (n && a <= pairs[n - 1] + 1) pairs[n - 1] = Math.max(pairs[n - 1], b);
    else pairs.push(a, b);
  }
  return { pairs, paused };
}
