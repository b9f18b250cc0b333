import { describe, expect, it } from 'vitest';
import { effectiveInstant, filingLateness, kindAllowed, nextStage } from './adjustment.js';

describe('adjustment stage machine', () => {
  it('runs draft → review → approval → approved and allows returns', () => {
    expect(nextStage('draft', 'submit')).toBe('review');
    expect(nextStage('review', 'review_pass')).toBe('approval');
    expect(nextStage('approval', 'approve')).toBe('approved');
    expect(nextStage('review', 'review_return')).toBe('returned');
    expect(nextStage('returned', 'submit')).toBe('review');
    expect(nextStage('approval', 'leader_return')).toBe('returned');
  });
  it('refuses skipping the legal review or acting on a closed request', () => {
    expect(nextStage('draft', 'approve')).toBeNull();
    expect(nextStage('review', 'approve')).toBeNull();
    expect(nextStage('approved', 'submit')).toBeNull();
    expect(nextStage('rejected', 'review_pass')).toBeNull();
  });
});

describe('filing lateness (川 第三条: 20日内)', () => {
  it('counts natural days after the day of change in China Standard Time', () => {
    expect(filingLateness('2026-03-01', new Date('2026-03-21T23:00:00+08:00'))).toEqual({ daysAfterChange: 20, late: false });
    expect(filingLateness('2026-03-01', new Date('2026-03-22T00:30:00+08:00'))).toEqual({ daysAfterChange: 21, late: true });
    // 2026-03-21 16:30 UTC is already the 22nd in Beijing
    expect(filingLateness('2026-03-01', new Date('2026-03-21T16:30:00Z')).late).toBe(true);
    expect(filingLateness(null, new Date())).toEqual({ daysAfterChange: null, late: false });
  });
});

describe('effective instant', () => {
  it('is midnight of the date, never before the approval', () => {
    expect(effectiveInstant('2026-04-01', new Date('2026-03-20T10:00:00+08:00')).toISOString()).toBe('2026-03-31T16:00:00.000Z');
    const approved = new Date('2026-04-05T10:00:00+08:00');
    expect(effectiveInstant('2026-04-01', approved)).toEqual(approved);
  });
});

describe('kinds allowed by status', () => {
  it('only suspends items in force and resumes suspended ones', () => {
    expect(kindAllowed('suspend', 'in_force')).toBeNull();
    expect(kindAllowed('suspend', 'suspended')).toMatch(/暂停/);
    expect(kindAllowed('resume', 'suspended')).toBeNull();
    expect(kindAllowed('change', 'cancelled')).toMatch(/取消/);
    expect(kindAllowed('add', null)).toBeNull();
    expect(kindAllowed('change', null)).toMatch(/不存在/);
  });
});
