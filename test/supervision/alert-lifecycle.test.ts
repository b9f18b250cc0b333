import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedUser } from '../helpers/factories.js';
import { reg, supPlatform, type SupPlatform } from './sup-helpers.js';

describe('alert lifecycle, escalation, red cards and regional rule settings', () => {
  let p: SupPlatform;
  let other: { authorization: string };
  const act = (id: string, body: Record<string, unknown>, headers = p.sup) =>
    p.app.inject({ method: 'POST', url: `/api/supervision/alerts/${id}/actions`, headers, payload: body });
  const alertOf = async (caseNo: string, code = 'STEP_OVERDUE') => (await p.alerts(`caseNo=${caseNo}&code=${code}`))[0];

  beforeAll(async () => {
    p = await supPlatform();
    await seedUser(p.db, { username: 'sup-pzh', role: 'supervisor', region: '510400' });
    other = await bearer(p.app, 'sup-pzh');
    for (const c of ['L-1', 'L-2', 'L-3']) await p.pushAt('2026-03-02T10:05:00+08:00', [reg(c, '2026-03-02T10:00:00+08:00')]);
    await p.sweep('2026-03-10T00:30:00+08:00'); // STEP_OVERDUE (yellow) on each
  });
  afterAll(() => p.close());

  it('§5 shape across the supervisor’s region; another region sees nothing and cannot act', async () => {
    const a = await alertOf('L-1');
    expect(a).toMatchObject({ code: 'STEP_OVERDUE', level: 'yellow', caseNo: 'L-1', step: 'register', status: 'open' });
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['id', 'code', 'level', 'caseNo', 'step', 'raisedAt', 'status', 'message']));
    const res = await p.app.inject({ method: 'GET', url: '/api/supervision/alerts?caseNo=L-1', headers: other });
    expect(res.json().alerts).toEqual([]);
    expect((await act(a.id, { action: 'resolve' }, other)).statusCode).toBe(404);
    const mine = await p.app.inject({ method: 'GET', url: '/api/supervision/alerts?department=511702-STJ&level=yellow&status=open', headers: p.handler });
    expect(mine.json().alerts.length).toBeGreaterThanOrEqual(3);
  });

  it('explain → return (打回) → explain → resolve; the supervisor cannot explain, the department cannot resolve', async () => {
    const a = await alertOf('L-1');
    expect((await act(a.id, { action: 'explain', reason: '系统录入延误' }, p.sup)).statusCode).toBe(403);
    expect((await act(a.id, { action: 'explain', reason: '' }, p.handler)).json().error.code).toBe('VALIDATION');
    expect((await act(a.id, { action: 'explain', reason: '材料补正耽误两日' }, p.handler)).json().status).toBe('explained');
    expect((await act(a.id, { action: 'resolve' }, p.handler)).statusCode).toBe(403);
    const ret = await act(a.id, { action: 'return', reason: '说明不充分，请附证明材料', correctionDays: 2 });
    expect(ret.json()).toMatchObject({ status: 'open', detailedStatus: 'returned' });
    await act(a.id, { action: 'explain', reason: '附补正通知书', attachments: [{ name: '补正通知书.pdf' }] }, p.handler);
    expect((await act(a.id, { action: 'resolve', reason: '说明属实' })).json().status).toBe('resolved');
    const detail = await p.app.inject({ method: 'GET', url: `/api/supervision/alerts/${a.id}`, headers: p.sup });
    expect(detail.json().history.map((h: any) => h.action)).toEqual(['raise', 'explain', 'return', 'explain', 'resolve']);
    expect((await act(a.id, { action: 'explain', reason: 'x' }, p.handler)).statusCode).toBe(409);
  });

  it('appeal (盐城 第二十五条) needs a ground; the supervisor revokes (撤销)', async () => {
    const a = await alertOf('L-2');
    expect((await act(a.id, { action: 'appeal', reason: '系统宕机' }, p.handler)).json().error.details).toMatchObject({ field: 'ground' });
    const ap = await act(a.id, { action: 'appeal', reason: '3月3日至9日行权平台宕机', ground: 'system_failure' }, p.handler);
    expect(ap.json()).toMatchObject({ status: 'explained', detailedStatus: 'appealed' });
    const rv = await act(a.id, { action: 'revoke', reason: '经核实系统故障，撤销预警' });
    expect(rv.json()).toMatchObject({ status: 'revoked', detailedStatus: 'revoked' });
    // a revoked time alert is not raised again by later sweeps
    await p.sweep('2026-03-10T02:00:00+08:00');
    expect((await p.alerts('caseNo=L-2&code=STEP_OVERDUE')).map((x: any) => x.detailedStatus)).toEqual(['revoked']);
  });

  it('a yellow card not corrected in time turns red, a red one not dealt with goes up a level', async () => {
    // correction period 3 working days from 03-10 → end of 03-13
    await p.sweep('2026-03-13T23:00:00+08:00');
    expect((await alertOf('L-3')).level).toBe('yellow');
    await p.sweep('2026-03-14T00:30:00+08:00');
    expect(await alertOf('L-3')).toMatchObject({ level: 'red', status: 'open' });
    // 5 working days from 03-14 → end of 03-20
    await p.sweep('2026-03-21T00:30:00+08:00');
    expect(await alertOf('L-3')).toMatchObject({ level: 'red', detailedStatus: 'escalated', escalationLevel: 1, escalatedTo: '511700' });
    await p.sweep('2026-03-28T00:30:00+08:00');
    expect(await alertOf('L-3')).toMatchObject({ escalationLevel: 2, escalatedTo: '510000' });
  });

  it('a supervisor issues a red card by hand for 成都办法 第十条; once per clause while open', async () => {
    const body = { departmentCode: '511702-STJ', caseNo: 'L-1', clause: 11, message: '超标准收取保证金' };
    const r = await p.app.inject({ method: 'POST', url: '/api/supervision/red-cards', headers: p.sup, payload: body });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ code: 'MANUAL_RED_CARD', level: 'red', caseNo: 'L-1', manual: true });
    expect((await p.app.inject({ method: 'POST', url: '/api/supervision/red-cards', headers: p.sup, payload: body })).statusCode).toBe(409);
    expect((await p.app.inject({ method: 'POST', url: '/api/supervision/red-cards', headers: p.handler, payload: { ...body, clause: 2 } })).statusCode).toBe(403);
  });

  it('a region configures a rule: versioned and audited; nearest region wins', async () => {
    const put = (body: Record<string, unknown>) => p.app.inject({ method: 'PUT', url: '/api/supervision/rules/LATE_ENTRY', headers: p.sup, payload: body });
    expect((await put({ region: '511700', enabled: true, level: 'yellow', threshold: 72, reason: '山区网络条件差' })).json().version).toBe(1);
    expect((await put({ region: '511700', enabled: true, level: 'yellow', threshold: 96, reason: '再放宽' })).json().version).toBe(2);
    expect((await put({ region: '510400', enabled: false, reason: '不属本辖区' })).statusCode).toBe(403);
    const lib = await p.app.inject({ method: 'GET', url: '/api/supervision/rules?region=511702', headers: p.sup });
    expect(lib.json().rules.find((r: any) => r.code === 'LATE_ENTRY')).toMatchObject({ enabled: true, level: 'yellow', threshold: 96 });
    // 72 h late: within the county's inherited 96 h threshold, so no LATE_ENTRY
    await p.pushAt('2026-03-30T10:05:00+08:00', [reg('L-9', '2026-03-27T10:05:00+08:00')]);
    expect(await p.codes('L-9')).toEqual(['LATE_EXCHANGE']);
    const audit = await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'supervision.rule.configure' AND outcome = 'success'`);
    expect(audit[0].n).toBe(2);
  });
});
