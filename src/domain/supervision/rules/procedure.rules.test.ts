import { describe, expect, it } from 'vitest';
import { irregularRollback, negativeOpinionWithoutReason, procedureViolation, repeatedCorrection } from './procedure.rules.js';
import { ev, item, ruleCtx, state, T } from './test-kit.js';

const done = (step: string, verdict: 'agree' | 'disagree' = 'agree', text = '同意') => ev('step.completed', { step, opinion: { verdict, text } });

describe('procedure rules', () => {
  it('steps in the flow’s order raise nothing', () => {
    const c = ruleCtx();
    expect(procedureViolation.check(state(), done('register'), c)).toEqual([]);
    expect(procedureViolation.check(state({ currentStep: 'investigate' }), done('investigate'), c)).toEqual([]);
    expect(negativeOpinionWithoutReason.check(state(), done('register', 'disagree', '材料不全'), c)).toEqual([]);
    expect(irregularRollback.check(state(), ev('case.returned', { fromStep: 'decide', toStep: 'investigate', reason: '证据不足' }), c)).toEqual([]);
    expect(repeatedCorrection.check(state(), ev('correction.requested', { materials: ['身份证'], reason: '缺件' }), c)).toEqual([]);
  });
  it('PROCEDURE_VIOLATION for a skipped step and for an unknown one', () => {
    const f = procedureViolation.check(state(), done('decide'), ruleCtx());
    expect(f).toMatchObject([{ code: 'PROCEDURE_VIOLATION', step: 'decide', details: { expected: 'register' } }]);
    expect(procedureViolation.check(state(), done('nonsense'), ruleCtx())[0].message).toContain('不在流程中');
    const finished = state({ currentStep: null, steps: [{ step: 'decide', startedAt: T('2026-03-04T10:00:00+08:00'), completedAt: T('2026-03-05T10:00:00+08:00') }] });
    expect(procedureViolation.check(finished, done('register'), ruleCtx())).toHaveLength(1);
  });
  it('a finding names steps by their names in Chinese; its English form is kept for the English UI', () => {
    const [f] = procedureViolation.check(state(), done('decide'), ruleCtx());
    expect(f!.message).toBe('程序违规: 应办理环节「立案」, 却完成了「决定」');
    expect(f!.details).toMatchObject({ messageEn: 'Procedure violation: step decide completed while register was due' });
    const [r] = irregularRollback.check(state(), ev('case.returned', { fromStep: 'decide', toStep: 'register', reason: '' }), ruleCtx());
    expect(r!.message).toBe('违规回退: 回退「决定」→「立案」不在允许的回退中');
  });
  it('no flow: nothing to judge the order by', () => {
    expect(procedureViolation.check(state(), done('decide'), ruleCtx({ item: item({ flow: null }) }))).toEqual([]);
  });
  it('NEGATIVE_OPINION_WITHOUT_REASON is yellow for disagree with blank text', () => {
    expect(negativeOpinionWithoutReason.check(state(), done('register', 'disagree', '  '), ruleCtx())).toMatchObject([{ level: 'yellow', step: 'register' }]);
  });
  it('IRREGULAR_ROLLBACK for an unlisted return or one without reason', () => {
    expect(irregularRollback.check(state(), ev('case.returned', { fromStep: 'investigate', toStep: 'register', reason: '重新立案' }), ruleCtx())).toHaveLength(1);
    expect(irregularRollback.check(state(), ev('case.returned', { fromStep: 'decide', toStep: 'investigate', reason: '' }), ruleCtx())[0].message).toContain('未说明理由');
  });
  it('REPEATED_CORRECTION on the second request, and it holds only while two remain', () => {
    const one = state({ corrections: [{ at: T('2026-03-03T10:00:00+08:00'), materials: ['a'], reason: 'r' }] });
    expect(repeatedCorrection.check(one, ev('correction.requested', { materials: ['b'], reason: 'r' }), ruleCtx())[0].code).toBe('REPEATED_CORRECTION');
    expect(repeatedCorrection.holds!(one, { step: null }, ruleCtx())).toBe(false);
  });
});
