import type { DayKind } from '../domain/calendar/calendar.types.js';
import type { Queryable } from './db.js';

export interface StoredDay {
  date: string;
  kind: DayKind;
  name: string | null;
  source: string | null;
  version: number;
}

export interface StoredRegionalCalendar {
  regionCode: string;
  name: string;
  version: number;
  days: StoredDay[];
}

export interface CalendarSnapshot {
  version: number;
  loadedYears: { year: number; source: string; version: number; loadedAt: Date }[];
  days: StoredDay[];
  regional: StoredRegionalCalendar[];
}

export interface VersionEntry {
  regionCode: string | null;
  action: string;
  note: string | null;
  dates: string[];
  spanFrom: string | null;
  spanTo: string | null;
  actorName: string | null;
  at: Date;
}

const dayRow = (r: any): StoredDay => ({ date: r.date, kind: r.kind, name: r.name, source: r.source, version: r.version });

/** Everything the engine needs, read in one go (≈ 8,400 national rows for 2004–2026). */
export async function loadSnapshot(q: Queryable): Promise<CalendarSnapshot> {
  const [v] = await q.query<{ v: number | null }>('SELECT max(version) AS v FROM calendar_versions');
  const years = await q.query('SELECT year, source, version, loaded_at FROM calendar_years ORDER BY year');
  const days = await q.query('SELECT date, kind, name, source, version FROM calendar_days ORDER BY date');
  const cals = await q.query('SELECT region_code, name, version FROM regional_calendars ORDER BY region_code');
  const rdays = await q.query('SELECT region_code, date, kind, name, source, version FROM regional_calendar_days ORDER BY region_code, date');
  return {
    version: v?.v ?? 0,
    loadedYears: years.map((r) => ({ year: r.year, source: r.source, version: r.version, loadedAt: r.loaded_at })),
    days: days.map(dayRow),
    regional: cals.map((c) => ({
      regionCode: c.region_code, name: c.name, version: c.version,
      days: rdays.filter((d) => d.region_code === c.region_code).map(dayRow),
    })),
  };
}

/** Takes the next calendar version (serialised by an advisory lock held to the end of the transaction). */
export async function nextVersion(q: Queryable, e: VersionEntry): Promise<number> {
  await q.query('SELECT pg_advisory_xact_lock(726010)');
  const [r] = await q.query<{ v: number }>('SELECT coalesce(max(version), 0) + 1 AS v FROM calendar_versions');
  await q.query(
    `INSERT INTO calendar_versions (version, region_code, action, note, dates, span_from, span_to, actor_name, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [r.v, e.regionCode, e.action, e.note, JSON.stringify(e.dates), e.spanFrom, e.spanTo, e.actorName, e.at],
  );
  return r.v;
}

export async function lockCalendar(q: Queryable): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(726010)');
}

/** Bulk upsert of national days (one statement, arrays unnested). */
export async function upsertDays(q: Queryable, days: { date: string; kind: DayKind; name: string | null; source: string | null }[], version: number): Promise<void> {
  if (!days.length) return;
  await q.query(
    `INSERT INTO calendar_days (date, kind, name, source, version)
     SELECT d, k, n, s, $5 FROM unnest($1::date[], $2::text[], $3::text[], $4::text[]) AS t(d, k, n, s)
     ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, source = EXCLUDED.source, version = EXCLUDED.version`,
    [days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name), days.map((d) => d.source), version],
  );
}

export async function markYearLoaded(q: Queryable, year: number, source: string, version: number, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO calendar_years (year, source, version, loaded_at) VALUES ($1,$2,$3,$4)
     ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, version = EXCLUDED.version, loaded_at = EXCLUDED.loaded_at`,
    [year, source, version, at],
  );
}

export async function listDays(q: Queryable, from: string, to: string): Promise<StoredDay[]> {
  const rows = await q.query('SELECT date, kind, name, source, version FROM calendar_days WHERE date BETWEEN $1 AND $2 ORDER BY date', [from, to]);
  return rows.map(dayRow);
}

export async function getRegionalCalendar(q: Queryable, regionCode: string): Promise<{ regionCode: string; name: string; version: number } | null> {
  const [r] = await q.query('SELECT region_code, name, version FROM regional_calendars WHERE region_code = $1', [regionCode]);
  return r ? { regionCode: r.region_code, name: r.name, version: r.version } : null;
}

