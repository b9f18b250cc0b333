import { inRegion } from './region.js';

/** Roles (三员分立: system, security and audit administrators are never held together). */
export const ROLES = [
  'system_admin', // 系统管理员
  'security_admin', // 安全管理员
  'audit_admin', // 审计管理员
  'region_admin', // 地区管理员 (川办 建设和使用管理办法 第九条)
  'department_admin', // 部门管理员
  'handler', // 经办人
  'legal_reviewer', // 法制审核员
  'supervisor', // 监察员
  'leader', // 领导 (read-only, approves catalog adjustments)
  'dept_supervisor', // 部门监察室 (川 电子监察办法 第六条; 达州意见 三(三) 监察科(股)室): held in one department
  'secrecy_officer', // 保密办 (成都办法 第四条、第五条: 涉密事项联合审查)
  'staffing_reviewer', // 编办 (川 目录动态调整办法 第四条: 机构编制部门审核意见)
] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_TRIO: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export interface Grant {
  role: Role;
  /** Region subtree the role covers; null = every region. */
  regionCode: string | null;
  /** Optional single department the role is confined to. */
  departmentCode: string | null;
}

export type Actor =
  | { kind: 'user'; userId: string; username: string; name: string; grants: Grant[]; sessionId: string | null;
      departmentCode: string | null; regionCode: string | null; officerId: string | null; sourceIp: string | null }
  | {
      kind: 'apiKey'; keyId: string; name: string; departmentCode: string; regionCode: string; sourceIp: string | null;
      /** Taken from the keys looked up in the last minute, not looked up now: the service checks the key in its transaction. */
      recheck?: true;
    }
  | { kind: 'public'; sourceIp: string | null }
  | { kind: 'system'; name: string };

