import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedRegions, seedUser } from '../helpers/factories.js';

/** Issue 24 item 11: the API reference served without login lists the public routes only; staff see all of it. */
describe('API reference (GET /api/openapi.json)', () => {
  let p: TestPlatform;
  let staff: { authorization: string };
  const doc = async (headers: Record<string, string> = {}) => {
    const res = await p.app.inject({ method: 'GET', url: '/api/openapi.json', headers });
    expect(res.statusCode).toBe(200);
    return res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
  };
  beforeAll(async () => {
    p = await testPlatform();
    await seedRegions(p.db);
    await seedUser(p.db, { username: 'ref_handler', role: 'handler', region: '511702' });
    staff = await bearer(p.app, 'ref_handler');
  }, 60_000);
  afterAll(() => p.close());

  it('without login: only routes that need no login (the hall, public progress, complaints, ratings, login)', async () => {
    const d = await doc();
    expect(d.openapi).toMatch(/^3\./);
    const paths = Object.keys(d.paths);
    for (const pub of ['/api/public/cases/progress', '/api/public/complaints', '/api/public/ratings', '/api/public/catalog/items', '/api/auth/login'])
      expect(paths, pub).toContain(pub);
    for (const staffOnly of ['/api/supervision/alerts', '/api/admin/users', '/api/admin/audit', '/api/cases', '/api/exports', '/api/exchange/v1/events', '/api/org/departments'])
      expect(paths, staffOnly).not.toContain(staffOnly);
    // every operation listed is callable without login: none answers 401
    for (const [path, item] of Object.entries(d.paths)) {
      for (const method of Object.keys(item)) {
        if (method !== 'get' || path.includes('{')) continue;
        const res = await p.app.inject({ method: 'GET', url: path });
        expect(res.statusCode, `${method} ${path}`).not.toBe(401);
      }
    }
    // a stale or forged token is treated as no login
    expect(Object.keys((await doc({ authorization: 'Bearer not-a-session' })).paths)).toEqual(paths);
  });

  it('with a staff session: the whole reference', async () => {
    const all = Object.keys((await doc(staff)).paths);
    const pub = Object.keys((await doc()).paths);
    for (const path of ['/api/supervision/alerts', '/api/admin/users', '/api/exports', '/api/exports/{id}/decision', '/api/exchange/v1/events', '/api/public/complaints'])
      expect(all, path).toContain(path);
    expect(all.length).toBeGreaterThan(pub.length * 2);
    expect(pub.every((x) => all.includes(x))).toBe(true);
  });
});
