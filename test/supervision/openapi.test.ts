import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedRegions, seedUser } from '../helpers/factories.js';

describe('supervision API reference', () => {
  let p: TestPlatform;
  let staff: { authorization: string };
  beforeAll(async () => {
    p = await testPlatform();
    await seedRegions(p.db);
    await seedUser(p.db, { username: 'oa_sup', role: 'supervisor', region: '511700' });
    staff = await bearer(p.app, 'oa_sup'); // staff see the whole reference (issue 24 item 11)
  });
  afterAll(() => p.close());

  it('documents the sweep, the alert query and the public supervision routes in /api/openapi.json', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/api/openapi.json', headers: staff })).json();
    for (const path of ['/api/supervision/sweep', '/api/supervision/alerts', '/api/supervision/alerts/{id}/actions', '/api/supervision/orders',
      '/api/supervision/daily-log', '/api/public/complaints', '/api/public/ratings', '/api/public/league']) {
      expect(doc.paths[path], path).toBeTruthy();
    }
    const params = doc.paths['/api/supervision/alerts'].get.parameters.map((x: any) => x.name);
    expect(params).toEqual(expect.arrayContaining(['department', 'caseNo', 'code', 'level', 'status']));
  });
});
