import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256hex } from '../../src/services/security/password.js';
import { resolveApiKey } from '../../src/services/auth.service.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';

describe('accounts, roles and API keys', () => {
  let p: TestPlatform;
  let sys: { authorization: string };
  let sec: { authorization: string };
  let aud: { authorization: string };
  let regAdmin: { authorization: string };
  let deptAdmin: { authorization: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    p = await testPlatform();
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    await seedDepartment(p.db, '510411-STJ', '仁和区生态环境局', '510411');
    ids.sys = await seedUser(p.db, { username: 'sys', role: 'system_admin' });
    ids.sec = await seedUser(p.db, { username: 'sec', role: 'security_admin' });
    ids.aud = await seedUser(p.db, { username: 'aud', role: 'audit_admin' });
    await seedUser(p.db, { username: 'dz_admin', role: 'region_admin', region: '511700' });
    await seedUser(p.db, { username: 'stj_admin', role: 'department_admin', region: '511702', department: '511702-STJ' });
    sys = await bearer(p.app, 'sys');
    sec = await bearer(p.app, 'sec');
    aud = await bearer(p.app, 'aud');
    regAdmin = await bearer(p.app, 'dz_admin');
    deptAdmin = await bearer(p.app, 'stj_admin');
  });
  afterAll(() => p.close());

  const post = (url: string, headers: Record<string, string>, payload?: object) => p.app.inject({ method: 'POST', url, headers, payload });

  it('creates a user whose password must be changed at first login', async () => {
    const r = await post('/api/admin/users', sys, { username: 'tc_jb', name: '张三', department: '511702-STJ' });
    expect(r.statusCode).toBe(201);
    const { id, password } = r.json();
    ids.jb = id;
    expect(password).toMatch(/.{10,}/);
    const login = await post('/api/auth/login', {}, { username: 'tc_jb', password });
    expect(login.json().mustChangePassword).toBe(true);
    const auth = { authorization: `Bearer ${login.json().token}` };
    const blocked = await p.app.inject({ method: 'GET', url: '/api/org/regions', headers: auth });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await post('/api/auth/password', auth, { currentPassword: password, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect((await post('/api/auth/password', auth, { currentPassword: password, newPassword: 'Tongchuan-2026' })).statusCode).toBe(200);
    const u = (await p.app.inject({ method: 'GET', url: `/api/admin/users/${id}`, headers: sys })).json();
    expect(u).toMatchObject({ username: 'tc_jb', region: '511702', department: '511702-STJ', mustChangePassword: false });
    expect(JSON.stringify(u)).not.toContain('scrypt');
  });

  it('refuses a duplicate username (409) and a weak password (400 naming the field)', async () => {
    const dup = await post('/api/admin/users', sys, { username: 'tc_jb', name: '重名' });
    expect(dup.statusCode).toBe(409);
    const weak = await post('/api/admin/users', sys, { username: 'weakling', name: '弱', password: 'abcdefghij' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.field).toBe('password');
    const bad = await post('/api/admin/users', sys, { username: 'x y', name: '空格' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('username');
  });

  it("disabling an account ends its live session on the next call", async () => {
    const live = await bearer(p.app, 'tc_jb', 'Tongchuan-2026');
    expect((await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: live })).statusCode).toBe(200);
    expect((await post(`/api/admin/users/${ids.jb}/disable`, sys)).json().sessionsEnded).toBeGreaterThanOrEqual(1);
    const after = await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: live });
    expect(after.statusCode).toBe(401);
    expect((await post('/api/auth/login', {}, { username: 'tc_jb', password: 'Tongchuan-2026' })).statusCode).toBe(401);
    await post(`/api/admin/users/${ids.jb}/enable`, sys);
    const reset = await post(`/api/admin/users/${ids.jb}/reset-password`, sys, {});
    const login = await post('/api/auth/login', {}, { username: 'tc_jb', password: reset.json().password });
    expect(login.json().mustChangePassword).toBe(true);
  });

  it('keeps the three administrators apart (三员分立)', async () => {
    const r = await post(`/api/admin/users/${ids.sys}/grants`, sec, { role: 'audit_admin' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toContain('三员分立');
    const r2 = await post(`/api/admin/users/${ids.aud}/grants`, sec, { role: 'security_admin' });
    expect(r2.statusCode).toBe(409);
    // The system administrator cannot grant roles at all once a security administrator exists.
    const r3 = await post(`/api/admin/users/${ids.jb}/grants`, sys, { role: 'handler', department: '511702-STJ' });
    expect(r3.statusCode).toBe(403);
    const roles = await p.db.query(`SELECT role FROM role_grants WHERE user_id = $1`, [ids.sys]);
    expect(roles.map((x) => x.role)).toEqual(['system_admin']);
  });

  it('a grantor grants only within their own scope', async () => {
    const ok = await post(`/api/admin/users/${ids.jb}/grants`, regAdmin, { role: 'handler', department: '511702-STJ' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ role: 'handler', regionCode: '511702', departmentCode: '511702-STJ' });
    const other = await post(`/api/admin/users/${ids.jb}/grants`, regAdmin, { role: 'supervisor', region: '510400' });
    expect(other.statusCode).toBe(403);
    const wide = await post(`/api/admin/users/${ids.jb}/grants`, deptAdmin, { role: 'supervisor', region: '511702' });
    expect(wide.statusCode).toBe(403);
    const trio = await post(`/api/admin/users/${ids.jb}/grants`, regAdmin, { role: 'system_admin' });
    expect(trio.statusCode).toBe(403);
    const legal = await post(`/api/admin/users/${ids.jb}/grants`, deptAdmin, { role: 'legal_reviewer', department: '511702-STJ' });
    expect(legal.statusCode).toBe(201);
    const revoked = await p.app.inject({ method: 'DELETE', url: `/api/admin/users/${ids.jb}/grants/${legal.json().id}`, headers: deptAdmin });
    expect(revoked.statusCode).toBe(200);
    const denied = await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'role.grant' AND outcome = 'denied'`);
    expect(denied[0].n).toBeGreaterThanOrEqual(3);
  });

  it('updates the name and the linked officer of an account in scope', async () => {
    await p.db.query(`INSERT INTO officers (id, name, department_code, certificate_no, valid_until) VALUES ('o-1','张三','511702-STJ','51170220260001','2028-12-31'), ('o-2','钱七','510411-STJ',null,null)`);
    const ok = await p.app.inject({ method: 'PATCH', url: `/api/admin/users/${ids.jb}`, headers: deptAdmin, payload: { name: '张三丰', officerId: 'o-1' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '张三丰', officerId: 'o-1' });
    const other = await p.app.inject({ method: 'PATCH', url: `/api/admin/users/${ids.jb}`, headers: deptAdmin, payload: { officerId: 'o-2' } });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details.field).toBe('officerId');
  });

  it('lists users within scope only', async () => {
    const mine = (await p.app.inject({ method: 'GET', url: '/api/admin/users', headers: regAdmin })).json();
    expect(mine.users.map((u: any) => u.username).sort()).toEqual(['dz_admin', 'stj_admin', 'tc_jb']);
    const all = (await p.app.inject({ method: 'GET', url: '/api/admin/users?role=audit_admin', headers: sys })).json();
    expect(all.users.map((u: any) => u.username)).toEqual(['aud']);
    expect((await p.app.inject({ method: 'GET', url: `/api/admin/users/${ids.sys}`, headers: regAdmin })).statusCode).toBe(403);
  });

  it('issues a department API key shown once and stored hashed; revocation ends it', async () => {
    const r = await post('/api/admin/api-keys', sys, { department: '511702-STJ', name: '通川区执法系统' });
    expect(r.statusCode).toBe(201);
    const { key, id } = r.json();
    expect(key).toMatch(/^xqk_[A-Za-z0-9_-]{40,}$/);
    const [row] = await p.db.query('SELECT key_hash FROM api_keys WHERE id = $1', [id]);
    expect(row.key_hash).toBe(sha256hex(key));
    const everything = JSON.stringify(await p.db.query('SELECT * FROM api_keys')) + JSON.stringify(await p.db.query('SELECT * FROM audit_log'));
    expect(everything).not.toContain(key);
    const list = await p.app.inject({ method: 'GET', url: '/api/admin/api-keys', headers: sys });
    expect(list.body).not.toContain(key);
    expect(list.json().keys[0]).toMatchObject({ id, department: '511702-STJ', name: '通川区执法系统' });
    expect((await resolveApiKey(p.ctx, key, null)).departmentCode).toBe('511702-STJ');
    const used = await p.app.inject({ method: 'GET', url: '/api/admin/api-keys?department=511702-STJ', headers: sys });
    expect(used.json().keys[0].lastUsedAt).toBe(p.wallClock.now().toISOString());
    expect((await post('/api/admin/api-keys', regAdmin, { department: '510411-STJ', name: 'x' })).statusCode).toBe(403);
    expect((await p.app.inject({ method: 'DELETE', url: `/api/admin/api-keys/${id}`, headers: sys })).json().revoked).toBe(true);
    await expect(resolveApiKey(p.ctx, key, null)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('the audit trail is read by the audit administrator only', async () => {
    const r = await p.app.inject({ method: 'GET', url: '/api/admin/audit?action=user.&limit=5', headers: aud });
    expect(r.statusCode).toBe(200);
    expect(r.json().records.length).toBeGreaterThan(0);
    expect(r.json().records.every((x: any) => x.action.startsWith('user.'))).toBe(true);
    const denied = await p.app.inject({ method: 'GET', url: '/api/admin/audit?outcome=denied', headers: aud });
    expect(denied.json().records.every((x: any) => x.outcome === 'denied')).toBe(true);
    expect((await p.app.inject({ method: 'GET', url: '/api/admin/audit', headers: sys })).statusCode).toBe(403);
    expect((await p.app.inject({ method: 'GET', url: '/api/admin/audit/verify', headers: aud })).json().ok).toBe(true);
  });

  it('every change above left an audit record with who, role, action, target, source and outcome', async () => {
    const rows = await p.db.query(`SELECT DISTINCT action FROM audit_log WHERE outcome = 'success'`);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining([
      'user.create', 'user.disable', 'user.enable', 'user.password.reset', 'role.grant', 'role.revoke', 'apikey.issue', 'apikey.revoke',
    ]));
    const [rec] = await p.db.query(`SELECT * FROM audit_log WHERE action = 'user.disable' LIMIT 1`);
    expect(rec).toMatchObject({ actor_name: 'sys', role: 'system_admin', target: `user:${ids.jb}`, outcome: 'success' });
    expect(rec.source_ip).toBeTruthy();
    expect(rec.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
