import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCaseByNo } from '../../src/store/case.store.js';
import { casePlatform, ev, registered, stepDone, type CasePlatform } from './case-helpers.js';

describe('exchange integrity', () => {
  let p: CasePlatform;
  beforeAll(async () => { p = await casePlatform(); });
  afterAll(() => p.close());
  const n = async (sql: string, params: unknown[] = []) => (await p.db.query(sql, params))[0].n as number;

  it('concurrent identical pushes store each event once', async () => {
    const batch = [registered('K-1'), stepDone('K-1', 'register', '2026-03-02T11:00:00+08:00'), ev('K-1-s', 'K-1', 'case.suspended', '2026-03-02T11:30:00+08:00', { reason: 'r', basis: 'b' })];
    const results = await Promise.all(Array.from({ length: 5 }, () => p.push(batch)));
    expect(results.map((r) => r.status), JSON.stringify(results)).toEqual([200, 200, 200, 200, 200]);
    expect(results.reduce((a, r) => a + r.body.accepted, 0)).toBe(3);
    expect(results.reduce((a, r) => a + r.body.duplicates, 0)).toBe(12);
    expect(await n(`SELECT count(*)::int AS n FROM case_events WHERE case_no = 'K-1'`)).toBe(3);
    const c = await getCaseByNo(p.db, '511702-STJ', 'K-1');
    expect(c!.state.eventCount).toBe(3);
    expect(c!.status).toBe('suspended');
  });

  it('a failure between insert and commit stores nothing and answers no 200; the resend then works', async () => {
    const boom = { onCaseChanged: async () => { throw new Error('crash after insert'); } };
    p.ctx.hooks.caseChanged.push(boom);
    const batch = [registered('K-2'), stepDone('K-2', 'register', '2026-03-02T11:00:00+08:00')];
    let r;
    try {
      r = await p.push(batch);
    } finally {
      p.ctx.hooks.caseChanged.splice(p.ctx.hooks.caseChanged.indexOf(boom), 1);
    }
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('INTERNAL');
    expect(await n(`SELECT count(*)::int AS n FROM case_events WHERE case_no = 'K-2'`)).toBe(0);
    expect(await getCaseByNo(p.db, '511702-STJ', 'K-2')).toBeNull();
    const again = await p.push(batch);
    expect(again.body).toEqual({ accepted: 2, duplicates: 0, conflicts: [], rejected: [] });
  });

  it('an observer refusing with a validation error is the platform\'s failure (500, retry), not a 400 to the sender', async () => {
    const { AppError } = await import('../../src/errors.js');
    const refuse = { onCaseChanged: async () => { throw new AppError('VALIDATION', 'suspensions: bad'); } };
    p.ctx.hooks.caseChanged.push(refuse);
    let r;
    try {
      r = await p.push([registered('K-4')]);
    } finally {
      p.ctx.hooks.caseChanged.splice(p.ctx.hooks.caseChanged.indexOf(refuse), 1);
    }
    expect(r.status).toBe(500);
    expect(await getCaseByNo(p.db, '511702-STJ', 'K-4')).toBeNull();
  });

  it('records receivedAt from the business clock, one audit record per batch', async () => {
    p.clock.set(new Date('2026-03-03T09:00:00+08:00'));
    const before = await n(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.push'`);
    await p.push([registered('K-3'), stepDone('K-3', 'register', '2026-03-02T11:00:00+08:00')]);
    expect(await n(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.push'`)).toBe(before + 1);
    const rows = await p.db.query(`SELECT received_at FROM case_events WHERE case_no = 'K-3'`);
    expect(rows.map((r) => (r.received_at as Date).toISOString())).toEqual(['2026-03-03T01:00:00.000Z', '2026-03-03T01:00:00.000Z']);
  });

  it('any arrival order of the same events, in any batches, gives the same stored state', async () => {
    const story = (no: string) => [
      registered(no),
      stepDone(no, 'register', '2026-03-02T11:00:00+08:00'),
      ev(`${no}-c`, no, 'correction.requested', '2026-03-02T12:00:00+08:00', { materials: ['营业执照'], reason: '缺' }),
      ev(`${no}-s`, no, 'case.suspended', '2026-03-03T12:00:00+08:00', { reason: '鉴定', basis: '第X条' }),
      ev(`${no}-r`, no, 'case.resumed', '2026-03-05T12:00:00+08:00'),
      ev(`${no}-x`, no, 'case.extended', '2026-03-06T12:00:00+08:00', { workingDays: 3, reason: '复杂', approvedBy: '局长' }),
      stepDone(no, 'investigate', '2026-03-09T12:00:00+08:00'),
    ];
    await p.push(story('ORD-REF'));
    const ref = (await getCaseByNo(p.db, '511702-STJ', 'ORD-REF'))!;
    let run = 0;
    await fc.assert(fc.asyncProperty(
      fc.shuffledSubarray([1, 2, 3, 4, 5, 6], { minLength: 6, maxLength: 6 }),
      fc.integer({ min: 1, max: 3 }),
      async (order, batchSize) => {
        const no = `ORD-${run++}`;
        const evs = story(no);
        await p.push([evs[0]]); // the registration must come first (UNKNOWN_CASE otherwise)
        const rest = order.map((i) => evs[i]);
        for (let i = 0; i < rest.length; i += batchSize) {
          const r = await p.push(rest.slice(i, i + batchSize));
          expect(r.body.rejected).toEqual([]);
        }
        const c = (await getCaseByNo(p.db, '511702-STJ', no))!;
        // the sealed counterparty's row id names its case's event (GB/T 22239-2019 8.1.4.8), the same person otherwise
        const norm = (s: any) => JSON.parse(JSON.stringify({ ...s, caseNo: 'X', counterparty: { ...s.counterparty, sealed: 'X' }, steps: s.steps.map((x: any) => ({ ...x })) }));
        expect(norm(c.state)).toEqual(norm(ref.state));
        expect([c.status, c.currentStep, c.dueAt?.getTime(), c.stepDueAt?.getTime()]).toEqual([ref.status, ref.currentStep, ref.dueAt?.getTime(), ref.stepDueAt?.getTime()]);
        const clocks = await p.db.query(`SELECT kind, due_at FROM deadline_clocks WHERE owner_id = $1 ORDER BY kind`, [c.id]);
        const refClocks = await p.db.query(`SELECT kind, due_at FROM deadline_clocks WHERE owner_id = $1 ORDER BY kind`, [ref.id]);
        expect(clocks).toEqual(refClocks);
      },
    ), { numRuns: 8 });
  });
});
