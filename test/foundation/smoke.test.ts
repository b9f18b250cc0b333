import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../src/services/bootstrap.service.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { codeNow, TEST_ADMIN_TOTP_SECRET } from '../helpers/totp.js';

describe('platform start-up (§6)', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({ config: { adminPassword: 'Admin-Passw0rd!' } });
    await ensureAdmin(p.ctx);
  });
  afterAll(() => p.close());

  it('creates admin on an empty database and logs it in with its second factor (XINGQUAN_ADMIN_TOTP_SECRET)', async () => {
    const asked = await p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Admin-Passw0rd!' } });
    expect(asked.statusCode).toBe(401);
    expect(asked.json().error.code).toBe('MFA_REQUIRED');
    const totp = codeNow(p.app, TEST_ADMIN_TOTP_SECRET);
    const res = await p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Admin-Passw0rd!', totp } });
    expect(res.statusCode).toBe(200);
    expect(res.json().token).toMatch(/.{20,}/);
    const me = await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${res.json().token}` } });
    expect(me.json().username).toBe('admin');
  });

  it('answers anonymous calls with 401 in the one error shape', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('says whether the demonstration data is loaded (the login page offers demo accounts only then)', async () => {
    const info = async () => (await p.app.inject({ method: 'GET', url: '/api/system/info' })).json();
    expect(await info()).toEqual({ demo: false, simulatedClock: true, publicCaptcha: false });
    await p.db.query(`INSERT INTO app_settings (key, value) VALUES ('demo_loaded', '{}')`);
    expect((await info()).demo).toBe(true);
  });

  it('refuses a malformed JSON body with 400', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_JSON');
  });
});
