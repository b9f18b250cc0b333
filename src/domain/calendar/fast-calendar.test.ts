import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DayKind, Suspension } from './calendar.types.js';
import { explanationFromStored, FastCalendar, storedExplanation, storedExplanationOf, type CalendarDayRow } from './fast-calendar.js';
import { expandYear, specialDaysFromChineseDays } from './year-rows.js';

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');
const special = specialDaysFromChineseDays(data);
const years = [...special.keys()].sort();
const rows: CalendarDayRow[] = years.flatMap((y) => expandYear(y, special.get(y)!));
const cal = new FastCalendar({ version: 3, regionCode: null, loadedYears: years, days: rows });

// ---- the naive, day-by-day reference (strings and Dates only; shares nothing with the engine) ----
const byDate = new Map(rows.map((r) => [r.date, r.kind]));
const H8 = 8 * 3_600_000;
const cstDay = (t: number) => new Date(t + H8).toISOString().slice(0, 10);
const nextDay = (d: string) => new Date(Date.parse(d + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10);
const endOf = (d: string) => Date.parse(d + 'T00:00:00Z') + 86_400_000 - H8;
const kindOf = (d: string): DayKind => byDate.get(d) ?? ([0, 6].includes(new Date(d + 'T00:00:00Z').getUTCDay()) ? 'weekend' : 'workday');
const working = (d: string) => ['workday', 'makeup_workday'].includes(kindOf(d));

function naive(start: Date, n: number, susp: Suspension[]) {
  const w = Math.max(1, Math.floor(n / 5));
  let d = cstDay(start.getTime());
  let counted = 0;
  let warn: number | null = n - w <= 0 ? endOf(d) : null;
  let provisional = false;
  while (counted < n) {
    d = nextDay(d);
    if (!years.includes(+d.slice(0, 4))) provisional = true;
    const e = endOf(d);
    const suspended = susp.some((s) => s.from.getTime() < e && (s.to === null || e <= s.to.getTime()));
    if (working(d) && !suspended) counted++;
    if (warn === null && counted === n - w) warn = e;
  }
  return { dueAt: endOf(d), warnAt: warn!, provisional };
}

const at = (s: string) => new Date(s);

describe('interface standard §1 examples and known notices', () => {
  it('§1: accepted Monday 2026-03-02 10:00, 5 working days → end of Monday 2026-03-09', () => {
    const r = cal.deadline({ start: at('2026-03-02T10:00:00+08:00'), workingDays: 5 });
    expect(r.dueAt.toISOString()).toBe('2026-03-09T16:00:00.000Z');
    // w = max(1, floor(5/5)) = 1: yellow at the end of the 4th counted day (Friday 03-06)
    expect(r.warnAt.toISOString()).toBe('2026-03-06T16:00:00.000Z');
    expect(r.provisional).toBe(false);
    expect(r.explanation.countedDays).toEqual(['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09']);
    expect(r.explanation.skippedWeekends).toBe(2);
    expect(r.calendarVersion).toBe(3);
  });

  it('N = 1 warns at 24:00 of the starting day; N = 20 warns 4 days before', () => {
    const one = cal.deadline({ start: at('2026-03-02T23:59:00+08:00'), workingDays: 1 });
    expect(one.warnAt.toISOString()).toBe('2026-03-02T16:00:00.000Z');
    expect(one.dueAt.toISOString()).toBe('2026-03-03T16:00:00.000Z');
    const twenty = cal.deadline({ start: at('2026-03-02T10:00:00+08:00'), workingDays: 20 });
    expect(twenty.dueAt.toISOString()).toBe('2026-03-30T16:00:00.000Z');
    expect(twenty.warnAt.toISOString()).toBe('2026-03-24T16:00:00.000Z');
  });

  it('2025 Spring Festival: off Jan 28–Feb 4, Jan 26 (Sunday) and Feb 8 (Saturday) worked', () => {
    for (const d of ['2025-01-28', '2025-01-31', '2025-02-04']) expect(cal.dayInfo(d)).toMatchObject({ working: false, kind: 'holiday', name: '春节', provisional: false });
    expect(cal.dayInfo('2025-01-26')).toMatchObject({ working: true, kind: 'makeup_workday' });
    expect(cal.dayInfo('2025-02-08')).toMatchObject({ working: true, kind: 'makeup_workday' });
    expect(cal.dayInfo('2025-02-05')).toMatchObject({ working: true, kind: 'workday' });
    // Friday 01-24 + 5: Sun 01-26, Mon 01-27, then Wed 02-05, Thu 02-06, Fri 02-07
    const r = cal.deadline({ start: at('2025-01-24T15:00:00+08:00'), workingDays: 5 });
    expect(r.dueAt.toISOString()).toBe('2025-02-07T16:00:00.000Z');
    expect(r.explanation.makeupDaysCounted).toEqual(['2025-01-26']);
    expect(r.explanation.skippedHolidays.map((h) => h.date)).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04']);
    expect(r.explanation.skippedHolidays[0].name).toBe('春节');
    expect(cal.rollForward('2025-01-28')).toBe('2025-02-05');
  });

  it('2026 National Day: off Oct 1–7, Sep 20 (Sunday) and Oct 10 (Saturday) worked', () => {
    for (let d = 1; d <= 7; d++) expect(cal.dayInfo(`2026-10-0${d}`)).toMatchObject({ working: false, kind: 'holiday', name: '国庆节' });
    expect(cal.dayInfo('2026-09-20')).toMatchObject({ working: true, kind: 'makeup_workday' });
    expect(cal.dayInfo('2026-10-10')).toMatchObject({ working: true, kind: 'makeup_workday' });
    const r = cal.deadline({ start: at('2026-09-30T10:00:00+08:00'), workingDays: 3 });
    expect(r.dueAt.toISOString()).toBe('2026-10-10T16:00:00.000Z');
    expect(cal.workingDaysBetween(at('2026-09-30T10:00:00+08:00'), at('2026-10-10T12:00:00+08:00'))).toBe(3);
  });

  it('a year without an official calendar is reckoned Monday–Friday and marked provisional', () => {
    expect(cal.dayInfo('2027-01-01')).toMatchObject({ working: true, kind: 'workday', provisional: true });
    const r = cal.deadline({ start: at('2026-12-28T10:00:00+08:00'), workingDays: 5 });
    expect(r.provisional).toBe(true);
    expect(r.explanation.provisionalYears).toEqual([2027]);
    expect(r.dueAt.toISOString()).toBe('2027-01-04T16:00:00.000Z');
    expect(cal.deadline({ start: at('2026-12-01T10:00:00+08:00'), workingDays: 5 }).provisional).toBe(false);
  });

  it('suspension: a day still suspended at 24:00 is not counted; the day of resumption counts', () => {
    const start = at('2026-03-02T10:00:00+08:00');
    const r = cal.deadline({ start, workingDays: 5, suspensions: [{ from: at('2026-03-03T09:00:00+08:00'), to: at('2026-03-05T09:00:00+08:00') }] });
    expect(r.explanation.suspendedDays).toEqual(['2026-03-03', '2026-03-04']);
    expect(r.dueAt.toISOString()).toBe('2026-03-11T16:00:00.000Z');
    const sameDay = cal.deadline({ start, workingDays: 5, suspensions: [{ from: at('2026-03-03T09:00:00+08:00'), to: at('2026-03-03T17:00:00+08:00') }] });
    expect(sameDay.dueAt.toISOString()).toBe('2026-03-09T16:00:00.000Z');
    const open = cal.deadline({ start, workingDays: 5, suspensions: [{ from: at('2026-03-03T09:00:00+08:00'), to: null }] });
    expect(open.paused).toBe(true);
    expect(open.dueAt.toISOString()).toBe('2026-03-10T16:00:00.000Z');
  });

  it('extensions add working days and widen the yellow period', () => {
    const r = cal.deadline({ start: at('2026-03-02T10:00:00+08:00'), workingDays: 5, extensionDays: 5 });
    expect(r.dueAt.toISOString()).toBe('2026-03-16T16:00:00.000Z');
    expect(r.warnAt.toISOString()).toBe('2026-03-12T16:00:00.000Z');
    expect(r.explanation.extensionDays).toBe(5);
  });

  it('refuses bad input naming the field', () => {
    expect(() => cal.deadline({ start: at('2026-03-02T10:00:00+08:00'), workingDays: -1 })).toThrow(/workingDays/);
    expect(() => cal.deadline({ start: at('1999-03-02T10:00:00+08:00'), workingDays: 1 })).toThrow(/start/);
    expect(() => cal.dayInfo('2026-02-30')).toThrow(/date/);
  });
});

// ---- properties: the fast path equals the day-by-day reference ----
const DAY = 86_400_000;
const from2004 = Date.parse('2004-01-01T00:00:00+08:00');
const to2026 = Date.parse('2026-12-31T00:00:00+08:00');
const startArb = fc.oneof(
  fc.integer({ min: from2004, max: to2026 }),
  // just before and just after midnight China time
  fc.tuple(fc.integer({ min: 0, max: (to2026 - from2004) / DAY }), fc.constantFrom(-1, 0, 1, -60_000, 60_000)).map(([d, off]) => from2004 + d * DAY + off),
  // on a holiday or make-up day of the notices
  fc.tuple(fc.constantFrom(...rows.filter((r) => r.kind === 'holiday' || r.kind === 'makeup_workday').map((r) => r.date)), fc.integer({ min: 0, max: DAY - 1 }))
    .map(([d, ms]) => Date.parse(d + 'T00:00:00+08:00') + ms),
);
const suspArb = (start: number) => fc.array(
  fc.tuple(fc.integer({ min: -3 * DAY, max: 60 * DAY }), fc.oneof(fc.integer({ min: 0, max: 6 * 3_600_000 }), fc.integer({ min: 0, max: 25 * DAY }))),
  { maxLength: 3 },
).map((xs) => xs.map(([off, len]) => ({ from: new Date(start + off), to: new Date(start + off + len) })));

describe('fast path = day-by-day reference (property)', () => {
  it('adding N working days, no suspension (3000 runs)', () => {
    fc.assert(fc.property(startArb, fc.integer({ min: 0, max: 120 }), (t, n) => {
      const r = cal.deadline({ start: new Date(t), workingDays: n });
      const ref = naive(new Date(t), n, []);
      expect(r.dueAt.getTime()).toBe(ref.dueAt);
      expect(r.warnAt.getTime()).toBe(ref.warnAt);
      expect(r.provisional).toBe(ref.provisional);
    }), { numRuns: 3000 });
  });

  it('with suspensions and extensions (3000 runs)', () => {
    fc.assert(fc.property(
      startArb.chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 10 }), suspArb(t))),
      ([t, n, ext, susp]) => {
        const r = cal.deadline({ start: new Date(t), workingDays: n, extensionDays: ext, suspensions: susp });
        const ref = naive(new Date(t), n + ext, susp);
        expect(r.dueAt.getTime()).toBe(ref.dueAt);
        expect(r.warnAt.getTime()).toBe(ref.warnAt);
      }), { numRuns: 3000 });
  });

  it('workingDaysBetween inverts the due date', () => {
    fc.assert(fc.property(startArb, fc.integer({ min: 1, max: 90 }), (t, n) => {
      const r = cal.deadline({ start: new Date(t), workingDays: n });
      // dueAt is 24:00 = 00:00 of the next day; the last instant of the due day counts n
      expect(cal.workingDaysBetween(new Date(t), new Date(r.dueAt.getTime() - 1))).toBe(n);
      expect(r.explanation.countedCount).toBe(n);
    }), { numRuns: 1000 });
  });
});

