import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAdminCommands } from '../../src/cli/admin.commands.js';
import { openPglite, openPostgres } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { testPlatform } from '../helpers/app.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { createScratchDatabase } from '../helpers/scratch-db.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs `xingquan <args>` in this process; what it printed and whether it threw. */
async function cli(args: string[]): Promise<{ out: string; error: Error | null }> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  const program = new Command().exitOverride();
  registerAdminCommands(program);
  try {
    await program.parseAsync(['node', 'xingquan', ...args]);
    return { out: out.join('\n'), error: null };
  } catch (e) {
    return { out: out.join('\n'), error: e as Error };
  } finally {
    log.mockRestore();
    process.exitCode = undefined;
  }
}

const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null || c.signalCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));

/**
 * One writer per PGlite data dir (a real server process holds it): a second server, a CLI
 * command or an in-process open is refused at once naming the holder; after kill -9 the lock
 * is stale and the next opener takes it over. Runs on PGlite whatever DATABASE_URL says.
 */
describe('one writer per PGlite data dir', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-lock-'));
  const lockFile = path.join(dataDir, 'pg.lock');
  const env = { ...process.env, XINGQUAN_ADMIN_PASSWORD: 'Lock-Test-Passw0rd' } as Record<string, string | undefined>;
  delete env.DATABASE_URL;
  const savedUrl = process.env.DATABASE_URL;
  let server: ChildProcess;
  let port = 0;
  const serve = () => spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });

  beforeAll(async () => {
    delete process.env.DATABASE_URL;
    server = serve();
    server.stdout!.resume();
    let err = '';
    server.stderr!.on('data', (d) => { err += d; });
    const deadline = Date.now() + 170_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}): ${err}`);
      const h = fs.existsSync(lockFile) ? JSON.parse(fs.readFileSync(lockFile, 'utf8') || '{}') : null;
      if (h?.port) { port = h.port; break; }
      if (Date.now() > deadline) throw new Error('server did not start within 170 s');
      await new Promise((r) => setTimeout(r, 300));
    }
  }, 180_000);
  afterAll(async () => {
    if (savedUrl) process.env.DATABASE_URL = savedUrl;
    if (server && server.exitCode === null && server.signalCode === null) { server.kill('SIGKILL'); await exited(server); }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a second process on the held data dir is refused at once, naming the server (pid, command, since, port)', { timeout: 120_000 }, async () => {
    const holder = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    expect(holder).toMatchObject({ pid: server.pid, port });
    expect(holder.command).toContain('serve');
    // a CLI change: refused, and no success printed for a change that did not happen
    const add = await cli(['user', 'add', '--username', 'ghost', '--name', '幽灵', '--data-dir', dataDir]);
    expect(add.error?.message).toContain(`进程 ${server.pid}`);
    expect(add.error?.message).toContain(`端口 ${port}`);
    expect(add.error?.message).toContain(holder.since);
    expect(add.out).toBe('');
    const disable = await cli(['user', 'disable', 'admin', '--data-dir', dataDir]);
    expect(disable.error?.message).toContain('正由进程');
    expect(disable.out).not.toContain('已停用');
    await expect(openPglite(path.join(dataDir, 'pg'))).rejects.toMatchObject({ code: 'CONFLICT' });
    // a second server process exits at once (before opening the database) with the holder's name
    const second = serve();
    let err = '';
    second.stderr!.on('data', (d) => { err += d; });
    second.stdout!.resume();
    expect(await exited(second)).toBe(1);
    expect(err).toContain(`进程 ${server.pid}`);
    // the first server still serves
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).ok).toBe(true);
  });

  it('a lock left by kill -9 is stale: the next process takes the data dir over and its change happens', { timeout: 120_000 }, async () => {
    server.kill('SIGKILL');
    await exited(server);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(server.pid); // left behind
    const add = await cli(['user', 'add', '--username', 'clerk', '--name', '职员', '--data-dir', dataDir]);
    expect(add.error).toBeNull();
    expect(add.out).toContain('已创建用户');
    const disable = await cli(['user', 'disable', 'clerk', '--data-dir', dataDir]);
    expect(disable.error).toBeNull();
    expect(fs.existsSync(lockFile)).toBe(false); // released on close
    const db = await openPglite(path.join(dataDir, 'pg'));
    try {
      expect(await db.query(`SELECT username, disabled FROM users WHERE username IN ('admin', 'clerk', 'ghost') ORDER BY username`))
        .toEqual([{ username: 'admin', disabled: false }, { username: 'clerk', disabled: true }]);
      expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('on PostgreSQL the CLI writes the database directly', () => {
  it('a running server honours a CLI disable and password reset at once: the live sessions end', { timeout: 120_000 }, async () => {
    const serverUrl = process.env.DATABASE_URL!;
    const scratch = await createScratchDatabase(serverUrl, 'xq_cli_live');
    const db = await openPostgres(scratch.url, 5);
    await migrate(db);
    const p = await testPlatform({ db });
    try {
      await seedUser(p.db, { username: 'clerk', role: 'supervisor', region: null });
      await seedUser(p.db, { username: 'clerk2', role: 'supervisor', region: null });
      const live = await bearer(p.app, 'clerk');
      const live2 = await bearer(p.app, 'clerk2');
      expect((await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: live })).statusCode).toBe(200);
      process.env.DATABASE_URL = scratch.url;
      const r = await cli(['user', 'disable', 'clerk']);
      expect(r.error).toBeNull();
      expect(r.out).toContain('结束会话 (sessions ended): 1');
      expect((await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: live })).statusCode).toBe(401);
      expect((await p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: 'Test-Passw0rd!' } })).statusCode).toBe(401);
      expect((await cli(['user', 'reset-password', 'clerk2', '--password', 'Reset-By-Cli-Passw0rd'])).error).toBeNull();
      expect((await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: live2 })).statusCode).toBe(401);
    } finally {
      process.env.DATABASE_URL = serverUrl;
      await p.close();
      await scratch.drop();
    }
  });
});
