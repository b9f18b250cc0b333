#!/usr/bin/env node
import { Command } from 'commander';
import { startPlatform } from '../app.js';
import { loadConfig } from '../config.js';
import { openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { registerAdminCommands } from './admin.commands.js';
import { registerAuditCommands } from './audit.commands.js';
import { registerBackupCommands } from './backup.commands.js';
import { registerEvidenceCommands } from './evidence.commands.js';
import { registerCalendarCommands } from './calendar.commands.js';
import { registerCatalogCommands } from './catalog.commands.js';
import { registerSupervisionCommands } from './supervision.commands.js';
import { registerSealCommands } from './seal.commands.js';

const program = new Command();
program.name('xingquan').description('行权平台 Xingquan: administrative power run lawfully, by the rules, in the open');

program
  .command('serve')
  .description('serve the web app and the API')
  .option('--port <port>', 'HTTP port', (v) => Number(v))
  .option('--host <host>', 'address to listen on')
  .option('--data-dir <dir>', 'embedded database directory (when DATABASE_URL is unset)')
  .option('--demo', 'load the demonstration data set into an empty platform')
  .option('--clock <instant>', 'start on a simulated clock (演练时钟) at this ISO 8601 instant')
  .action(async (o) => {
    const config = loadConfig({ port: o.port, host: o.host, dataDir: o.dataDir, demo: !!o.demo, clockStart: o.clock ?? null });
    const p = await startPlatform(config);
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      p.ctx.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      await p.stop();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  });

program
  .command('migrate')
  .description('apply database migrations and exit')
  .option('--data-dir <dir>', 'embedded database directory')
  .action(async (o) => {
    const config = loadConfig({ dataDir: o.dataDir });
    const db = await openDb(config);
    const applied = await migrate(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    await db.close();
  });

registerAdminCommands(program);
registerEvidenceCommands(program);
registerCalendarCommands(program);
registerCatalogCommands(program);
registerSupervisionCommands(program); // supervision: run the time sweep once
registerSealCommands(program); // seal rotate: re-seal personal data under a new key version
registerAuditCommands(program); // audit: signed checkpoints, export, verify against them (after admin's `audit` group)
registerBackupCommands(program); // backup, restore

program.parseAsync(process.argv).catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
