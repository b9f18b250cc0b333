import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrgDemo } from '../../src/services/demo/org.demo.js';
import { loadCatalogDemo } from '../../src/services/demo/catalog.demo.js';
import { loadCasesDemo } from '../../src/services/demo/cases.demo.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';

describe('demo cases', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-06-15T10:00:00+08:00' });
    await loadOrgDemo(p.ctx);
    await loadCatalogDemo(p.ctx);
  });
  afterAll(() => p.close());

  it('loads ~30 cases whose lights cover green, yellow, red and none', async () => {
    const n = await loadCasesDemo(p.ctx);
    expect(n).toBeGreaterThanOrEqual(25);
    const rows = await p.db.query<{ light: string; status: string; n: number }>('SELECT light, status, count(*)::int AS n FROM cases GROUP BY light, status ORDER BY 1, 2');
    const lights = new Set(rows.map((r) => r.light));
    expect([...lights].sort()).toEqual(['green', 'none', 'red', 'yellow']);
    expect(rows.some((r) => r.status === 'concluded')).toBe(true);
  });
});
