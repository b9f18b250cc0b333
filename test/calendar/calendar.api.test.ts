import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock } from '../../src/services/calendar/clocks.js';
import { calendarJobsIdle } from '../../src/services/calendar/recompute.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedRegions, seedUser } from '../helpers/factories.js';

describe('calendar API (§7 and administration)', () => {
  let p: TestPlatform;
  let admin: { authorization: string };
  let handler: { authorization: string };
  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-11-20T10:00:00+08:00' });
    await seedRegions(p.db);
    await seedUser(p.db, { username: 'cal-admin', role: 'system_admin' });
    await seedUser(p.db, { username: 'dz-handler', role: 'handler', region: '511702' });
    await p.db.query("INSERT INTO regions (code, name, parent_code, level) VALUES ('513400', '凉山彝族自治州', '510000', 'city') ON CONFLICT DO NOTHING");
    await seedUser(p.db, { username: 'ls-admin', role: 'region_admin', region: '513400' });
    admin = await bearer(p.app, 'cal-admin');
    handler = await bearer(p.app, 'dz-handler');
  });
  afterAll(() => p.close());

  const get = (url: string, headers?: Record<string, string>) => p.app.inject({ method: 'GET', url, headers });

  it('GET /api/calendar/days/{date} answers exactly the §7 shape, without logging in', async () => {
    const r = await get('/api/calendar/days/2025-01-28');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ date: '2025-01-28', working: false, kind: 'holiday', name: '春节', provisional: false });
    expect((await get('/api/calendar/days/2026-10-10')).json()).toEqual({ date: '2026-10-10', working: true, kind: 'makeup_workday', name: '国庆节', provisional: false });
    expect((await get('/api/calendar/days/2027-03-01')).json()).toEqual({ date: '2027-03-01', working: true, kind: 'workday', name: null, provisional: true });
    const bad = await get('/api/calendar/days/2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'date' } });
  });

  it('GET /api/calendar/due follows §1 (the standard example) and marks provisional years', async () => {
    const r = await get('/api/calendar/due?from=2026-03-02T10:00:00%2B08:00&workingDays=5');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ dueAt: '2026-03-09T16:00:00.000Z', warnAt: '2026-03-06T16:00:00.000Z', provisional: false });
    expect((await get('/api/calendar/due?from=2026-12-28T10:00:00%2B08:00&workingDays=5', admin)).json().provisional).toBe(true);
    const bad = await get('/api/calendar/due?from=yesterday&workingDays=5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/from/);
    expect((await get('/api/calendar/due?from=2026-03-02T10:00:00Z&workingDays=-2')).statusCode).toBe(400);
    const far = await get('/api/calendar/due?from=2046-03-02T10:00:00Z&workingDays=2');
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details).toEqual({ field: 'from' });
  });

  it('administration needs calendar.manage', async () => {
    expect((await get('/api/calendar/years/2026/days?month=10')).statusCode).toBe(401);
    const r = await get('/api/calendar/years/2026/days?month=10', handler);
    expect(r.statusCode).toBe(403);
    const ok = await get('/api/calendar/years/2026/days?month=10', admin);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().days).toHaveLength(31);
    expect(ok.json().days[0]).toMatchObject({ date: '2026-10-01', kind: 'holiday', name: '国庆节', weekday: 4 });
    expect(ok.json().loaded).toBe(true);
    const dec = (await get('/api/calendar/years/2027/days?month=12', admin)).json();
    expect(dec.days).toHaveLength(31);
    expect(dec).toMatchObject({ loaded: false, year: 2027, month: 12 });
    expect(dec.days[30]).toMatchObject({ date: '2027-12-31', provisional: true });
    expect((await get('/api/calendar/years/2026/days', admin)).json().days).toHaveLength(365);
    const status = (await get('/api/calendar', admin)).json();
    expect(status.years).toHaveLength(23);
    expect(status.calendarVersion).toBe(1);
  });

  it('imports a year as iCalendar, exports it as JSON and .ics, and recomputes provisional clocks', async () => {
    await p.db.tx((q) => setClock(q, p.ctx, { ownerKind: 'case', ownerId: 'api-1', kind: 'legal', regionCode: '511702', start: new Date('2027-02-05T09:00:00+08:00'), workingDays: 10 }));
    const prov = await get('/api/calendar/clocks/provisional', admin);
    expect(prov.json().clocks.map((c: any) => c.ownerId)).toEqual(['api-1']);
    // the handler's region covers 511702: sees it too
    expect((await get('/api/calendar/clocks/provisional', handler)).json().total).toBe(1);

    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270206', 'DTEND;VALUE=DATE:20270214', 'SUMMARY:春节(休)', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270220', 'DTEND;VALUE=DATE:20270221', 'SUMMARY:春节(班)', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const imp = await p.app.inject({ method: 'POST', url: '/api/calendar/years/2027/import', headers: admin, payload: { source: '测试通知 (test)', ics } });
    expect(imp.statusCode).toBe(200);
    expect(imp.json()).toMatchObject({ version: 2, year: 2027, holidays: 8, makeupWorkdays: 1 });
    await calendarJobsIdle(p.ctx);
    expect((await get('/api/calendar/clocks/provisional', admin)).json().total).toBe(0);

    const ex = await get('/api/calendar/clocks/case/api-1', admin);
    expect(ex.statusCode).toBe(200);
    const clock = ex.json().clocks[0];
    expect(clock).toMatchObject({ provisional: false, calendarVersion: 2, dueAt: '2027-02-25T16:00:00.000Z' });
    expect(clock.explanation.makeupDaysCounted).toEqual(['2027-02-20']);
    expect(clock.explanation.skippedHolidays).toHaveLength(8);
    expect((await get('/api/calendar/clocks/case/nope', admin)).statusCode).toBe(404);
    expect((await get('/api/calendar/clocks/case/api-1', handler)).statusCode).toBe(200); // 511702 is in its region
    await p.db.tx((q) => setClock(q, p.ctx, { ownerKind: 'case', ownerId: 'cd-9', kind: 'legal', regionCode: '510104', start: new Date('2026-11-20T09:00:00+08:00'), workingDays: 10 }));
    expect((await get('/api/calendar/clocks/case/cd-9', handler)).statusCode).toBe(404); // another region: not shown

    const json = await get('/api/calendar/years/2027/export?format=json', admin);
    expect(json.json().days).toHaveLength(9);
    expect(json.json()).toMatchObject({ year: 2027, loaded: true, source: '测试通知 (test)' });
    const out = await get('/api/calendar/years/2027/export?format=ics', admin);
    expect(out.headers['content-type']).toMatch(/text\/calendar/);
    expect(out.body).toContain('DTSTART;VALUE=DATE:20270220');
    // re-importing its own export changes nothing
    const again = await p.app.inject({ method: 'POST', url: '/api/calendar/years/2027/import', headers: admin, payload: { source: '测试通知 (test)', ics: out.body } });
    expect(again.json()).toMatchObject({ version: null, changedDates: [] });
  });

  it('edits a day and manages a regional calendar through the API', async () => {
    const e = await p.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-12-31', headers: admin, payload: { kind: 'holiday', name: '测试休假' } });
    expect(e.statusCode).toBe(200);
    expect((await get('/api/calendar/days/2026-12-31')).json()).toMatchObject({ working: false, name: '测试休假' });
    const bad = await p.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-12-30', headers: admin, payload: { kind: 'vacation' } });
    expect(bad.statusCode).toBe(400);
    expect((await p.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-12-30', headers: handler, payload: { kind: 'holiday' } })).statusCode).toBe(403);

    expect((await p.app.inject({ method: 'PUT', url: '/api/calendar/regions/513400', headers: admin, payload: { name: '凉山州' } })).statusCode).toBe(200);
    const d = await p.app.inject({ method: 'PUT', url: '/api/calendar/regions/513400/days/2026-12-10', headers: admin, payload: { kind: 'holiday', name: '彝族年' } });
    expect(d.statusCode).toBe(200);
    expect((await get('/api/calendar/days/2026-12-10?region=513431')).json()).toMatchObject({ working: false, name: '彝族年' });
    expect((await get('/api/calendar/days/2026-12-10?region=511702')).json()).toMatchObject({ working: true });
    expect((await get('/api/calendar/due?from=2026-12-07T10:00:00%2B08:00&workingDays=5&region=513431')).json().dueAt).toBe('2026-12-15T16:00:00.000Z');
    const list = await get('/api/calendar/regions/513400/years/2026', admin);
    expect(list.json().days).toEqual([expect.objectContaining({ date: '2026-12-10', kind: 'holiday', name: '彝族年' })]);
    expect((await p.app.inject({ method: 'DELETE', url: '/api/calendar/regions/513400/days/2026-12-10', headers: admin })).statusCode).toBe(200);
    expect((await get('/api/calendar/days/2026-12-10?region=513431')).json().working).toBe(true);
    expect((await p.app.inject({ method: 'PUT', url: '/api/calendar/regions/51340/days/2026-12-10', headers: admin, payload: { kind: 'holiday' } })).json().error.message).toMatch(/region/);
  });

  it('a region administrator keeps its own regional calendar, not the national one', async () => {
    const ls = await bearer(p.app, 'ls-admin');
    await p.app.inject({ method: 'PUT', url: '/api/calendar/regions/513400', headers: admin, payload: { name: '凉山州' } });
    const own = await p.app.inject({ method: 'PUT', url: '/api/calendar/regions/513400/days/2026-11-27', headers: ls, payload: { kind: 'holiday', name: '彝族年' } });
    expect(own.statusCode).toBe(200);
    expect((await p.app.inject({ method: 'PUT', url: '/api/calendar/regions/511700/days/2026-11-27', headers: ls, payload: { kind: 'holiday' } })).statusCode).toBe(403);
    expect((await p.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-11-27', headers: ls, payload: { kind: 'holiday' } })).statusCode).toBe(403);
    expect((await get('/api/calendar/years/2026/days?month=11&region=513401', ls)).json().days[26]).toMatchObject({ date: '2026-11-27', working: false, name: '彝族年', regional: '513400' });
    const audit = await p.db.query("SELECT actor_name, outcome FROM audit_log WHERE action = 'calendar.regional_day_set' ORDER BY seq");
    expect(audit.at(-1)).toEqual({ actor_name: 'ls-admin', outcome: 'success' });
  });

  it('documents the routes in /api/openapi.json', async () => {
    const spec = (await get('/api/openapi.json', admin)).json(); // staff see the whole reference (issue 24 item 11)
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/calendar/days/{date}', '/api/calendar/due']));
  });
});
