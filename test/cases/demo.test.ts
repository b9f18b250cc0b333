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
    // lights as of now, from the stored instants, as the lists compute them
    const rows = await p.db.query<{ light: string; status: string; n: number }>(
      `SELECT CASE WHEN status NOT IN ('open', 'suspended') THEN 'none' WHEN due_at <= $1 OR legal_due_at <= $1 THEN 'red'
              WHEN warn_at <= $1 THEN 'yellow' ELSE 'green' END AS light, status, count(*)::int AS n
       FROM cases GROUP BY 1, 2 ORDER BY 1, 2`, [p.clock.now()]);
    const lights = new Set(rows.map((r) => r.light));
    expect([...lights].sort()).toEqual(['green', 'none', 'red', 'yellow']);
    expect(rows.some((r) => r.status === 'concluded')).toBe(true);
    // entered on time, as a department that follows 达州意见 三(六) would; a few are 事后补录 on purpose
    const late = await p.db.query<{ code: string; n: number }>(
      `SELECT code, count(DISTINCT case_id)::int AS n FROM supervision_alerts WHERE code IN ('LATE_ENTRY', 'LATE_EXCHANGE') GROUP BY code`);
    const lateEntry = late.find((r) => r.code === 'LATE_ENTRY')?.n ?? 0;
    expect(lateEntry).toBeGreaterThan(0);
    expect(lateEntry).toBeLessThanOrEqual(Math.ceil(n / 8));
    expect(late.find((r) => r.code === 'LATE_EXCHANGE')?.n ?? 0).toBeLessThanOrEqual(Math.ceil(n / 8));
  });

  it('gives each demo case the documented 查询码 (README: DEMO0001 for …-0001), which opens it in the public hall', async () => {
    const rows = await p.db.query<{ case_no: string; query_code: string }>(`SELECT case_no, query_code FROM cases ORDER BY case_no`);
    expect(rows.length).toBeGreaterThanOrEqual(25);
    for (const r of rows) expect(r.query_code).toBe(`DEMO${r.case_no.slice(-4)}`);
    const first = rows.find((r) => r.case_no === '511702-STJ-2026-0001')!;
    expect(first.query_code).toBe('DEMO0001');
    const hall = await p.app.inject({ method: 'POST', url: '/api/public/cases/progress', payload: { caseNo: first.case_no, queryCode: 'DEMO0001' } });
    expect(hall.statusCode, hall.body).toBe(200);
  });

  it('every demo step is completed by an officer holding its post: no 越岗办理, 法制审核 by the legal reviewer', async () => {
    const [{ n }] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM supervision_alerts WHERE code = 'POST_MISMATCH'`);
    expect(n).toBe(0);
    const reviews = await p.db.query<{ name: string }>(
      `SELECT DISTINCT actor->>'name' AS name FROM case_events WHERE type = 'step.completed' AND department_code = '511702-STJ' AND data->>'step' = 'review'`);
    expect(reviews.map((r) => r.name)).toEqual(['王芳']);
    const handlers = await p.db.query<{ name: string }>(
      `SELECT DISTINCT actor->>'name' AS name FROM case_events WHERE type = 'case.registered' AND department_code = '511702-STJ'`);
    expect(handlers.map((r) => r.name)).toEqual(['李明']);
  });
});
