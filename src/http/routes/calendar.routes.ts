import { z } from 'zod';
import { computeDue, calendarStatus, explainClocks, getDay, listCalendarDays, provisionalClocks } from '../../services/calendar/calendar.service.js';
import {
  editDay, exportYear, importYear, listRegionalCalendarDays, removeRegionalDay, saveRegionalCalendar, setRegionalDay,
} from '../../services/calendar/calendar-admin.service.js';
import type { RouteModule } from '../app-types.js';

const tags = ['calendar'];
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为 YYYY-MM-DD (must be YYYY-MM-DD)');
const region = z.string().regex(/^[0-9]{6}$/, '须为6位行政区划代码 (6-digit GB/T 2260 code)').optional();
const kind = z.enum(['workday', 'weekend', 'holiday', 'makeup_workday']);
const year = z.coerce.number().int().min(2000).max(2040);
const instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  '须为带时区的 ISO 8601 时间 (ISO 8601 instant with offset)');

export const calendarRoutes: RouteModule = (app, ctx) => {
  // §7: a day as the calendar in force reckons it (public).
  app.get('/api/calendar/days/:date', {
    config: { auth: 'public' },
    schema: { tags, summary: '某日是否工作日 (is a date a working day)', params: z.object({ date }), querystring: z.object({ region }) },
  }, async (req) => getDay(ctx, req.actor, { date: req.params.date, region: req.query.region }));

  // §7: due and warning instants of a limit of N working days from an instant (public; §1, no suspension).
  app.get('/api/calendar/due', {
    config: { auth: 'public' },
    schema: { tags, summary: '计算时限 (compute a working-day limit)', querystring: z.object({ from: instant, workingDays: z.coerce.number().int().min(0).max(3650), region }) },
  }, async (req) => {
    const r = computeDue(ctx, req.actor, { from: new Date(req.query.from), workingDays: req.query.workingDays, region: req.query.region });
    return { dueAt: r.dueAt.toISOString(), warnAt: r.warnAt.toISOString(), provisional: r.provisional };
  });

  // Administration (calendar.manage): loaded years, days, edits, imports, exports, regional calendars.
  app.get('/api/calendar', { schema: { tags, summary: '日历状态 (loaded years, regional calendars, versions)' } },
    async (req) => calendarStatus(ctx, req.actor));

  app.get('/api/calendar/years/:year/days', {
    schema: { tags, summary: '列出某年/某月日历 (list the days of a year or month)', params: z.object({ year }), querystring: z.object({ month: z.coerce.number().int().min(1).max(12).optional(), region }) },
  }, async (req) => listCalendarDays(ctx, req.actor, { year: req.params.year, month: req.query.month, region: req.query.region }));

  app.put('/api/calendar/days/:date', {
    schema: { tags, summary: '修改某日 (edit a day of the national calendar)', params: z.object({ date }),
      body: z.object({ kind, name: z.string().max(100).nullable().optional(), source: z.string().max(500).nullable().optional(), note: z.string().max(500).nullable().optional() }) },
  }, async (req) => editDay(ctx, req.actor, { date: req.params.date, ...req.body }));

  app.post('/api/calendar/years/:year/import', {
    schema: { tags, summary: '导入某年日历 (import a year as JSON days or iCalendar text)', params: z.object({ year }),
      body: z.object({
        source: z.string().min(1).max(500),
        days: z.array(z.object({ date, kind: z.enum(['holiday', 'makeup_workday']), name: z.string().max(100).nullable().optional() })).max(366).optional(),
        ics: z.string().max(2_000_000).optional(),
      }) },
  }, async (req) => importYear(ctx, req.actor, {
    year: req.params.year, source: req.body.source, ics: req.body.ics,
    days: req.body.days?.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null })),
  }));

  app.get('/api/calendar/years/:year/export', {
    schema: { tags, summary: '导出某年日历 (export a year as JSON or iCalendar)', params: z.object({ year }), querystring: z.object({ format: z.enum(['json', 'ics']).default('json'), region }) },
  }, async (req, reply) => {
    const r = await exportYear(ctx, req.actor, { year: req.params.year, format: req.query.format, region: req.query.region });
    reply.type(r.contentType);
    if (req.query.format === 'ics') reply.header('content-disposition', `attachment; filename="calendar-${req.params.year}.ics"`);
    return r.body;
  });

  app.put('/api/calendar/regions/:regionCode', {
    schema: { tags, summary: '建立地方日历 (create or rename a regional calendar)', params: z.object({ regionCode: z.string() }), body: z.object({ name: z.string().min(1).max(100) }) },
  }, async (req) => saveRegionalCalendar(ctx, req.actor, { regionCode: req.params.regionCode, name: req.body.name }));

  app.get('/api/calendar/regions/:regionCode/years/:year', {
    schema: { tags, summary: '地方日历的本地日期 (local days of a regional calendar)', params: z.object({ regionCode: z.string(), year }) },
  }, async (req) => listRegionalCalendarDays(ctx, req.actor, { regionCode: req.params.regionCode, year: req.params.year }));

  app.put('/api/calendar/regions/:regionCode/days/:date', {
    schema: { tags, summary: '设置地方休息日 (set a local day off or make-up day)', params: z.object({ regionCode: z.string(), date }),
      body: z.object({ kind: z.enum(['holiday', 'makeup_workday']), name: z.string().max(100).nullable().optional(), source: z.string().max(500).nullable().optional() }) },
  }, async (req) => setRegionalDay(ctx, req.actor, { regionCode: req.params.regionCode, date: req.params.date, ...req.body }));

  app.delete('/api/calendar/regions/:regionCode/days/:date', {
    schema: { tags, summary: '删除地方日期 (remove a local day)', params: z.object({ regionCode: z.string(), date }) },
  }, async (req) => removeRegionalDay(ctx, req.actor, { regionCode: req.params.regionCode, date: req.params.date }));

  app.get('/api/calendar/clocks/provisional', {
    schema: { tags, summary: '暂定时限 (open deadlines touching a year without an official calendar)',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).default(0) }) },
  }, async (req) => provisionalClocks(ctx, req.actor, req.query));

  app.get('/api/calendar/clocks/:ownerKind/:ownerId', {
    schema: { tags, summary: '时限说明 (how a stored deadline was reached)', params: z.object({ ownerKind: z.string().min(1).max(40), ownerId: z.string().min(1).max(200) }) },
  }, async (req) => explainClocks(ctx, req.actor, req.params));
};
