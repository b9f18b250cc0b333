import { CST_OFFSET_MS, FIRST_YEAR, LAST_YEAR } from '../calendar/day-index.js';

/**
 * The values an event may carry on the wire (interface standard §3, v2): each fault here is the
 * event's own INVALID_EVENT naming the field, never the batch's.
 */

/** ISO 8601 with an offset (the form `instantMs` reads). */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The instant an ISO 8601 text with offset (ISO_WITH_OFFSET) names, or NaN when it names none.
 * Date.parse refuses an hour past 24:00, a minute or second past 59, an offset past ±23:59 and a
 * day past 31, but quietly reads a day its month lacks (2026-02-30 as 2026-03-02): that is refused
 * here, from the text's own digits.
 */
export function instantMs(s: string): number {
  if (!ISO_WITH_OFFSET.test(s)) return NaN;
  const t = Date.parse(s);
  if (t !== t) return NaN; // NaN
  const d = (s.charCodeAt(8) - 48) * 10 + s.charCodeAt(9) - 48;
  if (d <= 28) return t;
  const mo = (s.charCodeAt(5) - 48) * 10 + s.charCodeAt(6) - 48;
  const y = Number(s.slice(0, 4));
  return d <= (mo === 2 && leap(y) ? 29 : DAYS_IN_MONTH[mo - 1]) ? t : NaN;
}

/** The calendar engine's range (§1): from 00:00 China time of its first day to 24:00 of its last. */
export const CALENDAR_FROM_MS = Date.UTC(FIRST_YEAR, 0, 1) - CST_OFFSET_MS;
export const CALENDAR_TO_MS = Date.UTC(LAST_YEAR + 1, 0, 1) - CST_OFFSET_MS;
export const inCalendarRange = (ms: number): boolean => ms >= CALENDAR_FROM_MS && ms < CALENDAR_TO_MS;
export const CALENDAR_RANGE_MESSAGE = `超出日历范围 (outside the calendar's range ${FIRST_YEAR}-01-01 – ${LAST_YEAR}-12-31, China time)`;

type WellFormed = { isWellFormed(): boolean };
/**
 * Text a record may hold: no NUL (PostgreSQL text refuses it) and no lone surrogate (it has no
 * UTF-8 form). The JSON text may carry either escaped (`\u0000`, `\ud800`).
 */
const SUSPECT = /[\0\ud800-\udfff]/; // NUL or any surrogate: rare, then looked at closely
export const cleanText = (s: string): boolean => !SUSPECT.test(s) || (!s.includes('\0') && (s as unknown as WellFormed).isWellFormed());
export const CLEAN_TEXT_MESSAGE = '含空字符或不成对的代理项 (holds NUL or a lone surrogate)';
