import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratch-db.js';
import type { TestProject } from 'vitest/node';

/** The drill clock the journeys start on: Monday 2 March 2026, 09:00 China time. */
export const E2E_CLOCK = '2026-03-02T09:00:00+08:00';
export const ADMIN_PASSWORD = 'E2e-Admin-Passw0rd!';
/** admin's second factor (§6 XINGQUAN_ADMIN_TOTP_SECRET); the demo accounts that need one use DEMO_TOTP_SECRET. */
export const ADMIN_TOTP_SECRET = 'EZEADMINTOTPSECRETXINGQUAN234567';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

let child: ChildProcess | null = null;
let dataDir = '';
let scratch: ScratchDatabase | null = null;

/** Starts `xingquan serve --demo --clock` on a free port and a temp data dir (web/dist must be built). */
export async function setup(project: TestProject) {
  if (!fs.existsSync(path.resolve('web/dist/index.html'))) throw new Error('web/dist missing: run `npm run build:web` first');
  fs.mkdirSync('test-results', { recursive: true });
  // E2E_BASE_URL: reuse a server already started with --demo --clock (and XINGQUAN_ADMIN_PASSWORD=ADMIN_PASSWORD)
  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL);
    project.provide('adminPassword', process.env.E2E_ADMIN_PASSWORD ?? ADMIN_PASSWORD);
    return;
  }
  const port = await freePort();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-e2e-'));
  const log = fs.createWriteStream(path.resolve('test-results/e2e-server.log'));
  const serverDb = process.env.E2E_DATABASE_URL ?? (process.env.DATABASE_URL ? (scratch = await createScratchDatabase(process.env.DATABASE_URL, 'xq_e2e')).url : '');
  // the journeys cannot read a captcha's answer from the server's process: the hall's complaint form runs without it here
  const env = { ...process.env, XINGQUAN_ADMIN_PASSWORD: ADMIN_PASSWORD, XINGQUAN_ADMIN_TOTP_SECRET: ADMIN_TOTP_SECRET, XINGQUAN_PUBLIC_CAPTCHA: 'off', DATABASE_URL: serverDb };
  if (!env.DATABASE_URL) delete (env as Record<string, string | undefined>).DATABASE_URL;
  child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir, '--demo', '--clock', E2E_CLOCK], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see test-results/e2e-server.log`);
    try { const r = await fetch(`${base}/readyz`); if (r.ok) break; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error('server did not start within 120 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('baseUrl', base);
  project.provide('adminPassword', ADMIN_PASSWORD);
}

export async function teardown() {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => { const t = setTimeout(() => { child?.kill('SIGKILL'); r(null); }, 10_000); child!.once('exit', () => { clearTimeout(t); r(null); }); });
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
}

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string; adminPassword: string }
}
