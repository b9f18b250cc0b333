import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEvents, checkEventsInSlices, splitByCase } from '../../src/services/cases/ingest-check.js';
import { ingestEvents } from '../../src/services/cases/ingest.service.js';
import { getCaseByNo } from '../../src/store/case.store.js';
import { casePlatform, DEPT, ev, lifecycle, registered, stepDone, type CasePlatform } from './case-helpers.js';

describe('splitByCase: the parts a large pushed batch is stored in', () => {
  it('keeps each case\'s events together, balances the parts, and sends events without a case number with the first', () => {
    const events: unknown[] = Array.from({ length: 40 }, (_, i) => lifecycle(`S-${i}`)).flat();
    events.push({ eventId: 'broken' }); // no case number: refused by the first part's check
    const parts = splitByCase(events, 2);
    expect(parts).toHaveLength(2);
    const caseOf = (i: number) => (events[i] as { caseNo?: string }).caseNo ?? null;
    const casesOf = parts.map((p) => new Set(p.map(caseOf)));
    expect([...casesOf[0]].filter((n) => casesOf[1].has(n))).toEqual([]);
    expect(parts.map((p) => p.length)).toEqual([161, 160]);
    expect(parts[0]).toContain(320);
    expect([...parts[0], ...parts[1]].sort((x, y) => x - y)).toEqual(events.map((_, i) => i));
    // each part is then checked on its own, keeping the batch's indexes
    const checked = checkEvents({ departmentCode: DEPT, events }, parts[0]);
    expect(checked.rejected.map((r) => [r.index, r.code])).toEqual([[320, 'INVALID_EVENT']]);
    expect(checked.candidates.length).toBe(160);
  });

  it('checks a part in slices as it does at once, giving the event loop back between slices', async () => {
    const events: unknown[] = Array.from({ length: 12 }, (_, i) => lifecycle(`S-sl${i}`)).flat();
    events.push({ eventId: 'broken' }, events[5], { ...(events[6] as object), caseNo: 'S-sl0' });
    const indexes = events.map((_, i) => i).filter((i) => i % 3 !== 1 || i >= 96);
    // a ticker that runs once per turn of the event loop (a timer would depend on the machine's speed)
    let turns = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const sliced = await checkEventsInSlices({ departmentCode: DEPT, events }, indexes, 4).finally(() => { done = true; });
    expect(sliced).toEqual(checkEvents({ departmentCode: DEPT, events }, indexes));
    expect(sliced.rejected.map((r) => r.code)).toEqual(['INVALID_EVENT']);
    expect(sliced.duplicates + sliced.conflicts.length).toBe(2);
    expect(turns).toBeGreaterThan(0);
  });

  it('leaves small batches, single cases and batches that repeat an eventId whole', () => {
    expect(splitByCase(lifecycle('S-small'), 2)).toHaveLength(1);
    const oneCase = Array.from({ length: 300 }, (_, i) => stepDone('S-one', 'register', '2026-03-02T11:00:00+08:00', `n${i}`));
    expect(splitByCase(oneCase, 2)).toHaveLength(1);
    const events: unknown[] = Array.from({ length: 40 }, (_, i) => lifecycle(`S-c${i}`)).flat();
    expect(splitByCase([...events, events[3]], 2)).toHaveLength(1);
    const changed = { ...registered('S-c0'), caseNo: 'S-c39' };
    expect(splitByCase([...events, changed], 2)).toHaveLength(1);
  });
});

