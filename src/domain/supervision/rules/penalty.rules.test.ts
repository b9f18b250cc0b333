import { describe, expect, it } from 'vitest';
import { discretionOutOfRange, executionMismatch, feeIrregular, unqualifiedOfficer } from './penalty.rules.js';
import { ev, item, ruleCtx, state, T } from './test-kit.js';

const decide = (penalty: { kind: string; amount: number; circumstance: string } | null, o: Parameters<typeof ev>[2] = {}) =>
  ev('case.decided', { outcome: penalty ? 'penalty' : 'no_penalty', legalBasis: '环保法', reason: 'r', documentNo: 'D1', penalty }, o);
const decidedState = (amount: number) => state({ decision: { outcome: 'penalty', legalBasis: 'x', reason: 'r', documentNo: 'd', penalty: { kind: 'fine', amount, circumstance: '一般' }, at: T('2026-03-04T10:00:00+08:00'), actor: { id: 'o-17', name: '李明' } } });

describe('penalty, fee and officer rules', () => {
  it('a lawful penalty, execution and fee raise nothing', () => {
    const c = ruleCtx();
    expect(discretionOutOfRange.check(state(), decide({ kind: 'fine', amount: 50000, circumstance: '一般' }), c)).toEqual([]);
    expect(executionMismatch.check(decidedState(50000), ev('penalty.executed', { amount: 50000, receiptNo: 'R1', paidAt: '2026-03-05' }), c)).toEqual([]);
    expect(feeIrregular.check(state(), ev('fee.charged', { feeCode: 'F1', amount: 10 }), c)).toEqual([]);
    expect(unqualifiedOfficer.check(state(), decide(null), c)).toEqual([]);
  });
  it('DISCRETION_OUT_OF_RANGE for an unknown circumstance or an amount outside the band', () => {
    expect(discretionOutOfRange.check(state(), decide({ kind: 'fine', amount: 5000, circumstance: '严重' }), ruleCtx())).toHaveLength(1);
    expect(discretionOutOfRange.check(state(), decide({ kind: 'fine', amount: 150000, circumstance: '一般' }), ruleCtx())[0].code).toBe('DISCRETION_OUT_OF_RANGE');
  });
  it('EXECUTION_MISMATCH for another amount or no receipt', () => {
    expect(executionMismatch.check(decidedState(50000), ev('penalty.executed', { amount: 40000, receiptNo: 'R1', paidAt: '2026-03-05' }), ruleCtx())).toHaveLength(1);
    expect(executionMismatch.check(decidedState(50000), ev('penalty.executed', { amount: 50000, receiptNo: '', paidAt: '2026-03-05' }), ruleCtx())[0].message).toContain('凭据');
  });
  it('FEE_IRREGULAR for an unlisted fee or a non-standard amount', () => {
    expect(feeIrregular.check(state(), ev('fee.charged', { feeCode: 'F9', amount: 10 }), ruleCtx())).toHaveLength(1);
    expect(feeIrregular.check(state(), ev('fee.charged', { feeCode: 'F1', amount: 20 }), ruleCtx())).toHaveLength(1);
  });
  it('UNQUALIFIED_OFFICER: unknown officer, expired certificate, other department; licences not judged', () => {
    const stranger = decide(null, { actor: { id: 'x-1', name: '王五' } });
    expect(unqualifiedOfficer.check(state(), stranger, ruleCtx())).toHaveLength(1);
    const expired = ruleCtx({ officers: [{ id: 'o-17', departmentCode: '511702-STJ', certificateNo: '51170220260017', validUntil: '2026-03-02' }] });
    expect(unqualifiedOfficer.check(state(), decide(null, { at: '2026-03-03T10:00:00+08:00' }), expired)[0].message).toContain('失效');
    expect(unqualifiedOfficer.check(state(), decide(null, { at: '2026-03-02T23:00:00+08:00' }), expired)).toEqual([]);
    const other = ruleCtx({ officers: [{ id: 'o-17', departmentCode: 'OTHER', certificateNo: '51170220260017', validUntil: '2028-12-31' }] });
    expect(unqualifiedOfficer.check(state(), decide(null), other)).toHaveLength(1);
    expect(unqualifiedOfficer.check(state(), stranger, ruleCtx({ item: item({ category: 'license' }) }))).toEqual([]);
  });
});
