import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCasesToTry, loadDemo } from '../../src/services/demo/index.js';
import { publicProgress } from '../../src/services/cases/public-progress.service.js';
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

  it('names an overdue, a refused and a concluded case to try in the hall, each found by its number and query code', async () => {
    const cases = await demoCasesToTry(p.ctx);
    expect(cases.map((c) => c.what)).toEqual(['办理中，已超期 (overdue)', '不予受理 (refused)', '已办结 (concluded)']);
    expect(cases[0]!.caseNo).toMatch(/^511702-SJJ-2026-\d{4}$/);
    const [late, refused] = await Promise.all(cases.slice(0, 2).map((c) => publicProgress(p.ctx, { caseNo: c.caseNo, queryCode: c.queryCode })));
    expect(late!.overdue).toBe(true);
    expect(refused!.ending).toMatchObject({ kind: 'rejected' });
    expect(refused!.ending!.reason).toBeTruthy();
  });
});