/** What can be done; each permission lists the roles that hold it. */
export const PERMISSIONS = {
  'org.read': ['system_admin', 'security_admin', 'region_admin', 'department_admin', 'handler', 'legal_reviewer', 'supervisor', 'leader', 'dept_supervisor', 'secrecy_officer', 'staffing_reviewer'],
  'org.manage': ['system_admin', 'region_admin'],
  'post.manage': ['system_admin', 'region_admin', 'department_admin'], // 顶岗: which posts stand in for which
  'user.read': ['system_admin', 'security_admin', 'region_admin', 'department_admin'],
  'user.manage': ['system_admin', 'security_admin', 'region_admin', 'department_admin'],
  'role.grant': ['security_admin', 'region_admin', 'department_admin'],
  'mfa.manage': ['security_admin'], // 安全管理员: requires or resets an account's second factor
  'apikey.manage': ['system_admin', 'region_admin', 'department_admin'],
  'audit.read': ['audit_admin'],
  'calendar.manage': ['system_admin', 'region_admin'], // region_admin: its own regional calendar only (national edits need a grant over every region)
  'clock.set': ['system_admin'],
  'settings.manage': ['system_admin'],
  'catalog.read': ['system_admin', 'region_admin', 'department_admin', 'handler', 'legal_reviewer', 'supervisor', 'leader', 'dept_supervisor', 'secrecy_officer', 'staffing_reviewer'],
  'catalog.import': ['system_admin', 'region_admin'],
  'catalog.draft': ['system_admin', 'region_admin', 'department_admin', 'handler'],
  'catalog.review': ['legal_reviewer'],
  'catalog.approve': ['leader'],
  'case.read': ['system_admin', 'region_admin', 'department_admin', 'handler', 'legal_reviewer', 'supervisor', 'leader', 'dept_supervisor'],
  'case.write': ['handler', 'department_admin'],
  // GB/T 22239-2019 8.1.4.11: unmasked personal data only to those handling or supervising the case (each reading recorded)
  'personal.reveal': ['region_admin', 'department_admin', 'handler', 'legal_reviewer', 'supervisor'],
  // completing a flow step: also the 法制审核员, for the steps given to their post (workbench post check)
  'case.step': ['handler', 'department_admin', 'legal_reviewer'],
  'evidence.write': ['handler', 'department_admin'],
  'alert.read': ['system_admin', 'region_admin', 'department_admin', 'handler', 'legal_reviewer', 'supervisor', 'leader', 'dept_supervisor'],
  'alert.respond': ['handler', 'department_admin'],
  'supervision.read': ['system_admin', 'supervisor', 'leader'],
  'supervision.act': ['supervisor'],
  'supervision.sweep': ['system_admin', 'supervisor'],
  'supervision.rules': ['system_admin', 'supervisor'],
  'complaint.handle': ['supervisor'],
  'order.respond': ['handler', 'department_admin'],
  'patrol.record': ['supervisor'],
  // 川办发〔2014〕2号 电子监察办法 第十一条(一): the service windows (and their camera streams) a video patrol watches
  'window.manage': ['system_admin', 'region_admin', 'department_admin'],
  'zero.explain': ['department_admin', 'handler'],
  'stats.read': ['system_admin', 'region_admin', 'department_admin', 'supervisor', 'leader', 'dept_supervisor'],
  'evaluation.scheme': ['system_admin', 'region_admin', 'supervisor'], // 考评细则 (interface standard §8)
  'evaluation.read': ['system_admin', 'supervisor', 'leader'],
  'evaluation.review': ['supervisor'], // 审定、公布、申诉复核
  'evaluation.appeal': ['department_admin'],
  // 川办发〔2014〕2号 电子监察办法 第十五条: 复制下载相关数据须经单位分管领导批准
  'export.approve': ['leader'],
  // 川 电子监察办法 第六条 / 盐城运行办法 第十三条: a department's supervision office handles its own department's
  // alerts and issues 督办 to its units (never beyond the department: its grant names the department)
  'dept.supervise': ['dept_supervisor'],
  // 成都办法 第五条: 涉密事项经监察机关和保密机关联合审查并批准
  'secrecy.review': ['secrecy_officer'],
  // 达州意见 三(五): 监察部门对风险点、监察点的设置认真审核; 成都办法 第五条 (the supervision side of the joint review)
  'catalog.risk_review': ['supervisor'],
  // 川 目录动态调整办法 第四条: 机构编制部门提出审核意见
  'catalog.staffing_review': ['staffing_reviewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Where the thing acted on lives. `regionCode` null means "not tied to a region" (global). */
export interface Target {
  regionCode: string | null;
  departmentCode?: string | null;
}

function grantCovers(g: Grant, t: Target): boolean {
  if (g.regionCode && (t.regionCode === null || !inRegion(g.regionCode, t.regionCode))) return false;
  if (g.departmentCode && t.departmentCode !== undefined && g.departmentCode !== t.departmentCode) return false;
  if (g.departmentCode && t.departmentCode === undefined) return false;
  return true;
}

/** The grants of `actor` that give `perm`, whatever the target (for list filters). */
export function grantsFor(actor: Actor, perm: Permission): Grant[] {
  if (actor.kind !== 'user') return [];
  const roles = PERMISSIONS[perm] as readonly Role[];
  return actor.grants.filter((g) => roles.includes(g.role));
}

/** Whether actor may do `perm` on `target` (a department-confined grant needs the target's department). */
export function can(actor: Actor, perm: Permission, target?: Target): boolean {
  if (actor.kind === 'system') return true;
  const gs = grantsFor(actor, perm);
  if (!target) return gs.length > 0;
  return gs.some((g) => grantCovers(g, target));
}

/**
 * A list filter for `perm`: null when some grant covers everything, otherwise the region
 * prefixes and departments the actor may see. Services turn it into SQL.
 */
export interface ScopeFilter {
  all: boolean;
  regions: string[];
  departments: string[];
}

export function scopeFilter(actor: Actor, perm: Permission): ScopeFilter {
  if (actor.kind === 'system') return { all: true, regions: [], departments: [] };
  if (actor.kind === 'apiKey') return { all: false, regions: [], departments: [actor.departmentCode] };
  const f: ScopeFilter = { all: false, regions: [], departments: [] };
  for (const g of grantsFor(actor, perm)) {
    if (g.departmentCode) f.departments.push(g.departmentCode);
    else if (g.regionCode) f.regions.push(g.regionCode);
    else f.all = true;
  }
  return f;
}

/** 三员分立: the system, security and audit administrator roles are never combined on one account. */
export function adminTrioConflict(existing: Role[], adding: Role): Role | null {
  if (!ADMIN_TRIO.includes(adding)) return null;
  return existing.find((r) => r !== adding && ADMIN_TRIO.includes(r)) ?? null;
}
