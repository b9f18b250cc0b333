import { describe, expect, it } from 'vitest';
import type { OfficerInfo } from '../rule.types.js';
import { postMismatch } from './post.rules.js';
import { ev, item, ruleCtx, state } from './test-kit.js';

const flow = {
  steps: [
    { key: 'register', name: '立案', post: '承办科室', limitDays: 2 },
    { key: 'review', name: '法制审核', post: '法制审核员', limitDays: 2 },
    { key: 'decide', name: '决定', limitDays: 3 },
  ],
  rollbacks: [],
};
const officer = (o: Partial<OfficerInfo> = {}): OfficerInfo =>
  ({ id: 'o-17', departmentCode: '511702-STJ', certificateNo: '51170220260017', validUntil: '2028-12-31', posts: ['承办科室', '执法人员'], ...o });
const done = (step: string, actor = { id: 'o-17', name: '李明' }) => ev('step.completed', { step, opinion: { verdict: 'agree', text: '同意' } }, { actor });
const ctx = (o: Partial<OfficerInfo> = {}) => ruleCtx({ item: item({ flow }), officers: [officer(o)] });

describe('POST_MISMATCH 越岗办理', () => {
  it('raises red on a step given to a post the officer does not hold, naming step, post and person', () => {
    const f = postMismatch.check(state({ currentStep: 'review' }), done('review'), ctx());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'POST_MISMATCH', level: 'red', step: 'review', details: { actorId: 'o-17', post: '法制审核员', posts: ['承办科室', '执法人员'] } });
    expect(f[0].message).toContain('李明');
    expect(f[0].message).toContain('法制审核员');
  });
  it('is silent when the officer holds the post, or a post the department lets stand in for it', () => {
    expect(postMismatch.check(state(), done('register'), ctx())).toEqual([]);
    expect(postMismatch.check(state(), done('review'), ctx({ standIns: { 法制审核员: ['执法人员'] } }))).toEqual([]);
    expect(postMismatch.check(state(), done('review'), ctx({ standIns: { 法制审核员: ['分管领导'] } }))).toHaveLength(1);
  });
  it('is silent for a step with no post, an officer with no posts listed, an unknown actor or an officer of another department', () => {
    expect(postMismatch.check(state(), done('decide'), ctx())).toEqual([]);
    expect(postMismatch.check(state(), done('review'), ctx({ posts: [] }))).toEqual([]);
    expect(postMismatch.check(state(), done('review'), ctx({ posts: undefined }))).toEqual([]);
    expect(postMismatch.check(state(), done('review', { id: 'x-9', name: '王五' }), ctx())).toEqual([]);
    expect(postMismatch.check(state(), done('review'), ctx({ departmentCode: '511703-STJ' }))).toEqual([]);
    // matched by id only: an actor whose id is another officer's certificate number is not that officer
    expect(postMismatch.check(state(), done('review', { id: '51170220260017', name: '李明' }), ctx())).toEqual([]);
  });
});