export async function upsertRegionalCalendar(q: Queryable, regionCode: string, name: string, version: number, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO regional_calendars (region_code, name, version, created_at) VALUES ($1,$2,$3,$4)
     ON CONFLICT (region_code) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version`,
    [regionCode, name, version, at],
  );
}

export async function listRegionalDays(q: Queryable, regionCode: string, from: string, to: string): Promise<StoredDay[]> {
  const rows = await q.query(
    'SELECT date, kind, name, source, version FROM regional_calendar_days WHERE region_code = $1 AND date BETWEEN $2 AND $3 ORDER BY date',
    [regionCode, from, to],
  );
  return rows.map(dayRow);
}

export async function upsertRegionalDay(q: Queryable, regionCode: string, d: { date: string; kind: DayKind; name: string | null; source: string | null }, version: number): Promise<void> {
  await q.query(
    `INSERT INTO regional_calendar_days (region_code, date, kind, name, source, version) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (region_code, date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, source = EXCLUDED.source, version = EXCLUDED.version`,
    [regionCode, d.date, d.kind, d.name, d.source, version],
  );
}

export async function deleteRegionalDay(q: Queryable, regionCode: string, date: string): Promise<boolean> {
  const rows = await q.query('DELETE FROM regional_calendar_days WHERE region_code = $1 AND date = $2 RETURNING date', [regionCode, date]);
  return rows.length > 0;
}

export async function listVersions(q: Queryable, limit: number): Promise<Record<string, unknown>[]> {
  const rows = await q.query(
    'SELECT version, region_code, action, note, dates, span_from, span_to, actor_name, created_at FROM calendar_versions ORDER BY version DESC LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({
    version: r.version, regionCode: r.region_code, action: r.action, note: r.note, dates: r.dates,
    spanFrom: r.span_from, spanTo: r.span_to, actorName: r.actor_name, createdAt: r.created_at,
  }));
}

/** Whether any calendar version is stored (the shipped calendar was seeded). */
export async function hasCalendarVersion(q: Queryable): Promise<boolean> {
  return (await q.query('SELECT 1 AS x FROM calendar_versions LIMIT 1')).length > 0;
}

/** The newest calendar version stored, 0 when none. */
export async function latestCalendarVersion(q: Queryable): Promise<number> {
  const [v] = await q.query<{ v: number | null }>('SELECT max(version) AS v FROM calendar_versions');
  return v?.v ?? 0;
}

/** A changed span of working days whose open clocks are (or were) recomputed. */
export interface VersionSpan {
  version: number;
  regionCode: string | null;
  dates: string[];
  spanFrom: string;
  spanTo: string;
  recomputedAt: Date | null;
}

/** Versions never recomputed and, when `andNewerThan` is given, every version after it, oldest first. */
export async function versionsToRecompute(q: Queryable, andNewerThan: number | null): Promise<VersionSpan[]> {
  const rows = await q.query(
    `SELECT version, region_code, dates, span_from, span_to, recomputed_at FROM calendar_versions
      WHERE span_from IS NOT NULL AND (recomputed_at IS NULL OR ($1::boolean AND version > $2)) ORDER BY version`,
    [andNewerThan !== null, andNewerThan ?? 0],
  );
  return rows.map((r) => ({ version: r.version, regionCode: r.region_code, dates: r.dates ?? [], spanFrom: r.span_from, spanTo: r.span_to, recomputedAt: r.recomputed_at }));
}

export async function markVersionRecomputed(q: Queryable, version: number, at: Date): Promise<void> {
  await q.query('UPDATE calendar_versions SET recomputed_at = $2 WHERE version = $1', [version, at]);
}

/** The national years loaded, with the source each was loaded from. */
export async function listCalendarYears(q: Queryable): Promise<{ year: number; source: string; version: number; loadedAt: Date }[]> {
  const rows = await q.query('SELECT year, source, version, loaded_at FROM calendar_years ORDER BY year');
  return rows.map((r) => ({ year: r.year, source: r.source, version: r.version, loadedAt: r.loaded_at }));
}

/** The source a national year was loaded from, or null when it was not. */
export async function yearSource(q: Queryable, year: number): Promise<string | null> {
  const [y] = await q.query('SELECT source FROM calendar_years WHERE year = $1', [year]);
  return y?.source ?? null;
}

/** Every regional calendar with its count of regional days. */
export async function listRegionalCalendars(q: Queryable): Promise<{ regionCode: string; name: string; version: number; days: number }[]> {
  const rows = await q.query(
    `SELECT c.region_code, c.name, c.version, count(d.date)::int AS days FROM regional_calendars c
       LEFT JOIN regional_calendar_days d ON d.region_code = c.region_code GROUP BY c.region_code, c.name, c.version ORDER BY c.region_code`,
  );
  return rows.map((r) => ({ regionCode: r.region_code, name: r.name, version: r.version, days: r.days }));
}
