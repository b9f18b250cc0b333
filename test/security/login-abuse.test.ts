import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/domain/auth/totp.js';
import { ensureAdmin } from '../../src/services/bootstrap.service.js';
import { captchaAnswerForTests } from '../../src/store/security.store.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { seedRegions, seedUser, TEST_PASSWORD } from '../helpers/factories.js';
import { TEST_ADMIN_TOTP_SECRET } from '../helpers/totp.js';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const ATTACKER = '203.0.113.66';
const OFFICE = '198.51.100.10';

describe('login abuse: enumeration, lockout per account and source, captcha', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({ config: { adminPassword: ADMIN_PASSWORD } });
    await ensureAdmin(p.ctx);
    await seedRegions(p.db);
    await seedUser(p.db, { username: 'tc_ld', role: 'leader', region: '511702' });
  });
  afterAll(() => p.close());

  const login = (body: Record<string, unknown>, remoteAddress: string) => p.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, remoteAddress });
  const captcha = async (remoteAddress: string) => {
    const c = (await p.app.inject({ method: 'GET', url: '/api/public/captcha?for=login', remoteAddress })).json();
    return { captchaId: c.captchaId as string, captcha: (await captchaAnswerForTests(p.db, c.captchaId))! };
  };
  const timed = async (body: Record<string, unknown>, ip: string) => {
    const t0 = performance.now();
    const r = await login(body, ip);
    return { r, ms: performance.now() - t0 };
  };

  it('answers unknown, wrong and locked accounts the same (status, code, message, details) after the same password hash', async () => {
    // lock tc_ld for one source: five wrong passwords (captcha from the third failure on)
    for (let i = 0; i < 5; i++) {
      const extra = i >= 3 ? await captcha('10.5.5.5') : {};
      expect((await login({ username: 'tc_ld', password: 'Wrong-Passw0rd!', ...extra }, '10.5.5.5')).statusCode).toBe(401);
    }
    const locked = await timed({ username: 'tc_ld', password: TEST_PASSWORD, ...(await captcha('10.5.5.5')) }, '10.5.5.5');
    const unknown = await timed({ username: 'no_such_user', password: TEST_PASSWORD }, '10.6.6.6');
    const wrong = await timed({ username: 'tc_ld', password: 'Wrong-Passw0rd!' }, '10.7.7.7');
    for (const x of [locked, unknown, wrong]) {
      expect(x.r.statusCode).toBe(401);
      expect(x.r.json().error.code).toBe('UNAUTHENTICATED');
      expect(x.r.json().error.message).toBe(wrong.r.json().error.message);
    }
    // details tell only the source's own captcha state: equal for the same history
    expect(unknown.r.json()).toEqual(wrong.r.json());
    expect(locked.r.json().error.details).toEqual({ captchaRequired: true });
    // the unknown account ran the password hash too (same order of time as a known one)
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 4);
    expect(locked.ms).toBeGreaterThan(wrong.ms / 4);
  });

  it('a flood of wrong passwords for admin from one source does not lock admin out from another', async () => {
    for (let i = 0; i < 8; i++) {
      const extra = i >= 3 ? await captcha(ATTACKER) : {};
      expect((await login({ username: 'admin', password: `Guess-${i}-Passw0rd`, ...extra }, ATTACKER)).statusCode).toBe(401);
    }
    // the attacker's source is locked even for the right password …
    const tried = await login({ username: 'admin', password: ADMIN_PASSWORD, totp: totpCode(TEST_ADMIN_TOTP_SECRET, p.wallClock.now()), ...(await captcha(ATTACKER)) }, ATTACKER);
    expect(tried.statusCode).toBe(401);
    // … while the administrator logs in from the office, without even a captcha
    const ok = await login({ username: 'admin', password: ADMIN_PASSWORD, totp: totpCode(TEST_ADMIN_TOTP_SECRET, p.wallClock.now()) }, OFFICE);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('locks a source for growing delays: 1 minute after the 5th failure, 2 after the 6th', async () => {
    const ip = '10.8.8.8';
    for (let i = 0; i < 5; i++) await login({ username: 'tc_ld', password: 'Wrong-Passw0rd!', ...(i >= 3 ? await captcha(ip) : {}) }, ip);
    const [row] = await p.db.query(`SELECT failures, locked_until FROM login_throttle WHERE username = 'tc_ld' AND source = $1`, [ip]);
    expect(row.failures).toBe(5);
    expect(new Date(row.locked_until).getTime() - p.wallClock.now().getTime()).toBe(60_000);
    p.wallClock.advance(61_000);
    await login({ username: 'tc_ld', password: 'Wrong-Passw0rd!', ...(await captcha(ip)) }, ip);
    const [row2] = await p.db.query(`SELECT locked_until FROM login_throttle WHERE username = 'tc_ld' AND source = $1`, [ip]);
    expect(new Date(row2.locked_until).getTime() - p.wallClock.now().getTime()).toBe(120_000);
    p.wallClock.advance(121_000);
    expect((await login({ username: 'tc_ld', password: TEST_PASSWORD, ...(await captcha(ip)) }, ip)).statusCode).toBe(200);
    // success clears the pair: no captcha asked next time
    expect((await login({ username: 'tc_ld', password: TEST_PASSWORD }, ip)).statusCode).toBe(200);
  });

  it('asks a graphical captcha after 3 failures; it is server-checked, one-time and expires', async () => {
    const ip = '10.9.9.1';
    for (let i = 0; i < 3; i++) await login({ username: 'tc_ld', password: 'Wrong-Passw0rd!' }, ip);
    const none = await login({ username: 'tc_ld', password: TEST_PASSWORD }, ip);
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ code: 'CAPTCHA_REQUIRED', details: { field: 'captcha' } });
    const c = (await p.app.inject({ method: 'GET', url: '/api/public/captcha?for=login', remoteAddress: ip })).json();
    expect(c.svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const answer = (await captchaAnswerForTests(p.db, c.captchaId))!;
    expect((await login({ username: 'tc_ld', password: TEST_PASSWORD, captchaId: c.captchaId, captcha: 'zzzz' }, ip)).json().error.code).toBe('CAPTCHA_REQUIRED');
    // used up by the wrong try
    expect((await login({ username: 'tc_ld', password: TEST_PASSWORD, captchaId: c.captchaId, captcha: answer }, ip)).json().error.code).toBe('CAPTCHA_REQUIRED');
    const late = await captcha(ip);
    p.wallClock.advance(5 * 60_000 + 1000);
    expect((await login({ username: 'tc_ld', password: TEST_PASSWORD, ...late }, ip)).json().error.code).toBe('CAPTCHA_REQUIRED');
    const good = await captcha(ip);
    expect((await login({ username: 'tc_ld', password: TEST_PASSWORD, captchaId: good.captchaId, captcha: good.captcha.toUpperCase() }, ip)).statusCode).toBe(200);
  });

  it('audits every failure with its source, never the password', async () => {
    const rows = await p.db.query(`SELECT source_ip, details FROM audit_log WHERE action = 'auth.login' AND outcome = 'failure' AND source_ip = $1`, [ATTACKER]);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(JSON.stringify(rows)).not.toContain('Guess-');
  });
});
