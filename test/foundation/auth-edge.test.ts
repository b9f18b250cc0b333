import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captchaAnswerForTests } from '../../src/store/security.store.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedDepartment, seedRegions, seedUser, TEST_PASSWORD } from '../helpers/factories.js';

describe('authentication and the HTTP edge', () => {
  let p: TestPlatform;
  let sys: { authorization: string };
  beforeAll(async () => {
    p = await testPlatform({ config: { bodyLimitBytes: 4096 } });
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    await seedUser(p.db, { username: 'sys', role: 'system_admin' });
    await seedUser(p.db, { username: 'tc_jb', role: 'handler', region: '511702', department: '511702-STJ' });
    await seedUser(p.db, { username: 'victim', role: 'leader', region: '511700' });
    sys = await bearer(p.app, 'sys');
  });
  afterAll(() => p.close());

  const login = (username: string, password: string) => p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('locks the account for its source after 5 wrong passwords in a row; the right one fails (401, as a wrong one) while locked', async () => {
    for (let i = 0; i < 3; i++) expect((await login('victim', 'Wrong-Passw0rd')).statusCode).toBe(401);
    // from the third failure on, the source must solve a captcha
    const withCaptcha = async (password: string) => {
      const c = (await p.app.inject({ method: 'GET', url: '/api/public/captcha?for=login' })).json();
      const captcha = await captchaAnswerForTests(p.db, c.captchaId);
      return p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password, captchaId: c.captchaId, captcha } });
    };
    for (let i = 0; i < 2; i++) expect((await withCaptcha('Wrong-Passw0rd')).statusCode).toBe(401);
    const locked = await withCaptcha(TEST_PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('UNAUTHENTICATED');
    p.wallClock.advance(61 * 1000);
    expect((await withCaptcha(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const h = await bearer(p.app, 'tc_jb');
    p.wallClock.advance(29 * 60 * 1000);
    expect((await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(200);
    p.wallClock.advance(31 * 60 * 1000);
    const r = await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: h });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toContain('超时');
  });

  it('requires the CSRF header for changes made with the session cookie', async () => {
    const l = await login('tc_jb', TEST_PASSWORD);
    const cookie = l.headers['set-cookie'] as string;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const c = cookie.split(';')[0];
    const r = await p.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CSRF');
    const ok = await p.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c, 'x-csrf-token': l.json().csrfToken } });
    expect(ok.statusCode).toBe(200);
  });

  it('distinguishes 401 (who are you) from 403 (not allowed) and 404', async () => {
    sys = await bearer(p.app, 'sys'); // the earlier session idled out on the wall clock
    expect((await p.app.inject({ method: 'GET', url: '/api/admin/users' })).statusCode).toBe(401);
    const h = await bearer(p.app, 'tc_jb');
    const forbidden = await p.app.inject({ method: 'GET', url: '/api/admin/users', headers: h });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    const missing = await p.app.inject({ method: 'GET', url: '/api/no-such-thing', headers: h });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    expect((await p.app.inject({ method: 'GET', url: '/api/admin/users/nobody', headers: sys })).statusCode).toBe(404);
  });

  it('names the bad field in a 400', async () => {
    const r = await p.app.inject({ method: 'POST', url: '/api/org/regions', headers: sys, payload: { code: '51', name: '坏' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION');
    expect(r.json().error.message).toContain('code');
    expect(r.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses malformed JSON with 400 and stores nothing', async () => {
    const count = async () => (await p.db.query('SELECT (SELECT count(*) FROM users)::int + (SELECT count(*) FROM audit_log)::int AS n'))[0].n;
    const before = await count();
    const r = await p.app.inject({ method: 'POST', url: '/api/admin/users', headers: { ...sys, 'content-type': 'application/json' },
      payload: '{"username": "half", "name": ' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('BAD_JSON');
    expect(await count()).toBe(before);
  });

  it('refuses an oversized body with 413 and stores nothing', async () => {
    const before = (await p.db.query('SELECT count(*)::int AS n FROM departments'))[0].n;
    const r = await p.app.inject({ method: 'POST', url: '/api/org/departments', headers: sys,
      payload: { code: '511702-BIG', name: '大'.repeat(5000), region: '511702' } });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await p.db.query('SELECT count(*)::int AS n FROM departments'))[0].n).toBe(before);
  });

  it('publishes an OpenAPI 3 document with the foundation routes', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/api/openapi.json', headers: sys })).json(); // staff see the whole reference (issue 24 item 11)
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/admin/import', '/api/admin/api-keys', '/api/org/departments', '/api/admin/audit']));
  });
});
