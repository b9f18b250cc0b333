import type { DayKind } from '../../domain/calendar/calendar.types.js';
import { dayIndexOfDate, weekdayOfIndex } from '../../domain/calendar/day-index.js';
import { emitIcs, parseIcs } from '../../domain/calendar/ics.js';
import { expandYear, type SpecialDay } from '../../domain/calendar/year-rows.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import {
  deleteRegionalDay, getRegionalCalendar, listDays, listRegionalDays, markYearLoaded, nextVersion, upsertDays,
  upsertRegionalCalendar, upsertRegionalDay, yearSource,
} from '../../store/calendar.store.js';
import type { Queryable } from '../../store/db.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { checkDate, checkRegion, provider } from './calendar.service.js';
import { scheduleRecompute, type CalendarChangeSpan } from './recompute.js';

export interface CalendarChangeResult {
  version: number | null;
  changedDates: string[];
}

function requireManage(actor: Actor, regionCode: string | null): void {
  if (!can(actor, 'calendar.manage', { regionCode })) throw forbidden('需要日历管理权限 (calendar.manage required)');
}

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2040) throw invalid('year', `须在 2000–2040 之间 (must be 2000–2040): ${year}`);
  return year;
}

/** 工作日 definition (§1): weekend and make-up days fall on Saturday/Sunday; a plain workday on Monday–Friday. */
function checkKindFits(date: string, kind: DayKind, field = 'kind'): void {
  const weekend = weekdayOfIndex(dayIndexOfDate(date)) % 6 === 0;
  if ((kind === 'weekend' || kind === 'makeup_workday') && !weekend) throw invalid(field, `${date} 不是周末，不能设为 ${kind} (only a Saturday or Sunday can be ${kind})`);
  if (kind === 'workday' && weekend) throw invalid(field, `${date} 是周末，调休上班请用 makeup_workday (a weekend working day is a makeup_workday)`);
}

/** After the change committed: serve the new version at once, recompute open clocks in the background. */
async function afterChange(ctx: AppContext, span: CalendarChangeSpan | null): Promise<void> {
  if (!span) return;
  await provider(ctx).reload();
  void scheduleRecompute(ctx, span);
}

async function newVersion(q: Queryable, ctx: AppContext, actor: Actor, e: { regionCode: string | null; action: string; note: string | null; dates: string[]; spanFrom: string | null; spanTo: string | null }) {
  return nextVersion(q, { ...e, actorName: actorAudit(actor).actorName, at: ctx.clock.now() });
}

/** Edits one day of the national calendar (its year must be loaded: import a year first). */
export async function editDay(ctx: AppContext, actor: Actor, input: { date: string; kind: DayKind; name?: string | null; source?: string | null; note?: string | null }): Promise<CalendarChangeResult> {
  requireManage(actor, null);
  const date = checkDate(input.date);
  checkKindFits(date, input.kind);
  const year = +date.slice(0, 4);
  if (!provider(ctx).loadedYears().includes(year)) throw invalid('date', `${year} 年日历尚未导入，请先导入该年 (the ${year} calendar is not loaded: import the year first)`);
  let span: CalendarChangeSpan | null = null;
  const r = await audited(ctx, actor, {
    action: 'calendar.day_edited', target: date,
    details: (res: CalendarChangeResult) => ({ kind: input.kind, name: input.name ?? null, version: res.version }),
    run: async (q) => {
      const [old] = await listDays(q, date, date);
      const name = input.name ?? null;
      if (old && old.kind === input.kind && old.name === name) return { version: null, changedDates: [] };
      const version = await newVersion(q, ctx, actor, { regionCode: null, action: 'edit_day', note: input.note ?? null, dates: [date], spanFrom: date, spanTo: date });
      await upsertDays(q, [{ date, kind: input.kind, name, source: input.source ?? null }], version);
      span = { version, regionCode: null, dates: [date], spanFrom: date, spanTo: date };
      return { version, changedDates: [date] };
    },
  });
  await afterChange(ctx, span);
  return r;
}

/**
 * Imports a year's official calendar (the State Council notice): its days off and make-up
 * working days, as JSON or iCalendar; every other date is Monday–Friday. The year becomes
 * official, so every open clock touching it is recomputed (and loses `provisional`).
 */
export type ImportResult = CalendarChangeResult & { year: number; ignored: number; holidays: number; makeupWorkdays: number };

