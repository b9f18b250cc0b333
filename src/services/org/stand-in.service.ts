import type { Actor } from '../../domain/org/policy.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import * as org from '../../store/org.store.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { requireCan } from './scoped-read.js';

/**
 * 顶岗: a department names which of its posts may stand in for which (an officer holding the
 * stand-in post may complete steps given to the other). Read by whoever reads the
 * organisation there; changed by the department's administrators, audited.
 */

async function departmentOf(q: Queryable, code: string) {
  const d = await org.getDepartment(q, code);
  if (!d) throw notFound('部门', code);
  return d;
}

export async function listStandIns(ctx: AppContext, actor: Actor, department: string) {
  const d = await departmentOf(ctx.db, department);
  requireCan(actor, 'org.read', { regionCode: d.region, departmentCode: d.code }, `stand-ins of ${d.code}`);
  return { department: d.code, standIns: await org.listStandIns(ctx.db, d.code) };
}

async function postsOf(q: Queryable, department: string, input: { post: string; standIn: string }) {
  if (input.post === input.standIn) throw invalid('standIn', '岗位不能顶替自身 (a post cannot stand in for itself)');
  const post = await org.findPost(q, department, input.post);
  if (!post) throw invalid('post', `部门 ${department} 没有岗位「${input.post}」 (unknown post)`);
  const standIn = await org.findPost(q, department, input.standIn);
  if (!standIn) throw invalid('standIn', `部门 ${department} 没有岗位「${input.standIn}」 (unknown post)`);
  return { post, standIn };
}

export async function addStandIn(ctx: AppContext, actor: Actor, department: string, input: { post: string; standIn: string }) {
  const d = await departmentOf(ctx.db, department);
  return audited(ctx, actor, {
    action: 'org.standin.add', target: `department:${d.code}`,
    run: async (q) => {
      requireCan(actor, 'post.manage', { regionCode: d.region, departmentCode: d.code }, `stand-in in ${d.code}`);
      const { post, standIn } = await postsOf(q, d.code, input);
      const by = actor.kind === 'user' ? actor.userId : actor.kind === 'system' ? actor.name : null;
      if (!(await org.addStandIn(q, { postId: post.id, standInPostId: standIn.id, createdBy: by, at: ctx.clock.now() }))) {
        throw new AppError('CONFLICT', `「${input.standIn}」已可顶替「${input.post}」 (stand-in exists)`, { field: 'standIn' });
      }
      return { department: d.code, post: input.post, standIn: input.standIn };
    },
    details: () => ({ post: input.post, standIn: input.standIn }),
  });
}

export async function removeStandIn(ctx: AppContext, actor: Actor, department: string, input: { post: string; standIn: string }) {
  const d = await departmentOf(ctx.db, department);
  return audited(ctx, actor, {
    action: 'org.standin.remove', target: `department:${d.code}`,
    run: async (q) => {
      requireCan(actor, 'post.manage', { regionCode: d.region, departmentCode: d.code }, `stand-in in ${d.code}`);
      const { post, standIn } = await postsOf(q, d.code, input);
      if (!(await org.removeStandIn(q, post.id, standIn.id))) throw notFound('顶岗设置', `${input.standIn}→${input.post}`);
      return { department: d.code, post: input.post, standIn: input.standIn, removed: true };
    },
    details: () => ({ post: input.post, standIn: input.standIn }),
  });
}
