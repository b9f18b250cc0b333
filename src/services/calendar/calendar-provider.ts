import type { CalendarProvider, DeadlineInput, DeadlineResult, WorkingCalendar } from '../../domain/calendar/calendar.types.js';
import type { Db } from '../../store/db.js';

/**
 * PLACEHOLDER until the calendar engine lands: Monday–Friday only, everything provisional.
 * Replaced by the data-driven engine (calendar issue).
 */
export interface ReloadableCalendarProvider extends CalendarProvider {
  reload(): Promise<void>;
}

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const dayOf = (d: Date) => new Date(d.getTime() + CST).toISOString().slice(0, 10);
const endOfDay = (date: string) => new Date(Date.parse(date + 'T00:00:00Z') - CST + DAY);
const weekday = (date: string) => new Date(date + 'T00:00:00Z').getUTCDay();

function naive(): WorkingCalendar {
  const isWorkingDay = (date: string) => weekday(date) % 6 !== 0;
  const cal: WorkingCalendar = {
    version: 0,
    regionCode: null,
    isWorkingDay,
    dayInfo: (date) => ({ date, working: isWorkingDay(date), kind: isWorkingDay(date) ? 'workday' : 'weekend', name: null, provisional: true }),
    deadline(input: DeadlineInput): DeadlineResult {
      const n = input.workingDays + (input.extensionDays ?? 0);
      const w = Math.max(1, Math.floor(n / 5));
      let d = dayOf(input.start);
      let counted = 0;
      let warn = n - w <= 0 ? endOfDay(d) : null;
      while (counted < n) {
        d = new Date(Date.parse(d + 'T00:00:00Z') + DAY).toISOString().slice(0, 10);
        if (isWorkingDay(d)) counted++;
        if (!warn && counted === n - w) warn = endOfDay(d);
      }
      return {
        dueAt: endOfDay(d), warnAt: warn ?? endOfDay(d), provisional: true, calendarVersion: 0,
        explanation: { start: input.start.toISOString(), workingDays: input.workingDays, extensionDays: input.extensionDays ?? 0, countedDays: null,
          skippedWeekends: 0, skippedHolidays: [], makeupDaysCounted: [], suspendedDays: [], calendarVersion: 0, regionCode: null, provisionalYears: [] },
      };
    },
    workingDaysBetween(from, to) {
      let n = 0;
      for (let d = dayOf(from); d < dayOf(to);) {
        d = new Date(Date.parse(d + 'T00:00:00Z') + DAY).toISOString().slice(0, 10);
        if (isWorkingDay(d)) n++;
      }
      return n;
    },
    rollForward(date) {
      let d = date;
      while (!isWorkingDay(d)) d = new Date(Date.parse(d + 'T00:00:00Z') + DAY).toISOString().slice(0, 10);
      return d;
    },
  };
  return cal;
}

export async function createCalendarProvider(_db: Db): Promise<ReloadableCalendarProvider> {
  const cal = naive();
  return { forRegion: () => cal, reload: async () => undefined };
}
