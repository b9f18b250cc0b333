import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstreamWorker } from '../../src/engine/upstream-worker.js';
import { issueApiKey } from '../../src/services/admin/api-key.service.js';
import { configureUpstream, forwardOnce, pullOrders } from '../../src/services/levels/upstream.service.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { sampleItem } from '../helpers/catalog-factory.js';
import { bearer, seedRegions, seedUser } from '../helpers/factories.js';
import { alertsOf, DEPT, disagreed, ev, registered, sameFields } from './level-helpers.js';

type Auth = { authorization: string };
interface Level extends TestPlatform { url: string; admin: Auth; sup: Auth; region: string }

/** A platform serving HTTP on a local port, forwarding to `upstream` when given (its key issued there for `region`). */
async function level(region: string, upstream?: Level): Promise<Level> {
  let config = {};
  if (upstream) {
    const r = await upstream.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: upstream.admin, payload: { region, name: `${region} 平台` } });
    if (r.statusCode !== 201) throw new Error(r.body);
    config = { upstreamUrl: upstream.url, upstreamKey: r.json().key, upstreamIntervalMs: 200 };
  }
  const p = await testPlatform({ clockStart: '2026-03-02T09:00:00+08:00', config });
  await seedRegions(p.db);
  if (upstream) await configureUpstream(p.ctx);
  await seedUser(p.db, { username: `admin_${region}`, role: 'system_admin' });
  await seedUser(p.db, { username: `sup_${region}`, role: 'supervisor', region });
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...p, region, url: `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`,
    admin: await bearer(p.app, `admin_${region}`), sup: await bearer(p.app, `sup_${region}`),
  };
}

// 接口标准 §9 with three platforms: province 510000 ← city 511700 ← county 511702.
describe('three platforms: county → city → province (§9)', () => {
  let province: Level;
  let city: Level;
  let county: Level;
  let key: string;
  const push = async (events: unknown[]) => {
    const r = await county.app.inject({ method: 'POST', url: '/api/exchange/v1/events', headers: { authorization: `Bearer ${key}` }, payload: { events } });
    expect(r.statusCode).toBe(200);
    expect(r.json().rejected).toEqual([]);
  };

  beforeAll(async () => {
    province = await level('510000');
    city = await level('511700', province);
    county = await level('511702', city);
    const imp = await county.app.inject({
      method: 'POST', url: '/api/admin/import', headers: county.admin,
      payload: { departments: [{ code: DEPT, name: '通川区生态环境局', region: '511702' }], items: [{ code: 'P-TEST-001', ...sampleItem() }] },
    });
    expect(imp.json().refused).toEqual([]);
    await seedUser(county.db, { username: 'handler', role: 'handler', region: '511702', department: DEPT });
    key = ((await issueApiKey(county.ctx, { kind: 'system', name: 't' }, { department: DEPT, name: 's' })) as { key: string }).key;
  }, 90_000);
  afterAll(async () => {
    for (const p of [county, city, province]) await p?.close();
  });

  it('an alert raised in the county is shown by the city and the province with identical fields', async () => {
    await push([registered('TL-1', '2026-03-02T09:00:00+08:00'), disagreed('TL-1', 'register', '2026-03-02T09:30:00+08:00')]);
    await forwardOnce(county.ctx);
    await forwardOnce(city.ctx);
    const below = await alertsOf(county, county.sup, 'caseNo=TL-1');
    expect(below).toHaveLength(1);
    expect((await alertsOf(city, city.sup, 'caseNo=TL-1')).map(sameFields)).toEqual(below.map(sameFields));
    expect((await alertsOf(province, province.sup, 'caseNo=TL-1')).map(sameFields)).toEqual(below.map(sameFields));
  });

  it('an order the province issues reaches the county through the city; the county\'s answer reaches the province', async () => {
    const [above] = await alertsOf(province, province.sup, 'caseNo=TL-1');
    const issued = await province.app.inject({
      method: 'POST', url: '/api/supervision/orders', headers: province.sup,
      payload: { departmentCode: DEPT, alertId: above.id, subject: '否定意见无理由', instructions: '补充否定意见的理由' },
    });
    expect(issued.statusCode).toBe(200);
    expect(await pullOrders(city.ctx)).toBe(1);
    expect(await pullOrders(county.ctx)).toBe(1);
    const handler = await bearer(county.app, 'handler');
    const [order] = (await county.app.inject({ method: 'GET', url: '/api/supervision/orders', headers: handler })).json().orders;
    expect(order.orderNo).toBe(issued.json().orderNo);
    expect((await county.app.inject({ method: 'POST', url: `/api/supervision/orders/${order.id}/answer`, headers: handler, payload: { findings: '已补充理由' } })).statusCode).toBe(200);
    await forwardOnce(county.ctx);
    await forwardOnce(city.ctx);
    const up = (await province.app.inject({ method: 'GET', url: '/api/supervision/orders', headers: province.sup })).json().orders;
    expect(up).toHaveLength(1);
    expect(up[0]).toMatchObject({ orderNo: order.orderNo, status: 'answered' });
    expect(up[0].answer.findings).toBe('已补充理由');
  });

  it('the forwarding workers carry a new alert from the county to the province well within 60 s', async () => {
    const stops = [startUpstreamWorker(county.ctx), startUpstreamWorker(city.ctx)];
    try {
      const t0 = Date.now();
      await push([registered('TL-2', '2026-03-02T10:00:00+08:00'), ev('TL-2-sus', 'TL-2', 'case.suspended', '2026-03-02T10:05:00+08:00', { reason: '', basis: '—' })]);
      let seen: any[] = [];
      while (Date.now() - t0 < 30_000 && seen.length === 0) {
        await new Promise((r) => setTimeout(r, 200));
        seen = await alertsOf(province, province.sup, 'caseNo=TL-2');
      }
      expect(seen.map((a) => a.code)).toEqual(['SUSPENSION_WITHOUT_REASON']);
      expect(Date.now() - t0).toBeLessThan(60_000);
    } finally {
      for (const s of stops) await s();
    }
  });
});
