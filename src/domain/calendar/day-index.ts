/**
 * Calendar days as small integers: index 0 is 2000-01-01, the last is 2040-12-31. All
 * calendar reasoning is in China Standard Time, UTC+8 without DST (interface standard §1).
 */
export const DAY_MS = 86_400_000;
export const CST_OFFSET_MS = 8 * 3_600_000;
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2040;
const EPOCH_MS = Date.UTC(FIRST_YEAR, 0, 1);
/** Number of days in the table (2000-01-01 … 2040-12-31). */
export const DAY_COUNT = (Date.UTC(LAST_YEAR + 1, 0, 1) - EPOCH_MS) / DAY_MS;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date 'YYYY-MM-DD' (no 2026-02-30). */
export function isValidDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return new Date(t).toISOString().slice(0, 10) === date;
}

/** Day index of a 'YYYY-MM-DD' date (may fall outside the table: check with inTable). */
export function dayIndexOfDate(date: string): number {
  return (Date.parse(date + 'T00:00:00Z') - EPOCH_MS) / DAY_MS;
}

let DATES: string[] | null = null;

/** 'YYYY-MM-DD' of a day index (from a table built once inside the range). */
export function dateOfIndex(i: number): string {
  if (i >= 0 && i < DAY_COUNT) {
    if (!DATES) DATES = Array.from({ length: DAY_COUNT }, (_, k) => new Date(EPOCH_MS + k * DAY_MS).toISOString().slice(0, 10));
    return DATES[i];
  }
  return new Date(EPOCH_MS + i * DAY_MS).toISOString().slice(0, 10);
}

/** The China Standard Time calendar day of an instant (ms since epoch), as an index. */
export function dayIndexOfInstant(ms: number): number {
  return Math.floor((ms + CST_OFFSET_MS - EPOCH_MS) / DAY_MS);
}

/** The instant of 24:00 China time at the end of day `i` (= 00:00 of the next day). */
export function endOfDayMs(i: number): number {
  return EPOCH_MS + (i + 1) * DAY_MS - CST_OFFSET_MS;
}

export function inTable(i: number): boolean {
  return i >= 0 && i < DAY_COUNT;
}

/** 0 = Sunday … 6 = Saturday (2000-01-01 was a Saturday). */
export function weekdayOfIndex(i: number): number {
  return (((i + 6) % 7) + 7) % 7;
}

export function yearOfIndex(i: number): number {
  return +dateOfIndex(i).slice(0, 4);
}

export function firstIndexOfYear(year: number): number {
  return (Date.UTC(year, 0, 1) - EPOCH_MS) / DAY_MS;
}

/** The China-time calendar date of an instant. */
export function cstDate(d: Date): string {
  return new Date(d.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * An instant in China time for people to read ('2026-03-09 10:00'); a due instant at 00:00 is
 * shown as 24:00 of the day before, as the notices and §1 of the interface standard write it.
 */
export function formatChinaTime(d: Date): string {
  const t = new Date(d.getTime() + CST_OFFSET_MS).toISOString();
  if (t.slice(11, 16) !== '00:00') return t.slice(0, 16).replace('T', ' ');
  return new Date(d.getTime() + CST_OFFSET_MS - DAY_MS).toISOString().slice(0, 10) + ' 24:00';
}
