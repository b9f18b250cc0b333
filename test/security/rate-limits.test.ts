import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../src/http/security/rate-limits.js';
import { loadConfig } from '../../src/config.js';
import { casePlatform, type CasePlatform } from '../cases/case-helpers.js';
import { seedUser, TEST_PASSWORD } from '../helpers/factories.js';

/** Each limit reached: 429 RATE_LIMITED with Retry-After, per source, per account, per key. */
describe('abuse limits (429 with Retry-After)', () => {
  let p: CasePlatform;
  beforeAll(async () => {
    p = await casePlatform(undefined, {
      rateLimits: { login: 6, loginAccount: 4, progress: 3, complaint: 2, follow: 3, rating: 3, captcha: 3, exchange: 3 },
    });
    await seedUser(p.db, { username: 'tc_ld', role: 'leader', region: '511702' });
  });
  afterAll(() => p.close());

  const post = (url: string, payload: object, remoteAddress = '127.0.0.1', headers: Record<string, string> = {}) =>
    p.app.inject({ method: 'POST', url, payload, remoteAddress, headers });
  const expect429 = (r: { statusCode: number; headers: Record<string, unknown>; json(): any }) => {
    expect(r.statusCode).toBe(429);
    expect(r.json().error.code).toBe('RATE_LIMITED');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(r.json().error.message).toMatch(/请求过于频繁/);
  };

  it('login: per account from any source, and per source over any accounts', async () => {
    // per account: 4 a minute whatever the source
    for (let i = 0; i < 4; i++) expect((await post('/api/auth/login', { username: 'tc_ld', password: TEST_PASSWORD }, `10.20.0.${i}`)).statusCode).toBe(200);
    expect429(await post('/api/auth/login', { username: 'tc_ld', password: TEST_PASSWORD }, '10.20.0.9'));
    // per source: 6 a minute over different names
    for (let i = 0; i < 6; i++) expect((await post('/api/auth/login', { username: `nobody${i}`, password: 'x' }, '10.30.0.1')).statusCode).toBe(401);
    expect429(await post('/api/auth/login', { username: 'nobody9', password: 'x' }, '10.30.0.1'));
    // another source is untouched
    expect((await post('/api/auth/login', { username: 'nobody9', password: 'x' }, '10.30.0.2')).statusCode).toBe(401);
  });

  it('public progress lookup, complaint submission and follow-up, ratings and the captcha, per source', async () => {
    const cases: [string, () => Promise<any>, number][] = [
      ['progress', () => post('/api/public/cases/progress', { caseNo: 'X-1', queryCode: 'ABCD2345' }, '10.40.0.1'), 3],
      ['complaint', () => post('/api/public/complaints', { kind: 'consultation', realName: false, regionCode: '511702', subject: '咨询', content: '材料？' }, '10.40.0.2'), 2],
      ['follow', () => post('/api/public/complaints/follow', { complaintNo: 'TS-1', queryCode: 'ABCD2345' }, '10.40.0.3'), 3],
      ['rating', () => post('/api/public/ratings', { caseNo: 'X-1', queryCode: 'ABCD2345', rating: 'satisfied' }, '10.40.0.4'), 3],
      ['captcha', () => p.app.inject({ method: 'GET', url: '/api/public/captcha', remoteAddress: '10.40.0.5' }), 3],
    ];
    for (const [name, call, max] of cases) {
      for (let i = 0; i < max; i++) expect((await call()).statusCode, name).not.toBe(429);
      expect429(await call());
    }
  });

  it('the exchange counts per department key, not per source', async () => {
    const get = (key: string, ip: string) => p.app.inject({ method: 'GET', url: '/api/exchange/v1/alerts', headers: { authorization: `Bearer ${key}` }, remoteAddress: ip });
    for (let i = 0; i < 3; i++) expect((await get(p.key, `10.50.0.${i}`)).statusCode).toBe(200);
    expect429(await get(p.key, '10.50.0.9'));
    expect((await get(p.otherKey, '10.50.0.9')).statusCode).toBe(200);
  });

  it('defaults are generous, configurable, and an unknown name fails start-up', () => {
    expect(DEFAULT_RATE_LIMITS.exchange).toBeGreaterThanOrEqual(1000);
    expect(loadConfig({}, { XINGQUAN_RATE_LIMITS: 'login=30, progress=0' }).rateLimits).toEqual({ login: 30, progress: 0 });
    expect(() => loadConfig({}, { XINGQUAN_RATE_LIMITS: 'login' })).toThrow(/XINGQUAN_RATE_LIMITS/);
  });
});
