import { describe, expect, it } from 'vitest';
import { disclosureProblems } from './disclosure.js';
import { codePrefix, nextCode, parseCode } from './coding.js';
import { validateItem } from './item.validate.js';
import type { PowerItem } from './item.types.js';

const good = () => ({
  name: '对未依法取得排污许可证排放污染物的处罚', category: 'penalty', department: '511702-STJ',
  legalBasis: [{ law: '中华人民共和国环境保护法', article: '第六十三条' }], legalLimitDays: 90, promisedLimitDays: 60,
  remedies: '行政复议或行政诉讼',
  flow: { steps: [{ key: 'register', name: '立案', limitDays: 5 }, { key: 'investigate', name: '调查', limitDays: 30 }, { key: 'decide', name: '决定', limitDays: 10 }], rollbacks: [['decide', 'investigate']] },
  discretion: [{ circumstance: '轻微', kind: 'fine', min: 0, max: 20000 }],
});
const fields = (raw: unknown) => {
  const r = validateItem(raw);
  return r.ok ? [] : r.problems.map((p) => p.field);
};

describe('validateItem (§2 refusals)', () => {
  it('accepts a complete item and normalises it', () => {
    const r = validateItem(good());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.item.departmentCode).toBe('511702-STJ');
      expect(r.item.flow?.rollbacks).toEqual([['decide', 'investigate']]);
      expect(r.item.confidential).toBe(false);
    }
  });
  it('refuses step limits adding up to more than the promised limit', () => {
    // 5 + 30 + 10 = 45: the running sum passes 44 at the third step, 决定, which the refusal names
    expect(fields({ ...good(), promisedLimitDays: 44 })).toEqual(['flow.steps[2].limitDays']);
    const r = validateItem({ ...good(), promisedLimitDays: 30 });
    expect(r.ok ? [] : r.problems).toEqual([{ field: 'flow.steps[1].limitDays', message: expect.stringContaining('第2个环节「调查」') }]);
    expect(fields({ ...good(), promisedLimitDays: 45 })).toEqual([]);
  });
  it('refuses a promised limit above the legal one', () => {
    expect(fields({ ...good(), legalLimitDays: 59 })).toEqual(['promisedLimitDays']);
  });
  it('refuses rollbacks naming unknown steps or going forward', () => {
    expect(fields({ ...good(), flow: { ...good().flow, rollbacks: [['decide', 'nowhere']] } })).toEqual(['flow.rollbacks[0]']);
    expect(fields({ ...good(), flow: { ...good().flow, rollbacks: [['register', 'decide']] } })).toEqual(['flow.rollbacks[0]']);
  });
  it('refuses a discretion band with min > max, duplicates and negatives', () => {
    expect(fields({ ...good(), discretion: [{ circumstance: '一般', kind: 'fine', min: 9, max: 1 }] })).toEqual(['discretion[0].min']);
    expect(fields({ ...good(), discretion: [{ circumstance: 'a', kind: 'fine', min: 0, max: 1 }, { circumstance: 'a', kind: 'fine', min: 0, max: 1 }] })).toEqual(['discretion[1].circumstance']);
    expect(fields({ ...good(), discretion: [{ circumstance: 'a', kind: 'fine', min: -1, max: 1 }] })).toEqual(['discretion[0].min']);
  });
  it('refuses insane values naming the field', () => {
    expect(fields({ ...good(), category: 'tax' })).toEqual(['category']);
    expect(fields({ ...good(), name: ' ' })).toEqual(['name']);
    expect(fields({ ...good(), legalLimitDays: 2.5 })).toContain('legalLimitDays');
    expect(fields({ ...good(), fees: [{ code: 'F', name: '费', amount: -1 }] })).toEqual(['fees[0].amount']);
    expect(fields({ ...good(), flow: { steps: [{ key: 'a', name: 'A', limitDays: 1 }, { key: 'a', name: 'B', limitDays: 1 }] } })).toEqual(['flow.steps[1].key']);
    expect(fields({ ...good(), flow: { steps: [] } })).toEqual(['flow.steps']);
    expect(fields({ ...good(), code: '编码' })).toEqual(['code']);
    expect(fields(null)).toEqual(['item']);
  });
});

describe('coding rule', () => {
  it('derives the prefix from region, department and category and appends after the last', () => {
    const prefix = codePrefix('511702', '511702-STJ', 'penalty');
    expect(prefix).toBe('511702-STJ-CF');
    expect(nextCode(prefix, 7).code).toBe('511702-STJ-CF-0008');
    expect(parseCode('511702-STJ-CF-0008')).toEqual({ prefix, seq: 8 });
    expect(parseCode('legacy-1')).toBeNull();
  });
});

describe('disclosureProblems (§2 DISCLOSURE_INCOMPLETE)', () => {
  const item = (over: Partial<PowerItem>): PowerItem => {
    const r = validateItem(good());
    if (!r.ok) throw new Error('bad');
    return { ...r.item, code: 'C', regionCode: '511702', status: 'in_force', ...over } as PowerItem;
  };
  it('lists missing public fields of a published item', () => {
    expect(disclosureProblems(item({}))).toEqual([]);
    expect(disclosureProblems(item({ legalBasis: [], remedies: undefined, flow: null }))).toEqual(['legalBasis', 'remedies', 'flow']);
    expect(disclosureProblems(item({ category: 'license', materials: [], promisedLimitDaysMissing: true }))).toEqual(['materials', 'promisedLimitDays']);
  });
  it('ignores items that are not published', () => {
    expect(disclosureProblems(item({ legalBasis: [], confidential: true }))).toEqual([]);
    expect(disclosureProblems(item({ legalBasis: [], status: 'suspended' }))).toEqual([]);
  });
});
