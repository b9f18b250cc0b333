import type { Command } from 'commander';
import pino from 'pino';
import { createContext } from '../app.js';
import { loadConfig } from '../config.js';
import { appendAudit } from '../store/audit.store.js';
import type { AppContext } from '../services/context.js';
import { resealAll, type RotationResult } from '../services/security/personal-data.service.js';
import { addSealKeyVersion, forgetSealKeys } from '../services/security/seal-key.js';
import { openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';

interface Opts { dataDir?: string; sealKeyFile?: string; newKey?: boolean }

/**
 * `xingquan seal rotate [--new-key]` (GB/T 22239-2019 8.1.4.8: 密钥定期更换): with --new-key a new
 * key version is added to the key file first; then every sealed value (personal data, TOTP
 * secrets) not under the current version is re-sealed with it, and TOTP secrets stored plain are
 * sealed. Idempotent and resumable: run it again after an interruption; a run with nothing left
 * changes nothing. The old key versions stay in the file until the operator removes them.
 */
export async function sealRotate(ctx: AppContext, o: { newKey?: boolean }, out: (line: string) => void): Promise<RotationResult> {
  if (o.newKey) {
    const v = addSealKeyVersion(ctx.config);
    out(`已生成第 ${v} 版封存密钥 (seal key version ${v} added to the key file)`);
  }
  const r = await resealAll(ctx.db, ctx.config, () => ctx.clock.now());
  await ctx.db.tx((q) => appendAudit(q, ctx.clock.now(), {
    actorId: null, actorName: 'system', role: 'system', regionCode: null, action: 'seal.rotate', target: `seal-key:v${r.version}`,
    sourceIp: null, outcome: 'success', details: { version: r.version, personalData: r.personalData, totp: r.totp, newKey: !!o.newKey },
  }));
  out(`以第 ${r.version} 版密钥重新封存 (re-sealed under key version ${r.version}): 个人信息 ${r.personalData} 条, 动态口令密钥 ${r.totp} 个`);
  out(`各版本封存数 (sealed rows by key version): ${JSON.stringify(r.byVersion)}`);
  return r;
}

export function registerSealCommands(program: Command): void {
  const seal = program.command('seal').description('personal data sealed at rest (SM4): key rotation');
  seal.command('rotate')
    .description('re-seal every sealed value with the current key version (with --new-key: add a new version to the key file first); idempotent, resumable')
    .option('--new-key', 'add a new key version to the key file before re-sealing')
    .option('--seal-key-file <file>', 'the seal key file (else XINGQUAN_SEAL_KEY, else the key file beside the data dir)')
    .option('--data-dir <dir>', 'embedded database directory (when DATABASE_URL is unset)')
    .action(async (o: Opts) => {
      const config = loadConfig({ dataDir: o.dataDir, sealKeyFile: o.sealKeyFile, logLevel: 'warn', sweepIntervalMs: 0 });
      const db = await openDb(config);
      try {
        await migrate(db);
        const ctx = await createContext({ db, config, log: pino({ level: 'warn' }) });
        await sealRotate(ctx, { newKey: o.newKey }, (l) => console.log(l));
      } finally {
        forgetSealKeys(config);
        await db.close();
      }
    });
}
