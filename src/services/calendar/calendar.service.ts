import type { DayInfo, DeadlineResult } from '../../domain/calendar/calendar.types.js';
import { CST_OFFSET_MS, FIRST_YEAR, LAST_YEAR, dateOfIndex, dayIndexOfDate, dayIndexOfInstant, inTable, isValidDate } from '../../domain/calendar/day-index.js';
import { can, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { REGION_CODE, inRegion, regionPrefix } from '../../domain/org/region.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { listCalendarYears, listDays, listRegionalCalendars, listRegionalDays, listVersions } from '../../store/calendar.store.js';
import type { AppContext } from '../context.js';
import type { ReloadableCalendarProvider } from './calendar-provider.js';
import { getClocks, listProvisionalClocks, type StoredClock } from './clocks.js';

export function checkRegion(region: string | null | undefined): string | null {
  if (region == null || region === '') return null;
  if (!REGION_CODE.test(region)) throw invalid('region', `须为6位行政区划代码 (must be a 6-digit GB/T 2260 code): ${region}`);
  return region;
}

export function checkDate(date: string, field = 'date'): string {
  if (!isValidDate(date)) throw invalid(field, `不是有效日期 (not a valid date YYYY-MM-DD): ${date}`);
  return date;
}

export function provider(ctx: AppContext): ReloadableCalendarProvider {
  return ctx.calendars as ReloadableCalendarProvider;
}

/** §7 GET /api/calendar/days/{date}: open to everyone. */
export function getDay(ctx: AppContext, _actor: Actor, input: { date: string; region?: string | null }): DayInfo {
  const region = checkRegion(input.region);
  return ctx.calendars.forRegion(region).dayInfo(checkDate(input.date));
}

/** §7 GET /api/calendar/due: a limit of N working days from an instant, by the rules of §1 (no suspension). */
export function computeDue(ctx: AppContext, _actor: Actor, input: { from: Date; workingDays: number; region?: string | null }): DeadlineResult {
  const region = checkRegion(input.region);
  if (Number.isNaN(input.from.getTime())) throw invalid('from', '不是有效的时间 (not a valid ISO 8601 instant)');
  if (!inTable(dayIndexOfInstant(input.from.getTime()))) throw invalid('from', `超出日历范围 (outside the calendar range ${FIRST_YEAR}–${LAST_YEAR}): ${input.from.toISOString()}`);
  return ctx.calendars.forRegion(region).deadline({ start: input.from, workingDays: input.workingDays });
}

function requireManage(actor: Actor, regionCode: string | null): void {
  if (!can(actor, 'calendar.manage', { regionCode })) throw forbidden('需要日历管理权限 (calendar.manage required)');
}

export interface CalendarDayView extends DayInfo {
  weekday: number;
  source: string | null;
  /** The calendar version that last set this day (null: Monday–Friday default). */
  version: number | null;
  /** Set by a regional calendar (local day off). */
  regional: string | null;
}

/** The days of a year or month as the calendar in force for the region reckons them. */
export async function listCalendarDays(ctx: AppContext, actor: Actor, input: { year: number; month?: number; region?: string | null }) {
  const region = checkRegion(input.region);
  requireManage(actor, region);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2040) throw invalid('year', `须在 2000–2040 之间 (must be 2000–2040): ${input.year}`);
  if (input.month !== undefined && (!Number.isInteger(input.month) || input.month < 1 || input.month > 12)) throw invalid('month', `须为 1–12 (must be 1–12): ${input.month}`);
  const from = input.month ? `${input.year}-${String(input.month).padStart(2, '0')}-01` : `${input.year}-01-01`;
  const lastIdx = input.month
    ? dayIndexOfDate(input.month === 12 ? `${input.year + 1}-01-01` : `${input.year}-${String(input.month + 1).padStart(2, '0')}-01`) - 1
    : dayIndexOfDate(`${input.year + 1}-01-01`) - 1;
  const to = dateOfIndex(lastIdx);
  const cal = ctx.calendars.forRegion(region);
  const stored = new Map((await listDays(ctx.db, from, to)).map((d) => [d.date, d]));
  const local = new Map<string, { source: string | null; version: number; region: string }>();
  if (cal.regionCode) {
    for (const code of provider(ctx).regionalCodes().filter((c) => inRegion(c, cal.regionCode!))) {
      for (const d of await listRegionalDays(ctx.db, code, from, to)) local.set(d.date, { source: d.source, version: d.version, region: code });
    }
  }
  const days: CalendarDayView[] = [];
  for (let i = dayIndexOfDate(from); i <= lastIdx; i++) {
    const date = dateOfIndex(i);
    const info = cal.dayInfo(date);
    const l = local.get(date);
    const s = stored.get(date);
    days.push({ ...info, weekday: new Date(date + 'T00:00:00Z').getUTCDay(), source: l?.source ?? s?.source ?? null, version: l?.version ?? s?.version ?? null, regional: l?.region ?? null });
  }
  const loaded = provider(ctx).loadedYears().includes(input.year);
  return { year: input.year, month: input.month ?? null, regionCode: cal.regionCode, calendarVersion: cal.version, loaded, days };
}

