import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';

type Auth = { authorization: string };
const workingDaysBetween = (p: TestPlatform, from: string, to: string) => {
  // due at 24:00 of the Nth counted working day: count forward on the platform's calendar
  const cal = p.ctx.calendars.forRegion('511702');
  for (let n = 1; n <= 40; n++) if (cal.deadline({ start: new Date(from), workingDays: n }).dueAt.toISOString() === to) return n;
  return null;
};

// 四川电子监察办法 第九条 (20 个工作日) beside 盐城电子监察办法 第十四条 (5 个工作日); 接口标准 §4 (v2): a lower region only shortens.
describe('supervision limits per region', () => {
  let p: TestPlatform;
  let admin: Auth;
  let sichuan: Auth;
  let yancheng: Auth;
  let county: Auth;
  const put = (who: Auth, region: string, body: Record<string, unknown>) =>
    p.app.inject({ method: 'PUT', url: `/api/supervision/settings/regions/${region}`, headers: who, payload: { reason: '按本地办法设置', ...body } });
  const order = async (who: Auth, departmentCode: string) => {
    const r = await p.app.inject({ method: 'POST', url: '/api/supervision/orders', headers: who, payload: { departmentCode, subject: '督办', instructions: '核查并反馈' } });
    expect(r.statusCode).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-03-02T10:00:00+08:00' });
    await seedRegions(p.db);
    await p.db.query(`INSERT INTO regions (code, name, parent_code, level) VALUES ('320000', '江苏省', NULL, 'province'), ('320900', '盐城市', '320000', 'city')`);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    await seedDepartment(p.db, '511703-STJ', '达川区生态环境局', '511703');
    await seedDepartment(p.db, '320900-STJ', '盐城市生态环境局', '320900');
    await seedUser(p.db, { username: 'admin', role: 'system_admin' });
    await seedUser(p.db, { username: 'sc', role: 'supervisor', region: '510000' });
    await seedUser(p.db, { username: 'yc', role: 'supervisor', region: '320900' });
    await seedUser(p.db, { username: 'tc', role: 'supervisor', region: '511702' });
    admin = await bearer(p.app, 'admin');
    sichuan = await bearer(p.app, 'sc');
    yancheng = await bearer(p.app, 'yc');
    county = await bearer(p.app, 'tc');
  }, 30_000);
  afterAll(() => p?.close());

  it('orders issued in 四川 get 20 working days and in 盐城 5, side by side', async () => {
    expect((await put(sichuan, '510000', { orderResponseDays: 20 })).statusCode).toBe(200);
    expect((await put(yancheng, '320900', { orderResponseDays: 5 })).statusCode).toBe(200);
    const sc = await order(sichuan, '511703-STJ');
    const yc = await order(yancheng, '320900-STJ');
    expect(sc.responseDays).toBe(20);
    expect(yc.responseDays).toBe(5);
    expect(workingDaysBetween(p, sc.issuedAt, sc.dueAt)).toBe(20);
    expect(workingDaysBetween(p, yc.issuedAt, yc.dueAt)).toBe(5);
    const read = (await p.app.inject({ method: 'GET', url: '/api/supervision/settings/regions/511703', headers: sichuan })).json();
    expect(read.effective.orderResponseDays).toBe(20);
    expect(read.from.orderResponseDays).toBe('510000');
  });

  it('a county may shorten the province\'s limit for its orders, never lengthen it (409 naming the province)', async () => {
    const longer = await put(county, '511702', { orderResponseDays: 20, yellowCorrectionDays: 3 });
    expect(longer.statusCode).toBe(200); // equal is not looser
    const ext = await p.app.inject({ method: 'PUT', url: '/api/supervision/settings/regions/511702', headers: county, payload: { reason: 'x', orderMaxExtensionDays: 10 } });
    expect(ext.statusCode).toBe(200); // nothing set above for extensions: the county is the highest setter
    expect((await put(sichuan, '510000', { orderResponseDays: 20, orderMaxExtensionDays: 5 })).statusCode).toBe(200);
    const refused = await put(county, '511702', { orderResponseDays: 20, orderMaxExtensionDays: 8 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('四川省510000');
    expect(refused.json().error.details.higher).toEqual([{ region: '510000', field: 'orderMaxExtensionDays', value: 5 }]);
    // the county's earlier 10 no longer applies now that the province set 5
    expect((await p.app.inject({ method: 'GET', url: '/api/supervision/settings/regions/511702', headers: county })).json().effective.orderMaxExtensionDays).toBe(5);
    expect((await put(county, '511702', { orderResponseDays: 10 })).statusCode).toBe(200);
    expect((await order(county, '511702-STJ')).responseDays).toBe(10);
    expect((await order(sichuan, '511703-STJ')).responseDays).toBe(20);
  });

  it('only the region\'s own supervisors (or the system administrator) set its limits, within the regulations\' bounds', async () => {
    expect((await put(county, '510000', { orderResponseDays: 3 })).statusCode).toBe(403);
    expect((await put(admin, '320000', { orderResponseDays: 21 })).statusCode).toBe(400);
  });
});
