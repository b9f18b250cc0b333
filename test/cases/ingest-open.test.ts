import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEvents, openKeys } from '../../src/services/cases/ingest-check.js';
import { ingestEvents, storeChecked } from '../../src/services/cases/ingest.service.js';
import { getCaseByNo, openCases } from '../../src/store/case.store.js';
import { casePlatform, DEPT, registered, stepDone, type CasePlatform } from './case-helpers.js';

/**
 * case_ingest_open: an ingest's cases are locked and read in one round trip, sent before its
 * events are checked.
 */
describe('opening the cases of a batch (case_ingest_open)', () => {
  let p: CasePlatform;
  beforeAll(async () => {
    p = await casePlatform();
  });
  afterAll(() => p.close());
  const input = (events: unknown[]) => ({ departmentCode: DEPT, regionCode: '511702', source: 'exchange' as const, events });

  it('reads the stored cases, the stored copies of registrations and the versions of every item named', async () => {
    await p.push([registered('OPEN-1'), stepDone('OPEN-1', 'register', '2026-03-02T11:00:00+08:00')]);
    const o = await p.db.tx((q) => openCases(q, DEPT, { caseNos: ['OPEN-1', 'OPEN-NONE'], registrationIds: ['OPEN-1-reg', 'NOT-STORED'], itemCodes: ['NO-SUCH-ITEM'] }));
    expect([...o.cases.keys()]).toEqual(['OPEN-1']);
    const c = o.cases.get('OPEN-1')!;
    const stored = (await getCaseByNo(p.db, DEPT, 'OPEN-1'))!;
    // the JSON row reads as the driver's row does: instants as Dates, the state revived
    expect(c.acceptedAt).toBeInstanceOf(Date);
    expect(c.acceptedAt!.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(c.dueAt?.toISOString()).toBe(stored.dueAt?.toISOString());
    expect(c.createdAt).toBeInstanceOf(Date);
    expect(c.state.steps[0].startedAt).toBeInstanceOf(Date);
    expect(c.state).toEqual(stored.state);
    expect(c.itemCode).toBe('P-TEST-001');
    expect(o.registrations.get('OPEN-1-reg')).toMatchObject({ caseNo: 'OPEN-1' });
    expect(o.registrations.get('OPEN-1-reg')!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(o.registrations.has('NOT-STORED')).toBe(false);
    // the versions of the stored case's item come with it, though no registration named it
    expect(o.versions.map((v) => v.item_code)).toContain('P-TEST-001');
    expect(o.versions.every((v) => typeof v.version === 'number' && /^\d+$/.test(v.x))).toBe(true);
  });

  it('a transaction waiting for a case\'s lock reads what the holder committed meanwhile', async () => {
    // A opens K, stores its case, and keeps the lock a while; B opens K meanwhile and must see
    // the case A committed, not the state of the moment it started waiting
    let locked!: () => void;
    const aHasLock = new Promise<void>((r) => (locked = r));
    const a = p.db.tx(async (q) => {
      await openCases(q, DEPT, { caseNos: ['OPEN-RACE'], registrationIds: [], itemCodes: [] });
      locked();
      await q.query('SELECT pg_sleep(0.1)');
      const r = await ingestEvents(q, p.ctx, input([registered('OPEN-RACE')]));
      expect(r.accepted).toBe(1);
    });
    await aHasLock;
    const b = await p.db.tx((q) => openCases(q, DEPT, { caseNos: ['OPEN-RACE'], registrationIds: ['OPEN-RACE-reg'], itemCodes: [] }));
    await a;
    expect([...b.cases.keys()]).toEqual(['OPEN-RACE']);
    expect(b.registrations.has('OPEN-RACE-reg')).toBe(true);
  });

  it('takes the keys off raw events without trusting their shape', () => {
    const raw = [
      registered('R-1'), stepDone('R-1', 'register', '2026-03-02T11:00:00+08:00'), null, 7, 'x',
      { caseNo: 5, eventId: 6, type: 'case.registered', data: null }, { caseNo: 'R-2', type: 'case.registered', eventId: 'R-2-reg', data: { itemCode: ['x'] } },
    ];
    expect(openKeys(raw)).toEqual({ caseNos: ['R-1', 'R-1', 'R-2'], registrationIds: ['R-1-reg', 'R-2-reg'], itemCodes: ['P-TEST-001'] });
    expect(openKeys(raw, [1, 6])).toEqual({ caseNos: ['R-1', 'R-2'], registrationIds: ['R-2-reg'], itemCodes: [] });
  });

  it('refuses to store an event whose case its transaction did not lock, and stores nothing', async () => {
    const events = [registered('OPEN-2'), registered('OPEN-3')];
    await expect(p.db.tx(async (q) => {
      const opened = await openCases(q, DEPT, openKeys(events.slice(0, 1)));
      return storeChecked(q, p.ctx, input(events), checkEvents(input(events)), opened);
    })).rejects.toThrow(/OPEN-3-reg names keys its transaction did not open/);
    expect(await getCaseByNo(p.db, DEPT, 'OPEN-2')).toBeNull();
  });

  it('a batch of nothing but invalid events opens nothing and stores nothing', async () => {
    const r = await p.push([{ eventId: 'BAD-1', caseNo: 'OPEN-4', type: 'case.registered' }, { nonsense: true }]);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(0);
    expect(r.body.rejected.map((x: { code: string }) => x.code)).toEqual(['INVALID_EVENT', 'INVALID_EVENT']);
    expect(await getCaseByNo(p.db, DEPT, 'OPEN-4')).toBeNull();
  });
});
