import { can, scopeFilter, type Actor, type Permission, type ScopeFilter } from '../../domain/org/policy.js';
import { AppError, forbidden, notFound } from '../../errors.js';

/** The caller's list scope for `perm`; refuses (403) a caller who holds the permission nowhere. */
export function readScope(actor: Actor, perm: Permission): ScopeFilter {
  if (actor.kind !== 'system' && !can(actor, perm)) throw forbidden(`${perm}`);
  return scopeFilter(actor, perm);
}

/**
 * One record by id, read through the caller's scope: 404 when it does not exist, 403 when
 * it exists outside the caller's region or department (检查在服务层: 川办 电子监察办法 分级负责).
 */
export async function readInScope<T>(
  actor: Actor, perm: Permission, what: string, id: string, get: (scope?: ScopeFilter) => Promise<T | null>,
): Promise<T> {
  const scope = readScope(actor, perm);
  const row = await get(scope);
  if (row) return row;
  if (await get(undefined)) throw new AppError('FORBIDDEN', `无权查看该${what} (outside your region or department): ${id}`, { id });
  throw notFound(what, id);
}

/** Refuses unless the caller may do `perm` on the given region/department. */
export function requireCan(actor: Actor, perm: Permission, target: { regionCode: string | null; departmentCode?: string | null }, what: string): void {
  if (!can(actor, perm, target)) {
    const where = target.departmentCode ?? target.regionCode ?? '全部 (all)';
    throw new AppError('FORBIDDEN', `无权操作 (forbidden): ${perm} @ ${where} — ${what}`, { permission: perm, region: target.regionCode, department: target.departmentCode ?? null });
  }
}
