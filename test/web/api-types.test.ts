import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from '../../scripts/api-types.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';

// The web app's API types are generated from the server's OpenAPI document: when a route's schema
// changes and web/src/lib/api-types.ts is not regenerated, the web app and the server have drifted.
describe('web/src/lib/api-types.ts', () => {
  let p: TestPlatform;
  beforeAll(async () => { p = await testPlatform(); });
  afterAll(() => p.close());

  it('is what `npm run api:types` writes from the current routes', async () => {
    const fresh = await apiTypesSource(p.app);
    const committed = fs.readFileSync(API_TYPES_FILE, 'utf8');
    expect(fresh.length).toBeGreaterThan(10_000);
    // not toBe(): a diff of a 200 kB file is unreadable; name the first differing line instead
    const a = committed.split('\n'); const b = fresh.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    const at = i === -1 && a.length !== b.length ? Math.min(a.length, b.length) : i;
    expect(at, `stale at line ${at + 1}: committed ${JSON.stringify(a[at])}, routes give ${JSON.stringify(b[at])}; run npm run api:types`).toBe(-1);
  });

  it('lists the routes the web app calls, with their parameters', () => {
    const text = fs.readFileSync(API_TYPES_FILE, 'utf8');
    for (const route of ['"/api/cases"', '"/api/cases/{id}"', '"/api/supervision/alerts"', '"/api/public/catalog/items"', '"/api/auth/login"']) {
      expect(text, route).toContain(route);
    }
  });
});
