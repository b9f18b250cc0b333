import { describe, expect, it } from 'vitest';
import { looseningOf, resolveSetting, settingsAbove, type RuleOverride } from './overrides.js';

const o = (regionCode: string, p: Partial<RuleOverride> = {}): RuleOverride =>
  ({ regionCode, code: 'LATE_ENTRY', version: 1, enabled: true, level: null, threshold: null, ...p });

// 接口标准 §4 (v2): the highest setter sets freely; below it a region only tightens.
describe('the level above binds', () => {
  it('the strictest setting along the path applies, not the nearest', () => {
    const rows = [o('510000', { level: 'red', threshold: 36 }), o('511702', { enabled: false, level: 'yellow', threshold: 72 })];
    expect(resolveSetting(rows, 'LATE_ENTRY', '511702')).toEqual({ enabled: true, level: 'red', threshold: 36 });
    expect(resolveSetting([o('511702', { threshold: 24 }), ...rows.slice(0, 1)], 'LATE_ENTRY', '511702').threshold).toBe(24);
  });
  it('the highest setter may loosen the default; a lower region may enable what it disabled', () => {
    expect(resolveSetting([o('510000', { level: 'yellow', threshold: 72 })], 'LATE_ENTRY', '511702')).toEqual({ enabled: true, level: 'yellow', threshold: 72 });
    expect(resolveSetting([o('510000', { enabled: false }), o('511702', { enabled: true })], 'LATE_ENTRY', '511702').enabled).toBe(true);
    expect(resolveSetting([o('510000', { enabled: false }), o('511702', { enabled: true })], 'LATE_ENTRY', '511703').enabled).toBe(false);
  });
  it('the latest version of a region counts', () => {
    expect(settingsAbove([o('510000', { version: 1, threshold: 30 }), o('510000', { version: 2, threshold: 40 })], 'LATE_ENTRY', '511702')).toHaveLength(1);
    expect(resolveSetting([o('510000', { version: 1, threshold: 30 }), o('510000', { version: 2, threshold: 40 })], 'LATE_ENTRY', '511702').threshold).toBe(40);
  });
  it('names what a proposed setting would loosen', () => {
    const above = [o('510000', { level: 'red' })];
    expect(looseningOf(above, 'LATE_ENTRY', { enabled: false, level: 'yellow', threshold: 50 }).map((l) => [l.field, l.region, l.above]))
      .toEqual([['enabled', '510000', true], ['level', '510000', 'red'], ['threshold', '510000', 48]]);
    expect(looseningOf(above, 'LATE_ENTRY', { enabled: true, level: 'red', threshold: 12 })).toEqual([]);
    expect(looseningOf([], 'LATE_ENTRY', { enabled: false, level: null, threshold: null })).toEqual([]);
  });
});
