import { describe, expect, it } from 'vitest';
import { NO_FACTS, type DepartmentFacts } from './indicators.js';
import { contribution, round2, scoreDepartments } from './score.js';

const facts = (f: Partial<DepartmentFacts>): DepartmentFacts => ({ ...NO_FACTS, ...f });

describe('scores (§8)', () => {
  it('value × points, clamped to [−cap, +cap]; 0 when null', () => {
    expect(contribution(3, -2)).toBe(-6);
    expect(contribution(20, -2, 30)).toBe(-30);
    expect(contribution(20, 2, 30)).toBe(30);
    expect(contribution(null, 10, 5)).toBe(0);
    expect(Object.is(contribution(0, -2), -0)).toBe(false);
  });
  it('rounds half up to two decimals', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(106.66666666666667)).toBe(106.67);
    expect(round2(99.994)).toBe(99.99);
  });
  it('scores by hand, indicator by indicator; equal scores share a rank (1, 1, 3); never below 0', () => {
    const scheme = { base: 100, indicators: [
      { code: 'ON_TIME_RATE' as const, points: 10 }, { code: 'RED_ALERTS' as const, points: -2, cap: 30 },
      { code: 'SATISFACTION' as const, points: 5 }, { code: 'CASES_CONCLUDED' as const, points: 0.5, cap: 2 },
    ] };
    const rows = scoreDepartments(scheme, ['A', 'B', 'C', 'D', 'E'], new Map([
      // A: 2 of 3 on time → 6.67; 1 red → −2; ratings 5,4 → mean 4.5 − 3 = 1.5 → 7.5; 3 concluded → 1.5
      ['A', facts({ concluded: 3, concludedOnTime: 2, red: 1, ratingSum: 9, ratingCount: 2 })],
      // B: nothing concluded → rate null → 0; 20 red → −40 capped at −30; no ratings → 0
      ['B', facts({ red: 20 })],
      // C: the same as B
      ['C', facts({ red: 16 })],
      // D: 5 of 5 on time → 10; 10 concluded → 5 capped at 2; ratings 1 → −2 × 5 = −10
      ['D', facts({ concluded: 10, concludedOnTime: 10, ratingSum: 1, ratingCount: 1 })],
    ]));
    expect(rows.map((r) => [r.department, r.score, r.rank])).toEqual([['A', 113.67, 1], ['D', 102, 2], ['E', 100, 3], ['B', 70, 4], ['C', 70, 4]]);
    const a = rows[0].indicators;
    expect(a.ON_TIME_RATE).toEqual({ value: 2 / 3, contribution: (2 / 3) * 10 });
    expect(a.RED_ALERTS).toEqual({ value: 1, contribution: -2 });
    expect(a.SATISFACTION).toEqual({ value: 1.5, contribution: 7.5 });
    expect(a.CASES_CONCLUDED).toEqual({ value: 3, contribution: 1.5 });
    expect(rows[3].indicators.ON_TIME_RATE).toEqual({ value: null, contribution: 0 });
    expect(rows[3].indicators.RED_ALERTS).toEqual({ value: 20, contribution: -30 });
    const low = scoreDepartments({ base: 10, indicators: [{ code: 'RED_ALERTS', points: -5 }] }, ['X'], new Map([['X', facts({ red: 3 })]]));
    expect(low[0].score).toBe(0);
  });
});
