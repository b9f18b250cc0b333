import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/http/server.js';
import { TEST_SEAL_KEY, testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedUser } from '../helpers/factories.js';

describe('drill clock (§6)', () => {
  let p: TestPlatform;
  let sys: { authorization: string };
  let leader: { authorization: string };
  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-03-02T09:00:00+08:00' });
    await seedUser(p.db, { username: 'sys', role: 'system_admin' });
    await seedUser(p.db, { username: 'ld', role: 'leader' });
    sys = await bearer(p.app, 'sys');
    leader = await bearer(p.app, 'ld');
  });
  afterAll(() => p.close());

  const move = (headers: Record<string, string>, now: string) => p.app.inject({ method: 'POST', url: '/api/admin/clock', headers, payload: { now } });

  it('moves forward only, for the system administrator, and everything reads it', async () => {
    const r = await move(sys, '2026-03-09T16:00:00+08:00');
    expect(r.statusCode).toBe(200);
    expect(r.json().now).toBe('2026-03-09T08:00:00.000Z');
    expect((await p.app.inject({ method: 'GET', url: '/api/clock' })).json()).toEqual({ now: '2026-03-09T08:00:00.000Z', simulated: true });
    expect((await move(sys, '2026-03-02T09:00:00+08:00')).statusCode).toBe(409);
    expect((await move(leader, '2026-03-10T09:00:00+08:00')).statusCode).toBe(403);
    const bad = await move(sys, 'next tuesday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('now');
    const [rec] = await p.db.query(`SELECT details FROM audit_log WHERE action = 'clock.set' AND outcome = 'success'`);
    expect(rec.details).toEqual({ from: '2026-03-02T01:00:00.000Z', to: '2026-03-09T08:00:00.000Z' });
  });

  it('answers 404 on the real clock', async () => {
    const ctx = await createContext({ db: p.db, config: { ...loadConfig({ sweepIntervalMs: 0, logLevel: 'silent' }, {}), sealKey: TEST_SEAL_KEY }, log: pino({ level: 'silent' }) });
    const app = await buildServer(ctx, { logger: false });
    try {
      const h = await bearer(app, 'sys');
      const r = await app.inject({ method: 'POST', url: '/api/admin/clock', headers: h, payload: { now: '2030-01-01T00:00:00+08:00' } });
      expect(r.statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/clock' })).json().simulated).toBe(false);
    } finally {
      await app.close();
    }
  });
});
