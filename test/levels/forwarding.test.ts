import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardOnce, pullOrders } from '../../src/services/levels/upstream.service.js';
import { alertsOf, DEPT, disagreed, ev, lowerPlatform, registered, sameFields, upperPlatform, type Lower, type Upper } from './level-helpers.js';

// 接口标准 §9: two platforms in one process, each with its own database; the upper serves HTTP on a local port.
describe('platforms of several levels: forwarding upward (§9)', () => {
  let upper: Upper;
  let lower: Lower;
  const upperCount = async (sql: string, params: unknown[] = []) => Number((await upper.db.query<{ n: number }>(sql, params))[0].n);

  beforeAll(async () => {
    upper = await upperPlatform('2026-03-02T09:00:00+08:00');
    lower = await lowerPlatform(upper, '2026-03-02T09:00:00+08:00');
  }, 60_000);
  afterAll(async () => {
    await lower?.close();
    await upper?.close();
  });

  it('forwards the catalog and the case events in order; the upper reads the case (§5) and shows the lower\'s alert with identical fields', async () => {
    await lower.push([registered('LV-A', '2026-03-02T09:00:00+08:00'), disagreed('LV-A', 'register', '2026-03-02T09:10:00+08:00')]);
    expect(await forwardOnce(lower.ctx)).toBeGreaterThan(0);
    // the lower's department, officer and item are stored above, under its region; the regions outside it are not
    expect(await upperCount(`SELECT count(*)::int AS n FROM departments WHERE code = $1 AND region_code = '511702'`, [DEPT])).toBe(1);
    expect(await upperCount(`SELECT count(*)::int AS n FROM officers WHERE id = 'o-17'`)).toBe(1);
    expect(await upperCount(`SELECT count(*)::int AS n FROM power_items WHERE code = 'P-TEST-001'`)).toBe(1);
    const skipped = await upper.db.query<any>(`SELECT kind, outcome FROM platform_inbox WHERE outcome <> 'applied'`);
    expect(skipped.every((s) => s.kind === 'region' && s.outcome.includes('outside'))).toBe(true);

    const below = await alertsOf(lower, lower.sup, 'caseNo=LV-A');
    const above = await alertsOf(upper, upper.sup, 'caseNo=LV-A');
    expect(below.map(sameFields)).toEqual([{ code: 'NEGATIVE_OPINION_WITHOUT_REASON', level: 'yellow', caseNo: 'LV-A', step: 'register', raisedAt: below[0].raisedAt, status: 'open' }]);
    expect(above.map(sameFields)).toEqual(below.map(sameFields));
    expect(above[0].departmentCode).toBe(DEPT);

    // the events went through the upper's own event store, in the lower's order: §5 reads work above
    const types = await upper.db.query<{ type: string }>(`SELECT type FROM case_events WHERE department_code = $1 AND case_no = 'LV-A' ORDER BY seq`, [DEPT]);
    expect(types.map((t) => t.type)).toEqual(['case.registered', 'step.completed']);
    const { key } = (await upper.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: upper.admin, payload: { department: DEPT, name: '查询' } })).json();
    const read = await upper.app.inject({ method: 'GET', url: '/api/exchange/v1/cases/LV-A?asOf=2026-03-02T10:00:00%2B08:00', headers: { authorization: `Bearer ${key}` } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ caseNo: 'LV-A', itemCode: 'P-TEST-001', status: 'open', currentStep: 'investigate' });
  });

  it('the upper raises no alert of its own on a forwarded case, even when its sweep runs long after', async () => {
    // the case is long overdue by the upper's own clock; the lower has not forwarded any deadline alert
    upper.clock.set(new Date('2026-07-01T09:00:00+08:00'));
    const sw = await upper.app.inject({ method: 'POST', url: '/api/supervision/sweep', headers: upper.sup, payload: {} });
    expect(sw.statusCode).toBe(200);
    expect((await alertsOf(upper, upper.sup, 'caseNo=LV-A')).map((a) => a.code)).toEqual(['NEGATIVE_OPINION_WITHOUT_REASON']);
    // nor a zero-case alert of the forwarded department (the lower checks it and forwards its own)
    expect(await alertsOf(upper, upper.sup, `department=${DEPT}&code=ZERO_CASES_UNEXPLAINED`)).toEqual([]);
  });

  it('a resend after a lost answer is applied once', async () => {
    const events = await upperCount(`SELECT count(*)::int AS n FROM case_events WHERE department_code = $1`, [DEPT]);
    const alerts = await upperCount(`SELECT count(*)::int AS n FROM supervision_alerts`);
    // the upper stored everything but its answer never arrived: the lower sends it all again
    await lower.db.query('UPDATE upstream_outbox SET sent_at = NULL');
    expect(await forwardOnce(lower.ctx)).toBeGreaterThan(0);
    expect(await upperCount(`SELECT count(*)::int AS n FROM case_events WHERE department_code = $1`, [DEPT])).toBe(events);
    expect(await upperCount(`SELECT count(*)::int AS n FROM supervision_alerts`)).toBe(alerts);
  });

  it('the upper stopped: the lower stores on, and after the restart everything arrives exactly once, in order', async () => {
    await upper.stopHttp();
    const evs = [
      registered('LV-B', '2026-03-03T09:00:00+08:00'), disagreed('LV-B', 'register', '2026-03-03T09:05:00+08:00'),
      ev('LV-B-sus', 'LV-B', 'case.suspended', '2026-03-03T09:10:00+08:00', { reason: '', basis: '《行政处罚法》' }),
      ev('LV-B-res', 'LV-B', 'case.resumed', '2026-03-03T09:20:00+08:00'),
    ];
    await lower.push(evs.slice(0, 2));
    await expect(forwardOnce(lower.ctx)).rejects.toThrow();
    await lower.push(evs.slice(2));
    await expect(forwardOnce(lower.ctx)).rejects.toThrow();
    expect(Number((await lower.db.query<any>('SELECT count(*)::int AS n FROM upstream_outbox WHERE sent_at IS NULL'))[0].n)).toBeGreaterThanOrEqual(6);
    await upper.startHttp();
    await forwardOnce(lower.ctx);
    await lower.db.query('UPDATE upstream_outbox SET sent_at = NULL WHERE seq > (SELECT max(seq) - 3 FROM upstream_outbox)'); // and a partial resend
    await forwardOnce(lower.ctx);
    const types = await upper.db.query<{ type: string; event_id: string }>(`SELECT type, event_id FROM case_events WHERE department_code = $1 AND case_no = 'LV-B' ORDER BY seq`, [DEPT]);
    expect(types.map((t) => t.event_id)).toEqual(evs.map((e) => e.eventId));
    const below = await alertsOf(lower, lower.sup, 'caseNo=LV-B');
    const above = await alertsOf(upper, upper.sup, 'caseNo=LV-B');
    expect(below.map((a) => a.code).sort()).toEqual(['NEGATIVE_OPINION_WITHOUT_REASON', 'SUSPENSION_WITHOUT_REASON']);
    expect(above.map(sameFields)).toEqual(below.map(sameFields));
    expect(await lower.db.query('SELECT 1 FROM upstream_outbox WHERE sent_at IS NULL')).toEqual([]);
  });

  it('an alert\'s status change below is forwarded: the department explains, the upper shows explained', async () => {
    const [a] = await alertsOf(lower, lower.sup, 'caseNo=LV-A');
    const r = await lower.app.inject({ method: 'POST', url: `/api/supervision/alerts/${a.id}/actions`, headers: lower.handler, payload: { action: 'explain', reason: '已补充否定意见的理由' } });
    expect(r.statusCode).toBe(200);
    await forwardOnce(lower.ctx);
    const [above] = await alertsOf(upper, upper.sup, 'caseNo=LV-A');
    expect(sameFields(above)).toEqual({ ...sameFields(a), status: 'explained' });
    // and resolved below: resolved above
    expect((await lower.app.inject({ method: 'POST', url: `/api/supervision/alerts/${a.id}/actions`, headers: lower.sup, payload: { action: 'resolve' } })).statusCode).toBe(200);
    await forwardOnce(lower.ctx);
    const [below2] = await alertsOf(lower, lower.sup, 'caseNo=LV-A');
    const [above2] = await alertsOf(upper, upper.sup, 'caseNo=LV-A');
    expect(sameFields(above2)).toEqual(sameFields(below2));
    expect(below2.status).toBe('resolved');
  });

  it('an order issued above on a forwarded alert is delivered below once, answered there, and the answer is visible above', async () => {
    const [above] = (await alertsOf(upper, upper.sup, 'caseNo=LV-B')).filter((a) => a.code === 'SUSPENSION_WITHOUT_REASON');
    const issued = await upper.app.inject({
      method: 'POST', url: '/api/supervision/orders', headers: upper.sup,
      payload: { departmentCode: DEPT, alertId: above.id, subject: '暂停无理由', instructions: '说明暂停的理由和依据' },
    });
    expect(issued.statusCode).toBe(200);
    const orderNo = issued.json().orderNo;
    expect(await pullOrders(lower.ctx)).toBe(1);
    expect(await pullOrders(lower.ctx)).toBe(0); // delivered once, whatever the number of pulls
    const ledger = (await lower.app.inject({ method: 'GET', url: '/api/supervision/orders', headers: lower.handler })).json().orders;
    const mine = ledger.filter((o: any) => o.orderNo === orderNo);
    expect(mine).toHaveLength(1);
    const [belowAlert] = (await alertsOf(lower, lower.sup, 'caseNo=LV-B')).filter((a) => a.code === 'SUSPENSION_WITHOUT_REASON');
    expect(mine[0]).toMatchObject({ status: 'issued', alertId: belowAlert.id, departmentCode: DEPT, caseNo: 'LV-B' });

    const ans = await lower.app.inject({ method: 'POST', url: `/api/supervision/orders/${mine[0].id}/answer`, headers: lower.handler, payload: { findings: '已补正暂停理由并对经办人批评教育' } });
    expect(ans.statusCode).toBe(200);
    await forwardOnce(lower.ctx);
    const up = (await upper.app.inject({ method: 'GET', url: '/api/supervision/orders', headers: upper.sup })).json().orders.find((o: any) => o.orderNo === orderNo);
    expect(up).toMatchObject({ status: 'answered' });
    expect(up.answer.findings).toBe('已补正暂停理由并对经办人批评教育');
    // acknowledged: no longer offered to the lower platform
    const offered = await upper.app.inject({ method: 'GET', url: '/api/platform/v1/orders', headers: { authorization: `Bearer ${lower.ctx.config.upstreamKey}` } });
    expect(offered.json().orders).toEqual([]);
  });

  it('refuses a platform key for a region unknown above, and a forward without a valid platform key', async () => {
    const unknown = await upper.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: upper.admin, payload: { region: '469000', name: 'x' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('469000');
    const bad = await upper.app.inject({ method: 'POST', url: '/api/platform/v1/forward', headers: { authorization: 'Bearer xqp_nope' }, payload: { instance: 'x', rows: [] } });
    expect(bad.statusCode).toBe(401);
  });
});
