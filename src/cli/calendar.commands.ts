import fs from 'node:fs';
import type { Command } from 'commander';
import pino from 'pino';
import { createContext } from '../app.js';
import { loadConfig } from '../config.js';
import type { Actor } from '../domain/org/policy.js';
import { exportYear, importYear } from '../services/calendar/calendar-admin.service.js';
import { calendarStatus } from '../services/calendar/calendar.service.js';
import { calendarJobsIdle } from '../services/calendar/recompute.js';
import type { AppContext } from '../services/context.js';
import { openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';

const cliActor: Actor = { kind: 'system', name: 'cli' };

async function withCalendar<T>(o: { dataDir?: string }, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ dataDir: o.dataDir, logLevel: 'warn', sweepIntervalMs: 0 });
  const db = await openDb(config);
  try {
    await migrate(db);
    const ctx = await createContext({ db, config, log: pino({ level: 'warn' }) });
    const r = await fn(ctx);
    await calendarJobsIdle(ctx); // open clocks are recomputed before the database closes
    return r;
  } finally {
    await db.close();
  }
}

/** `xingquan calendar status|import|export`: the working-day calendar from the operator's shell. */
export function registerCalendarCommands(program: Command): void {
  const cal = program.command('calendar').description('working-day calendar (工作日历): loaded years, import and export a year');
  const dataDir = ['--data-dir <dir>', 'embedded database directory (when DATABASE_URL is unset)'] as const;

  cal.command('status').description('loaded years, regional calendars, recent versions').option(...dataDir)
    .action(async (o) => {
      const s = await withCalendar(o, (ctx) => calendarStatus(ctx, cliActor));
      console.log(`calendar v${s.calendarVersion}; loaded years: ${s.years.map((y) => y.year).join(', ')}`);
      for (const r of s.regional) console.log(`  regional ${r.regionCode} ${r.name}: ${r.days} local days`);
    });

  cal.command('import <year> <file>')
    .description("import a year's official calendar from .ics or JSON ({days:[{date, kind, name}]}); open deadlines touching it are recomputed")
    .requiredOption('--source <notice>', 'the notice it comes from, e.g. 国务院办公厅关于2027年部分节假日安排的通知')
    .option(...dataDir)
    .action(async (year: string, file: string, o) => {
      const text = fs.readFileSync(file, 'utf8');
      const input = /BEGIN:VCALENDAR/i.test(text) ? { ics: text } : { days: JSON.parse(text).days };
      const r = await withCalendar(o, (ctx) => importYear(ctx, cliActor, { year: Number(year), source: o.source, ...input }));
      console.log(`imported ${r.year} as calendar v${r.version}: ${r.holidays} days off, ${r.makeupWorkdays} make-up working days, ${r.changedDates.length} dates changed`);
    });

  cal.command('export <year>').description('print a year as JSON (default) or iCalendar').option('--format <format>', 'json | ics', 'json').option(...dataDir)
    .action(async (year: string, o) => {
      const r = await withCalendar(o, (ctx) => exportYear(ctx, cliActor, { year: Number(year), format: o.format === 'ics' ? 'ics' : 'json' }));
      process.stdout.write(typeof r.body === 'string' ? r.body : JSON.stringify(r.body, null, 2) + '\n');
    });
}
