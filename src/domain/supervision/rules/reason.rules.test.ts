import { describe, expect, it } from 'vitest';
import { denialWithoutReason, missingLegalBasis, rejectionWithoutReason, suspensionWithoutReason, terminationWithoutReason } from './reason.rules.js';
import { ev, ruleCtx, state } from './test-kit.js';

const decided = (o: Partial<{ outcome: 'approved' | 'denied'; reason: string; legalBasis: string }>) =>
  ev('case.decided', { outcome: o.outcome ?? 'approved', legalBasis: o.legalBasis ?? '《行政许可法》第三十八条', reason: o.reason ?? '符合条件', documentNo: '许字〔2026〕1号' });

describe('reason rules (成都办法 第九条)', () => {
  it('reasons given raise nothing', () => {
    const c = ruleCtx();
    expect(suspensionWithoutReason.check(state(), ev('case.suspended', { reason: '等待鉴定', basis: '…' }), c)).toEqual([]);
    expect(rejectionWithoutReason.check(state(), ev('case.rejected', { reason: '不属于本机关职权' }), c)).toEqual([]);
    expect(denialWithoutReason.check(state(), decided({ outcome: 'denied', reason: '不符合条件' }), c)).toEqual([]);
    expect(terminationWithoutReason.check(state(), ev('case.terminated', { reason: '申请人撤回' }), c)).toEqual([]);
    expect(missingLegalBasis.check(state(), decided({}), c)).toEqual([]);
  });
  it('each missing reason raises its code', () => {
    const c = ruleCtx();
    expect(suspensionWithoutReason.check(state(), ev('case.suspended', { reason: '', basis: '' }), c)[0].code).toBe('SUSPENSION_WITHOUT_REASON');
    expect(rejectionWithoutReason.check(state(), ev('case.rejected', { reason: ' ' }), c)[0].code).toBe('REJECTION_WITHOUT_REASON');
    expect(denialWithoutReason.check(state(), decided({ outcome: 'denied', reason: '' }), c)[0].code).toBe('DENIAL_WITHOUT_REASON');
    expect(terminationWithoutReason.check(state(), ev('case.terminated', { reason: '' }), c)[0].code).toBe('TERMINATION_WITHOUT_REASON');
    expect(missingLegalBasis.check(state(), decided({ legalBasis: '' }), c)[0].code).toBe('MISSING_LEGAL_BASIS');
  });
  it('an approval without reason is not a denial without reason', () => {
    expect(denialWithoutReason.check(state(), decided({ outcome: 'approved', reason: '' }), ruleCtx())).toEqual([]);
  });
});
