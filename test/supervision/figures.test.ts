import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmtPct } from '../../web/src/lib/format.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';

/**
 * Figures that add up (盐城电子监察办法 第二十一条: 监察日志 … 及相关的比例关系): the daily log,
 * the dashboard and the evaluation the hall publishes, each figure against a hand count on a small
 * fixture of cases, alerts and orders written straight into the tables.
 */
describe('figures that add up: daily log, dashboard, evaluation', () => {
  let p: TestPlatform;
  let sup: { authorization: string };
  const A = '511702-STJ';
  const B = '511703-STJ';
  const t = (s: string) => new Date(`2026-${s}+08:00`);
  const kase = (id: string, dept: string, status: string, v: { accepted: string; concluded?: string; warn?: string; due?: string }) =>
    p.db.query(`INSERT INTO cases (id, department_code, region_code, case_no, status, accepted_at, concluded_at, warn_at, due_at, state, created_at, updated_at)
      VALUES ($1,$2,$3,$1,$4,$5,$6,$7,$8,'{}',$5,$5)`,
    [id, dept, dept.slice(0, 6), status, t(v.accepted), v.concluded ? t(v.concluded) : null, v.warn ? t(v.warn) : null, v.due ? t(v.due) : null]);
  const alert = (id: string, caseId: string, dept: string, level: 'red' | 'yellow', raised: string, closed?: string) =>
    p.db.query(`INSERT INTO supervision_alerts (id, code, level, subject_kind, subject_id, case_id, case_no, department_code, region_code, status, message, raised_at, closed_at, updated_at)
      VALUES ($1,'STEP_OVERDUE',$2,'case',$3,$3,$3,$4,$5,$6,'x',$7,$8,$7)`,
    [id, level, caseId, dept, dept.slice(0, 6), closed ? 'resolved' : 'open', t(raised), closed ? t(closed) : null]);
  const order = (id: string, own: boolean, issued: string, answered?: string) =>
    p.db.query(`INSERT INTO supervision_orders (id, order_no, region_code, department_code, subject, instructions, own_initiative, status, response_days, issued_at, due_at, answered_at, updated_at)
      VALUES ($1,$1,'511702',$2,'s','i',$3,$4,5,$5,$5,$6,$5)`, [id, A, own, answered ? 'answered' : 'issued', t(issued), answered ? t(answered) : null]);

  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-03-13T12:00:00+08:00' });
    await seedRegions(p.db);
    await seedDepartment(p.db, A, '通川区生态环境局', '511702');
    await seedDepartment(p.db, B, '达川区生态环境局', '511703');
    await seedUser(p.db, { username: 'sup', role: 'supervisor', region: '511700' });
    sup = await bearer(p.app, 'sup');
    // the day logged: 2026-03-13 (China Standard Time)
    await kase('c1', A, 'concluded', { accepted: '03-10T09:00:00', concluded: '03-13T10:00:00', warn: '03-20T00:00:00', due: '03-25T00:00:00' }); // early
    await kase('c2', A, 'open', { accepted: '03-01T09:00:00', warn: '03-12T00:00:00', due: '03-20T00:00:00' }); // near the limit
    await kase('c3', A, 'open', { accepted: '03-01T09:00:00', warn: '03-05T00:00:00', due: '03-10T00:00:00' }); // overdue and a red alert
    await kase('c4', A, 'open', { accepted: '03-01T09:00:00', warn: '03-20T00:00:00', due: '03-30T00:00:00' }); // a red alert only
    await kase('c5', A, 'concluded', { accepted: '02-01T09:00:00', concluded: '03-01T09:00:00', warn: '02-15T00:00:00', due: '02-20T00:00:00' }); // concluded before the day, its red alert still open
    await kase('c6', A, 'open', { accepted: '03-14T09:00:00' }); // accepted after the day
    await kase('c7', A, 'open', { accepted: '03-01T09:00:00', warn: '03-20T00:00:00', due: '03-30T00:00:00' }); // its red alert closed before the day's end
    await kase('c8', B, 'open', { accepted: '03-02T09:00:00', warn: '03-04T00:00:00', due: '03-09T00:00:00' }); // overdue
    await alert('a3', 'c3', A, 'red', '03-10T01:00:00');
    await alert('a4', 'c4', A, 'red', '03-12T01:00:00');
    await alert('a5', 'c5', A, 'red', '02-25T01:00:00');
    await alert('a7', 'c7', A, 'red', '03-11T01:00:00', '03-12T01:00:00');
    await alert('a2', 'c2', A, 'yellow', '03-12T01:00:00');
    await order('o1', true, '03-13T09:00:00');
    await order('o2', true, '03-13T09:30:00', '03-13T16:00:00');
    await order('o3', false, '03-10T09:00:00', '03-13T11:00:00');
  });
  afterAll(() => p.close());

  it('the daily log: each count by hand, each case counted once, each ratio from the counts it prints', async () => {
    const r = await p.app.inject({ method: 'GET', url: '/api/supervision/daily-log?date=2026-03-13', headers: sup });
    expect(r.statusCode).toBe(200);
    const log = r.json();
    const a = log.departments.find((d: any) => d.code === A);
    const b = log.departments.find((d: any) => d.code === B);
    // handled: c1 c2 c3 c4 c7 (c5 concluded before the day, c6 accepted after it)
    expect(a).toMatchObject({ handled: 5, completedEarly: 1, nearLimit: 1, overdue: 1, abnormal: 2, overdueOrAbnormal: 2, ordersOwnInitiative: 2, ordersAnswered: 2 });
    expect(a.ratios).toEqual({ early: 0.2, nearLimit: 0.2, overdueOrAbnormal: 0.4, answered: 1 });
    expect(b).toMatchObject({ handled: 1, overdue: 1, abnormal: 0, overdueOrAbnormal: 1 });
    expect(log.total).toMatchObject({ handled: 6, completedEarly: 1, nearLimit: 1, overdueOrAbnormal: 3, ordersOwnInitiative: 2, ordersAnswered: 2 });
    expect(log.total.ratios).toEqual({ early: 0.167, nearLimit: 0.167, overdueOrAbnormal: 0.5, answered: 1 });
    for (const d of [...log.departments, log.total]) {
      expect(d.overdueOrAbnormal).toBeLessThanOrEqual(d.handled);
      if (d.handled) expect(d.ratios.overdueOrAbnormal).toBe(Math.round((d.overdueOrAbnormal / d.handled) * 1000) / 1000);
    }
  });

  it('a ratio is printed as the per cent it is (a ratio above 1 is not shown as 1.1%)', () => {
    expect(fmtPct(0.5)).toBe('50.0%');
    expect(fmtPct(1)).toBe('100.0%');
    expect(fmtPct(26 / 24)).toBe('108.3%');
    expect(fmtPct(0.011)).toBe('1.1%');
    expect(fmtPct(null)).toBe('—');
  });

  it('the dashboard: regions, departments, days and codes add up to the same hand count', async () => {
    const r = await p.app.inject({ method: 'GET', url: '/api/supervision/dashboard?from=2026-03-01T00:00:00%2B08:00&to=2026-03-14T00:00:00%2B08:00', headers: sup });
    const d = r.json();
    const sum = (rows: any[], k: string) => rows.reduce((n, x) => n + (x[k] ?? 0), 0);
    // raised in the window: a2 (yellow), a3 a4 a7 (red); a5 was raised before it
    for (const rows of [d.byRegion, d.byDepartment, d.trend]) {
      expect(sum(rows, 'red')).toBe(3);
      expect(sum(rows, 'yellow')).toBe(1);
    }
    expect(sum(d.topCodes, 'count')).toBe(4);
    expect(d.open).toBe(3);
    expect(d.explained).toBe(0);
  });

  it('the published evaluation the hall shows: concluded and on-time counts, alerts by level, the score their sum', async () => {
    const put = await p.app.inject({ method: 'PUT', url: '/api/evaluation/v1/schemes/511700', headers: sup, payload: {
      name: '达州市考评细则', effectiveFrom: '2026-01', base: 100,
      indicators: [{ code: 'CASES_CONCLUDED', points: 1 }, { code: 'ON_TIME_RATE', points: 10 }, { code: 'RED_ALERTS', points: -2 }, { code: 'YELLOW_ALERTS', points: -1 }] } });
    expect(put.statusCode).toBe(200);
    const r = await p.app.inject({ method: 'GET', url: '/api/evaluation/v1/scores?period=2026-03&region=511700', headers: sup });
    expect(r.statusCode).toBe(200);
    const a = r.json().departments.find((d: any) => d.department === A);
    // concluded in March: c1 (on time), c5 (after its due instant); red raised in March: a3 a4 a7 (a5 in February); yellow: a2
    expect(a.indicators.CASES_CONCLUDED.value).toBe(2);
    expect(a.indicators.ON_TIME_RATE.value).toBe(0.5);
    expect(a.indicators.RED_ALERTS.value).toBe(3);
    expect(a.indicators.YELLOW_ALERTS.value).toBe(1);
    expect(a.score).toBe(100 + 2 + 5 - 6 - 1);
    for (const d of r.json().departments) {
      const sum = Object.values(d.indicators as Record<string, { contribution: number }>).reduce((n, x) => n + x.contribution, 0);
      expect(d.score).toBe(Math.max(0, Math.round((100 + sum) * 100) / 100));
    }
  });
});
