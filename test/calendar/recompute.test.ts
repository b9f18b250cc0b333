import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockMove } from '../../src/services/context.js';
import { closeClocks, getClocks, listProvisionalClocks, setClock } from '../../src/services/calendar/clocks.js';
import { editDay, importYear, saveRegionalCalendar, setRegionalDay } from '../../src/services/calendar/calendar-admin.service.js';
import { calendarCatchUp, calendarJobsIdle, recomputeClocks } from '../../src/services/calendar/recompute.js';
import { nextVersion, upsertDays } from '../../src/store/calendar.store.js';
import type { ReloadableCalendarProvider } from '../../src/services/calendar/calendar-provider.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';

const system = { kind: 'system', name: 'test' } as const;
const at = (s: string) => new Date(s);

describe('calendar data, recomputation of stored clocks (store + service)', () => {
  let p: TestPlatform;
  const moves: ClockMove[] = [];
  const changes: number[] = [];
  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-11-20T10:00:00+08:00' });
    p.ctx.hooks.clockMoved.push(async (_q, m) => { moves.push(...m); });
    p.ctx.hooks.calendarChanged.push(async (c) => { changes.push(c.version); });
  });
  afterAll(() => p.close());

  it('seeds 2004–2026 from chinese-days at first start, one row per date, as version 1', async () => {
    const prov = p.ctx.calendars as ReloadableCalendarProvider;
    expect(prov.version).toBe(1);
    expect(prov.loadedYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    const [n] = await p.db.query('SELECT count(*)::int AS n FROM calendar_days');
    expect(n.n).toBe(8401); // 2004-01-01 … 2026-12-31
    const [d] = await p.db.query("SELECT kind, name, source FROM calendar_days WHERE date = '2025-01-26'");
    expect(d).toMatchObject({ kind: 'makeup_workday', name: '春节' });
    expect(d.source).toMatch(/2025/);
  });

  it('a year loaded after deadlines were computed moves them and ends their provisional mark', async () => {
    await p.db.tx(async (q) => {
      // Monday 2026-12-28 + 5: 2027 unknown, reckoned Monday–Friday → Monday 2027-01-04, provisional
      const r = await setClock(q, p.ctx, { ownerKind: 'case', ownerId: 'c-open', kind: 'promised', regionCode: '511702', start: at('2026-12-28T10:00:00+08:00'), workingDays: 5 });
      expect(r.provisional).toBe(true);
      expect(r.dueAt.toISOString()).toBe('2027-01-04T16:00:00.000Z');
      await setClock(q, p.ctx, { ownerKind: 'case', ownerId: 'c-closed', kind: 'promised', regionCode: '511702', start: at('2026-12-28T10:00:00+08:00'), workingDays: 5 });
      await closeClocks(q, 'case', 'c-closed');
      await setClock(q, p.ctx, { ownerKind: 'order', ownerId: 'o-2026', kind: 'response', regionCode: '511702', start: at('2026-11-02T10:00:00+08:00'), workingDays: 20 });
    });
    const before = await listProvisionalClocks(p.db, { regionPrefixes: null, limit: 10, offset: 0 });
    expect(before.clocks.map((c) => c.ownerId)).toEqual(['c-open']);
    await expect(editDay(p.ctx, system, { date: '2027-01-01', kind: 'holiday', name: '元旦' })).rejects.toThrow(/2027/);

    // The (hypothetical) 2027 notice: 1 January off.
    const imp = await importYear(p.ctx, system, { year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知 (test)', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    expect(imp.version).toBe(2);
    expect(imp.changedDates).toEqual(['2027-01-01']);
    // The provider serves the new version at once.
    expect(p.ctx.calendars.forRegion(null).dayInfo('2027-01-01')).toMatchObject({ kind: 'holiday', provisional: false });
    await calendarJobsIdle(p.ctx);

    const [open] = await getClocks(p.db, 'case', 'c-open');
    expect(open.dueAt.toISOString()).toBe('2027-01-05T16:00:00.000Z');
    expect(open.provisional).toBe(false);
    expect(open.calendarVersion).toBe(2);
    expect(open.explanation.skippedHolidays).toEqual([{ date: '2027-01-01', name: '元旦' }]);
    const [closed] = await getClocks(p.db, 'case', 'c-closed');
    expect(closed.dueAt.toISOString()).toBe('2027-01-04T16:00:00.000Z'); // concluded: keeps its deadline
    expect(closed.provisional).toBe(true);
    const [untouched] = await getClocks(p.db, 'order', 'o-2026');
    expect(untouched.calendarVersion).toBe(1);

    expect(moves).toEqual([expect.objectContaining({ ownerKind: 'case', ownerId: 'c-open', kind: 'promised', calendarVersion: 2 })]);
    expect(moves[0].fromDueAt.toISOString()).toBe('2027-01-04T16:00:00.000Z');
    expect(moves[0].toDueAt.toISOString()).toBe('2027-01-05T16:00:00.000Z');
    expect(changes).toContain(2);
    const audit = await p.db.query("SELECT target, details FROM audit_log WHERE action = 'calendar.clock_recomputed'");
    expect(audit).toHaveLength(1);
    expect(audit[0].target).toBe('case/c-open/promised');
    expect(audit[0].details.message).toContain('deadline moved from 2027-01-04 24:00 to 2027-01-05 24:00 by calendar v2');
    const imported = await p.db.query("SELECT outcome FROM audit_log WHERE action = 'calendar.year_imported'");
    expect(imported).toEqual([{ outcome: 'success' }]);

    const after = await listProvisionalClocks(p.db, { regionPrefixes: null, limit: 10, offset: 0 });
    expect(after.total).toBe(0);
    // Safe to run twice: nothing moves again.
    expect(await recomputeClocks(p.ctx, { version: 2, regionCode: null, dates: [], spanFrom: '2027-01-01', spanTo: '2027-12-31' })).toEqual([]);
  });

  it('an edited day moves the open clocks whose span touches it', async () => {
    await p.db.tx((q) => setClock(q, p.ctx, { ownerKind: 'complaint', ownerId: 'k-1', kind: 'acceptance', regionCode: '510100', start: at('2026-11-20T10:00:00+08:00'), workingDays: 5 }));
    expect((await getClocks(p.db, 'complaint', 'k-1'))[0].dueAt.toISOString()).toBe('2026-11-27T16:00:00.000Z');
    const r = await editDay(p.ctx, system, { date: '2026-11-25', kind: 'holiday', name: '临时休假', source: 'test notice' });
    await calendarJobsIdle(p.ctx);
    const [k] = await getClocks(p.db, 'complaint', 'k-1');
    expect(k.dueAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(k.calendarVersion).toBe(r.version);
    // editing to the same value is a no-op (no new version)
    expect((await editDay(p.ctx, system, { date: '2026-11-25', kind: 'holiday', name: '临时休假' })).version).toBeNull();
    await expect(editDay(p.ctx, system, { date: '2026-11-26', kind: 'makeup_workday' })).rejects.toThrow(/kind/);
  });

  it('a regional calendar adds local days off for its subtree only (凉山州 彝族年)', async () => {
    await p.db.tx(async (q) => {
      await setClock(q, p.ctx, { ownerKind: 'case', ownerId: 'ls-1', kind: 'promised', regionCode: '513401', start: at('2026-12-07T10:00:00+08:00'), workingDays: 5 });
      await setClock(q, p.ctx, { ownerKind: 'case', ownerId: 'cd-1', kind: 'promised', regionCode: '510104', start: at('2026-12-07T10:00:00+08:00'), workingDays: 5 });
    });
    await saveRegionalCalendar(p.ctx, system, { regionCode: '513400', name: '凉山彝族自治州' });
    const r = await setRegionalDay(p.ctx, system, { regionCode: '513400', date: '2026-12-10', kind: 'holiday', name: '彝族年', source: '凉山州人民政府通知' });
    await calendarJobsIdle(p.ctx);
    expect(p.ctx.calendars.forRegion('513401').dayInfo('2026-12-10')).toMatchObject({ working: false, kind: 'holiday', name: '彝族年' });
    expect(p.ctx.calendars.forRegion('510104').dayInfo('2026-12-10')).toMatchObject({ working: true, kind: 'workday' });
    expect(p.ctx.calendars.forRegion('513401').regionCode).toBe('513400');
    const [ls] = await getClocks(p.db, 'case', 'ls-1');
    const [cd] = await getClocks(p.db, 'case', 'cd-1');
    expect(ls.dueAt.toISOString()).toBe('2026-12-15T16:00:00.000Z');
    expect(ls.calendarVersion).toBe(r.version);
    expect(ls.explanation.regionCode).toBe('513400');
    expect(cd.dueAt.toISOString()).toBe('2026-12-14T16:00:00.000Z');
    // the days counted are listed when read, though stored without them (they follow from the rest)
    expect(ls.explanation.countedDays).toEqual(['2026-12-08', '2026-12-09', '2026-12-11', '2026-12-14', '2026-12-15']);
    expect(ls.explanation.skippedHolidays).toEqual([{ date: '2026-12-10', name: '彝族年' }]);
    expect(cd.explanation.countedDays).toEqual(['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14']);
    const stored = await p.db.query<{ owner_id: string; listed: boolean }>(
      `SELECT owner_id, explanation::jsonb ? 'countedDays' AS listed FROM deadline_clocks WHERE owner_id IN ('ls-1', 'cd-1') ORDER BY owner_id`);
    expect(stored).toEqual([{ owner_id: 'cd-1', listed: false }, { owner_id: 'ls-1', listed: false }]);
  });

  it('catches up a change written by another instance that stopped before recomputing', async () => {
    await p.db.tx((q) => setClock(q, p.ctx, { ownerKind: 'case', ownerId: 'cu-1', kind: 'promised', regionCode: '511702', start: at('2026-12-14T10:00:00+08:00'), workingDays: 3 }));
    expect((await getClocks(p.db, 'case', 'cu-1'))[0].dueAt.toISOString()).toBe('2026-12-17T16:00:00.000Z');
    const v = await p.db.tx(async (q) => {
      const version = await nextVersion(q, { regionCode: null, action: 'edit_day', note: 'other instance', dates: ['2026-12-16'], spanFrom: '2026-12-16', spanTo: '2026-12-16', actorName: 'x', at: new Date('2026-11-20T03:00:00Z') });
      await upsertDays(q, [{ date: '2026-12-16', kind: 'holiday', name: '临时', source: null }], version);
      return version;
    });
    const r = await calendarCatchUp(p.ctx);
    expect(r).toEqual({ reloaded: true, recomputed: [v] });
    const [c] = await getClocks(p.db, 'case', 'cu-1');
    expect(c.dueAt.toISOString()).toBe('2026-12-18T16:00:00.000Z');
    expect(await calendarCatchUp(p.ctx)).toEqual({ reloaded: false, recomputed: [] });
  });

  it('a refused change stores nothing but the refusal record', async () => {
    const handler = { kind: 'user', userId: 'u1', username: 'h', name: 'h', grants: [{ role: 'handler', regionCode: null, departmentCode: null }], sessionId: null, departmentCode: null, regionCode: null, officerId: null, sourceIp: null } as const;
    await expect(importYear(p.ctx, handler as any, { year: 2028, source: 'x', days: [] })).rejects.toThrow(/forbidden/);
    const [y] = await p.db.query('SELECT count(*)::int AS n FROM calendar_years WHERE year = 2028');
    expect(y.n).toBe(0);
    await expect(importYear(p.ctx, system, { year: 2028, source: 'x', days: [{ date: '2027-05-01', kind: 'holiday', name: null }] })).rejects.toThrow(/days\[0\]\.date/);
  });
});
