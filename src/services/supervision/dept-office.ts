import { can, type Actor } from '../../domain/org/policy.js';

/**
 * 部门监察室: 川 电子监察办法 第六条 (各行权部门监察机构负责所在单位电子监察归口管理, 及时协调和处置
 * 预警提醒、异常、违规事项); 盐城运行办法 第十三条. Whether `actor` is the supervision office of the
 * department `departmentCode` (its grant names that department; region supervisors are not this).
 */
export function isDeptOffice(actor: Actor, target: { regionCode: string | null; departmentCode: string | null }): boolean {
  if (actor.kind !== 'user' || !target.departmentCode) return false;
  return can(actor, 'dept.supervise', { regionCode: target.regionCode, departmentCode: target.departmentCode });
}

/** The department whose supervision office issued an order (recorded on its issue entry), or null for a region's supervisor. */
export function issuingOffice(history: unknown[]): string | null {
  const first = history[0] as { byDeptOffice?: unknown } | undefined;
  return typeof first?.byDeptOffice === 'string' ? first.byDeptOffice : null;
}
