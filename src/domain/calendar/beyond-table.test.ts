import { describe, expect, it } from 'vitest';
import { FastCalendar } from './fast-calendar.js';

// a calendar with 2040 loaded as plain Monday–Friday and New Year's Day a holiday
const cal = new FastCalendar({ version: 1, regionCode: null, loadedYears: [2040], days: [{ date: '2040-01-01', kind: 'holiday', name: '元旦' }] as any });
const at = (s: string) => new Date(s);

describe('a limit that runs past the calendar\'s last day (2040-12-31)', () => {
  it('is reckoned Monday–Friday beyond it, provisionally (§7), instead of failing', () => {
    // Monday 2040-12-31: 5 working days → Tue 01-01 … Mon 01-07 (2041 is not loaded: no holidays known)
    const r = cal.deadline({ start: at('2040-12-31T10:00:00+08:00'), workingDays: 5 });
    expect(r.dueAt.toISOString()).toBe(at('2041-01-08T00:00:00+08:00').toISOString());
    expect(r.warnAt.toISOString()).toBe(at('2041-01-05T00:00:00+08:00').toISOString()); // end of the 4th: Fri 01-04
    expect(r.provisional).toBe(true);
    expect(r.explanation).toMatchObject({ countedCount: 5, skippedWeekends: 2, dueDate: '2041-01-07', provisionalYears: [2041] });
    expect(r.explanation.countedDays).toEqual(['2041-01-01', '2041-01-02', '2041-01-03', '2041-01-04', '2041-01-07']);
  });
  it('counts the days inside the table first, suspensions skipped, then the rest beyond', () => {
    // Friday 2040-12-21, 10 working days: 12-24 … 12-31 are 6, of which 12-26 … 12-27 suspended (2): 4 counted, 6 beyond
    const r = cal.deadline({
      start: at('2040-12-21T10:00:00+08:00'), workingDays: 10,
      suspensions: [{ from: at('2040-12-26T09:00:00+08:00'), to: at('2040-12-28T09:00:00+08:00') }],
    });
    expect(r.dueAt.toISOString()).toBe(at('2041-01-09T00:00:00+08:00').toISOString()); // end of Tue 01-08
    expect(r.explanation.suspendedDays).toEqual(['2040-12-26', '2040-12-27']);
    // a long extension from an ordinary day: years past the table, not an error
    const long = cal.deadline({ start: at('2030-03-04T10:00:00+08:00'), workingDays: 90, extensionDays: 3650 });
    expect(long.dueAt.getTime()).toBeGreaterThan(at('2041-01-01T00:00:00+08:00').getTime());
    expect(long.provisional).toBe(true);
  });
});
