import type { EventDataMap } from '../../cases/case.types.js';
import { postActedAt } from '../../org/posts.js';
import { finding, type EventRule } from '../rule.types.js';

// 盐城·运行 第十条: 按照依法赋予的权限 … 反映各层级岗位履行职责的情况 (接口标准 §4 POST_MISMATCH 越岗办理)
export const postMismatch: EventRule = {
  code: 'POST_MISMATCH',
  on: ['step.completed'],
  check(_s, e, ctx) {
    const d = e.data as EventDataMap['step.completed'];
    const step = ctx.item?.flow?.steps.find((s) => s.key === d.step);
    if (!step?.post) return [];
    // the actor is an officer of the department (matched by id) with posts listed
    const o = ctx.officers[e.actor.id];
    if (!o || o.id !== e.actor.id || o.departmentCode !== e.departmentCode || !o.posts?.length) return [];
    if (postActedAt({ posts: o.posts, standIns: o.standIns }, step.post)) return [];
    return [finding(ctx, 'POST_MISMATCH', step.key,
      `越岗办理: ${e.actor.name} 的岗位（${o.posts.join('、')}）不是「${step.name}」环节的岗位「${step.post}」 (step completed outside the officer's posts)`,
      { actorId: e.actor.id, post: step.post, posts: o.posts })];
  },
};
