import { describe, expect, it } from 'vitest';
import { diffItems } from './diff.js';
import type { PowerItem } from './item.types.js';

const base: PowerItem = {
  code: 'X', name: '事项', category: 'penalty', departmentCode: 'D', regionCode: '511702', legalBasis: [{ law: '法', article: '第一条' }],
  legalLimitDays: 90, promisedLimitDays: 60, fees: [], materials: ['a'], confidential: false, discretion: [{ circumstance: '轻微', kind: 'fine', min: 0, max: 10 }],
  status: 'in_force', flow: { steps: [{ key: 'a', name: 'A', limitDays: 5 }, { key: 'b', name: 'B', limitDays: 10 }], rollbacks: [] },
};

describe('diffItems', () => {
  it('is empty for identical versions', () => {
    expect(diffItems(base, structuredClone(base))).toEqual([]);
  });
  it('names changed, added and removed fields by path, steps by key', () => {
    const after = structuredClone(base);
    after.promisedLimitDays = 50;
    after.flow!.steps[1]!.limitDays = 8;
    after.flow!.steps.push({ key: 'c', name: 'C', limitDays: 1 });
    after.remedies = '复议';
    after.discretion = [];
    const d = diffItems(base, after);
    expect(d).toContainEqual({ field: 'promisedLimitDays', kind: 'changed', before: 60, after: 50 });
    expect(d).toContainEqual({ field: 'flow.steps[b].limitDays', kind: 'changed', before: 10, after: 8 });
    expect(d).toContainEqual({ field: 'flow.steps[c]', kind: 'added', after: { key: 'c', name: 'C', limitDays: 1 } });
    expect(d).toContainEqual({ field: 'remedies', kind: 'added', after: '复议' });
    expect(d).toContainEqual({ field: 'discretion[轻微]', kind: 'removed', before: base.discretion[0] });
  });
  it('reports a reordering of steps', () => {
    const after = structuredClone(base);
    after.flow!.steps.reverse();
    expect(diffItems(base, after).map((c) => c.field)).toEqual(['flow.steps(顺序 order)']);
  });
});
