import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffItems } from './diff.js';
import { validateItem } from './item.validate.js';
import type { PowerItem } from './item.types.js';

const item = (limits: number[], promised: number, legal: number) => ({
  name: '事项', category: 'license', department: 'D', legalLimitDays: legal, promisedLimitDays: promised,
  flow: { steps: limits.map((d, i) => ({ key: `s${i}`, name: `环节${i}`, limitDays: d })), rollbacks: [] },
});

describe('validateItem properties', () => {
  it('accepts a flow exactly when step limits add up to at most the promised limit and promised ≤ legal', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }),
      (limits, promised, legal) => {
        const r = validateItem(item(limits, promised, legal));
        const sum = limits.reduce((a, b) => a + b, 0);
        expect(r.ok).toBe(sum <= promised && promised <= legal);
        if (!r.ok) for (const p of r.problems) expect(p.field).toMatch(/^(flow\.steps\[\d+\]\.limitDays|promisedLimitDays)$/);
      }), { numRuns: 500 });
  });
});

describe('diffItems properties', () => {
  it('is empty exactly when the two versions are equal, and symmetric in what it names', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (l1, l2, p1, p2) => {
        const mk = (l: number[], p: number) => {
          const r = validateItem(item(l, 1000, 1000));
          if (!r.ok) throw new Error('invalid');
          return { ...r.item, code: 'C', regionCode: '511702', status: 'in_force', promisedLimitDays: p } as PowerItem;
        };
        const a = mk(l1, p1);
        const b = mk(l2, p2);
        const ab = diffItems(a, b);
        expect(ab.length === 0).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(ab.map((c) => c.field).sort()).toEqual(diffItems(b, a).map((c) => c.field).sort());
      }), { numRuns: 300 });
  });
});
