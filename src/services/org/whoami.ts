import { can, PERMISSIONS, type Actor, type Permission } from '../../domain/org/policy.js';
import type { AppContext } from '../context.js';

/** The signed-in user as the web app needs it: identity, grants and what they may do. */
export async function describeActor(ctx: AppContext, actor: Extract<Actor, { kind: 'user' }>) {
  const [region] = actor.regionCode ? await ctx.db.query('SELECT code, name FROM regions WHERE code = $1', [actor.regionCode]) : [];
  const [dept] = actor.departmentCode ? await ctx.db.query('SELECT code, name FROM departments WHERE code = $1', [actor.departmentCode]) : [];
  return {
    id: actor.userId,
    username: actor.username,
    name: actor.name,
    region: region ?? null,
    department: dept ?? null,
    grants: actor.grants,
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(actor, p)),
  };
}