// 2 parts, and 3 (the default on PostgreSQL); 40 cases of 8 events: enough for either split
describe.each([2, 3])('a large push stored in %i parts side by side, in one transaction (config.exchangeParallelism)', (parts) => {
  let p: CasePlatform;
  beforeAll(async () => { p = await casePlatform('2026-03-02T12:00:00+08:00', { exchangeParallelism: parts }); });
  afterAll(() => p.close());

  const n = async (sql: string, params: unknown[] = []) => (await p.db.query<{ n: number }>(sql, params))[0].n;

  it('stores every case whole, answers once with the refusals in batch order, and audits the push once', async () => {
    const auditBefore = await n(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.push'`);
    const events: unknown[] = Array.from({ length: 40 }, (_, i) => lifecycle(`P-${i}`)).flat();
    events.splice(5, 0, ev('u-1', 'P-NOPE', 'case.resumed', '2026-03-02T11:00:00+08:00'));
    events.push({ eventId: 'broken', caseNo: 'P-1' });
    const r = await p.push(events);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(320);
    expect(r.body.rejected.map((x: any) => [x.index, x.code])).toEqual([[5, 'UNKNOWN_CASE'], [321, 'INVALID_EVENT']]);
    for (const no of ['P-0', 'P-17', 'P-29', 'P-39']) {
      const c = await getCaseByNo(p.db, DEPT, no);
      expect(c!.status).toBe('concluded');
      expect(c!.eventCount).toBe(8);
    }
    const audits = await p.db.query<{ details: any }>(`SELECT details FROM audit_log WHERE action = 'exchange.push' ORDER BY seq OFFSET $1`, [auditBefore]);
    expect(audits.map((a) => a.details)).toEqual([{ events: events.length, accepted: 320, duplicates: 0, rejected: 2, conflicts: 0, parts }]);
  });

  it('when one part fails nothing of the batch is stored and the sender is told to retry; the resend stores it all', async () => {
    const boom = { onCaseChanged: async () => undefined, onCasesChanged: async (chs: any[]) => {
      if (chs.some((c) => c.after.caseNo === 'F-0')) throw new Error('observer down');
      return chs.map(() => undefined);
    } };
    const events = Array.from({ length: 40 }, (_, i) => lifecycle(`F-${i}`)).flat();
    p.ctx.hooks.caseChanged.push(boom as any);
    let r;
    try {
      r = await p.push(events);
    } finally {
      p.ctx.hooks.caseChanged.splice(p.ctx.hooks.caseChanged.indexOf(boom as any), 1);
    }
    expect(r.status).toBe(500);
    // the other parts had stored their events and cases in the same transaction: rolled back with them
    expect(await n(`SELECT count(*)::int AS n FROM case_events WHERE case_no LIKE 'F-%'`)).toBe(0);
    expect(await n(`SELECT count(*)::int AS n FROM cases WHERE case_no LIKE 'F-%'`)).toBe(0);
    expect(await n(`SELECT count(*)::int AS n FROM deadline_clocks c JOIN cases k ON k.id = c.owner_id WHERE k.case_no LIKE 'F-%'`)).toBe(0);
    const failure = await p.db.query<{ outcome: string }>(`SELECT outcome FROM audit_log WHERE action = 'exchange.push' ORDER BY seq DESC LIMIT 1`);
    expect(failure.map((a) => a.outcome)).toEqual(['failure']);
    const again = await p.push(events);
    expect(again.body).toEqual({ accepted: 320, duplicates: 0, conflicts: [], rejected: [] });
    expect(await n(`SELECT count(*)::int AS n FROM cases WHERE case_no LIKE 'F-%' AND status = 'concluded'`)).toBe(40);
  });

  it('a resend of a stored event under another, unknown case number is a conflict, not a refusal', async () => {
    await p.push([registered('R-1'), stepDone('R-1', 'register', '2026-03-02T11:00:00+08:00')]);
    const moved = { ...stepDone('R-1', 'register', '2026-03-02T11:00:00+08:00'), caseNo: 'R-NOPE' };
    const r = await p.push([moved]);
    expect(r.body).toEqual({ accepted: 0, duplicates: 0, conflicts: [{ index: 0, eventId: 'R-1-register' }], rejected: [] });
    expect(await n(`SELECT count(*)::int AS n FROM case_event_conflicts WHERE event_id = 'R-1-register'`)).toBe(1);
    const again = await p.push([moved]);
    expect(again.body).toEqual({ accepted: 0, duplicates: 0, conflicts: [{ index: 0, eventId: 'R-1-register' }], rejected: [] }); // kept once
  });

  it('judges a case by an item version published after earlier batches, and never by one a rolled-back transaction wrote', async () => {
    const v1 = await p.db.query<{ effective_from: Date }>(`SELECT effective_from FROM power_item_versions WHERE item_code = 'P-TEST-001' AND version = 1`);
    expect(v1).toHaveLength(1);
    await p.push([registered('V-1')]); // the ingest now knows version 1
    expect((await getCaseByNo(p.db, DEPT, 'V-1'))!.itemVersion).toBe(1);
    const addVersion2 = (q: { query: typeof p.db.query }) => q.query(
      `INSERT INTO power_item_versions (item_code, version, effective_from, status, content, content_hash, created_at)
       SELECT item_code, 2, '2026-03-02T09:00:00+08:00', status, content, content_hash || '-2', created_at FROM power_item_versions WHERE item_code = 'P-TEST-001' AND version = 1`);
    // a transaction that writes version 2, registers a case by it, then rolls back
    await expect(p.db.tx(async (q) => {
      await addVersion2(q);
      const r = await ingestEvents(q, p.ctx, { departmentCode: DEPT, regionCode: '511702', source: 'exchange', events: [registered('V-2')] });
      expect(r.accepted).toBe(1);
      expect((await getCaseByNo(q, DEPT, 'V-2'))!.itemVersion).toBe(2);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    await p.push([registered('V-3')]);
    expect((await getCaseByNo(p.db, DEPT, 'V-3'))!.itemVersion).toBe(1);
    // version 2 published for real
    await addVersion2(p.db);
    await p.push([registered('V-4')]);
    expect((await getCaseByNo(p.db, DEPT, 'V-4'))!.itemVersion).toBe(2);
  });
});
