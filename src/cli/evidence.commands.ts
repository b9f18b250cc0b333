import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { verifyEvidence } from '../services/cases/evidence.service.js';
import { openDb } from '../store/db.js';
import { migrate } from '../store/migrate.js';

/** `xingquan evidence verify`: re-hashes every evidence file (SHA-256 and SM3); exit 1 names any changed or missing. */
export function registerEvidenceCommands(program: Command): void {
  const ev = program.command('evidence').description('证据文件 (evidence files)');
  ev.command('verify')
    .description('re-hash every evidence file and name any that changed or vanished')
    .option('--data-dir <dir>', 'data directory (evidence files and the embedded database)')
    .action(async (o) => {
      const config = loadConfig({ dataDir: o.dataDir, logLevel: 'warn', sweepIntervalMs: 0 });
      const db = await openDb(config);
      try {
        await migrate(db);
        const r = await verifyEvidence(db, config.dataDir);
        for (const p of r.problems) {
          console.log(`${p.problem === 'missing' ? '缺失 (missing)' : '已更改 (changed)'}: evidence ${p.id} case ${p.caseId} sha256 ${p.sha256}`);
        }
        console.log(`checked ${r.checked} evidence file(s), ${r.problems.length} problem(s)`);
        if (r.problems.length) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
