import type { Actor } from '../../domain/org/policy.js';
import { officerProblem } from '../../domain/org/org-validate.js';
import { postNames, postsProblem } from '../../domain/org/posts.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import * as org from '../../store/org.store.js';
import { audited } from '../audit.service.js';
import { newId } from '../ids.js';
import type { AppContext } from '../context.js';
import { problemToError } from './org.service.js';
import { readInScope, readScope, requireCan } from './scoped-read.js';

/** Posts (岗位) and officers (执法人员, with 执法证 number and validity), scoped by department. */

export async function listPosts(ctx: AppContext, actor: Actor, f: { department?: string } = {}) {
  return { posts: await org.listPosts(ctx.db, readScope(actor, 'org.read'), f) };
}

export async function createPost(ctx: AppContext, actor: Actor, input: { department: string; name: string }) {
  const dept = await org.getDepartment(ctx.db, input.department);
  if (!dept) throw invalid('department', `部门 ${input.department} 不存在 (unknown department)`);
  return audited(ctx, actor, {
    action: 'org.post.create', target: `department:${dept.code}`,
    run: async (q) => {
      requireCan(actor, 'org.manage', { regionCode: dept.region, departmentCode: dept.code }, `post in ${dept.code}`);
      if (await org.findPost(q, dept.code, input.name)) throw new AppError('CONFLICT', `岗位已存在 (post exists): ${input.name}`, { field: 'name' });
      const p = { id: newId(), department: dept.code, name: input.name };
      await org.insertPost(q, p);
      return p;
    },
    details: () => ({ name: input.name }),
  });
}

export async function listOfficers(
  ctx: AppContext, actor: Actor, f: { department?: string; region?: string; validOn?: string; limit?: number; offset?: number } = {},
) {
  return { officers: await org.listOfficers(ctx.db, readScope(actor, 'org.read'), f) };
}

export async function getOfficer(ctx: AppContext, actor: Actor, id: string) {
  return readInScope(actor, 'org.read', '执法人员', id, (s) => org.getOfficer(ctx.db, id, s));
}

export interface OfficerInput {
  id?: string;
  name: string;
  department: string;
  certificateNo?: string | null;
  validUntil?: string | null;
  /** The flow posts (岗位) the officer holds (§2 v2); absent on update: unchanged. */
  posts?: string[];
}

/** Runs inside the change's transaction: reads through `q` (PGlite has one connection). */
async function checkedOfficer(q: Queryable, actor: Actor, o: org.Officer) {
  const dept = await org.getDepartment(q, o.department);
  if (!dept) throw invalid('department', `部门 ${o.department} 不存在 (unknown department)`);
  requireCan(actor, 'org.manage', { regionCode: dept.region, departmentCode: dept.code }, `officer ${o.id}`);
  // 达州意见: 执法人员持证上岗 — certificate number and validity are kept for UNQUALIFIED_OFFICER.
  const problem = officerProblem(o, () => true) ?? postsProblem(o.posts);
  if (problem) throw problemToError(problem);
}

export async function createOfficer(ctx: AppContext, actor: Actor, input: OfficerInput) {
  const o: org.Officer = { id: input.id ?? newId(), name: input.name, department: input.department, certificateNo: input.certificateNo ?? null, validUntil: input.validUntil ?? null,
    ...(input.posts ? { posts: postNames(input.posts) } : {}) };
  return audited(ctx, actor, {
    action: 'org.officer.create', target: `officer:${o.id}`,
    run: async (q) => {
      await checkedOfficer(q, actor, o);
      if (await org.getOfficer(q, o.id)) throw new AppError('CONFLICT', `执法人员编号已存在 (officer exists): ${o.id}`, { field: 'id' });
      await org.upsertOfficer(q, o);
      if (o.posts) await org.setOfficerPosts(q, new Map([[o.id, o.posts]]));
      return o;
    },
    details: () => ({ name: o.name, department: o.department, certificateNo: o.certificateNo, validUntil: o.validUntil, posts: o.posts ?? [] }),
  });
}

export async function updateOfficer(ctx: AppContext, actor: Actor, id: string, input: Partial<Omit<OfficerInput, 'id'>>) {
  const current = await readInScope(actor, 'org.read', '执法人员', id, (s) => org.getOfficer(ctx.db, id, s));
  const currentDept = await org.getDepartment(ctx.db, current.department);
  if (!currentDept) throw notFound('部门', current.department);
  const next: org.Officer = {
    id, name: input.name ?? current.name, department: input.department ?? current.department,
    certificateNo: input.certificateNo === undefined ? current.certificateNo : input.certificateNo,
    validUntil: input.validUntil === undefined ? current.validUntil : input.validUntil,
    // a move to another department leaves the old department's posts behind
    posts: input.posts ? postNames(input.posts) : (input.department ?? current.department) !== current.department ? [] : current.posts,
  };
  return audited(ctx, actor, {
    action: 'org.officer.update', target: `officer:${id}`,
    run: async (q) => {
      requireCan(actor, 'org.manage', { regionCode: currentDept.region, departmentCode: currentDept.code }, `officer ${id}`);
      await checkedOfficer(q, actor, next);
      await org.upsertOfficer(q, next);
      if (input.posts || next.department !== current.department) await org.setOfficerPosts(q, new Map([[id, next.posts ?? []]]));
      return next;
    },
    details: () => ({ from: current, to: next }),
  });
}
