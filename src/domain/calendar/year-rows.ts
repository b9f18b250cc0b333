import type { DayKind } from './calendar.types.js';
import { dateOfIndex, firstIndexOfYear, weekdayOfIndex } from './day-index.js';
import type { CalendarDayRow } from './fast-calendar.js';

/** The special days of a year as published: days off (放假) and make-up working days (调休上班). */
export interface SpecialDay {
  date: string;
  kind: Extract<DayKind, 'holiday' | 'makeup_workday'>;
  name: string | null;
}

/**
 * Every date of `year`, one row each: the special days as given, every other day
 * Monday–Friday workday or weekend (interface standard §1: 工作日 definition).
 */
export function expandYear(year: number, special: readonly SpecialDay[]): CalendarDayRow[] {
  const byDate = new Map(special.map((d) => [d.date, d]));
  const rows: CalendarDayRow[] = [];
  for (let i = firstIndexOfYear(year), end = firstIndexOfYear(year + 1); i < end; i++) {
    const date = dateOfIndex(i);
    const sp = byDate.get(date);
    if (sp) rows.push({ date, kind: sp.kind, name: sp.name });
    else rows.push({ date, kind: weekdayOfIndex(i) % 6 === 0 ? 'weekend' : 'workday', name: null });
  }
  return rows;
}

/** The `chinese-days` data set ({holidays, workdays}: date → "English,中文,n") as special days per year. */
export function specialDaysFromChineseDays(data: { holidays: Record<string, string>; workdays: Record<string, string> }): Map<number, SpecialDay[]> {
  const out = new Map<number, SpecialDay[]>();
  const add = (date: string, kind: SpecialDay['kind'], label: string) => {
    const year = +date.slice(0, 4);
    const name = label.split(',')[1] ?? label;
    if (!out.has(year)) out.set(year, []);
    out.get(year)!.push({ date, kind, name });
  };
  for (const [date, label] of Object.entries(data.holidays)) add(date, 'holiday', label);
  for (const [date, label] of Object.entries(data.workdays)) add(date, 'makeup_workday', label);
  for (const days of out.values()) days.sort((a, b) => a.date.localeCompare(b.date));
  return out;
}
