import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventAlreadyStored } from '../../src/store/case.store.js';
import type { Db, Queryable } from '../../src/store/db.js';
import { casePlatform, lifecycle, type CasePlatform } from './case-helpers.js';

const cases = (prefix: string, n = 30) => Array.from({ length: n }, (_, i) => lifecycle(`${prefix}-${i}`));

/**
 * A push presumes its events new (a plain insert); one stored before sends the push round again
 * from the start, looking each event up. Two parts a batch: the stored event is met by the
 * first part or by the second, after the first part's events went in.
 */
describe('exchange push: events presumed new, and resends', () => {
  let p: CasePlatform;
  /** The errors of failed transactions, in order. */
  const failed: unknown[] = [];
  let tx: Db['tx'];
  beforeAll(async () => {
    p = await casePlatform(undefined, { exchangeParallelism: 2 });
    tx = p.ctx.db.tx;
    p.ctx.db.tx = <T>(fn: (q: Queryable) => Promise<T>) => (tx.call(p.ctx.db, fn) as Promise<T>).catch((e: unknown) => {
      failed.push(e);
      throw e;
    });
  });
  afterAll(async () => {
    p.ctx.db.tx = tx;
    await p.close();
  });

  const n = async (sql: string) => (await p.db.query(sql))[0].n as number;
  const failures = () => failed.filter((e) => e instanceof EventAlreadyStored).length;

  it('stores what is new of a push that resends stored events, after one rolled-back run, audited once as a success', async () => {
    const all = cases('R').flat();
    const first = cases('R').flatMap((l) => l.slice(0, 6));
    expect((await p.push(first)).body).toEqual({ accepted: 180, duplicates: 0, conflicts: [], rejected: [] });
    expect(failed).toEqual([]);

    const again = await p.push(all);
    expect(again.body).toEqual({ accepted: 60, duplicates: 180, conflicts: [], rejected: [] });
    expect(failed.length).toBe(1);
    expect(failures()).toBe(1);
    expect(await n(`SELECT count(*)::int AS n FROM case_events WHERE case_no LIKE 'R-%'`)).toBe(240);
    expect(await n(`SELECT count(*)::int AS n FROM cases WHERE case_no LIKE 'R-%' AND status = 'concluded'`)).toBe(30);
    // nothing of the rolled-back run: every event and clock belongs to a stored case
    expect(await n(`SELECT count(*)::int AS n FROM case_events e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id)`)).toBe(0);
    expect(await n(`SELECT count(*)::int AS n FROM deadline_clocks d WHERE owner_kind = 'case' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = d.owner_id)`)).toBe(0);
    const audit = await p.db.query(`SELECT outcome, details FROM audit_log WHERE action = 'exchange.push' ORDER BY seq`);
    expect(audit.map((a) => a.outcome)).toEqual(['success', 'success']);
    expect(audit[1].details).toMatchObject({ events: 240, accepted: 60, duplicates: 180, parts: 2 });
  });

  it('looks each event up while the department resends, and presumes again after a push that found none stored', async () => {
    // the department's last push found events stored: this resend is looked up from the start
    expect((await p.push(cases('R').flat())).body).toEqual({ accepted: 0, duplicates: 240, conflicts: [], rejected: [] });
    expect(failures()).toBe(1);
    // new cases, still looked up (the push before found stored ones); they are all new
    expect((await p.push(cases('S').flat())).body).toEqual({ accepted: 240, duplicates: 0, conflicts: [], rejected: [] });
    expect(failures()).toBe(1);
    // presumed new again: a resend found stored sends the push round once more. The resent case
    // is the second part's (splitByCase deals the cases out in turn): the first part's events
    // went in, and are rolled back with the rest
    const t = cases('T');
    const mixed = [...t[0], ...lifecycle('S-0'), ...t.slice(1).flat()];
    expect((await p.push(mixed)).body).toEqual({ accepted: 240, duplicates: 8, conflicts: [], rejected: [] });
    expect(failures()).toBe(2);
    expect(failed.length).toBe(2);
  });

  it('keeps a changed resend beside the original when the presumption fails (DATA_MODIFIED)', async () => {
    expect((await p.push(cases('U').flat())).body.accepted).toBe(240);
    const changed = cases('U').flat().map((e) => (e.eventId === 'U-3-dec' ? { ...e, data: { ...(e.data as object), reason: '情节轻微' } } : e));
    const r = await p.push([...cases('V').flat(), ...changed.filter((e) => e.caseNo === 'U-3')]);
    expect(r.body).toEqual({ accepted: 240, duplicates: 7, conflicts: [{ index: 245, eventId: 'U-3-dec' }], rejected: [] });
    expect(failures()).toBe(3);
    const kept = await p.db.query(`SELECT data FROM case_event_conflicts WHERE event_id = 'U-3-dec'`);
    expect(kept.map((k) => k.data.reason)).toEqual(['情节轻微']);
  });
});