export async function importYear(ctx: AppContext, actor: Actor, input: { year: number; source: string; days?: SpecialDay[]; ics?: string }): Promise<ImportResult> {
  requireManage(actor, null);
  const year = checkYear(input.year);
  if (!input.source?.trim()) throw invalid('source', '须注明来源通知 (name the notice the calendar comes from)');
  if (!input.days === !input.ics) throw invalid('days', '须提供 days 或 ics 之一 (give either days or ics)');
  let special: SpecialDay[];
  let ignored = 0;
  if (input.ics) ({ days: special, ignored } = parseIcs(input.ics, year));
  else {
    special = input.days!;
    special.forEach((d, i) => {
      checkDate(d.date, `days[${i}].date`);
      if (+d.date.slice(0, 4) !== year) throw invalid(`days[${i}].date`, `不在 ${year} 年内 (not in ${year}): ${d.date}`);
      if (d.kind !== 'holiday' && d.kind !== 'makeup_workday') throw invalid(`days[${i}].kind`, `须为 holiday 或 makeup_workday: ${d.kind}`);
    });
  }
  const seen = new Set<string>();
  special.forEach((d, i) => {
    if (seen.has(d.date)) throw invalid(`days[${i}].date`, `日期重复 (duplicate date): ${d.date}`);
    seen.add(d.date);
    if (d.kind === 'makeup_workday') checkKindFits(d.date, d.kind, `days[${i}].kind`);
  });
  const rows = expandYear(year, special).map((r) => ({ ...r, source: r.kind === 'holiday' || r.kind === 'makeup_workday' ? input.source.trim() : null }));
  let span: CalendarChangeSpan | null = null;
  const r = await audited<ImportResult>(ctx, actor, {
    action: 'calendar.year_imported', target: String(year),
    details: (res) => ({ version: res.version, source: input.source, changed: res.changedDates.length, holidays: res.holidays, makeupWorkdays: res.makeupWorkdays }),
    run: async (q) => {
      const old = new Map((await listDays(q, `${year}-01-01`, `${year}-12-31`)).map((d) => [d.date, d]));
      // Against the stored day, or the Monday–Friday reckoning of a year not loaded before.
      const changed = rows.filter((r) => {
        const o = old.get(r.date) ?? { kind: weekdayOfIndex(dayIndexOfDate(r.date)) % 6 === 0 ? 'weekend' : 'workday', name: null };
        return o.kind !== r.kind || o.name !== r.name;
      }).map((r) => r.date);
      const holidays = special.filter((d) => d.kind === 'holiday').length;
      const makeupWorkdays = special.filter((d) => d.kind === 'makeup_workday').length;
      if ((await yearSource(q, year)) === input.source.trim() && !changed.length) return { version: null, changedDates: [], year, ignored, holidays, makeupWorkdays };
      const version = await newVersion(q, ctx, actor, { regionCode: null, action: 'import_year', note: input.source, dates: changed, spanFrom: `${year}-01-01`, spanTo: `${year}-12-31` });
      await upsertDays(q, rows, version);
      await markYearLoaded(q, year, input.source.trim(), version, ctx.clock.now());
      // The whole year: clocks touching it lose `provisional` even where no day changed.
      span = { version, regionCode: null, dates: changed, spanFrom: `${year}-01-01`, spanTo: `${year}-12-31` };
      return { version, changedDates: changed, year, ignored, holidays, makeupWorkdays };
    },
  });
  await afterChange(ctx, span);
  return r;
}

/** A year's special days (days off, make-up working days) as JSON (re-importable) or iCalendar. */
export async function exportYear(ctx: AppContext, actor: Actor, input: { year: number; format: 'json' | 'ics'; region?: string | null }) {
  const region = checkRegion(input.region);
  requireManage(actor, region);
  const year = checkYear(input.year);
  const cal = ctx.calendars.forRegion(region);
  const stored = [
    ...(await listDays(ctx.db, `${year}-01-01`, `${year}-12-31`)),
  ];
  const sources = new Map(stored.map((d) => [d.date, d.source]));
  const days: (SpecialDay & { source: string | null })[] = [];
  for (const r of expandYear(year, [])) {
    const info = cal.dayInfo(r.date);
    if (info.kind === 'holiday' || info.kind === 'makeup_workday') days.push({ date: r.date, kind: info.kind, name: info.name, source: sources.get(r.date) ?? null });
  }
  const loaded = provider(ctx).loadedYears().includes(year);
  const source = await yearSource(ctx.db, year);
  if (input.format === 'ics') {
    return { contentType: 'text/calendar; charset=utf-8', body: emitIcs(year, days, { calendarName: `${year} 年${cal.regionCode ? ` ${cal.regionCode} ` : '全国'}工作日历`, stamp: ctx.clock.now() }) };
  }
  return { contentType: 'application/json; charset=utf-8', body: { year, regionCode: cal.regionCode, loaded, source, calendarVersion: cal.version, days } };
}

