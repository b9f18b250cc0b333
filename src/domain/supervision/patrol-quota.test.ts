import { describe, expect, it } from 'vitest';
import { patrolShortfall } from './patrol-quota.js';

const quota = { province: { own: 1, cities: 2, counties: 8 }, city: { own: 2, counties: 1 }, county: { own: 2 } };

describe('patrol quota (四川电子监察办法 第十一条(二))', () => {
  it('a county needs two patrols of its own platform', () => {
    expect(patrolShortfall('511702', ['511702'], quota)).toMatchObject({ met: false, short: { own: 1 } });
    expect(patrolShortfall('511702', ['511702', '511702'], quota).met).toBe(true);
  });
  it('a city needs two own and one of its counties; other regions do not count', () => {
    expect(patrolShortfall('511700', ['511700', '511700', '510411'], quota)).toMatchObject({ met: false, short: { counties: 1 } });
    expect(patrolShortfall('511700', ['511700', '511700', '511703'], quota).met).toBe(true);
  });
  it('a province: one own, two distinct cities, eight distinct counties', () => {
    const r = patrolShortfall('510000', ['510000', '511700', '511700', '510400', '511702', '511703'], quota);
    expect(r.done).toEqual({ own: 1, cities: 2, counties: 2 });
    expect(r.short).toEqual({ own: 0, cities: 0, counties: 6 });
  });
});