describe('stored explanations (the counted days left out when they follow from the rest)', () => {
  const roundTrip = (e: Parameters<typeof storedExplanation>[0]) => explanationFromStored(JSON.parse(JSON.stringify(storedExplanation(e))));

  it('the national calendar: stored without the list, read back identical (2000 runs)', () => {
    fc.assert(fc.property(
      startArb.chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 10 }), suspArb(t))),
      ([t, n, ext, susp]) => {
        const e = cal.deadline({ start: new Date(t), workingDays: n, extensionDays: ext, suspensions: susp }).explanation;
        const stored = storedExplanation(e);
        if (e.countedDays) expect(stored).not.toHaveProperty('countedDays');
        else expect(stored.countedDays).toBeNull(); // long limits never list them
        expect(stored).not.toHaveProperty('skippedHolidays');
        expect(stored.holidayRuns!.reduce((n, r) => n + r[1], 0)).toBe(e.skippedHolidays.length);
        expect(roundTrip(e)).toEqual(e);
      }), { numRuns: 2000 });
  });

  it('a calendar that makes a weekday a weekend (or a Saturday a workday) keeps the list', () => {
    const odd = new FastCalendar({
      version: 1, regionCode: '510000', loadedYears: [2026],
      days: [...rows, { date: '2026-03-04', kind: 'weekend', name: null }, { date: '2026-03-07', kind: 'workday', name: null }],
    });
    const e = odd.deadline({ start: at('2026-03-02T10:00:00+08:00'), workingDays: 5 }).explanation;
    expect(e.countedDays).toEqual(['2026-03-03', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-09']);
    expect(storedExplanation(e).countedDays).toEqual(e.countedDays);
    expect(roundTrip(e)).toEqual(e);
    // the same span on the national calendar is stored without it
    expect(storedExplanation(cal.deadline({ start: at('2026-03-02T10:00:00+08:00'), workingDays: 5 }).explanation)).not.toHaveProperty('countedDays');
  });

  it('storedExplanationOf (the days counted, not listed) stores exactly the text storedExplanation does (2000 runs)', () => {
    const odd = new FastCalendar({
      version: 2, regionCode: '510000', loadedYears: [2026],
      days: [...rows, { date: '2026-03-04', kind: 'weekend', name: null }, { date: '2026-03-07', kind: 'workday', name: null }],
    });
    // the span over the odd days lists them
    const oddSpan = storedExplanationOf(odd.deadline({ start: at('2026-03-02T10:00:00+08:00'), workingDays: 5 }));
    expect(oddSpan.countedDays).toEqual(['2026-03-03', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-09']);
    fc.assert(fc.property(
      startArb.chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 10 }), suspArb(t), fc.boolean())),
      ([t, n, ext, susp, regular]) => {
        const c = regular ? cal : odd;
        const input = { start: new Date(t), workingDays: n, extensionDays: ext, suspensions: susp };
        const direct = storedExplanationOf(c.deadline(input));
        expect(JSON.stringify(direct)).toBe(JSON.stringify(storedExplanation(c.deadline(input).explanation)));
        // and once the explanation has been read, from it
        const read = c.deadline(input);
        void read.explanation;
        expect(JSON.stringify(storedExplanationOf(read))).toBe(JSON.stringify(direct));
      }), { numRuns: 2000 });
  });

  it('keeps the holidays skipped as runs of one name: 春节 2026 is one run, not nine days', () => {
    const e = cal.deadline({ start: at('2026-02-10T10:00:00+08:00'), workingDays: 60 }).explanation;
    const stored = JSON.parse(JSON.stringify(storedExplanation(e)));
    expect(stored.holidayRuns).toEqual([['2026-02-15', 9, '春节'], ['2026-04-04', 3, '清明'], ['2026-05-01', 5, '劳动节']]);
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(e).length / 2);
    expect(explanationFromStored(stored)).toEqual(e);
  });

  it('splits a run where the name changes, and reads explanations stored with one entry a day', () => {
    // 2025: 中秋 (10-06) falls inside 国庆's days off (10-01 to 10-08)
    const e = cal.deadline({ start: at('2025-09-26T10:00:00+08:00'), workingDays: 10 }).explanation;
    const [national, midAutumn] = [e.skippedHolidays[0].name, e.skippedHolidays[5].name];
    expect(national).not.toBe(midAutumn);
    expect(storedExplanation(e).holidayRuns).toEqual([['2025-10-01', 5, national], ['2025-10-06', 1, midAutumn], ['2025-10-07', 2, national]]);
    expect(explanationFromStored(JSON.parse(JSON.stringify(storedExplanation(e))))).toEqual(e);
    // the form before runs: skippedHolidays listed, counted days left out
    const { countedDays: _, ...older } = JSON.parse(JSON.stringify(e));
    expect(explanationFromStored(older)).toEqual(e);
  });

  it('explanations stored in full before this form are read as they are', () => {
    const e = cal.deadline({ start: at('2026-03-02T10:00:00+08:00'), workingDays: 5 }).explanation;
    const full = JSON.parse(JSON.stringify(e));
    expect(explanationFromStored(full)).toBe(full);
  });
});
