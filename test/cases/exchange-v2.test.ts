import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep } from '../../src/services/supervision/sweep.service.js';
import { casePlatform, ev, lifecycle, registered, stepDone, type CasePlatform } from './case-helpers.js';

/** Interface standard v2 §3 (per-event rejection, `conflicts`, platform-made query codes) and §5 (the case read). */
describe('exchange per interface standard v2 §3/§5', () => {
  let p: CasePlatform;
  beforeAll(async () => { p = await casePlatform(); });
  afterAll(() => p.close());

  const auth = () => ({ authorization: `Bearer ${p.key}` });
  const n = async (sql: string, params: unknown[] = []) => (await p.db.query<{ n: number }>(sql, params))[0].n;
  const eventsOf = (prefix: string) => n(`SELECT count(*)::int AS n FROM case_events WHERE case_no LIKE $1`, [`${prefix}%`]);
  /** Pushes a body given as JSON text or bytes. */
  const pushRaw = (payload: string | Buffer) =>
    p.app.inject({ method: 'POST', url: '/api/exchange/v1/events', headers: { ...auth(), 'content-type': 'application/json' }, payload });
  const read = (caseNo: string, asOf?: string) =>
    p.app.inject({ method: 'GET', url: `/api/exchange/v1/cases/${encodeURIComponent(caseNo)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, headers: auth() });

  it('a batch [valid, 2041-dated, valid] stores two and rejects index 1 naming occurredAt; reads and sweeps never meet 2041', async () => {
    const r = await p.push([registered('Y-1'), registered('Y-2', '2041-03-02T10:00:00+08:00'), registered('Y-3')]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      accepted: 2, duplicates: 0, conflicts: [],
      rejected: [{ index: 1, eventId: 'Y-2-reg', code: 'INVALID_EVENT', message: expect.stringMatching(/^occurredAt: 超出日历范围/), field: 'occurredAt' }],
    });
    expect(await eventsOf('Y-')).toBe(2);
    expect(await n(`SELECT count(*)::int AS n FROM cases WHERE case_no LIKE 'Y-%'`)).toBe(2);
    expect((await read('Y-2')).statusCode).toBe(404); // stored nowhere
    expect((await read('Y-1')).json()).toMatchObject({ caseNo: 'Y-1', status: 'open', light: 'green' });
    // the case read is not asked about an instant the calendar cannot reckon with
    const later = await read('Y-1', '2041-01-05T00:00:00+08:00');
    expect(later.statusCode).toBe(400);
    expect(later.json().error.message).toMatch(/asOf/);
    // the sweep meets only stored instants, all within the calendar
    await expect(runSweep(p.ctx, p.clock.now())).resolves.toMatchObject({ casesChecked: expect.any(Number) });
    expect(await n(`SELECT count(*)::int AS n FROM case_events WHERE occurred_at >= '2041-01-01T00:00:00+08:00'`)).toBe(0);
    expect(await n(`SELECT count(*)::int AS n FROM cases WHERE next_check_at >= '2041-01-01T00:00:00+08:00'`)).toBe(0);
  });

  it('a case whose limits run past the calendar\'s last day is stored, its days beyond reckoned Monday–Friday (provisional)', async () => {
    const r = await p.push([
      registered('E-2040', '2040-12-31T10:00:00+08:00'),
      registered('E-ext', '2035-03-01T10:00:00+08:00'),
      ev('E-ext-x', 'E-ext', 'case.extended', '2035-03-01T11:00:00+08:00', { workingDays: 3650, reason: '复杂', approvedBy: '局长' }),
    ]);
    expect(r.body).toEqual({ accepted: 3, duplicates: 0, conflicts: [], rejected: [] });
    const late = (await read('E-2040', '2040-12-31T12:00:00+08:00')).json();
    expect(Date.parse(late.dueAt)).toBeGreaterThan(Date.parse('2041-01-01T00:00:00+08:00'));
    expect(late).toMatchObject({ status: 'open', light: 'green' });
    expect(Date.parse((await read('E-ext', '2035-03-02T00:00:00+08:00')).json().dueAt)).toBeGreaterThan(Date.parse('2041-01-01T00:00:00+08:00'));
  });

  it('every fault of one event is its INVALID_EVENT naming the field; the valid events of the batch are stored', async () => {
    const bad = (over: (e: any) => void, no: string, base: any = registered(no)) => {
      const e = structuredClone(base);
      over(e);
      return e;
    };
    const batch = [
      registered('Z-ok-1'),
      bad((e) => { e.occurredAt = '1999-12-31T10:00:00+08:00'; }, 'Z-1999'),
      bad((e) => { e.occurredAt = '2026-02-30T10:00:00+08:00'; }, 'Z-feb30'),
      bad((e) => { e.occurredAt = '2026-03-02T25:00:00+08:00'; }, 'Z-25h'),
      bad((e) => { e.data.counterparty.name = '王\u0000小明'; }, 'Z-nul'),
      bad((e) => { e.data.counterparty.name = 'x'.repeat(201); }, 'Z-long'),
      bad((e) => { e.caseNo = 'Z-\u0000case'; }, 'Z-nulcase'),
      bad((e) => { e.actor.name = '李\ud800明'; }, 'Z-sur'),
      registered('Z-ok-2'),
      bad((e) => { e.data.paidAt = '2041-01-01T00:00:00+08:00'; }, 'Z-ok-1', ev('Z-pay', 'Z-ok-1', 'penalty.executed', '2026-03-02T11:00:00+08:00', { amount: 1, receiptNo: 'R', paidAt: '' })),
      bad((e) => { e.data.opinion.text = '同意'.repeat(10_001); }, 'Z-ok-1', stepDone('Z-ok-1', 'register', '2026-03-02T11:00:00+08:00')),
    ];
    const r = await p.push(batch);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected.map((x: any) => [x.index, x.code, x.field])).toEqual([
      [1, 'INVALID_EVENT', 'occurredAt'], [2, 'INVALID_EVENT', 'occurredAt'], [3, 'INVALID_EVENT', 'occurredAt'],
      [4, 'INVALID_EVENT', 'data.counterparty.name'], [5, 'INVALID_EVENT', 'data.counterparty.name'], [6, 'INVALID_EVENT', 'caseNo'],
      [7, 'INVALID_EVENT', 'actor.name'], [9, 'INVALID_EVENT', 'data.paidAt'], [10, 'INVALID_EVENT', 'data.opinion.text'],
    ]);
    for (const x of r.body.rejected) expect(x.message.startsWith(`${x.field}: `)).toBe(true);
    expect(await eventsOf('Z-')).toBe(2);
  });

  it('a lone surrogate or NUL escaped in the JSON text is the event\'s fault; bytes that are not UTF-8 are a 400 storing nothing', async () => {
    const text = (no: string, name: string) => JSON.stringify(registered(no)).replace('王小明', name);
    const r = await pushRaw(`{"events":[${text('S-ok', '王小明')},${text('S-sur', '\\ud800')},${text('S-nul', 'a\\u0000b')},${text('S-low', '\\udc00x')}]}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().accepted).toBe(1);
    expect(r.json().rejected.map((x: any) => [x.index, x.field])).toEqual([[1, 'data.counterparty.name'], [2, 'data.counterparty.name'], [3, 'data.counterparty.name']]);
    // a surrogate pair is a character like any other
    expect((await pushRaw(`{"events":[${text('S-pair', '\\ud83d\\ude00')}]}`)).json()).toMatchObject({ accepted: 1, rejected: [] });

    const body = Buffer.concat([Buffer.from(`{"events":[${text('S-bytes', '王')}`.slice(0, -3)), Buffer.from([0xff, 0xfe]), Buffer.from('"}}]}')]);
    const bytes = await pushRaw(body);
    expect(bytes.statusCode).toBe(400);
    expect(bytes.json().error.message).toMatch(/UTF-8/);
    // a large body (parsed a group of events at a time) with one bad byte in its last group
    const many = Array.from({ length: 300 }, (_, i) => text(`S-big-${i}`, '王小明')).join(',');
    const big = Buffer.from(`{"events":[${many}]}`);
    big[big.lastIndexOf(Buffer.from('王小明'))] = 0xc0;
    expect(big.length).toBeGreaterThan(64 * 1024);
    expect((await pushRaw(big)).statusCode).toBe(400);
    expect(await eventsOf('S-b')).toBe(0);
    // any other shape than { "events": [...] } is a 400 too
    for (const other of ['[]', '{"event":[]}', '{"events":{}}', '{"events":[1,2'] as const) expect((await pushRaw(other)).statusCode, other).toBe(400);
  });

  it('a resend with other content is listed in conflicts, counted in neither accepted nor duplicates, and kept (DATA_MODIFIED)', async () => {
    expect((await p.push([registered('K-1')])).body).toEqual({ accepted: 1, duplicates: 0, conflicts: [], rejected: [] });
    const changed = registered('K-1');
    (changed.data as any).counterparty.name = '张三';
    const r = await p.push([registered('K-2'), changed]);
    expect(r.body).toEqual({ accepted: 1, duplicates: 0, conflicts: [{ index: 1, eventId: 'K-1-reg' }], rejected: [] });
    // sent again: still a conflict with the original, kept once, one DATA_MODIFIED
    expect((await p.push([changed])).body).toEqual({ accepted: 0, duplicates: 0, conflicts: [{ index: 0, eventId: 'K-1-reg' }], rejected: [] });
    expect(await n(`SELECT count(*)::int AS n FROM case_event_conflicts WHERE event_id = 'K-1-reg'`)).toBe(1);
    expect(await n(`SELECT count(*)::int AS n FROM supervision_alerts WHERE case_no = 'K-1' AND code = 'DATA_MODIFIED'`)).toBe(1);
    // the original again is a duplicate
    expect((await p.push([registered('K-1')])).body).toEqual({ accepted: 0, duplicates: 1, conflicts: [], rejected: [] });
    // within one batch: the later copy with other content
    const r2 = await p.push([registered('K-3'), { ...registered('K-3'), occurredAt: '2026-03-02T10:01:00+08:00' }]);
    expect(r2.body).toEqual({ accepted: 1, duplicates: 0, conflicts: [{ index: 1, eventId: 'K-3-reg' }], rejected: [] });
  });

  it('the platform makes the query code (50 random bits); a sender-chosen one is ignored and the case read gives it', async () => {
    const reg = registered('Q-1');
    (reg.data as any).queryCode = 'ABCD';
    expect((await p.push([reg, registered('Q-2')])).body.accepted).toBe(2);
    const rows = await p.db.query<{ case_no: string; query_code: string }>(`SELECT case_no, query_code FROM cases WHERE case_no IN ('Q-1', 'Q-2') ORDER BY case_no`);
    for (const row of rows) expect(row.query_code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(rows[0].query_code).not.toBe(rows[1].query_code);
    expect(await n(`SELECT count(*)::int AS n FROM case_events WHERE case_no = 'Q-1' AND data ? 'queryCode'`)).toBe(0);
    const c = (await read('Q-1')).json();
    expect(c.queryCode).toBe(rows[0].query_code);
    const hall = (code: string) => p.app.inject({ method: 'POST', url: '/api/public/cases/progress', payload: { caseNo: 'Q-1', queryCode: code } });
    expect((await hall('ABCD')).statusCode).toBe(404);
    expect((await hall(c.queryCode)).statusCode).toBe(200);
  });

  it('the case read gives concludedAt (null until the case concludes) and queryCode', async () => {
    expect((await p.push(lifecycle('CR-1'))).body.accepted).toBe(8);
    const done = (await read('CR-1')).json();
    expect(done).toMatchObject({ status: 'concluded', light: 'none', concludedAt: new Date('2026-03-02T11:40:00+08:00').toISOString(), queryCode: expect.stringMatching(/^[2-9A-HJ-NP-Z]{10}$/) });
    expect(Object.keys(done).sort()).toEqual(['acceptedAt', 'caseNo', 'concludedAt', 'currentStep', 'dueAt', 'itemCode', 'legalDueAt', 'light', 'queryCode', 'status']);
    expect((await read('CR-1', '2026-03-02T11:35:00+08:00')).json()).toMatchObject({ status: 'open', concludedAt: null, queryCode: done.queryCode });
  });

  it('documents all of it in the API reference (OpenAPI)', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/api/openapi.json', headers: auth() })).json(); // a department key sees the whole reference (issue 24 item 11)
    expect(doc.paths['/api/exchange/v1/events'].post.description).toMatch(/conflicts.*INVALID_EVENT.*calendar.*lone surrogate.*UTF-8.*queryCode/s);
    expect(doc.paths['/api/exchange/v1/cases/{caseNo}'].get.description).toMatch(/concludedAt.*queryCode/s);
    for (const path of ['/api/exchange/v1/alerts', '/api/supervision/alerts']) {
      expect(doc.paths[path].get.description, path).toMatch(/withdrawn.*revoked.*`returned`.*`escalated`.*`open`.*`appealed`.*`explained`/s);
    }
    expect(doc.paths['/api/supervision/sweep'].post.description).toMatch(/real clock.*drill clock/s);
  });
});
