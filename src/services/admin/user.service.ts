import { generatePassword, hashPassword, passwordProblem } from '../security/password.js';
import type { Actor, Role } from '../../domain/org/policy.js';
import { AppError, invalid } from '../../errors.js';
import * as accounts from '../../store/account.store.js';
import type { Queryable } from '../../store/db.js';
import * as org from '../../store/org.store.js';
import { endUserSessions } from '../../store/session.store.js';
import { findUserByName, insertUser, setPassword, updateUserProfile } from '../../store/user.store.js';
import { audited } from '../audit.service.js';
import { newId } from '../ids.js';
import type { AppContext } from '../context.js';
import { readInScope, readScope, requireCan } from '../org/scoped-read.js';
import { addGrant, type GrantInput } from './grant.service.js';
import { guardAccountChange } from './trio-guard.js';
import { checkOfficerLink } from './officer-link.js';

/** Accounts: create, list, disable/enable, reset password — each scoped and audited. */

export interface NewUser {
  username: string;
  name: string;
  region?: string | null;
  department?: string | null;
  officerId?: string | null;
  /** When absent a policy-conforming password is generated and returned once. */
  password?: string;
  roles?: GrantInput[];
}

/** The region/department a user belongs to (a department implies its region). */
async function placement(q: Queryable, region: string | null, department: string | null) {
  if (department) {
    const d = await org.getDepartment(q, department);
    if (!d) throw invalid('department', `部门 ${department} 不存在 (unknown department)`);
    if (region && region !== d.region) throw invalid('region', `部门 ${department} 属于 ${d.region}，不属于 ${region} (department is in another region)`);
    return { regionCode: d.region, departmentCode: d.code };
  }
  if (region && !(await org.getRegion(q, region))) throw invalid('region', `行政区划 ${region} 不存在 (unknown region)`);
  return { regionCode: region, departmentCode: null };
}

export async function createUser(ctx: AppContext, actor: Actor, input: NewUser): Promise<{ id: string; username: string; password: string | null }> {
  const where = await placement(ctx.db, input.region ?? null, input.department ?? null);
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalid('password', problem);
  }
  const password = input.password ?? generatePassword();
  const hash = await hashPassword(password);
  const id = newId();
  return audited(ctx, actor, {
    action: 'user.create', target: `user:${id}`,
    run: async (q) => {
      requireCan(actor, 'user.manage', { regionCode: where.regionCode, departmentCode: where.departmentCode ?? undefined }, `user ${input.username}`);
      if (await findUserByName(q, input.username)) throw new AppError('CONFLICT', `用户名已存在 (username taken): ${input.username}`, { field: 'username' });
      if (input.officerId) await checkOfficerLink(q, { accountId: id, username: input.username, department: where.departmentCode, officerId: input.officerId });
      // A password set by another person must be changed at first login.
      await insertUser(q, { id, username: input.username, displayName: input.name, passwordHash: hash, mustChangePassword: true, ...where, officerId: input.officerId ?? null });
      for (const g of input.roles ?? []) await addGrant(q, ctx, actor, id, g);
      return { id, username: input.username, password: input.password === undefined ? password : null };
    },
    details: () => ({ username: input.username, region: where.regionCode, department: where.departmentCode, roles: (input.roles ?? []).map((r) => r.role) }),
  });
}

export async function listUsers(
  ctx: AppContext, actor: Actor,
  f: { region?: string; department?: string; q?: string; role?: Role; disabled?: boolean; limit?: number; offset?: number } = {},
) {
  return accounts.listUsers(ctx.db, readScope(actor, 'user.read'), f);
}

export async function getUser(ctx: AppContext, actor: Actor, id: string) {
  return readInScope(actor, 'user.read', '用户', id, (s) => accounts.getUserView(ctx.db, id, s));
}

/** The account, read through the caller's scope inside the change's transaction (a refusal is audited). */
async function managed(q: Queryable, actor: Actor, id: string) {
  return readInScope(actor, 'user.read', '用户', id, (s) => accounts.getUserView(q, id, s));
}

const rolesOf = (u: accounts.UserView) => ({ id: u.id, roles: u.grants.map((g) => g.role), disabled: u.disabled });

const mayManage = (actor: Actor, u: accounts.UserView) =>
  requireCan(actor, 'user.manage', { regionCode: u.region, departmentCode: u.department ?? undefined }, `user ${u.username}`);

/** 停用 (e.g. on transfer): refuses further logins and ends every live session at once. */
export async function setUserDisabled(ctx: AppContext, actor: Actor, id: string, disabled: boolean) {
  let name: string | null = null;
  return audited(ctx, actor, {
    action: disabled ? 'user.disable' : 'user.enable', target: `user:${id}`,
    run: async (q) => {
      const u = await managed(q, actor, id);
      name = u.username;
      await guardAccountChange(q, actor, disabled ? 'disable' : 'enable', rolesOf(u));
      mayManage(actor, u);
      await accounts.setDisabled(q, id, disabled);
      const ended = disabled ? await endUserSessions(q, id, ctx.wallClock.now()) : 0;
      return { id, username: u.username, disabled, sessionsEnded: ended };
    },
    details: (r) => ({ username: name, sessionsEnded: r.sessionsEnded }),
  });
}

/** Sets a new password chosen by an administrator (or generated); it must be changed at next login. */
export async function resetPassword(ctx: AppContext, actor: Actor, id: string, input: { password?: string } = {}) {
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalid('password', problem);
  }
  const password = input.password ?? generatePassword();
  const hash = await hashPassword(password);
  return audited(ctx, actor, {
    action: 'user.password.reset', target: `user:${id}`,
    run: async (q) => {
      const u = await managed(q, actor, id);
      await guardAccountChange(q, actor, 'password', rolesOf(u));
      mayManage(actor, u);
      await setPassword(q, id, hash, true, ctx.wallClock.now());
      const ended = await endUserSessions(q, id, ctx.wallClock.now());
      return { id, username: u.username, password: input.password === undefined ? password : null, sessionsEnded: ended };
    },
    details: (r) => ({ username: r.username, sessionsEnded: r.sessionsEnded }),
  });
}

/** Changes the display name or the linked officer (a transfer is a disable plus a new account: 盐城·运行 第十九条(三)). */
export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: { name?: string; officerId?: string | null }) {
  let name: string | null = null;
  return audited(ctx, actor, {
    action: 'user.update', target: `user:${id}`,
    run: async (q) => {
      const u = await managed(q, actor, id);
      name = u.username;
      await guardAccountChange(q, actor, 'update', rolesOf(u));
      mayManage(actor, u);
      if (input.officerId) await checkOfficerLink(q, { accountId: id, username: u.username, department: u.department, officerId: input.officerId });
      await updateUserProfile(q, id, { name: input.name, officerId: input.officerId });
      return (await accounts.getUserView(q, id))!;
    },
    details: () => ({ username: name, ...input }),
  });
}
