import { describe, expect, it } from 'vitest';
import { acceptancePhases, applicationAcceptanceOverdue as rule } from './acceptance.rules.js';
import { ruleCtx, state, T } from './test-kit.js';

// 达州意见 三(六) / 行政许可法 第三十二条: 5 working days to accept, refuse or ask for corrections
const waiting = (over = {}) => state({ status: 'submitted', acceptedAt: null, currentStep: null, currentStepStartedAt: null,
  submittedAt: T('2026-03-02T10:00:00+08:00'), ...over }); // a Monday
const ctx = ruleCtx();

describe('APPLICATION_ACCEPTANCE_OVERDUE', () => {
  it('is due 5 working days after submission and raised once past it', () => {
    const s = waiting();
    expect(rule.nextCheck(s, ctx, T('2026-03-03T09:00:00+08:00'))).toEqual(T('2026-03-10T00:00:00+08:00'));
    expect(rule.evaluate(s, ctx, T('2026-03-09T23:00:00+08:00'))).toEqual([]);
    const f = rule.evaluate(s, ctx, T('2026-03-10T00:00:00+08:00'));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'APPLICATION_ACCEPTANCE_OVERDUE', level: 'red', step: null });
    expect(f[0].message).toContain('申请受理逾期');
  });

  it('an acceptance in time raises nothing; a late one stays a finding', () => {
    expect(rule.evaluate(waiting({ status: 'open', acceptedAt: T('2026-03-06T10:00:00+08:00') }), ctx, T('2026-04-01T00:00:00+08:00'))).toEqual([]);
    expect(rule.evaluate(waiting({ status: 'open', acceptedAt: T('2026-03-11T10:00:00+08:00') }), ctx, T('2026-04-01T00:00:00+08:00'))).toHaveLength(1);
    expect(rule.nextCheck(waiting({ status: 'open', acceptedAt: T('2026-03-06T10:00:00+08:00') }), ctx, T('2026-03-06T10:00:00+08:00'))).toBeNull();
  });

  it('a correction request stops the clock; the answer starts it anew', () => {
    const asked = waiting({ corrections: [{ at: T('2026-03-04T10:00:00+08:00'), materials: ['营业执照'], reason: '缺' }] });
    expect(rule.nextCheck(asked, ctx, T('2026-03-04T10:00:00+08:00'))).toBeNull();
    expect(rule.evaluate(asked, ctx, T('2026-03-30T00:00:00+08:00'))).toEqual([]);
    const answered = waiting({ corrections: [{ at: T('2026-03-04T10:00:00+08:00'), materials: ['营业执照'], reason: '缺', answeredAt: T('2026-03-20T10:00:00+08:00') }] });
    expect(acceptancePhases(answered, ctx).map((p) => p.dueAt)).toEqual([T('2026-03-10T00:00:00+08:00'), T('2026-03-28T00:00:00+08:00')]);
    expect(rule.nextCheck(answered, ctx, T('2026-03-20T10:00:00+08:00'))).toEqual(T('2026-03-28T00:00:00+08:00'));
    expect(rule.evaluate(answered, ctx, T('2026-03-27T12:00:00+08:00'))).toEqual([]);
    expect(rule.evaluate(answered, ctx, T('2026-03-28T00:00:00+08:00'))).toHaveLength(1);
  });

  it('a case registered directly (no application) is not judged', () => {
    expect(rule.evaluate(state(), ctx, T('2026-06-01T00:00:00+08:00'))).toEqual([]);
  });
});
