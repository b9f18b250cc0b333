/**
 * Recomputation throughput (`npx tsx bench/calendar-recompute.ts [clocks]`, PGlite; set PGURL to an
 * empty PostgreSQL database to run there): stores N open 20-working-day clocks touching 2027,
 * imports 2027, and times the background recomputation (each move audited).
 */
import pino from 'pino';
import { createCalendarProvider } from '../src/services/calendar/calendar-provider.js';
import { SimulatedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { openPglite, openPostgres } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { setClock } from '../src/services/calendar/clocks.js';
import { importYear } from '../src/services/calendar/calendar-admin.service.js';
import { calendarJobsIdle } from '../src/services/calendar/recompute.js';
const N = Number(process.argv[2] ?? 5000);
const db = process.env.PGURL ? await openPostgres(process.env.PGURL) : await openPglite(null);
await migrate(db);
const clock = new SimulatedClock(new Date('2026-11-20T10:00:00+08:00'));
const ctx: any = { db, config: loadConfig({ sweepIntervalMs: 0, logLevel: 'silent' }, {}), clock, wallClock: clock, log: pino({ level: 'silent' }), calendars: await createCalendarProvider(db), hooks: { caseChanged: [], calendarChanged: [], clockMoved: [] } };
let t = performance.now();
await db.tx(async (q) => {
  for (let i = 0; i < N; i++) await setClock(q, ctx, { ownerKind: 'bench', ownerId: 'b' + i, kind: 'promised', regionCode: '511702', start: new Date(Date.parse('2026-12-01T10:00:00+08:00') + (i % 40) * 86_400_000), workingDays: 20 });
});
await db.query('SELECT 1');
console.log(`setClock ×${N}:`, Math.round(performance.now() - t), 'ms');
t = performance.now();
await importYear(ctx, { kind: 'system', name: 'bench' }, { year: 2027, source: 'bench', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
const tImport = performance.now() - t;
await calendarJobsIdle(ctx);
const [r] = await db.query("SELECT count(*)::int AS n FROM deadline_clocks WHERE calendar_version = 2");
const [a] = await db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'calendar.clock_recomputed'");
console.log(`import (commit) ${Math.round(tImport)} ms; background recomputation of ${r.n} clocks (${a.n} moved+audited) done ${Math.round(performance.now() - t)} ms after the import began`);
await db.close();