/** Loaded years, regional calendars, recent versions. */
export async function calendarStatus(ctx: AppContext, actor: Actor) {
  requireManage(actor, null);
  return {
    calendarVersion: provider(ctx).version,
    years: await listCalendarYears(ctx.db),
    regional: await listRegionalCalendars(ctx.db),
    versions: await listVersions(ctx.db, 20),
  };
}

/** Which region prefixes an actor may read clocks of (null = all). */
function clockScope(actor: Actor): string[] | null {
  if (can(actor, 'calendar.manage', { regionCode: null })) return null;
  const f = scopeFilter(actor, 'case.read');
  if (f.all) return null;
  const g = scopeFilter(actor, 'supervision.read');
  if (g.all) return null;
  const regions = [...f.regions, ...g.regions];
  if (!regions.length && !f.departments.length) throw forbidden('需要办件或监察查看权限 (case.read or supervision.read required)');
  return regions.map(regionPrefix);
}

/** §7: the open deadlines that are provisional (touch a year without an official calendar). */
export async function provisionalClocks(ctx: AppContext, actor: Actor, input: { limit?: number; offset?: number }) {
  const scope = clockScope(actor);
  const r = await listProvisionalClocks(ctx.db, { regionPrefixes: scope, limit: input.limit ?? 100, offset: input.offset ?? 0 });
  return { total: r.total, clocks: r.clocks.map(clockView) };
}

/** How each stored clock of an owner was reached (start, counted days, holidays skipped, suspensions, version). */
export async function explainClocks(ctx: AppContext, actor: Actor, input: { ownerKind: string; ownerId: string }) {
  const scope = clockScope(actor);
  const clocks = (await getClocks(ctx.db, input.ownerKind, input.ownerId))
    .filter((c) => scope === null || (c.regionCode !== null && scope.some((p) => c.regionCode!.startsWith(p))));
  if (!clocks.length) throw notFound('时限', `${input.ownerKind}/${input.ownerId}`);
  return { ownerKind: input.ownerKind, ownerId: input.ownerId, clocks: clocks.map(clockView) };
}

const cst = (d: Date) => new Date(d.getTime() + CST_OFFSET_MS).toISOString().replace('Z', '+08:00').replace('.000', '');

function clockView(c: StoredClock) {
  return {
    ownerKind: c.ownerKind, ownerId: c.ownerId, kind: c.kind, regionCode: c.regionCode, open: c.open,
    start: c.start.toISOString(), workingDays: c.workingDays, extensionDays: c.extensionDays ?? 0,
    suspensions: (c.suspensions ?? []).map((s) => ({ from: s.from.toISOString(), to: s.to ? s.to.toISOString() : null })),
    dueAt: c.dueAt.toISOString(), warnAt: c.warnAt.toISOString(), dueAtLocal: cst(c.dueAt), provisional: c.provisional,
    calendarVersion: c.calendarVersion, explanation: c.explanation,
  };
}
