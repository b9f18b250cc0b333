import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoText } from './iso-text.js';

describe('isoText', () => {
  it('is toISOString, for new instants and remembered ones alike', () => {
    fc.assert(fc.property(fc.date({ noInvalidDate: true }), (d) => {
      expect(isoText(d)).toBe(d.toISOString());
      expect(isoText(new Date(d.getTime()))).toBe(d.toISOString());
    }), { numRuns: 2000 });
  });
  it('keeps giving the right text past the number it remembers', () => {
    const base = Date.UTC(2026, 2, 2);
    for (let i = 0; i < 60_000; i++) isoText(new Date(base + i * 1000));
    expect(isoText(new Date(base))).toBe('2026-03-02T00:00:00.000Z');
    expect(isoText(new Date(base + 59_999_000))).toBe(new Date(base + 59_999_000).toISOString());
  });
  it('refuses an invalid Date as toISOString does', () => {
    expect(() => isoText(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => isoText(new Date(Number.NaN))).toThrow(RangeError);
  });
});
