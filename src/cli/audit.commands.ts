import fs from 'node:fs';
import type { Command } from 'commander';
import pino from 'pino';
import { createContext } from '../app.js';
import { loadConfig } from '../config.js';
import { checkpointNow } from '../services/audit/checkpoint-admin.service.js';
import { loadCheckpointKey } from '../services/audit/checkpoint-key.js';
import { exportCheckpoints, readCheckpointExport } from '../services/audit/checkpoint.service.js';
import { verifyRecords, type RecordsVerdict } from '../services/audit/verify-records.js';
import type { AppContext } from '../services/context.js';
import type { Db } from '../store/db.js';
import { openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { cliActor } from './admin.commands.js';

interface Opts { dataDir?: string; checkpointKeyFile?: string }

async function withContext<T>(o: Opts, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ dataDir: o.dataDir, checkpointKeyFile: o.checkpointKeyFile, logLevel: 'warn', sweepIntervalMs: 0 });
  const db = await openDb(config);
  try {
    await migrate(db);
    return await fn(await createContext({ db, config, log: pino({ level: 'warn' }) }));
  } finally {
    await db.close();
  }
}

/**
 * `xingquan audit verify [--checkpoints FILE]`: the chain record by record, then the chain and
 * the history tables against the latest signed checkpoint (stored, and the exported file when
 * given). 0 when all holds; 1 naming the first missing, altered or reordered record.
 */
export async function auditVerifyRecords(ctx: AppContext, file: string | null, out: (line: string) => void): Promise<{ exitCode: number; verdict: RecordsVerdict }> {
  const exported = file ? readCheckpointExport(fs.readFileSync(file, 'utf8')) : null;
  const verdict = await verifyRecords(ctx.db, loadCheckpointKey(ctx.config, false), exported);
  const { chain } = verdict;
  if (chain.ok) out(`审计链完整 (audit chain intact): ${chain.records} 条记录 (records)`);
  else out(`审计链校验失败 (audit chain broken) at #${chain.seq} [${chain.problem}]: ${chain.message}`);
  out(verdict.anchor
    ? `核对签名检查点 #${verdict.anchor.n} (${verdict.anchor.at}, 审计记录至 #${verdict.anchor.auditSeq}) (checked against signed checkpoint #${verdict.anchor.n})`
    : '尚无签名检查点 (no signed checkpoint yet: run `xingquan audit checkpoint`)');
  for (const p of verdict.problems) if (!(p.where === 'audit' && !chain.ok && p.seq === chain.seq)) out(`校验失败 (verification failed) [${p.where}: ${p.problem}]: ${p.message}`);
  if (verdict.ok) out('记录完整 (records intact)');
  return { exitCode: verdict.ok ? 0 : 1, verdict };
}

export async function writeCheckpointFile(db: Db, file: string, now: Date): Promise<number> {
  const x = await exportCheckpoints(db, now);
  fs.writeFileSync(file, `${JSON.stringify(x, null, 2)}\n`, { mode: 0o600 });
  return x.checkpoints.length;
}

const dataDirOption = ['--data-dir <dir>', 'embedded database directory (when DATABASE_URL is unset)'] as const;
const keyFileOption = ['--checkpoint-key-file <file>', 'key of the signed checkpoints (else XINGQUAN_CHECKPOINT_KEY, else the key file beside the data dir)'] as const;

/** audit checkpoint, audit checkpoint export, and the checkpoints in audit verify (the `audit` group is made by admin.commands). */
export function registerAuditCommands(program: Command): void {
  const audit = program.commands.find((c) => c.name() === 'audit') ?? program.command('audit').description('the audit trail');

  const checkpoint = audit
    .command('checkpoint')
    .description('write a signed checkpoint (HMAC-SM3) of the audit chain and the history tables now')
    .option(...dataDirOption)
    .option(...keyFileOption)
    .action(async (o: Opts) => {
      const c = await withContext(o, (ctx) => checkpointNow(ctx, cliActor));
      console.log(`已写入检查点 (checkpoint written) #${c.n}: 审计记录至 #${c.auditSeq} (audit records up to #${c.auditSeq}), key ${c.keyId}`);
    });
  checkpoint
    .command('export')
    .description('write every signed checkpoint to a JSON file for the security administrator to keep')
    .requiredOption('--out <file>', 'the file to write')
    .option(...dataDirOption)
    .option(...keyFileOption)
    .action(async (_o: unknown, cmd: Command) => {
      // --data-dir may come after `export` yet belong to `checkpoint` (commander reads a parent's options anywhere)
      const o = cmd.optsWithGlobals() as Opts & { out: string };
      const n = await withContext(o, (ctx) => writeCheckpointFile(ctx.db, o.out, ctx.wallClock.now()));
      console.log(`已导出 ${n} 个检查点 (checkpoints exported) to ${o.out}`);
    });

  // verify: the chain, then the records against the checkpoints (replaces the chain-only check)
  const verify = audit.commands.find((c) => c.name() === 'verify') ?? audit.command('verify');
  verify
    .description('check the audit chain and the history tables against the latest signed checkpoint; exit 1 naming the first missing, altered or reordered record')
    .option('--checkpoints <file>', 'an export of the checkpoints (audit checkpoint export) to check against')
    .option(...keyFileOption);
  if (!verify.options.some((x) => x.long === '--data-dir')) verify.option(...dataDirOption);
  verify.action(async (o: Opts & { checkpoints?: string }) => {
    const { exitCode } = await withContext(o, (ctx) => auditVerifyRecords(ctx, o.checkpoints ?? null, (l) => console.log(l)));
    process.exitCode = exitCode;
  });
}
