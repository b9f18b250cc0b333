import { describe, expect, it } from 'vitest';
import { isMonth, parsePeriod } from './period.js';

describe('evaluation periods (§8: China time, [start, end))', () => {
  it('a month runs from 00:00 China time on its first day to the next month', () => {
    const p = parsePeriod('2026-03')!;
    expect(p).toMatchObject({ code: '2026-03', kind: 'month', startMonth: '2026-03' });
    expect(p.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(parsePeriod('2026-12')!.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
  it('a quarter covers three months; its scheme is the one in effect in its first month', () => {
    const q = parsePeriod('2026-q2')!;
    expect(q).toMatchObject({ code: '2026-Q2', kind: 'quarter', startMonth: '2026-04' });
    expect(q.start.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(q.end.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(parsePeriod('2026-Q4')!.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
  it('refuses anything else', () => {
    for (const s of ['2026-13', '2026-00', '2026-3', '2026-Q5', '2026-Q0', '2026', '2026-03-01', '']) expect(parsePeriod(s)).toBeNull();
    expect(isMonth('2026-01')).toBe(true);
    expect(isMonth('2026-1')).toBe(false);
    expect(isMonth(202601)).toBe(false);
  });
});
