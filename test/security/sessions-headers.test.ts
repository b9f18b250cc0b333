import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedRegions, seedUser, TEST_PASSWORD } from '../helpers/factories.js';

describe('sessions: absolute lifetime, one\'s own sessions, Secure cookies behind TLS', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({ config: { trustProxy: true } });
    await seedRegions(p.db);
    await seedUser(p.db, { username: 'tc_ld', role: 'leader', region: '511702' });
    await seedUser(p.db, { username: 'other', role: 'leader', region: '511702' });
  });
  afterAll(() => p.close());

  const me = (h: Record<string, string>) => p.app.inject({ method: 'GET', url: '/api/auth/me', headers: h });

  it('ends a session 12 hours after login however busy it was', async () => {
    const h = await bearer(p.app, 'tc_ld');
    for (let i = 0; i < 24; i++) {
      p.wallClock.advance(29 * 60 * 1000); // never idle for 30 minutes
      if (i < 24 && (i + 1) * 29 < 12 * 60) expect((await me(h)).statusCode).toBe(200);
    }
    p.wallClock.advance(60 * 60 * 1000);
    const r = await me(h);
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toContain('最长时限');
  });

  it('lists one\'s own live sessions and ends one of them; another person\'s session is not found', async () => {
    const a = await bearer(p.app, 'tc_ld');
    const b = await bearer(p.app, 'tc_ld');
    const o = await bearer(p.app, 'other');
    const list = (await p.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: a })).json().sessions;
    expect(list).toHaveLength(2);
    expect(list.filter((s: any) => s.current)).toHaveLength(1);
    expect(JSON.stringify(list)).not.toMatch(/token/i);
    const otherSession = (await p.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: o })).json().sessions[0].id;
    expect((await p.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${otherSession}`, headers: a })).statusCode).toBe(404);
    const notCurrent = list.find((s: any) => !s.current).id;
    expect((await p.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${notCurrent}`, headers: a })).statusCode).toBe(200);
    expect((await me(b)).statusCode).toBe(401);
    expect((await me(a)).statusCode).toBe(200);
    expect((await me(o)).statusCode).toBe(200);
  });

  it('sets the Secure cookie flag and HSTS only when the request came over TLS (trusted proxy\'s X-Forwarded-Proto)', async () => {
    const login = (headers: Record<string, string>) => p.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username: 'tc_ld', password: TEST_PASSWORD } });
    const tls = await login({ 'x-forwarded-proto': 'https' });
    expect(tls.headers['set-cookie']).toMatch(/; Secure/);
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const plain = await login({});
    expect(plain.headers['set-cookie']).not.toMatch(/Secure/);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('security headers on the app and the API', () => {
  let p: TestPlatform;
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-web-'));
  beforeAll(async () => {
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>');
    p = await testPlatform({ config: { webDir } });
  });
  afterAll(async () => { await p.close(); fs.rmSync(webDir, { recursive: true, force: true }); });

  it('every answer, page or API, success or error, carries CSP, frame-ancestors, nosniff and Referrer-Policy; no HSTS over plain HTTP', async () => {
    const answers = [
      await p.app.inject({ method: 'GET', url: '/' }),
      await p.app.inject({ method: 'GET', url: '/hall/progress' }),
      await p.app.inject({ method: 'GET', url: '/api/system/info' }),
      await p.app.inject({ method: 'GET', url: '/api/auth/me' }),
      await p.app.inject({ method: 'GET', url: '/api/no-such-route' }),
      await p.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"x":' }),
    ];
    for (const r of answers) {
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self'(;|$)/); // no inline script, no eval
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
    expect(answers[0].statusCode).toBe(200);
    expect(answers[0].body).toContain('<div id="root">');
  });

  it('the built web app needs no inline script (when built)', () => {
    const built = path.resolve('web/dist/index.html');
    if (!fs.existsSync(built)) return;
    const html = fs.readFileSync(built, 'utf8');
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/\bsrc=/);
      expect(m[2].trim()).toBe('');
    }
  });
});
