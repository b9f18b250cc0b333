import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAdminCommands } from '../../src/cli/admin.commands.js';
import { openDb, type Db } from '../../src/store/db.js';
import { backend } from '../helpers/db.js';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratch-db.js';

/**
 * The operator's commands, run in-process against their own database: a PGlite data dir,
 * or (with DATABASE_URL) a database of their own on the server.
 */
describe('xingquan CLI: user, import, audit verify', { timeout: 240_000 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-cli-'));
  const serverUrl = process.env.DATABASE_URL;
  let scratch: ScratchDatabase | null = null;
  let out: string[] = [];

  const run = async (...args: string[]): Promise<number> => {
    out = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
    process.exitCode = undefined;
    const program = new Command().exitOverride();
    registerAdminCommands(program);
    try {
      await program.parseAsync(['node', 'xingquan', ...args, ...(backend === 'pglite' ? ['--data-dir', dataDir] : [])]);
      return Number(process.exitCode ?? 0);
    } finally {
      log.mockRestore();
      process.exitCode = undefined;
    }
  };
  const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const db = await openDb({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir });
    try { return await fn(db); } finally { await db.close(); }
  };

  beforeAll(async () => {
    if (serverUrl) {
      scratch = await createScratchDatabase(serverUrl, 'xq_cli');
      process.env.DATABASE_URL = scratch.url;
    }
  });
  afterAll(async () => {
    if (serverUrl) {
      process.env.DATABASE_URL = serverUrl;
      await scratch?.drop();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports a §2 file, naming what it refused (exit code 2)', async () => {
    const file = path.join(dataDir, 'org.json');
    fs.writeFileSync(file, JSON.stringify({
      regions: [{ code: '510000', name: '四川省', parent: null }, { code: '511700', name: '达州市', parent: '510000' }, { code: '511702', name: '通川区', parent: '511700' }],
      departments: [{ code: '511702-STJ', name: '通川区生态环境局', region: '511702' }, { code: 'bad code', name: '坏', region: '511702' }],
    }));
    expect(await run('import', file)).toBe(2);
    const r = JSON.parse(out.join('\n'));
    expect(r.loaded).toEqual({ regions: 3, departments: 1, officers: 0, items: 0 });
    expect(r.refused[0].code).toBe('bad code');
  });

  it('adds a user with a generated password, disables and resets it', async () => {
    expect(await run('user', 'add', '--username', 'tc_jb', '--name', '李明', '--role', 'handler', '--department', '511702-STJ')).toBe(0);
    expect(out.join('\n')).toMatch(/初始密码.*: \S{10,}/);
    const row = await withDb((db) => db.query(`SELECT u.must_change_password, u.region_code, g.role, g.department_code FROM users u JOIN role_grants g ON g.user_id = u.id WHERE username = 'tc_jb'`));
    expect(row).toEqual([{ must_change_password: true, region_code: '511702', role: 'handler', department_code: '511702-STJ' }]);
    expect(await run('user', 'disable', 'tc_jb')).toBe(0);
    expect(await run('user', 'reset-password', 'tc_jb', '--password', 'Another-Passw0rd')).toBe(0);
    const [u] = await withDb((db) => db.query(`SELECT disabled, must_change_password FROM users WHERE username = 'tc_jb'`));
    expect(u).toEqual({ disabled: true, must_change_password: true });
  });

  it('三员分立 on the command line: the operator names the first administrators, then changes none of them', async () => {
    expect(await run('user', 'add', '--username', 'aud', '--name', '钱审', '--role', 'audit_admin')).toBe(0);
    expect(await run('user', 'add', '--username', 'sec', '--name', '孙杰', '--role', 'security_admin')).toBe(0);
    // a security administrator exists now: only they manage the administrators' accounts
    await expect(run('user', 'add', '--username', 'aud2', '--name', '再审', '--role', 'audit_admin')).rejects.toThrow(/三员分立/);
    await expect(run('user', 'reset-password', 'aud', '--password', 'Taken-Over-Passw0rd')).rejects.toThrow(/三员分立/);
    await expect(run('user', 'disable', 'aud')).rejects.toThrow(/三员分立/);
    await expect(run('user', 'reset-password', 'sec')).rejects.toThrow(/三员分立/);
    await expect(run('user', 'disable', 'sec')).rejects.toThrow(/三员分立/);
    expect(out.join('\n')).not.toMatch(/已停用|已重置密码|已创建用户/);
    const rows = await withDb((db) => db.query(`SELECT username, disabled, must_change_password FROM users WHERE username IN ('aud', 'aud2', 'sec') ORDER BY username`));
    expect(rows.map((r) => [r.username, r.disabled])).toEqual([['aud', false], ['sec', false]]);
    const denied = await withDb((db) => db.query(`SELECT action FROM audit_log WHERE actor_name = 'cli' AND outcome = 'denied' ORDER BY seq`));
    expect(denied.map((r) => r.action)).toEqual(['user.create', 'user.password.reset', 'user.disable', 'user.password.reset', 'user.disable']);
  });

  it('audit verify passes on a whole chain and names an altered record (exit code 1)', async () => {
    expect(await run('audit', 'verify')).toBe(0);
    expect(out[0]).toContain('intact');
    await withDb((db) => db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log SET details = '{"forged": true}' WHERE seq = 2;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`));
    expect(await run('audit', 'verify')).toBe(1);
    expect(out[0]).toContain('#2');
    expect(out[0]).toContain('altered');
  });
});
