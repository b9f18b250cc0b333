import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { emitIcs, parseIcs } from './ics.js';
import { specialDaysFromChineseDays } from './year-rows.js';

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json');

describe('iCalendar import/export', () => {
  it('reads the chinese-days 2025 feed day for day like its JSON', () => {
    const text = fs.readFileSync(require.resolve('chinese-days/dist/years/2025.ics'), 'utf8');
    const { days } = parseIcs(text, 2025);
    const expected = specialDaysFromChineseDays(data).get(2025)!;
    expect(days.map((d) => [d.date, d.kind])).toEqual(expected.map((d) => [d.date, d.kind]));
    expect(days.find((d) => d.date === '2025-01-26')).toMatchObject({ kind: 'makeup_workday', name: '春节' });
    expect(days.find((d) => d.date === '2025-01-28')).toMatchObject({ kind: 'holiday', name: '春节' });
  });

  it('round-trips what it writes, and folds multi-day events', () => {
    const days = specialDaysFromChineseDays(data).get(2026)!;
    const text = emitIcs(2026, days, { calendarName: '全国', stamp: new Date('2026-11-01T00:00:00Z') });
    expect(text).toContain('DTSTART;VALUE=DATE:20261001');
    expect(parseIcs(text, 2026).days).toEqual(days);
    const multi = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20271001\r\nDTEND;VALUE=DATE:20271008\r\nSUMMARY:国庆\r\n 节(休)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const r = parseIcs(multi, 2027);
    expect(r.days).toHaveLength(7);
    expect(r.days[6]).toEqual({ date: '2027-10-07', kind: 'holiday', name: '国庆节' });
  });

  it('names the bad field', () => {
    expect(() => parseIcs('hello', 2027)).toThrow(/ics/);
    expect(() => parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20271341\nEND:VEVENT\nEND:VCALENDAR', 2027)).toThrow(/DTSTART/);
  });
});
