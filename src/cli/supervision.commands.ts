import type { Command } from 'commander';
import pino from 'pino';
import { createContext } from '../app.js';
import { loadConfig } from '../config.js';
import { checkSweepAt, runSweep } from '../services/supervision/sweep.service.js';
import { openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';

/** `xingquan supervision sweep [--at <instant>]`: run the time sweep (§4) once from the operator's shell. */
export function registerSupervisionCommands(program: Command): void {
  const sup = program.command('supervision').description('electronic supervision (电子监察): run the time sweep');
  sup.command('sweep').description('evaluate the time rules as of --at (default: now) and print the counts')
    .option('--at <instant>', 'ISO 8601 instant with offset, e.g. 2026-03-10T00:30:00+08:00')
    .option('--data-dir <dir>', 'embedded database directory (when DATABASE_URL is unset)')
    .action(async (o: { at?: string; dataDir?: string }) => {
      const at = o.at ? new Date(o.at) : new Date();
      if (Number.isNaN(at.getTime())) throw new Error('--at: 不是有效的时间 (not a valid instant)');
      checkSweepAt(new Date(), at); // the real clock: never as of a later instant
      const config = loadConfig({ dataDir: o.dataDir, logLevel: 'warn', sweepIntervalMs: 0 });
      const db = await openDb(config);
      try {
        await migrate(db);
        const ctx = await createContext({ db, config, log: pino({ level: 'warn' }) });
        console.log(JSON.stringify(await runSweep(ctx, at)));
      } finally {
        await db.close();
      }
    });
}
