import { ADMIN_TRIO, adminTrioConflict, can, type Actor, type Grant, type Role } from './policy.js';

/**
 * Who may grant what (pure). A grantor grants only within their own scope; the three
 * administrators (三员分立) are granted by the security administrator and never combined.
 */

export type GrantRefusal = { code: 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION'; message: string; field?: string };

/** Roles confined to one department by their nature (a handler sees only their department). */
export const DEPARTMENT_ROLES: readonly Role[] = ['department_admin', 'handler', 'dept_supervisor'];

/** The grantor roles that may hand out `role`. */
export function grantorRoles(role: Role): Role[] {
  if (ADMIN_TRIO.includes(role)) return ['security_admin'];
  if (role === 'region_admin') return ['security_admin', 'region_admin'];
  return ['security_admin', 'region_admin', 'department_admin'];
}

export function grantRefusal(
  grantor: Actor,
  grant: Grant,
  grantee: { id: string; roles: Role[]; grants: Grant[] },
  opts: { trioVacant?: boolean } = {},
): GrantRefusal | null {
  if (DEPARTMENT_ROLES.includes(grant.role) && !grant.departmentCode) {
    return { code: 'VALIDATION', field: 'department', message: `department: 角色 ${grant.role} 须限定一个部门 (this role is held in one department)` };
  }
  if (ADMIN_TRIO.includes(grant.role) && grant.departmentCode) {
    return { code: 'VALIDATION', field: 'department', message: `department: 三员角色不限定部门 (administrator roles are not department-bound)` };
  }
  if (grantee.grants.some((g) => g.role === grant.role && g.regionCode === grant.regionCode && g.departmentCode === grant.departmentCode)) {
    return { code: 'CONFLICT', message: `该用户已持有此授权 (the user already holds this grant): ${grant.role}` };
  }
  // 三员分立: system, security and audit administrators are never the same account.
  const clash = adminTrioConflict(grantee.roles, grant.role);
  if (clash) return { code: 'CONFLICT', message: `三员分立：该用户已是 ${clash}，不能再授予 ${grant.role} (separation of duties)` };
  if (grantor.kind === 'system') return null;
  if (grantor.kind !== 'user') return { code: 'FORBIDDEN', message: '仅用户可授权 (only users grant roles)' };
  if (grantor.userId === grantee.id) return { code: 'FORBIDDEN', message: '不能给自己授权 (no one grants roles to themselves)' };
  const target = { regionCode: grant.regionCode, departmentCode: grant.departmentCode ?? undefined };
  const allowed = grantorRoles(grant.role);
  const covering = grantor.grants.filter((g) => allowed.includes(g.role));
  const ok = covering.some((g) => can({ ...grantor, grants: [g] }, 'role.grant', target));
  // Bootstrap: a platform-wide system administrator may name the first security / audit administrator.
  const bootstrap = opts.trioVacant && (grant.role === 'security_admin' || grant.role === 'audit_admin') && grant.regionCode === null
    && grantor.grants.some((g) => g.role === 'system_admin' && g.regionCode === null && g.departmentCode === null);
  if (!ok && !bootstrap) {
    return { code: 'FORBIDDEN', message: `无权授予 ${grant.role} @ ${grant.departmentCode ?? grant.regionCode ?? '全部'} (outside your granting scope)` };
  }
  return null;
}
