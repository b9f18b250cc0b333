import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedUser } from '../helpers/factories.js';
import { reg, supPlatform, type SupPlatform } from './sup-helpers.js';

describe('patrols, zero-case explanations, the daily log and the dashboard', () => {
  let p: SupPlatform;
  let county: { authorization: string };
  const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string>) => p.app.inject({ method: 'POST', url, headers, payload });
  beforeAll(async () => {
    p = await supPlatform('2026-03-02T09:00:00+08:00');
    await seedUser(p.db, { username: 'sup-county', role: 'supervisor', region: '511702' });
    county = await bearer(p.app, 'sup-county');
  });
  afterAll(() => p.close());

  it('patrol shortfalls per region and working day (四川 第十一条(二))', async () => {
    p.at('2026-03-02T10:00:00+08:00');
    expect((await post('/api/supervision/patrols', { targetRegion: '511702', findings: '平台运行正常' }, county)).statusCode).toBe(200);
    expect((await post('/api/supervision/patrols', { targetRegion: '510411', findings: 'x' }, county)).statusCode).toBe(400); // outside its region
    await post('/api/supervision/patrols', { targetRegion: '511700', findings: '本级平台正常' }, p.sup);
    await post('/api/supervision/patrols', { targetRegion: '511700', findings: '本级平台正常' }, p.sup);
    await post('/api/supervision/patrols', { targetRegion: '511703', findings: '达川区 2 件临近时限' }, p.sup);
    const r = (await p.app.inject({ method: 'GET', url: '/api/supervision/patrols/report?from=2026-03-02&to=2026-03-03', headers: p.sup })).json();
    expect(r.workingDays).toBe(2);
    const row = (region: string, day: string) => r.rows.find((x: any) => x.region === region && x.day === day);
    expect(row('511700', '2026-03-02')).toMatchObject({ met: true, done: { own: 2, counties: 1 } });
    expect(row('511702', '2026-03-02')).toMatchObject({ met: false, short: { own: 1 }, bySupervisor: { 'sup-county': 1 } });
    expect(row('511702', '2026-03-03')).toMatchObject({ met: false, short: { own: 2 } });
    expect(r.shortfalls.length).toBe(3);
  });

  it('a department with no case in February and no explanation by 03-03 gets ZERO_CASES_UNEXPLAINED; filing late explains it', async () => {
    // 511703-STJ explains in time; 511702-STJ does not
    await seedUser(p.db, { username: 'h703', role: 'handler', region: '511703', department: '511703-STJ' });
    const h703 = await bearer(p.app, 'h703');
    const ok = await post('/api/supervision/zero-explanations', { departmentCode: '511703-STJ', month: '2026-02', explanation: '二月无违法线索', signedBy: '王局长' }, h703);
    expect(ok.statusCode).toBe(200);
    expect((await post('/api/supervision/zero-explanations', { departmentCode: '511702-STJ', month: '2026-02', explanation: 'x', signedBy: 'y' }, h703)).statusCode).toBe(403);
    await p.sweep('2026-03-03T23:00:00+08:00');
    expect(await p.alerts('code=ZERO_CASES_UNEXPLAINED')).toEqual([]);
    await p.sweep('2026-03-04T00:30:00+08:00');
    const al = await p.alerts('code=ZERO_CASES_UNEXPLAINED');
    expect(al.map((a: any) => [a.departmentCode, a.step, a.level])).toEqual([['511702-STJ', '2026-02', 'yellow']]);
    const late = await post('/api/supervision/zero-explanations', { departmentCode: '511702-STJ', month: '2026-02', explanation: '春节假期无案件', signedBy: '李局长' }, p.handler);
    expect(late.json().late).toBe(true);
    expect((await p.alerts('code=ZERO_CASES_UNEXPLAINED'))[0].status).toBe('explained');
    await p.sweep('2026-03-05T00:30:00+08:00');
    expect(await p.alerts('code=ZERO_CASES_UNEXPLAINED')).toHaveLength(1);
  });

  it('the daily log (盐城 第二十一条) and the dashboard', async () => {
    await p.pushAt('2026-03-05T10:05:00+08:00', [reg('D-1', '2026-03-05T10:00:00+08:00')]);
    await p.pushAt('2026-03-05T10:06:00+08:00', [reg('D-2', '2026-03-02T10:00:00+08:00')]); // 事后补录: red
    await p.sweep('2026-03-13T00:30:00+08:00'); // 立案 overdue (D-1: end of 03-12; D-2: end of 03-09)
    p.at('2026-03-13T09:00:00+08:00');
    await post('/api/supervision/orders', { departmentCode: '511702-STJ', caseNo: 'D-1', subject: '立案超时', instructions: '说明原因' }, p.sup);
    const log = (await p.app.inject({ method: 'GET', url: '/api/supervision/daily-log?date=2026-03-13&region=511700', headers: p.sup })).json();
    const d = log.departments.find((x: any) => x.code === '511702-STJ');
    expect(d).toMatchObject({ handled: 2, ordersOwnInitiative: 1, ordersAnswered: 0, abnormal: 1 });
    expect(d.ratios.overdueOrAbnormal).toBeGreaterThan(0);
    const dash = (await p.app.inject({ method: 'GET', url: '/api/supervision/dashboard?region=511700&from=2026-03-01T00:00:00%2B08:00&to=2026-04-01T00:00:00%2B08:00', headers: p.sup })).json();
    expect(dash.topCodes.find((x: any) => x.code === 'STEP_OVERDUE').count).toBe(2);
    expect(dash.byDepartment.find((x: any) => x.department === '511702-STJ').yellow).toBeGreaterThanOrEqual(3);
    expect(dash.trend.map((t: any) => t.day)).toContain('2026-03-13');
    expect((await p.app.inject({ method: 'GET', url: '/api/supervision/daily-log?date=2026-03-13', headers: p.handler })).statusCode).toBe(403);
  });

  it('the dashboard, asked without an end, counts alerts raised at that very instant', async () => {
    await p.pushAt('2026-03-16T09:00:00+08:00', [reg('D-3', '2026-03-10T10:00:00+08:00')]); // 事后补录 raised at receipt
    p.at('2026-03-16T09:00:00+08:00');
    const count = async (q: string) => (await p.app.inject({ method: 'GET', url: `/api/supervision/dashboard?region=511700${q}`, headers: p.sup }))
      .json().topCodes.find((x: any) => x.code === 'LATE_ENTRY')?.count ?? 0;
    const later = await count('&to=2026-04-01T00:00:00%2B08:00');
    expect(later).toBeGreaterThanOrEqual(2);
    expect(await count('')).toBe(later);
  });
});
