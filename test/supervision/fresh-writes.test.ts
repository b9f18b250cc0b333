import { afterEach, describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/store/db.js';
import { queueAlerts, type NewAlert } from '../../src/store/supervision/alert.store.js';
import { reg, step, supPlatform, type SupPlatform } from './sup-helpers.js';

/**
 * A case created by a push (a new id, its number locked and found unused) has nothing stored:
 * its projection row, clocks and alerts are written with plain inserts. A stored case keeps the
 * upserts and ON CONFLICT, so an alert already open is not raised twice.
 */
describe('writes for cases created in the same transaction', () => {
  let p: SupPlatform;
  afterEach(async () => p?.close());

  /** The statements each push sent that write cases, clocks or alerts. */
  const record = (platform: SupPlatform) => {
    const seen: string[] = [];
    const tx = platform.ctx.db.tx;
    platform.ctx.db.tx = <T>(fn: (q: Queryable) => Promise<T>) => tx.call(platform.ctx.db, (q: Queryable) => fn(new Proxy(q, {
      get: (t, k) => (k === 'query' ? (sql: string, ...rest: unknown[]) => {
        const m = /INSERT INTO (cases|deadline_clocks|supervision_alerts)\b/.exec(sql);
        // the table's own INSERT clause (a statement may go on to write other tables, e.g. its messages)
        const clause = m ? sql.slice(m.index).split(/(?=INSERT INTO )/)[0] : '';
        if (m) seen.push(`${m[1]}${/ON CONFLICT/.test(clause) ? ' upsert' : ' insert'}`);
        return (t.query as any)(sql, ...rest);
      } : (t as any)[k]),
    }))) as Promise<T>;
    return seen;
  };
  const late = (no: string) => [reg(no, '2026-03-02T10:00:00+08:00'), step(no, 'register', '2026-03-02T11:00:00+08:00'), step(no, 'investigate', '2026-03-02T12:00:00+08:00')];

  it('inserts a new case\'s rows, upserts a stored case\'s, and raises each alert once', async () => {
    p = await supPlatform();
    const seen = record(p);
    // pushed three days late: every event is a LATE_EXCHANGE finding, LATE_ENTRY for the registration
    await p.pushAt('2026-03-05T12:00:00+08:00', late('FR-1'));
    expect(seen.sort()).toEqual(['cases insert', 'deadline_clocks insert', 'supervision_alerts insert']);
    expect(await p.codes('FR-1')).toEqual(['LATE_ENTRY', 'LATE_EXCHANGE']);

    // the stored case again, late again, beside a new one: the stored case's rows are upserted and
    // its open alerts are not raised a second time
    seen.length = 0;
    await p.pushAt('2026-03-06T12:00:00+08:00', [step('FR-1', 'decide', '2026-03-02T13:00:00+08:00'), ...late('FR-2')]);
    expect(seen.sort()).toEqual(['cases upsert', 'deadline_clocks insert', 'deadline_clocks upsert', 'supervision_alerts insert', 'supervision_alerts upsert']);
    expect(await p.codes('FR-1')).toEqual(['LATE_ENTRY', 'LATE_EXCHANGE']);
    expect(await p.codes('FR-2')).toEqual(['LATE_ENTRY', 'LATE_EXCHANGE']);
    const n = await p.db.query<{ case_no: string; n: number }>('SELECT case_no, count(*)::int AS n FROM deadline_clocks d JOIN cases c ON c.id = d.owner_id GROUP BY 1 ORDER BY 1');
    expect(n.map((r) => r.case_no)).toEqual(['FR-1', 'FR-2']);
  });

  it('keeps the first of fresh alerts for the same subject, code and step, as ON CONFLICT would', async () => {
    p = await supPlatform();
    const alert = (id: string, message: string, fresh: boolean): NewAlert => ({
      id, code: 'LATE_EXCHANGE', level: 'yellow', subjectKind: 'case', subjectId: 'case-x', step: null, caseId: 'case-x', caseNo: 'X-1',
      departmentCode: null, regionCode: null, message, fresh,
    });
    const now = new Date('2026-03-05T04:00:00Z');
    await p.db.tx((q) => queueAlerts(q, [alert('a1', 'first', true), alert('a2', 'second', true)], now));
    // a stored subject's alert meets the open one: skipped
    await p.db.tx((q) => queueAlerts(q, [alert('a3', 'third', false)], now));
    expect(await p.db.query('SELECT id, message FROM supervision_alerts')).toEqual([{ id: 'a1', message: 'first' }]);
  });

  it('does not hide a wrongly fresh alert: a stored one makes the insert fail', async () => {
    p = await supPlatform();
    const a = (id: string): NewAlert => ({ id, code: 'LATE_ENTRY', level: 'yellow', subjectKind: 'case', subjectId: 'case-y', step: null, departmentCode: null, regionCode: null, message: 'm', fresh: true });
    const now = new Date('2026-03-05T04:00:00Z');
    await p.db.tx((q) => queueAlerts(q, [a('b1')], now));
    await expect(p.db.tx((q) => queueAlerts(q, [a('b2')], now))).rejects.toThrow(/supervision_alerts_one_open/);
    expect((await p.db.query('SELECT id FROM supervision_alerts')).map((r) => r.id)).toEqual(['b1']);
  });
});
