import { createRequire } from 'node:module';
import { expandYear, specialDaysFromChineseDays, type SpecialDay } from '../../domain/calendar/year-rows.js';
import type { Db } from '../../store/db.js';
import { hasCalendarVersion, lockCalendar, markYearLoaded, nextVersion, upsertDays } from '../../store/calendar.store.js';

const require = createRequire(import.meta.url);

/** The published holidays and make-up working days shipped by the `chinese-days` package (2004–2026). */
export function shippedCalendar(): { version: string; years: Map<number, SpecialDay[]> } {
  const pkg = require('chinese-days/package.json') as { version: string };
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  return { version: pkg.version, years: specialDaysFromChineseDays(data) };
}

/**
 * At first start (no calendar version yet) loads every year the package covers, one row per
 * date, in one bulk statement, as calendar version 1. Safe with several instances starting.
 */
export async function ensureCalendarSeeded(db: Db, now: Date): Promise<boolean> {
  if (await hasCalendarVersion(db)) return false;
  return db.tx(async (q) => {
    await lockCalendar(q);
    if (await hasCalendarVersion(q)) return false;
    const shipped = shippedCalendar();
    const years = [...shipped.years.keys()].sort((a, b) => a - b);
    const version = await nextVersion(q, {
      regionCode: null, action: 'seed', note: `chinese-days ${shipped.version}: ${years[0]}–${years[years.length - 1]}`,
      dates: [], spanFrom: null, spanTo: null, actorName: 'system', at: now,
    });
    const rows = years.flatMap((y) => {
      // 国务院办公厅关于 y 年部分节假日安排的通知, as collected by the chinese-days package
      const source = `国务院办公厅关于${y}年部分节假日安排的通知 (chinese-days ${shipped.version})`;
      return expandYear(y, shipped.years.get(y)!).map((r) => ({ ...r, source: r.kind === 'holiday' || r.kind === 'makeup_workday' ? source : null }));
    });
    await upsertDays(q, rows, version);
    for (const y of years) await markYearLoaded(q, y, `国务院办公厅关于${y}年部分节假日安排的通知 (chinese-days ${shipped.version})`, version, now);
    return true;
  });
}
