import { grantRefusal } from '../../domain/org/grant-rules.js';
import type { Actor, Grant, Role } from '../../domain/org/policy.js';
import { AppError, invalid, notFound } from '../../errors.js';
import * as accounts from '../../store/account.store.js';
import type { Queryable } from '../../store/db.js';
import * as org from '../../store/org.store.js';
import { insertGrant } from '../../store/user.store.js';
import { audited } from '../audit.service.js';
import { newId } from '../ids.js';
import type { AppContext } from '../context.js';
import { readInScope, requireCan } from '../org/scoped-read.js';
import { guardAccountChange } from './trio-guard.js';

/** Role grants over a region subtree and optionally one department (建设和使用管理办法 第九条: 分级管理). */

export interface GrantInput {
  role: Role;
  /** Region subtree; defaults to the department's region. null/absent with no department = everywhere. */
  region?: string | null;
  department?: string | null;
}

async function resolveGrant(q: Queryable, g: GrantInput): Promise<Grant> {
  if (g.department) {
    const d = await org.getDepartment(q, g.department);
    if (!d) throw invalid('department', `部门 ${g.department} 不存在 (unknown department)`);
    if (g.region && g.region !== d.region) throw invalid('region', `部门 ${g.department} 不在 ${g.region} (department is in ${d.region})`);
    return { role: g.role, regionCode: d.region, departmentCode: d.code };
  }
  if (g.region && !(await org.getRegion(q, g.region))) throw invalid('region', `行政区划 ${g.region} 不存在 (unknown region)`);
  return { role: g.role, regionCode: g.region ?? null, departmentCode: null };
}

/** Adds one grant inside the caller's transaction, after every rule of grantRefusal. */
export async function addGrant(q: Queryable, _ctx: AppContext, actor: Actor, userId: string, input: GrantInput): Promise<accounts.GrantRow> {
  if (!(await accounts.lockUser(q, userId))) throw notFound('用户', userId);
  const grant = await resolveGrant(q, input);
  const existing = await accounts.grantsWithIds(q, userId);
  await guardAccountChange(q, actor, 'grant', { id: userId, roles: existing.map((g) => g.role) }, grant.role);
  const [{ n }] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM role_grants g JOIN users u ON u.id = g.user_id WHERE g.role = $1 AND NOT u.disabled`, [grant.role]);
  const refusal = grantRefusal(actor, grant, { id: userId, roles: existing.map((g) => g.role), grants: existing }, { trioVacant: n === 0 });
  if (refusal) throw new AppError(refusal.code, refusal.message, refusal.field ? { field: refusal.field } : undefined);
  const row = { id: newId(), ...grant };
  await insertGrant(q, row.id, userId, grant);
  return row;
}

export async function grantRole(ctx: AppContext, actor: Actor, userId: string, input: GrantInput) {
  let name: string | null = null;
  return audited(ctx, actor, {
    action: 'role.grant', target: `user:${userId}`,
    run: async (q) => {
      name = (await readInScope(actor, 'user.read', '用户', userId, (s) => accounts.getUserView(q, userId, s))).username;
      return addGrant(q, ctx, actor, userId, input);
    },
    details: (g) => ({ username: name, grantId: g.id, role: g.role, region: g.regionCode, department: g.departmentCode }),
  });
}

export async function revokeRole(ctx: AppContext, actor: Actor, userId: string, grantId: string) {
  let u: accounts.UserView | null = null;
  let g: accounts.GrantRow | undefined;
  return audited(ctx, actor, {
    action: 'role.revoke', target: `user:${userId}`,
    run: async (q) => {
      u = await readInScope(actor, 'user.read', '用户', userId, (s) => accounts.getUserView(q, userId, s));
      g = u.grants.find((x) => x.id === grantId);
      if (!g) throw notFound('授权', grantId);
      await guardAccountChange(q, actor, 'revoke', { id: userId, roles: u.grants.map((x) => x.role), disabled: u.disabled }, g.role);
      // The same scope that may grant a role may take it back.
      requireCan(actor, 'role.grant', { regionCode: g.regionCode, departmentCode: g.departmentCode ?? undefined }, `grant ${grantId}`);
      if (actor.kind === 'user' && actor.userId === userId) throw new AppError('FORBIDDEN', '不能撤销自己的授权 (no one revokes their own roles)');
      if (!(await accounts.deleteGrant(q, userId, grantId))) throw notFound('授权', grantId);
      return { ok: true };
    },
    details: () => ({ username: u?.username, grantId, role: g?.role, region: g?.regionCode, department: g?.departmentCode }),
  });
}
