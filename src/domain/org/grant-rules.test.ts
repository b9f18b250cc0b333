import { describe, expect, it } from 'vitest';
import { grantRefusal } from './grant-rules.js';
import type { Actor, Grant, Role } from './policy.js';

const user = (grants: Grant[], userId = 'grantor'): Actor => ({
  kind: 'user', userId, username: userId, name: userId, grants, sessionId: null, departmentCode: null, regionCode: null, officerId: null, sourceIp: null,
});
const g = (role: Role, regionCode: string | null = null, departmentCode: string | null = null): Grant => ({ role, regionCode, departmentCode });
const grantee = (roles: Role[] = []) => ({ id: 'u1', roles, grants: roles.map((r) => g(r)) });

describe('granting roles', () => {
  const security = user([g('security_admin')]);
  const dazhouAdmin = user([g('region_admin', '511700')]);
  const stjAdmin = user([g('department_admin', '511702', '511702-STJ')]);

  it('三员分立: no account holds two of the three administrator roles', () => {
    expect(grantRefusal(security, g('audit_admin'), grantee(['system_admin']))?.code).toBe('CONFLICT');
    expect(grantRefusal(security, g('security_admin'), grantee(['audit_admin']))?.code).toBe('CONFLICT');
    expect(grantRefusal(security, g('audit_admin'), grantee(['supervisor']))).toBeNull();
    expect(grantRefusal({ kind: 'system', name: 'cli' }, g('system_admin'), grantee(['security_admin']))?.code).toBe('CONFLICT');
  });

  it('a grantor grants only inside their own region subtree and department', () => {
    expect(grantRefusal(dazhouAdmin, g('supervisor', '511702'), grantee())).toBeNull();
    expect(grantRefusal(dazhouAdmin, g('supervisor', '510411'), grantee())?.code).toBe('FORBIDDEN');
    expect(grantRefusal(dazhouAdmin, g('supervisor', null), grantee())?.code).toBe('FORBIDDEN');
    expect(grantRefusal(stjAdmin, g('handler', '511702', '511702-STJ'), grantee())).toBeNull();
    expect(grantRefusal(stjAdmin, g('handler', '511702', '511702-SJJ'), grantee())?.code).toBe('FORBIDDEN');
    expect(grantRefusal(stjAdmin, g('supervisor', '511702'), grantee())?.code).toBe('FORBIDDEN');
  });

  it('only the security administrator hands out administrator roles; nobody grants to themselves', () => {
    expect(grantRefusal(dazhouAdmin, g('system_admin'), grantee())?.code).toBe('FORBIDDEN');
    expect(grantRefusal(stjAdmin, g('region_admin', '511702'), grantee())?.code).toBe('FORBIDDEN');
    expect(grantRefusal(security, g('supervisor', '511700'), { ...grantee(), id: 'grantor' })?.code).toBe('FORBIDDEN');
  });

  it('a platform-wide system administrator names the first security administrator only while none exists', () => {
    const sys = user([g('system_admin')]);
    expect(grantRefusal(sys, g('security_admin'), grantee(), { trioVacant: true })).toBeNull();
    expect(grantRefusal(sys, g('security_admin'), grantee(), { trioVacant: false })?.code).toBe('FORBIDDEN');
  });

  it('handlers and department administrators are held in one department', () => {
    expect(grantRefusal(security, g('handler', '511702'), grantee())).toMatchObject({ code: 'VALIDATION', field: 'department' });
    expect(grantRefusal(security, g('handler', '511702', '511702-STJ'), { id: 'u1', roles: ['handler'], grants: [g('handler', '511702', '511702-STJ')] })?.code).toBe('CONFLICT');
  });
});
