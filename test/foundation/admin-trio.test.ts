import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/org/policy.js';
import { setUserDisabled } from '../../src/services/admin/user.service.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';

/**
 * 三员分立 that holds, through the HTTP API: one test per bypass, each refused with 403 and
 * recorded in the audit trail as denied.
 */
describe('三员分立: the accounts of the three administrators', () => {
  let p: TestPlatform;
  const ids: Record<string, string> = {};
  const h: Record<string, { authorization: string }> = {};
  const DEPT = '511702-STJ';
  const post = (url: string, who: string, payload: object = {}) => p.app.inject({ method: 'POST', url, headers: h[who], payload });
  const patch = (url: string, who: string, payload: object) => p.app.inject({ method: 'PATCH', url, headers: h[who], payload });
  const denials = async (action: string, target: string) =>
    (await p.db.query(`SELECT actor_name, outcome FROM audit_log WHERE action = $1 AND target = $2 AND outcome = 'denied'`, [action, target]));
  const disabled = async (id: string) => (await p.db.query(`SELECT disabled FROM users WHERE id = $1`, [id]))[0].disabled;
  const asUser = (id: string, username: string): Actor => ({
    kind: 'user', userId: id, username, name: username, grants: [{ role: 'security_admin', regionCode: null, departmentCode: null }],
    sessionId: null, departmentCode: null, regionCode: null, officerId: null, sourceIp: null,
  });

  beforeAll(async () => {
    p = await testPlatform();
    await seedRegions(p.db);
    await seedDepartment(p.db, DEPT, '通川区生态环境局', '511702');
    ids.sys = await seedUser(p.db, { username: 'sys', role: 'system_admin' });
    ids.sys2 = await seedUser(p.db, { username: 'sys2', role: 'system_admin' });
    ids.sec = await seedUser(p.db, { username: 'sec', role: 'security_admin' });
    ids.jb = await seedUser(p.db, { username: 'jb', role: 'handler', region: '511702', department: DEPT });
    ids.dz = await seedUser(p.db, { username: 'dz', role: 'region_admin', region: '511700' });
    for (const u of ['sys', 'sec', 'dz']) h[u] = await bearer(p.app, u);
  });
  afterAll(() => p.close());

  it('the system administrator cannot name an audit administrator once a security administrator exists (the role vacant)', async () => {
    const made = await post('/api/admin/users', 'sys', { username: 'aud_by_sys', name: '审计', roles: [{ role: 'audit_admin' }] });
    expect(made.statusCode).toBe(403);
    expect(made.json().error.message).toContain('三员分立');
    expect(await p.db.query(`SELECT 1 FROM users WHERE username = 'aud_by_sys'`)).toEqual([]);
    const fresh = (await post('/api/admin/users', 'sec', { username: 'plain', name: '普通' })).json().id;
    expect((await post(`/api/admin/users/${fresh}/grants`, 'sys', { role: 'audit_admin' })).statusCode).toBe(403);
    expect(await denials('role.grant', `user:${fresh}`)).toEqual([{ actor_name: 'sys', outcome: 'denied' }]);
    // the security administrator names the audit administrator
    const aud = await post('/api/admin/users', 'sec', { username: 'aud', name: '钱审', roles: [{ role: 'audit_admin' }], password: 'Audit-Passw0rd-1' });
    expect(aud.statusCode).toBe(201);
    ids.aud = aud.json().id;
  });

  it('the system administrator cannot reset the audit administrator\'s password (nor then log in as it)', async () => {
    const r = await post(`/api/admin/users/${ids.aud}/reset-password`, 'sys', { password: 'Taken-Over-Passw0rd' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('三员分立');
    expect((await p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'aud', password: 'Taken-Over-Passw0rd' } })).statusCode).toBe(401);
    expect(await denials('user.password.reset', `user:${ids.aud}`)).toHaveLength(1);
  });

  it('the system administrator cannot disable, enable or change the audit administrator', async () => {
    expect((await post(`/api/admin/users/${ids.aud}/disable`, 'sys')).statusCode).toBe(403);
    expect(await disabled(ids.aud)).toBe(false);
    expect((await post(`/api/admin/users/${ids.aud}/enable`, 'sys')).statusCode).toBe(403);
    expect((await patch(`/api/admin/users/${ids.aud}`, 'sys', { name: '假名' })).statusCode).toBe(403);
    expect(await denials('user.disable', `user:${ids.aud}`)).toHaveLength(1);
    expect(await denials('user.update', `user:${ids.aud}`)).toHaveLength(1);
  });

  it('the system administrator cannot reset or disable the security administrator or another system administrator', async () => {
    expect((await post(`/api/admin/users/${ids.sec}/reset-password`, 'sys', {})).statusCode).toBe(403);
    expect((await post(`/api/admin/users/${ids.sec}/disable`, 'sys')).statusCode).toBe(403);
    expect((await post(`/api/admin/users/${ids.sys2}/reset-password`, 'sys', {})).statusCode).toBe(403);
    expect(await disabled(ids.sec)).toBe(false);
    expect(await denials('user.password.reset', `user:${ids.sys2}`)).toHaveLength(1);
  });

  it('a region administrator cannot touch an administrator account either', async () => {
    expect((await post(`/api/admin/users/${ids.aud}/reset-password`, 'dz', {})).statusCode).toBe(403);
    expect(await denials('user.password.reset', `user:${ids.aud}`)).toHaveLength(2);
  });

  it('the system administrator cannot read the audit trail; the refusal is itself recorded', async () => {
    expect((await p.app.inject({ method: 'GET', url: '/api/admin/audit', headers: h.sys })).statusCode).toBe(403);
    expect((await p.app.inject({ method: 'GET', url: '/api/admin/audit/verify', headers: h.sys })).statusCode).toBe(403);
    const rows = await p.db.query(`SELECT action FROM audit_log WHERE actor_name = 'sys' AND action IN ('audit.read', 'audit.verify') AND outcome = 'denied' ORDER BY seq`);
    expect(rows.map((r) => r.action)).toEqual(['audit.read', 'audit.verify']);
  });

  it('the security administrator manages the administrators, but never their own account', async () => {
    expect((await post(`/api/admin/users/${ids.sec}/reset-password`, 'sec', { password: 'Self-Chosen-Passw0rd' })).statusCode).toBe(403);
    expect((await post(`/api/admin/users/${ids.sec}/disable`, 'sec')).statusCode).toBe(403);
    expect((await patch(`/api/admin/users/${ids.sec}`, 'sec', { name: '自改' })).statusCode).toBe(403);
    expect((await post(`/api/admin/users/${ids.sec}/grants`, 'sec', { role: 'supervisor', region: '511700' })).statusCode).toBe(403);
    expect(await denials('user.password.reset', `user:${ids.sec}`)).toHaveLength(2); // sys above, sec now
    const reset = await post(`/api/admin/users/${ids.sys2}/reset-password`, 'sec', {});
    expect(reset.statusCode).toBe(200);
    const aud = await post(`/api/admin/users/${ids.aud}/reset-password`, 'sec', { password: 'Audit-Passw0rd-2' });
    expect(aud.statusCode).toBe(200);
  });

  it('an account with a business role cannot be made an audit (or any) administrator, nor an administrator given a business role', async () => {
    const r = await post(`/api/admin/users/${ids.jb}/grants`, 'sec', { role: 'audit_admin' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('业务角色');
    expect((await post(`/api/admin/users/${ids.jb}/grants`, 'sec', { role: 'system_admin' })).statusCode).toBe(403);
    const back = await post(`/api/admin/users/${ids.aud}/grants`, 'sec', { role: 'supervisor', region: '511700' });
    expect(back.statusCode).toBe(403);
    expect((await post(`/api/admin/users/${ids.sys2}/grants`, 'sec', { role: 'handler', department: DEPT })).statusCode).toBe(403);
    const both = await post('/api/admin/users', 'sec', { username: 'both', name: '兼任', roles: [{ role: 'handler', department: DEPT }, { role: 'audit_admin' }] });
    expect(both.statusCode).toBe(403);
    expect(await p.db.query(`SELECT 1 FROM users WHERE username = 'both'`)).toEqual([]);
    const roles = await p.db.query(`SELECT role FROM role_grants WHERE user_id IN ($1, $2) ORDER BY role`, [ids.jb, ids.aud]);
    expect(roles.map((x) => x.role)).toEqual(['audit_admin', 'handler']);
    expect(await denials('role.grant', `user:${ids.jb}`)).toHaveLength(2);
  });

  it('the last security administrator cannot be removed: two who disable each other at once leave one', async () => {
    ids.sec2 = (await post('/api/admin/users', 'sec', { username: 'sec2', name: '安全二', roles: [{ role: 'security_admin' }] })).json().id;
    const a = asUser(ids.sec, 'sec');
    const b = asUser(ids.sec2, 'sec2');
    const results = await Promise.allSettled([setUserDisabled(p.ctx, a, ids.sec2, true), setUserDisabled(p.ctx, b, ids.sec, true)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.message).toContain('最后一名安全管理员');
    const [{ n }] = await p.db.query(`SELECT count(*)::int AS n FROM users u JOIN role_grants g ON g.user_id = u.id WHERE g.role = 'security_admin' AND NOT u.disabled`);
    expect(n).toBe(1);
  });

  it('revoking the last security administrator\'s role is refused', async () => {
    const [{ id: left }] = await p.db.query(`SELECT u.id FROM users u JOIN role_grants g ON g.user_id = u.id WHERE g.role = 'security_admin' AND NOT u.disabled`);
    const [{ id: other }] = await p.db.query(`SELECT u.id FROM users u JOIN role_grants g ON g.user_id = u.id WHERE g.role = 'security_admin' AND u.disabled`);
    // the disabled one is enabled again by the one left, who then tries to strip the other's role twice
    const leftActor = asUser(left, 'left');
    const { revokeRole } = await import('../../src/services/admin/grant.service.js');
    const [grant] = await p.db.query(`SELECT id FROM role_grants WHERE user_id = $1 AND role = 'security_admin'`, [other]);
    await revokeRole(p.ctx, leftActor, other, grant.id); // the disabled one held it: one enabled remains
    const system: Actor = { kind: 'system', name: 'maintenance' };
    const [own] = await p.db.query(`SELECT id FROM role_grants WHERE user_id = $1 AND role = 'security_admin'`, [left]);
    await expect(revokeRole(p.ctx, system, left, own.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setUserDisabled(p.ctx, system, left, true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await denials('role.revoke', `user:${left}`)).toHaveLength(1);
  });
});
