import type { CalendarProvider, WorkingCalendar } from '../../domain/calendar/calendar.types.js';
import { FastCalendar, type CalendarDayRow } from '../../domain/calendar/fast-calendar.js';
import { regionPrefix } from '../../domain/org/region.js';
import type { Db } from '../../store/db.js';
import { loadSnapshot, type CalendarSnapshot } from '../../store/calendar.store.js';
import { ensureCalendarSeeded } from './seed.js';

/** The calendar in force, read from the database; `reload()` after a calendar change serves the new version. */
export interface ReloadableCalendarProvider extends CalendarProvider {
  reload(): Promise<void>;
  /** The calendar version in force (0 before any data). */
  readonly version: number;
  /** Years whose official calendar is loaded. */
  loadedYears(): number[];
  /** Region codes that have their own calendar. */
  regionalCodes(): string[];
}

/**
 * The data-driven engine: the national calendar, and for a region the nearest regional
 * calendar by GB/T 2260 prefix, which inherits the national one and every regional
 * calendar above it (e.g. 513400 凉山州 彝族年 for the whole prefecture's subtree).
 */
export async function createCalendarProvider(db: Db, opts: { seed?: boolean; now?: Date } = {}): Promise<ReloadableCalendarProvider> {
  // Seeding is a one-time, system action; business time is not needed for its timestamp.
  if (opts.seed !== false) await ensureCalendarSeeded(db, opts.now ?? new Date());
  let snap: CalendarSnapshot = await loadSnapshot(db);
  let national = build(snap, null);
  let cache = new Map<string, WorkingCalendar>();

  function nearest(code: string): string | null {
    let best: string | null = null;
    for (const c of snap.regional) {
      const p = regionPrefix(c.regionCode);
      if (code.startsWith(p) && (best === null || p.length > regionPrefix(best).length)) best = c.regionCode;
    }
    return best;
  }

  return {
    get version() {
      return snap.version;
    },
    loadedYears: () => snap.loadedYears.map((y) => y.year),
    regionalCodes: () => snap.regional.map((r) => r.regionCode),
    forRegion(regionCode) {
      if (!regionCode || !snap.regional.length) return national;
      const hit = cache.get(regionCode);
      if (hit) return hit;
      const code = nearest(regionCode);
      const cal = code === null ? national : cache.get('@' + code) ?? build(snap, code);
      if (code !== null) cache.set('@' + code, cal);
      cache.set(regionCode, cal);
      return cal;
    },
    async reload() {
      const next = await loadSnapshot(db);
      snap = next;
      national = build(snap, null);
      cache = new Map();
    },
  };
}

function build(snap: CalendarSnapshot, regionCode: string | null): FastCalendar {
  const days: CalendarDayRow[] = [...snap.days];
  if (regionCode) {
    // Every regional calendar whose subtree holds this one, outermost first (province, prefecture, county).
    const chain = snap.regional
      .filter((c) => regionCode.startsWith(regionPrefix(c.regionCode)))
      .sort((a, b) => regionPrefix(a.regionCode).length - regionPrefix(b.regionCode).length);
    for (const c of chain) days.push(...c.days);
  }
  return new FastCalendar({ version: snap.version, regionCode, loadedYears: snap.loadedYears.map((y) => y.year), days });
}
