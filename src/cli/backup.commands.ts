import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { loadCheckpointKey } from '../services/audit/checkpoint-key.js';
import { backupPlatform, checkArchive, restorePlatform } from '../services/backup/backup.service.js';
import { openDb } from '../store/db.js';
import fs from 'node:fs';
import path from 'node:path';

interface Opts { dataDir?: string; checkpointKeyFile?: string }

const dataDirOption = ['--data-dir <dir>', 'data directory: the embedded database (when DATABASE_URL is unset) and the evidence files'] as const;
const keyFileOption = ['--checkpoint-key-file <file>', 'key of the signed checkpoints (else XINGQUAN_CHECKPOINT_KEY, else the key file beside the data dir)'] as const;

/**
 * `xingquan backup [--out FILE]` and `xingquan restore FILE [--force] [--check-only]`
 * (GB/T 22239-2019 8.1.4.9 数据备份恢复): see src/services/backup/backup.service.ts.
 */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write one .tar.gz with the whole database (a consistent snapshot), the evidence files and a signed manifest')
    .option('--out <file>', 'the archive to write (default: xingquan-backup-<time>.tar.gz here)')
    .option(...dataDirOption)
    .option(...keyFileOption)
    .action(async (o: Opts & { out?: string }) => {
      const config = loadConfig({ dataDir: o.dataDir, checkpointKeyFile: o.checkpointKeyFile, logLevel: 'warn', sweepIntervalMs: 0 });
      const now = new Date();
      const out = o.out ?? `xingquan-backup-${now.toISOString().replace(/[:.]/g, '-')}.tar.gz`;
      if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pg'))) {
        throw new Error(`数据目录中没有数据库，没有可备份的内容 (no database in the data dir: nothing to back up): ${config.dataDir}`);
      }
      const db = await openDb(config);
      try {
        const r = await backupPlatform({ db, dataDir: config.dataDir, key: loadCheckpointKey(config, false), out, now });
        const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
        console.log(`已备份 (backup written): ${r.file}`);
        console.log(`  ${r.manifest.tables.length} 张表 ${rows} 行 (tables, rows), ${r.manifest.evidence.length} 个证据文件 (evidence files), 结构至 (schema up to) ${r.manifest.schema.latest}`);
        console.log(`  ${r.bytes} 字节 (bytes), SHA-256 ${r.sha256}`);
        console.log(r.manifest.signature ? `  清单已用检查点密钥签名 (manifest signed, HMAC-SM3, key ${r.manifest.signature.keyId})` : '  清单未签名：未配置检查点密钥 (manifest unsigned: no checkpoint key)');
        console.log('  备份不含检查点密钥、个人信息封存密钥和环境变量中的密钥，请另行保管 (the checkpoint key, the seal key and keys in the environment are NOT in the backup: keep them apart)');
        for (const p of r.manifest.evidenceProblems) console.log(`  警告 (warning): 证据文件${p.problem === 'missing' ? '缺失 (missing)' : '已被改动 (changed)'} ${p.sha256}`);
        if (r.manifest.evidenceProblems.length) process.exitCode = 2;
      } finally {
        await db.close();
      }
    });

  program
    .command('restore <archive>')
    .description('check a backup whole, restore it into an empty database and evidence dir, then verify the audit chain and the evidence')
    .option('--force', 'replace a target that holds data (a PGlite data dir and the evidence dir are moved aside, not deleted)')
    .option('--check-only', 'only check the archive (hashes, signature, schema); change nothing')
    .option(...dataDirOption)
    .option(...keyFileOption)
    .action(async (archive: string, o: Opts & { force?: boolean; checkOnly?: boolean }) => {
      const config = loadConfig({ dataDir: o.dataDir, checkpointKeyFile: o.checkpointKeyFile, logLevel: 'warn', sweepIntervalMs: 0 });
      const key = loadCheckpointKey(config, false);
      if (o.checkOnly) {
        const a = await checkArchive(archive, key);
        fs.rmSync(a.dir, { recursive: true, force: true });
        console.log(`备份完好 (backup intact): ${a.manifest.createdAt}, ${a.manifest.source}, 结构至 (schema up to) ${a.manifest.schema.latest}, ${a.manifest.tables.length} 张表 (tables), ${a.manifest.evidence.length} 个证据文件 (evidence files)`);
        for (const w of a.warnings) console.log(`  注意 (note): ${w}`);
        return;
      }
      const r = await restorePlatform({ archive, target: config, key, force: !!o.force, now: new Date() });
      console.log(`已恢复 (restored) ${archive}: 备份时间 (taken) ${r.manifest.createdAt}, 来源 (from) ${r.manifest.source}, 结构至 (schema up to) ${r.manifest.schema.latest}`);
      for (const w of r.warnings) console.log(`  注意 (note): ${w}`);
      for (const s of r.setAside) console.log(`  原有数据已移至 (the data replaced was moved to) ${s}`);
      const chain = r.audit.chain;
      console.log(chain.ok ? `  审计链完整 (audit chain intact): ${chain.records} 条记录 (records)` : `  审计链校验失败 (audit chain broken) at #${chain.seq}: ${chain.message}`);
      for (const p of r.audit.problems) console.log(`  校验失败 (verification failed) [${p.where}: ${p.problem}]: ${p.message}`);
      console.log(r.audit.anchor ? `  已核对签名检查点 #${r.audit.anchor.n} (checked against signed checkpoint #${r.audit.anchor.n})` : '  无签名检查点可核对 (no signed checkpoint to check against)');
      console.log(`  证据文件 (evidence files): ${r.evidence.checked} 个已核对 (checked), ${r.evidence.problems} 个问题 (problems)`);
      console.log(r.ok ? '恢复完成，校验通过 (restore complete, checks passed)' : '恢复完成，但校验未通过 (restored, but the checks failed)');
      if (!r.ok) process.exitCode = 1;
    });
}
