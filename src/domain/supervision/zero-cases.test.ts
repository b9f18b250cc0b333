import { describe, expect, it } from 'vitest';
import { weekdayCalendar } from './rules/test-kit.js';
import { zeroCaseWindow } from './zero-cases.js';

describe('zero-case window (攀枝花 二(六))', () => {
  const cal = weekdayCalendar();
  it('judges last month; due at the end of the 3rd when it is a working day', () => {
    const w = zeroCaseWindow(new Date('2026-03-02T10:00:00+08:00'), 3, cal.rollForward);
    expect(w.month).toBe('2026-02');
    expect(w.dueDate).toBe('2026-03-03');
    expect(w.dueAt.toISOString()).toBe(new Date('2026-03-04T00:00:00+08:00').toISOString());
    expect(w.monthStart.toISOString()).toBe(new Date('2026-02-01T00:00:00+08:00').toISOString());
  });
  it('rolls a 3rd that falls on a weekend forward (2026-05-03 is a Sunday)', () => {
    expect(zeroCaseWindow(new Date('2026-05-10T00:00:00+08:00'), 3, cal.rollForward).dueDate).toBe('2026-05-04');
  });
  it('January judges December of the year before, in China time', () => {
    expect(zeroCaseWindow(new Date('2025-12-31T17:00:00Z'), 3, cal.rollForward).month).toBe('2025-12');
  });
});
