import type { GrantRefusal } from './grant-rules.js';
import { ADMIN_TRIO, ROLES, type Actor, type Role } from './policy.js';

/**
 * 三员分立 over accounts (pure). The accounts of the system, security and audit administrators
 * are managed by the security administrator alone, never by the account itself; the three
 * roles are held apart from every business role; the last security administrator stays.
 * // 川办发〔2014〕2号 建设和使用管理办法 第十一条: 按信息系统安全等级保护第三级实施安全防护 (三员分立)
 */

/** The roles of the work itself: never held by an account of the three administrators. */
export const BUSINESS_ROLES: readonly Role[] = ROLES.filter((r) => !ADMIN_TRIO.includes(r));

/** The system actor of the operator's command line on the server (`xingquan user …`). */
export const OPERATOR = 'cli';

export type AccountChange = 'create' | 'update' | 'disable' | 'enable' | 'password' | 'grant' | 'revoke';

const WORDS: Record<AccountChange, string> = {
  create: '创建', update: '修改', disable: '停用', enable: '启用', password: '重置密码', grant: '授权', revoke: '撤销授权',
};

export const ROLE_NAMES: Record<Role, string> = {
  system_admin: '系统管理员', security_admin: '安全管理员', audit_admin: '审计管理员', region_admin: '地区管理员',
  department_admin: '部门管理员', handler: '经办人', legal_reviewer: '法制审核员', supervisor: '监察员', leader: '领导',
  dept_supervisor: '部门监察室', secrecy_officer: '保密办', staffing_reviewer: '编办审核员',
};

export interface AccountFacts {
  /** The account changed (null for one being created). */
  id: string | null;
  /** The roles it holds now. */
  roles: Role[];
  /** Whether it is disabled now (a disabled security administrator is not counted). */
  disabled?: boolean;
}

export interface TrioFacts {
  /** The role granted or revoked. */
  role?: Role;
  /** Enabled accounts holding security_admin now. */
  securityAdmins: number;
}

const isTrio = (r: Role) => ADMIN_TRIO.includes(r);
const holds = (actor: Actor, role: Role) => actor.kind === 'user' && actor.grants.some((g) => g.role === role);
const platformWide = (actor: Actor, role: Role) =>
  actor.kind === 'user' && actor.grants.some((g) => g.role === role && g.regionCode === null && g.departmentCode === null);

/** Why `actor` may not make `change` to `target` under 三员分立, or null. */
export function accountChangeRefusal(actor: Actor, change: AccountChange, target: AccountFacts, facts: TrioFacts): GrantRefusal | null {
  const forbid = (message: string): GrantRefusal => ({ code: 'FORBIDDEN', message });
  const word = WORDS[change];
  // Nobody manages their own account (their password is changed by themselves, at 修改密码).
  if (actor.kind === 'user' && target.id !== null && actor.userId === target.id) {
    return forbid(`三员分立：不能${word}自己的账户 (no one manages their own account)`);
  }
  // An account of the three administrators holds no business role, and the other way round.
  if (facts.role && (change === 'grant' || change === 'create')) {
    if (isTrio(facts.role)) {
      const business = target.roles.find((r) => BUSINESS_ROLES.includes(r));
      if (business) return forbid(`三员分立：该账户持有业务角色「${ROLE_NAMES[business]}」，不能授予${ROLE_NAMES[facts.role]} (an account with a business role cannot be an administrator)`);
    } else {
      const admin = target.roles.find(isTrio);
      if (admin) return forbid(`三员分立：${ROLE_NAMES[admin]}的账户不能授予业务角色「${ROLE_NAMES[facts.role]}」 (an administrator account holds no business role)`);
    }
  }
  // The last security administrator is never removed.
  const removesSecurity = (change === 'disable' && target.roles.includes('security_admin')) || (change === 'revoke' && facts.role === 'security_admin');
  if (removesSecurity && !target.disabled && facts.securityAdmins <= 1) return forbid('三员分立：不能停用或撤销最后一名安全管理员 (the last security administrator stays)');
  const trio = target.roles.some(isTrio) || (facts.role !== undefined && isTrio(facts.role));
  if (!trio) return null;
  // The platform's own jobs (bootstrap, demonstration data) are not a person.
  if (actor.kind === 'system' && actor.name !== OPERATOR) return null;
  if (holds(actor, 'security_admin')) return null;
  // Bootstrap: before any security administrator exists, the platform-wide system administrator
  // (or the operator on the server) names the first security and audit administrators.
  const naming = (change === 'create' || change === 'grant') && facts.role !== undefined && facts.role !== 'system_admin' && !target.roles.some(isTrio);
  if (naming && facts.securityAdmins === 0 && (actor.kind === 'system' || platformWide(actor, 'system_admin'))) return null;
  return forbid(`三员分立：仅安全管理员可${word}系统管理员、安全管理员、审计管理员的账户 (only the security administrator manages the administrators' accounts)`);
}
