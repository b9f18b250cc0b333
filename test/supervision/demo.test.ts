import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/services/demo/index.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer } from '../helpers/factories.js';
import { DEMO_PASSWORD } from '../../src/services/demo/org.demo.js';

describe('supervision demo data', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-03-16T10:00:00+08:00' });
    expect(await loadDemo(p.ctx)).toBe(true);
  });
  afterAll(() => p.close());

  it('loads orders, complaints, patrols and an explanation the demo supervisor can read', async () => {
    const n = async (t: string) => (await p.db.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n;
    expect(await n('supervision_orders')).toBe(3);
    expect(await n('complaints')).toBe(3);
    expect(await n('patrols')).toBe(3);
    expect(await n('zero_case_explanations')).toBeGreaterThanOrEqual(0);
    const h = await bearer(p.app, 'dz_jc', DEMO_PASSWORD);
    const ledger = await p.app.inject({ method: 'GET', url: '/api/supervision/orders?region=511700', headers: h });
    expect(ledger.json().summary.total).toBe(3);
    const complaints = await p.app.inject({ method: 'GET', url: '/api/supervision/complaints', headers: h });
    expect(complaints.json().complaints.length).toBe(3);
  });

  it('publishes 通川区\'s previous month under the province\'s scheme; 达州市\'s is a draft for its supervisor', async () => {
    const hall = (await p.app.inject({ method: 'GET', url: '/api/public/league' })).json();
    expect(hall).toMatchObject({ region: '511702', period: '2026-02' });
    expect(hall.departments.map((d: any) => d.name)).toContain('通川区生态环境局');
    const h = await bearer(p.app, 'dz_jc', DEMO_PASSWORD);
    const city = (await p.app.inject({ method: 'GET', url: '/api/evaluation/v1/scores?period=2026-02&region=511700', headers: h })).json();
    expect(city).toMatchObject({ status: 'draft', schemeVersion: 1 });
    expect(city.departments.length).toBeGreaterThanOrEqual(8);
  });
});
