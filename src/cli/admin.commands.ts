import fs from 'node:fs';
import type { Command } from 'commander';
import pino from 'pino';
import { createContext } from '../app.js';
import { loadConfig } from '../config.js';
import { ROLES, type Actor, type Role } from '../domain/org/policy.js';
import { AppError } from '../errors.js';
import { createUser, resetPassword, setUserDisabled } from '../services/admin/user.service.js';
import type { AppContext } from '../services/context.js';
import { importCatalog } from '../services/org/import.service.js';
import { verifyAudit, type AuditVerdict } from '../store/audit.store.js';
import { openDb, type Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { findUserByName } from '../store/user.store.js';

/** The actor of commands run by the operator on the server itself. */
export const cliActor: Actor = { kind: 'system', name: 'cli' };

/** Opens the database named by DATABASE_URL or --data-dir, migrates it, runs fn and closes. */
async function withContext<T>(o: { dataDir?: string }, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ dataDir: o.dataDir, logLevel: 'warn', sweepIntervalMs: 0 });
  const db = await openDb(config);
  try {
    await migrate(db);
    const ctx = await createContext({ db, config, log: pino({ level: 'warn' }) });
    return await fn(ctx);
  } finally {
    await db.close();
  }
}

/** `xingquan audit verify`: 0 when the chain is whole, 1 naming the first altered/removed/reordered record. */
export async function auditVerify(db: Db, out: (line: string) => void): Promise<{ exitCode: number; verdict: AuditVerdict }> {
  const verdict = await verifyAudit(db);
  if (verdict.ok) out(`审计链完整 (audit chain intact): ${verdict.records} 条记录 (records)`);
  else out(`审计链校验失败 (audit chain broken) at #${verdict.seq} [${verdict.problem}]: ${verdict.message}`);
  return { exitCode: verdict.ok ? 0 : 1, verdict };
}

async function userId(ctx: AppContext, username: string): Promise<string> {
  const u = await findUserByName(ctx.db, username);
  if (!u) throw new AppError('NOT_FOUND', `用户不存在 (no such user): ${username}`);
  return u.id;
}

const dataDirOption = ['--data-dir <dir>', 'embedded database directory (when DATABASE_URL is unset)'] as const;

/** import, audit verify, user add/disable/reset-password (foundation issue). */
export function registerAdminCommands(program: Command): void {
  program
    .command('import <file>')
    .description('import regions, departments, officers and items (interface standard §2) from a JSON file')
    .option(...dataDirOption)
    .action(async (file: string, o) => {
      const body = JSON.parse(fs.readFileSync(file, 'utf8'));
      const r = await withContext(o, (ctx) => importCatalog(ctx, cliActor, body));
      console.log(JSON.stringify(r, null, 2));
      if (r.refused.length) process.exitCode = 2;
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('walk the hash chain; exit 1 naming the first altered, removed or reordered record')
    .option(...dataDirOption)
    .action(async (o) => {
      const { exitCode } = await withContext(o, (ctx) => auditVerify(ctx.db, (l) => console.log(l)));
      process.exitCode = exitCode;
    });

  const user = program.command('user').description('accounts');
  user
    .command('add')
    .description('create an account (the password must be changed at first login)')
    .requiredOption('--username <username>')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--region <code>', 'GB/T 2260 region code')
    .option('--department <code>', 'department code')
    .option('--password <password>', 'initial password (generated and printed when absent)')
    .option(...dataDirOption)
    .action(async (o) => {
      if (o.role && !ROLES.includes(o.role)) throw new Error(`--role: 未知角色 (unknown role) ${o.role}; one of ${ROLES.join(', ')}`);
      const r = await withContext(o, (ctx) => createUser(ctx, cliActor, {
        username: o.username, name: o.name, region: o.region ?? null, department: o.department ?? null, password: o.password,
        roles: o.role ? [{ role: o.role as Role, region: o.region ?? null, department: o.department ?? null }] : [],
      }));
      console.log(`已创建用户 (user created): ${r.username} (${r.id})`);
      if (r.password) console.log(`初始密码 (initial password, shown once; change at first login): ${r.password}`);
    });
  user
    .command('disable <username>')
    .description('disable an account and end its sessions at once')
    .option(...dataDirOption)
    .action(async (username: string, o) => {
      const r = await withContext(o, async (ctx) => setUserDisabled(ctx, cliActor, await userId(ctx, username), true));
      console.log(`已停用 (disabled): ${r.username}; 结束会话 (sessions ended): ${r.sessionsEnded}`);
    });
  user
    .command('reset-password <username>')
    .description('set a new password (generated when --password is absent); it must be changed at next login')
    .option('--password <password>')
    .option(...dataDirOption)
    .action(async (username: string, o) => {
      const r = await withContext(o, async (ctx) => resetPassword(ctx, cliActor, await userId(ctx, username), { password: o.password }));
      console.log(`已重置密码 (password reset): ${r.username}`);
      if (r.password) console.log(`新密码 (new password, shown once): ${r.password}`);
    });
}
