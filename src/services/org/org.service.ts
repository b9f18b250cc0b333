import type { Actor } from '../../domain/org/policy.js';
import { departmentProblem, regionProblem } from '../../domain/org/org-validate.js';
import { AppError, invalid } from '../../errors.js';
import * as org from '../../store/org.store.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { readInScope, readScope, requireCan } from './scoped-read.js';

/** Regions (GB/T 2260 tree) and departments, scoped by region subtree and department. */

const problemToError = (problem: string): AppError => {
  const field = problem.split(':')[0];
  return invalid(field, problem.slice(field.length + 1).trim());
};

export async function listRegions(ctx: AppContext, actor: Actor, f: { parent?: string; under?: string } = {}) {
  return { regions: await org.listRegions(ctx.db, readScope(actor, 'org.read'), f) };
}

export async function getRegion(ctx: AppContext, actor: Actor, code: string) {
  return readInScope(actor, 'org.read', '行政区划', code, (s) => org.getRegion(ctx.db, code, s));
}

export async function createRegion(ctx: AppContext, actor: Actor, input: { code: string; name: string; parent: string | null }) {
  // 川办发〔2014〕2号 建设和使用管理办法 第三条: 省、市、县三级 — a region is created within the creator's subtree.
  return audited(ctx, actor, {
    action: 'org.region.create', target: `region:${input.code}`,
    run: async (q) => {
      requireCan(actor, 'org.manage', { regionCode: input.code }, `region ${input.code}`);
      if (await org.getRegion(q, input.code)) throw new AppError('CONFLICT', `行政区划已存在 (region exists): ${input.code}`, { field: 'code' });
      const parent = input.parent ? await org.getRegion(q, input.parent) : null;
      const problem = regionProblem(input, () => parent !== null);
      if (problem) throw problemToError(problem);
      await org.upsertRegion(q, input);
      return (await org.getRegion(q, input.code))!;
    },
    details: () => ({ name: input.name, parent: input.parent }),
  });
}

export async function updateRegion(ctx: AppContext, actor: Actor, code: string, input: { name: string }) {
  const current = await readInScope(actor, 'org.read', '行政区划', code, (s) => org.getRegion(ctx.db, code, s));
  return audited(ctx, actor, {
    action: 'org.region.update', target: `region:${code}`,
    run: async (q) => {
      requireCan(actor, 'org.manage', { regionCode: code }, `region ${code}`);
      await org.upsertRegion(q, { code, name: input.name, parent: current.parent });
      return (await org.getRegion(q, code))!;
    },
    details: () => ({ from: current.name, to: input.name }),
  });
}

export async function listDepartments(ctx: AppContext, actor: Actor, f: { region?: string; q?: string } = {}) {
  return { departments: await org.listDepartments(ctx.db, readScope(actor, 'org.read'), f) };
}

export async function getDepartment(ctx: AppContext, actor: Actor, code: string) {
  return readInScope(actor, 'org.read', '部门', code, (s) => org.getDepartment(ctx.db, code, s));
}

export async function createDepartment(ctx: AppContext, actor: Actor, input: { code: string; name: string; region: string }) {
  return audited(ctx, actor, {
    action: 'org.department.create', target: `department:${input.code}`,
    run: async (q) => {
      requireCan(actor, 'org.manage', { regionCode: input.region, departmentCode: input.code }, `department ${input.code}`);
      if (await org.getDepartment(q, input.code)) throw new AppError('CONFLICT', `部门编码已存在 (department exists): ${input.code}`, { field: 'code' });
      const region = await org.getRegion(q, input.region);
      const problem = departmentProblem(input, () => region !== null);
      if (problem) throw problemToError(problem);
      await org.upsertDepartment(q, input);
      return (await org.getDepartment(q, input.code))!;
    },
    details: () => ({ name: input.name, region: input.region }),
  });
}

export async function updateDepartment(ctx: AppContext, actor: Actor, code: string, input: { name?: string; region?: string }) {
  const current = await readInScope(actor, 'org.read', '部门', code, (s) => org.getDepartment(ctx.db, code, s));
  const next = { code, name: input.name ?? current.name, region: input.region ?? current.region };
  return audited(ctx, actor, {
    action: 'org.department.update', target: `department:${code}`,
    run: async (q) => {
      requireCan(actor, 'org.manage', { regionCode: current.region, departmentCode: code }, `department ${code}`);
      // A department moved to another region must land inside the caller's scope too.
      if (next.region !== current.region) requireCan(actor, 'org.manage', { regionCode: next.region, departmentCode: code }, `department ${code}`);
      const region = await org.getRegion(q, next.region);
      const problem = departmentProblem(next, () => region !== null);
      if (problem) throw problemToError(problem);
      await org.upsertDepartment(q, next);
      return (await org.getDepartment(q, code))!;
    },
    details: () => ({ from: { name: current.name, region: current.region }, to: { name: next.name, region: next.region } }),
  });
}

export { problemToError };
