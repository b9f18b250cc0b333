import { describe, expect, it } from 'vitest';
import { formatChinaTime } from './day-index.js';

describe('formatChinaTime', () => {
  it('shows China time, and a due instant at midnight as 24:00 of the day before (§1)', () => {
    expect(formatChinaTime(new Date('2026-03-02T02:00:00Z'))).toBe('2026-03-02 10:00');
    expect(formatChinaTime(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-09 24:00');
    expect(formatChinaTime(new Date('2026-03-09T15:59:00Z'))).toBe('2026-03-09 23:59');
  });
});
