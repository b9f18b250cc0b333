import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { reg, supPlatform, wire, type SupPlatform } from './sup-helpers.js';

/** Interface standard v2 §5 (alert statuses withdrawn and revoked on the wire) and §4 sweeps in time. */
describe('alert statuses on the wire and sweeps in time', () => {
  let p: SupPlatform;
  afterEach(() => p?.close());

  const act = (id: string, body: Record<string, unknown>, headers = p.sup) =>
    p.app.inject({ method: 'POST', url: `/api/supervision/alerts/${id}/actions`, headers, payload: body });
  const exchangeAlerts = async (caseNo: string) =>
    (await p.app.inject({ method: 'GET', url: `/api/exchange/v1/alerts?caseNo=${caseNo}`, headers: { authorization: `Bearer ${p.key}` } })).json().alerts;
  const sweep = (payload: unknown) => p.app.inject({ method: 'POST', url: '/api/supervision/sweep', headers: p.sup, payload: payload as any });

  it('a withdrawn alert (no longer true after a late event) and a revoked one (appeal upheld) read as such in both §5 reads and filters', { timeout: 120_000 }, async () => {
    p = await supPlatform();
    for (const c of ['WS-1', 'WS-2', 'WS-3']) await p.pushAt('2026-03-02T10:05:00+08:00', [reg(c, '2026-03-02T10:00:00+08:00')]);
    await p.sweep('2026-03-10T00:30:00+08:00'); // STEP_OVERDUE on each
    // WS-1: the department reports, late, a suspension that disproves the alert
    await p.pushAt('2026-03-10T00:40:00+08:00', [
      wire('WS-1-sus', 'WS-1', 'case.suspended', '2026-03-03T09:00:00+08:00', { reason: '等待检测报告', basis: '《环境行政处罚办法》' }),
      wire('WS-1-res', 'WS-1', 'case.resumed', '2026-03-09T09:00:00+08:00'),
    ]);
    // WS-2: appeal (盐城 第二十五条) upheld; WS-3: appealed, awaiting the supervisor
    const [a2] = await p.alerts('caseNo=WS-2&code=STEP_OVERDUE');
    expect((await act(a2.id, { action: 'appeal', reason: '系统宕机三日', ground: 'system_failure' }, p.handler)).json()).toMatchObject({ status: 'explained', detailedStatus: 'appealed' });
    expect((await act(a2.id, { action: 'revoke', reason: '经核实系统故障，撤销' })).json()).toMatchObject({ status: 'revoked', detailedStatus: 'revoked' });
    const [a3] = await p.alerts('caseNo=WS-3&code=STEP_OVERDUE');
    await act(a3.id, { action: 'appeal', reason: '系统宕机三日', ground: 'system_failure' }, p.handler);

    const status = (list: any[]) => list.filter((a) => a.code === 'STEP_OVERDUE').map((a) => a.status);
    expect(status(await p.alerts('caseNo=WS-1'))).toEqual(['withdrawn']);
    expect(status(await p.alerts('caseNo=WS-2'))).toEqual(['revoked']);
    expect(status(await p.alerts('caseNo=WS-3'))).toEqual(['explained']);
    expect(status(await exchangeAlerts('WS-1'))).toEqual(['withdrawn']);
    // §5: the supervision read gives each alert with its department
    expect((await p.alerts('caseNo=WS-1')).map((a: any) => a.department)).toEqual((await p.alerts('caseNo=WS-1')).map((a: any) => a.departmentCode));
    expect((await p.alerts('caseNo=WS-1'))[0].department).toMatch(/^\d{6}-/);
    expect(status(await exchangeAlerts('WS-2'))).toEqual(['revoked']);
    expect(status(await exchangeAlerts('WS-3'))).toEqual(['explained']);
    // the filters take the wire statuses: withdrawn and revoked are not resolved
    const cases = async (q: string) => (await p.alerts(`code=STEP_OVERDUE&${q}`)).map((a: any) => a.caseNo).sort();
    expect(await cases('status=withdrawn')).toEqual(['WS-1']);
    expect(await cases('status=revoked')).toEqual(['WS-2']);
    expect(await cases('status=resolved')).toEqual([]);
    expect(await cases('status=explained')).toEqual(['WS-3']);
    // every status on the wire is one of §5's
    for (const a of [...(await p.alerts('limit=1000')), ...(await exchangeAlerts('WS-1'))]) {
      expect(['open', 'explained', 'resolved', 'withdrawn', 'revoked']).toContain(a.status);
    }
  });

  it('on the real clock a sweep as of a later instant is refused (400 naming at) and stores nothing', { timeout: 120_000 }, async () => {
    p = await supPlatform();
    await p.pushAt('2026-03-02T10:05:00+08:00', [reg('RT-1', '2026-03-02T10:00:00+08:00')]);
    const real = new ManualClock(new Date('2026-03-05T10:00:00+08:00')); // not a drill clock
    p.ctx.clock = real;
    const future = await sweep({ at: '2030-01-01T00:00:00+08:00' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'at' } });
    expect(future.json().error.message).toMatch(/^at: /);
    expect((await p.db.query(`SELECT count(*)::int AS n FROM supervision_alerts WHERE case_no = 'RT-1'`))[0].n).toBe(0);
    expect(real.now().toISOString()).toBe(new Date('2026-03-05T10:00:00+08:00').toISOString());
    // now, or earlier, runs
    expect((await sweep({ at: '2026-03-04T00:00:00+08:00' })).statusCode).toBe(200);
    expect((await sweep({})).statusCode).toBe(200);
  });

  it('on the drill clock a later at moves the clock forward first; no stored alert lies in the clock\'s future', { timeout: 120_000 }, async () => {
    p = await supPlatform();
    await p.pushAt('2026-03-02T10:05:00+08:00', [reg('DC-1', '2026-03-02T10:00:00+08:00')]);
    const r = await sweep({ at: '2026-03-10T00:30:00+08:00' });
    expect(r.statusCode).toBe(200);
    expect(p.clock.now().toISOString()).toBe(new Date('2026-03-10T00:30:00+08:00').toISOString());
    expect((await p.app.inject({ method: 'GET', url: '/api/clock' })).json()).toMatchObject({ now: new Date('2026-03-10T00:30:00+08:00').toISOString(), simulated: true });
    const alerts = await p.alerts('caseNo=DC-1');
    expect(alerts.map((a: any) => a.code)).toEqual(['STEP_OVERDUE']);
    for (const a of alerts) expect(Date.parse(a.raisedAt)).toBeLessThanOrEqual(p.clock.now().getTime());
    const audit = await p.db.query(`SELECT details FROM audit_log WHERE action = 'clock.set' ORDER BY seq`);
    expect(audit.map((a) => a.details)).toEqual([{ from: new Date('2026-03-02T10:05:00+08:00').toISOString(), to: new Date('2026-03-10T00:30:00+08:00').toISOString(), by: 'supervision.sweep' }]);
    // an earlier at leaves the clock where it is; one outside the calendar is refused and moves nothing
    expect((await sweep({ at: '2026-03-09T00:00:00+08:00' })).statusCode).toBe(200);
    expect(p.clock.now().toISOString()).toBe(new Date('2026-03-10T00:30:00+08:00').toISOString());
    const far = await sweep({ at: '2041-01-02T00:00:00+08:00' });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details).toMatchObject({ field: 'at' });
    expect(p.clock.now().toISOString()).toBe(new Date('2026-03-10T00:30:00+08:00').toISOString());
  });
});
