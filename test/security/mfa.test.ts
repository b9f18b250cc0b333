import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/domain/auth/totp.js';
import { ensureAdmin } from '../../src/services/bootstrap.service.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedRegions, seedUser, TEST_PASSWORD } from '../helpers/factories.js';
import { rememberSecret, secretOfUrl, TEST_ADMIN_TOTP_SECRET } from '../helpers/totp.js';
import { openTotp } from '../../src/services/security/personal-data.service.js';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';

describe('second factor at login (interface standard §6, TOTP RFC 6238)', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({ config: { adminPassword: ADMIN_PASSWORD } });
    await ensureAdmin(p.ctx);
    await seedRegions(p.db);
    await seedUser(p.db, { username: 'dz_jc', role: 'supervisor', region: '511700' });
    await seedUser(p.db, { username: 'dz_gly', role: 'region_admin', region: '511700' });
    await seedUser(p.db, { username: 'sec', role: 'security_admin' });
    await seedUser(p.db, { username: 'tc_ld', role: 'leader', region: '511702' });
  });
  afterAll(() => p.close());

  const login = (body: Record<string, unknown>, remoteAddress = '127.0.0.1') =>
    p.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, remoteAddress });
  const now = () => p.wallClock.now();

  it('the start-up administrator: 401 MFA_REQUIRED without totp, a token with the code of XINGQUAN_ADMIN_TOTP_SECRET', async () => {
    const asked = await login({ username: 'admin', password: ADMIN_PASSWORD });
    expect(asked.statusCode).toBe(401);
    expect(asked.json().error.code).toBe('MFA_REQUIRED');
    expect(asked.json().error.details?.enrol).toBeUndefined(); // it has its secret already
    const ok = await login({ username: 'admin', password: ADMIN_PASSWORD, totp: totpCode(TEST_ADMIN_TOTP_SECRET, now()) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().token).toMatch(/.{20,}/);
    // the code of the step before and after is taken (clock drift), one further is not
    expect((await login({ username: 'admin', password: ADMIN_PASSWORD, totp: totpCode(TEST_ADMIN_TOTP_SECRET, new Date(now().getTime() + 30_000)) })).statusCode).toBe(200);
    const far = await login({ username: 'admin', password: ADMIN_PASSWORD, totp: totpCode(TEST_ADMIN_TOTP_SECRET, new Date(now().getTime() - 120_000)) }, '10.9.9.9');
    expect(far.statusCode).toBe(401);
  });

  it('a wrong code answers exactly as a wrong password', async () => {
    const wrongCode = await login({ username: 'admin', password: ADMIN_PASSWORD, totp: '000000' }, '10.0.0.7');
    const wrongPassword = await login({ username: 'admin', password: 'Wrong-Passw0rd!', totp: '000000' }, '10.0.0.8');
    expect(wrongCode.statusCode).toBe(401);
    expect(wrongCode.json()).toEqual(wrongPassword.json());
  });

  it('the code follows the real clock, never the drill clock', async () => {
    p.wallClock.advance(60_000); // past the steps used above (an older step is never taken again)
    p.clock.set(new Date('2026-09-01T09:00:00+08:00'));
    const ok = await login({ username: 'admin', password: ADMIN_PASSWORD, totp: totpCode(TEST_ADMIN_TOTP_SECRET, now()) });
    expect(ok.statusCode).toBe(200);
    const drill = await login({ username: 'admin', password: ADMIN_PASSWORD, totp: totpCode(TEST_ADMIN_TOTP_SECRET, p.clock.now()) }, '10.0.0.9');
    expect(drill.statusCode).toBe(401);
  });

  it('an account without a secret finds details.enrol, and its first login with a code from it enrols it (recovery codes shown once)', async () => {
    const asked = await login({ username: 'dz_jc', password: TEST_PASSWORD });
    expect(asked.statusCode).toBe(401);
    expect(asked.json().error.code).toBe('MFA_REQUIRED');
    const url: string = asked.json().error.details.enrol;
    expect(url).toMatch(/^otpauth:\/\/totp\//);
    expect(url).toContain('dz_jc');
    const u = new URL(url);
    expect(u.searchParams.get('algorithm') ?? 'SHA1').toBe('SHA1');
    expect(u.searchParams.get('digits') ?? '6').toBe('6');
    expect(u.searchParams.get('period') ?? '30').toBe('30');
    // asked again before enrolling: the same secret is on offer
    expect((await login({ username: 'dz_jc', password: TEST_PASSWORD })).json().error.details.enrol).toBe(url);
    const secret = secretOfUrl(url);
    const ok = await login({ username: 'dz_jc', password: TEST_PASSWORD, totp: totpCode(secret, now()) });
    expect(ok.statusCode, ok.body).toBe(200);
    const codes: string[] = ok.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    // enrolled: no more enrol offer, codes stored only as hashes, none shown again
    const again = await login({ username: 'dz_jc', password: TEST_PASSWORD });
    expect(again.json().error.code).toBe('MFA_REQUIRED');
    expect(again.json().error.details?.enrol).toBeUndefined();
    const stored = await p.db.query(`SELECT code_hash FROM user_recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = 'dz_jc'`);
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0].replace(/-/g, ''));
    const next = await login({ username: 'dz_jc', password: TEST_PASSWORD, totp: totpCode(secret, now()) });
    expect(next.statusCode).toBe(200);
    expect(next.json().recoveryCodes).toBeUndefined();
    // a recovery code logs in once
    expect((await login({ username: 'dz_jc', password: TEST_PASSWORD, recoveryCode: codes[0].toLowerCase() })).statusCode).toBe(200);
    expect((await login({ username: 'dz_jc', password: TEST_PASSWORD, recoveryCode: codes[0] }, '10.1.1.1')).statusCode).toBe(401);
  });

  it('a code already used is refused from another source (replay)', async () => {
    p.wallClock.advance(60_000);
    const [row] = await p.db.query(`SELECT id, totp_secret FROM users WHERE username = 'dz_jc'`);
    const secret = openTotp(p.ctx.config, row.id, 'secret', row.totp_secret)!; // stored sealed (GB/T 22239-2019 8.1.4.8)
    const code = totpCode(secret, now());
    expect((await login({ username: 'dz_jc', password: TEST_PASSWORD, totp: code }, '10.2.2.2')).statusCode).toBe(200);
    expect((await login({ username: 'dz_jc', password: TEST_PASSWORD, totp: code }, '10.3.3.3')).statusCode).toBe(401);
  });

  it('is optional for other roles: a leader logs in with the password alone until the security administrator requires it', async () => {
    expect((await login({ username: 'tc_ld', password: TEST_PASSWORD })).statusCode).toBe(200);
    const sec = await bearer(p.app, 'sec');
    const [ld] = await p.db.query(`SELECT id FROM users WHERE username = 'tc_ld'`);
    const req = await p.app.inject({ method: 'PUT', url: `/api/admin/users/${ld.id}/mfa`, headers: sec, payload: { required: true } });
    expect(req.statusCode, req.body).toBe(200);
    expect(req.json()).toMatchObject({ required: true, requiredByRole: false, enrolled: false });
    const asked = await login({ username: 'tc_ld', password: TEST_PASSWORD });
    expect(asked.json().error.code).toBe('MFA_REQUIRED');
    expect(asked.json().error.details.enrol).toMatch(/^otpauth:/);
    // a role that must use it cannot be let off
    const [sup] = await p.db.query(`SELECT id FROM users WHERE username = 'dz_jc'`);
    const off = await p.app.inject({ method: 'PUT', url: `/api/admin/users/${sup.id}/mfa`, headers: sec, payload: { required: false } });
    expect(off.statusCode).toBe(400);
    // only the security administrator holds it
    const regionAdmin = await bearer(p.app, 'dz_gly');
    expect((await p.app.inject({ method: 'PUT', url: `/api/admin/users/${ld.id}/mfa`, headers: regionAdmin, payload: { required: true } })).statusCode).toBe(403);
  });

  it('the security administrator resets a lost authenticator: sessions end, the next login enrols anew', async () => {
    const sec = await bearer(p.app, 'sec');
    p.wallClock.advance(30_000);
    const [row] = await p.db.query(`SELECT id, totp_secret FROM users WHERE username = 'dz_jc'`);
    rememberSecret(p.app, 'dz_jc', openTotp(p.ctx.config, row.id, 'secret', row.totp_secret)!);
    const live = await bearer(p.app, 'dz_jc');
    const [sup] = await p.db.query(`SELECT id FROM users WHERE username = 'dz_jc'`);
    const r = await p.app.inject({ method: 'POST', url: `/api/admin/users/${sup.id}/mfa/reset`, headers: sec });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ enrolled: false, recoveryCodesLeft: 0 });
    expect((await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: live })).statusCode).toBe(401);
    const asked = await login({ username: 'dz_jc', password: TEST_PASSWORD });
    expect(asked.json().error.details.enrol).toMatch(/^otpauth:/);
    const audit = await p.db.query(`SELECT action FROM audit_log WHERE action LIKE 'user.mfa.%' OR action = 'auth.totp.enrol' ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.mfa.set', 'auth.totp.enrol', 'user.mfa.require', 'user.mfa.reset']));
  });
});
