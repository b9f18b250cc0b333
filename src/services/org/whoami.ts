import { can, PERMISSIONS, type Actor, type Permission } from '../../domain/org/policy.js';
import { getDepartment, getRegion } from '../../store/org.store.js';
import type { AppContext } from '../context.js';

/** The signed-in user as the web app needs it: identity, grants and what they may do. */
export async function describeActor(ctx: AppContext, actor: Extract<Actor, { kind: 'user' }>) {
  const region = actor.regionCode ? await getRegion(ctx.db, actor.regionCode) : null;
  const dept = actor.departmentCode ? await getDepartment(ctx.db, actor.departmentCode) : null;
  return {
    id: actor.userId,
    username: actor.username,
    name: actor.name,
    region: region && { code: region.code, name: region.name },
    department: dept && { code: dept.code, name: dept.name },
    grants: actor.grants,
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(actor, p)),
  };
}
