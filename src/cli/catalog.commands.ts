import fs from 'node:fs';
import type { Command } from 'commander';
import pino from 'pino';
import { createContext } from '../app.js';
import { loadConfig } from '../config.js';
import type { Actor } from '../domain/org/policy.js';
import { catalogCatchUp } from '../services/catalog/catalog-upkeep.js';
import { excelTemplate, exportItemsExcel, exportItemsJson, importItemsExcel } from '../services/catalog/catalog-transfer.service.js';
import type { AppContext } from '../services/context.js';
import { openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';

const cliActor: Actor = { kind: 'system', name: 'cli' };

async function withContext<T>(o: { dataDir?: string }, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ dataDir: o.dataDir, logLevel: 'warn', sweepIntervalMs: 0 });
  const db = await openDb(config);
  try {
    await migrate(db);
    return await fn(await createContext({ db, config, log: pino({ level: 'warn' }) }));
  } finally {
    await db.close();
  }
}

const dataDir = ['--data-dir <dir>', 'embedded database directory (when DATABASE_URL is unset)'] as const;

/** `xingquan catalog export|template|import-xlsx|catch-up` (行政职权目录). */
export function registerCatalogCommands(program: Command): void {
  const cat = program.command('catalog').description('行政职权目录 (catalog of powers)');
  cat.command('export')
    .description('write the catalog as §2 JSON (default) or as the Excel template (--xlsx)')
    .option('--out <file>', 'output file (JSON to stdout when absent)')
    .option('--xlsx', 'write the Excel template format')
    .option('--region <code>', 'only this region subtree')
    .option('--department <code>', 'only this department')
    .option(...dataDir)
    .action(async (o) => {
      const filter = { region: o.region, department: o.department };
      if (o.xlsx) {
        if (!o.out) throw new Error('--out <file.xlsx> is required with --xlsx');
        fs.writeFileSync(o.out, await withContext(o, (ctx) => exportItemsExcel(ctx, cliActor, filter)));
        console.log(`written ${o.out}`);
        return;
      }
      const json = JSON.stringify(await withContext(o, (ctx) => exportItemsJson(ctx, cliActor, filter)), null, 2);
      if (o.out) fs.writeFileSync(o.out, json);
      else console.log(json);
    });
  cat.command('template')
    .description('write the blank Excel template departments fill in')
    .requiredOption('--out <file>')
    .option(...dataDir)
    .action(async (o) => {
      fs.writeFileSync(o.out, await withContext(o, (ctx) => excelTemplate(ctx, cliActor)));
      console.log(`written ${o.out}`);
    });
  cat.command('import-xlsx <file>')
    .description('import a filled Excel template; bad rows are listed by number (exit 2), the rest load')
    .option(...dataDir)
    .action(async (file: string, o) => {
      const r = await withContext(o, (ctx) => importItemsExcel(ctx, cliActor, fs.readFileSync(file)));
      console.log(JSON.stringify(r, null, 2));
      if (r.refused.length) process.exitCode = 2;
    });
  cat.command('catch-up')
    .description('bring listings and disclosure alerts up to date with versions whose effective date has come')
    .option(...dataDir)
    .action(async (o) => {
      const n = await withContext(o, (ctx) => catalogCatchUp(ctx));
      console.log(`items brought up to date: ${n}`);
    });
}