/** Creates (or renames) a regional calendar: it inherits the national one for its region subtree. */
export async function saveRegionalCalendar(ctx: AppContext, actor: Actor, input: { regionCode: string; name: string }) {
  const regionCode = checkRegion(input.regionCode)!;
  requireManage(actor, regionCode);
  if (!input.name?.trim()) throw invalid('name', '须填写名称 (name required)');
  await audited(ctx, actor, {
    action: 'calendar.regional_saved', target: regionCode, details: () => ({ name: input.name }),
    run: async (q) => {
      const version = await newVersion(q, ctx, actor, { regionCode, action: 'regional_calendar', note: input.name, dates: [], spanFrom: null, spanTo: null });
      await upsertRegionalCalendar(q, regionCode, input.name.trim(), version, ctx.clock.now());
    },
  });
  await provider(ctx).reload();
  return { regionCode, name: input.name.trim() };
}

/** Sets a local day (e.g. 凉山州 彝族年 days off) on a regional calendar. */
export async function setRegionalDay(ctx: AppContext, actor: Actor, input: { regionCode: string; date: string; kind: DayKind; name?: string | null; source?: string | null }): Promise<CalendarChangeResult> {
  const regionCode = checkRegion(input.regionCode)!;
  requireManage(actor, regionCode);
  const date = checkDate(input.date);
  if (input.kind !== 'holiday' && input.kind !== 'makeup_workday') throw invalid('kind', `地方日历只能设休息日或调休上班 (holiday or makeup_workday): ${input.kind}`);
  checkKindFits(date, input.kind);
  return regionalChange(ctx, actor, regionCode, date, 'calendar.regional_day_set', async (q, version) => {
    await upsertRegionalDay(q, regionCode, { date, kind: input.kind, name: input.name ?? null, source: input.source ?? null }, version);
  });
}

export async function removeRegionalDay(ctx: AppContext, actor: Actor, input: { regionCode: string; date: string }): Promise<CalendarChangeResult> {
  const regionCode = checkRegion(input.regionCode)!;
  requireManage(actor, regionCode);
  const date = checkDate(input.date);
  return regionalChange(ctx, actor, regionCode, date, 'calendar.regional_day_removed', async (q) => {
    if (!(await deleteRegionalDay(q, regionCode, date))) throw notFound('地方日历日期', `${regionCode}/${date}`);
  });
}

async function regionalChange(ctx: AppContext, actor: Actor, regionCode: string, date: string, action: string, write: (q: Queryable, version: number) => Promise<void>): Promise<CalendarChangeResult> {
  let span: CalendarChangeSpan | null = null;
  const r = await audited(ctx, actor, {
    action, target: `${regionCode}/${date}`, details: (res: CalendarChangeResult) => ({ version: res.version }),
    run: async (q) => {
      if (!(await getRegionalCalendar(q, regionCode))) throw notFound('地方日历', regionCode);
      const version = await newVersion(q, ctx, actor, { regionCode, action: action.replace('calendar.', ''), note: null, dates: [date], spanFrom: date, spanTo: date });
      await write(q, version);
      span = { version, regionCode, dates: [date], spanFrom: date, spanTo: date };
      return { version, changedDates: [date] };
    },
  });
  await afterChange(ctx, span);
  return r;
}

export async function listRegionalCalendarDays(ctx: AppContext, actor: Actor, input: { regionCode: string; year: number }) {
  const regionCode = checkRegion(input.regionCode)!;
  requireManage(actor, regionCode);
  const cal = await getRegionalCalendar(ctx.db, regionCode);
  if (!cal) throw notFound('地方日历', regionCode);
  const year = checkYear(input.year);
  return { ...cal, year, days: await listRegionalDays(ctx.db, regionCode, `${year}-01-01`, `${year}-12-31`) };
}
