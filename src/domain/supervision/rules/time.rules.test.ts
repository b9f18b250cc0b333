import { describe, expect, it } from 'vitest';
import { evaluateTime } from './time.rules.js';
import { item, ruleCtx, state, T } from './test-kit.js';

// accepted Mon 2026-03-02 10:00; promised 10 wd → due end of Mon 03-16, warn end of Wed 03-12 (N−w = 8); legal 15 → end of 03-23
const codes = (at: string, s = state(), c = ruleCtx()) => evaluateTime(s, c, T(at)).findings.map((f) => `${f.code}${f.step ? ':' + f.step : ''}`).sort();

describe('time rules (§1, §4)', () => {
  it('a fresh case raises nothing and looks next when the first step falls due', () => {
    const r = evaluateTime(state(), ruleCtx(), T('2026-03-02T12:00:00+08:00'));
    expect(r.findings).toEqual([]);
    expect(r.nextCheckAt?.toISOString()).toBe(T('2026-03-05T00:00:00+08:00').toISOString()); // register: 2 wd → end of Wed 03-04
  });
  it('STEP_OVERDUE at the end of the step’s last working day', () => {
    expect(codes('2026-03-04T23:59:59+08:00')).toEqual([]);
    expect(codes('2026-03-05T00:00:00+08:00')).toEqual(['STEP_OVERDUE:register']);
    // the message speaks China time, the due instant as 24:00 of its day
    expect(evaluateTime(state(), ruleCtx(), T('2026-03-05T00:00:00+08:00')).findings[0].message).toContain('2026-03-04 24:00');
  });
  it('DEADLINE_WARNING, DEADLINE_OVERDUE and LEGAL_LIMIT_OVERDUE in turn', () => {
    const s = state({ currentStep: null, currentStepStartedAt: null });
    expect(codes('2026-03-12T23:00:00+08:00', s)).toEqual([]);
    expect(codes('2026-03-13T00:00:00+08:00', s)).toEqual(['DEADLINE_WARNING']);
    expect(codes('2026-03-17T00:00:00+08:00', s)).toEqual(['DEADLINE_OVERDUE', 'DEADLINE_WARNING']);
    expect(codes('2026-03-24T00:00:00+08:00', s)).toEqual(['DEADLINE_OVERDUE', 'DEADLINE_WARNING', 'LEGAL_LIMIT_OVERDUE']);
    expect(evaluateTime(s, ruleCtx(), T('2026-03-13T01:00:00+08:00')).nextCheckAt?.toISOString()).toBe(T('2026-03-17T00:00:00+08:00').toISOString());
  });
  it('a case concluded in time has no light however late the sweep', () => {
    const s = state({ currentStep: null, status: 'concluded', conclusion: 'closed', concludedAt: T('2026-03-06T10:00:00+08:00') });
    expect(codes('2026-06-01T00:00:00+08:00', s)).toEqual([]);
    expect(evaluateTime(s, ruleCtx(), T('2026-06-01T00:00:00+08:00')).nextCheckAt).toBeNull();
  });
  it('a suspension stops the clock: days suspended at 24:00 are not counted', () => {
    const s = state({ currentStep: null, status: 'open', suspensions: [{ from: T('2026-03-03T09:00:00+08:00'), to: T('2026-03-10T09:00:00+08:00'), reason: '鉴定', basis: 'x' }] });
    // 03-03..03-09 suspended (5 working days) → warn moves to end of 03-19, due to end of 03-23
    expect(codes('2026-03-19T23:00:00+08:00', s)).toEqual([]);
    expect(codes('2026-03-20T00:00:00+08:00', s)).toEqual(['DEADLINE_WARNING']);
    expect(codes('2026-03-24T00:00:00+08:00', s)).toContain('DEADLINE_OVERDUE');
  });
  it('while suspended nothing falls due and there is no next check', () => {
    const s = state({ status: 'suspended', suspensions: [{ from: T('2026-03-03T09:00:00+08:00'), to: null, reason: '鉴定', basis: 'x' }] });
    const r = evaluateTime(s, ruleCtx(), T('2026-04-30T00:00:00+08:00'));
    expect(r.findings).toEqual([]);
    expect(r.nextCheckAt).toBeNull();
  });
  it('an extension adds its working days; a region may disable a rule', () => {
    const s = state({ currentStep: null, extensionDays: 5 });
    // N = 15, w = 3: yellow from the end of the 12th working day (03-18), due at the end of 03-23
    expect(codes('2026-03-18T23:00:00+08:00', s)).toEqual([]);
    expect(codes('2026-03-19T00:00:00+08:00', s)).toEqual(['DEADLINE_WARNING']);
    const off = ruleCtx({ overrides: [{ regionCode: '510000', code: 'DEADLINE_WARNING', version: 1, enabled: false, level: null, threshold: null }] });
    expect(codes('2026-03-13T00:00:00+08:00', state({ currentStep: null }), off)).toEqual([]);
  });
  it('a step completed late is overdue even when no sweep saw it open', () => {
    const s = state({ currentStep: 'investigate', currentStepStartedAt: T('2026-03-09T10:00:00+08:00'),
      steps: [{ step: 'register', startedAt: T('2026-03-02T10:00:00+08:00'), completedAt: T('2026-03-09T10:00:00+08:00') }] });
    expect(codes('2026-03-09T11:00:00+08:00', s)).toEqual(['STEP_OVERDUE:register']);
  });
  it('a suspension begun after a step was completed does not reach back into that step', () => {
    const s = state({ status: 'suspended', currentStep: 'investigate', currentStepStartedAt: T('2026-03-03T10:00:00+08:00'),
      steps: [{ step: 'register', startedAt: T('2026-03-02T10:00:00+08:00'), completedAt: T('2026-03-03T10:00:00+08:00') }],
      suspensions: [{ from: T('2026-03-04T09:00:00+08:00'), to: null, reason: '鉴定', basis: 'x' }] });
    expect(() => evaluateTime(s, ruleCtx(), T('2026-03-05T12:00:00+08:00'))).not.toThrow();
    expect(codes('2026-03-05T12:00:00+08:00', s)).toEqual([]);
  });
  it('no item: no limits to judge', () => {
    expect(evaluateTime(state(), ruleCtx({ item: null }), T('2026-09-01T00:00:00+08:00'))).toEqual({ findings: [], nextCheckAt: null });
    expect(item().promisedLimitDays).toBe(10);
  });
});
