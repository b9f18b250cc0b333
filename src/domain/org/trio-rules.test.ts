import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './policy.js';
import { accountChangeRefusal } from './trio-rules.js';

const user = (id: string, ...roles: Role[]): Actor => ({
  kind: 'user', userId: id, username: id, name: id, grants: roles.map((role) => ({ role, regionCode: null, departmentCode: null })),
  sessionId: null, departmentCode: null, regionCode: null, officerId: null, sourceIp: null,
});
const cli: Actor = { kind: 'system', name: 'cli' };
const sec = user('sec', 'security_admin');
const sys = user('sys', 'system_admin');
const aud = { id: 'aud', roles: ['audit_admin'] as Role[] };

describe('三员分立 over accounts', () => {
  it('only the security administrator changes an administrator account', () => {
    for (const change of ['update', 'disable', 'enable', 'password'] as const) {
      expect(accountChangeRefusal(sys, change, aud, { securityAdmins: 1 })?.code).toBe('FORBIDDEN');
      expect(accountChangeRefusal(cli, change, aud, { securityAdmins: 1 })?.code).toBe('FORBIDDEN');
      expect(accountChangeRefusal(sec, change, aud, { securityAdmins: 1 })).toBeNull();
    }
    expect(accountChangeRefusal(sys, 'password', { id: 'jb', roles: ['handler'] }, { securityAdmins: 1 })).toBeNull();
  });
  it('never one\'s own account', () => {
    expect(accountChangeRefusal(sec, 'password', { id: 'sec', roles: ['security_admin'] }, { securityAdmins: 2 })?.message).toContain('自己');
  });
  it('administrator and business roles stay apart', () => {
    expect(accountChangeRefusal(sec, 'grant', { id: 'jb', roles: ['handler'] }, { role: 'audit_admin', securityAdmins: 1 })?.message).toContain('业务角色');
    expect(accountChangeRefusal(sec, 'grant', aud, { role: 'leader', securityAdmins: 1 })?.code).toBe('FORBIDDEN');
  });
  it('the first security and audit administrators are named while no security administrator exists, and only then', () => {
    expect(accountChangeRefusal(sys, 'grant', { id: 'x', roles: [] }, { role: 'audit_admin', securityAdmins: 0 })).toBeNull();
    expect(accountChangeRefusal(cli, 'grant', { id: 'x', roles: [] }, { role: 'security_admin', securityAdmins: 0 })).toBeNull();
    expect(accountChangeRefusal(sys, 'grant', { id: 'x', roles: [] }, { role: 'audit_admin', securityAdmins: 1 })?.code).toBe('FORBIDDEN');
    expect(accountChangeRefusal(cli, 'grant', { id: 'x', roles: [] }, { role: 'system_admin', securityAdmins: 0 })?.code).toBe('FORBIDDEN');
  });
  it('the last enabled security administrator stays', () => {
    const other = { id: 'sec2', roles: ['security_admin'] as Role[] };
    expect(accountChangeRefusal(sec, 'disable', other, { securityAdmins: 1 })?.message).toContain('最后一名');
    expect(accountChangeRefusal(sec, 'disable', other, { securityAdmins: 2 })).toBeNull();
    expect(accountChangeRefusal(sec, 'revoke', { ...other, disabled: true }, { role: 'security_admin', securityAdmins: 1 })).toBeNull();
  });
});
