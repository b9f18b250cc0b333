import pino, { type Logger } from 'pino';
import { SimulatedClock, systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { startEngine } from './engine/engine.js';
import { startUpstreamWorker } from './engine/upstream-worker.js';
import { buildServer } from './http/server.js';
import type { App } from './http/app-types.js';
import { registerModules } from './modules.js';
import { checkpointDeps } from './services/audit/checkpoint-admin.service.js';
import { loadCheckpointKey } from './services/audit/checkpoint-key.js';
import { writeCheckpoint } from './services/audit/checkpoint.service.js';
import { checkSealKeys, sealPlainTotp } from './services/security/personal-data.service.js';
import { ensureAdmin } from './services/bootstrap.service.js';
import { createCalendarProvider } from './services/calendar/calendar-provider.js';
import type { AppContext } from './services/context.js';
import { demoCasesToTry, loadDemo } from './services/demo/index.js';
import { configureUpstream } from './services/levels/upstream.service.js';
import { openDb, type Db } from './store/db.js';
import { migrate } from './store/migrate.js';

export interface ContextOptions {
  db: Db;
  config: Config;
  clock?: Clock;
  wallClock?: Clock;
  log?: Logger;
}

/** Builds the one context every service receives; the database must be migrated. */
export async function createContext(o: ContextOptions): Promise<AppContext> {
  const ctx: AppContext = {
    db: o.db,
    config: o.config,
    clock: o.clock ?? (o.config.clockStart ? new SimulatedClock(o.config.clockStart) : systemClock),
    wallClock: o.wallClock ?? systemClock,
    log: o.log ?? pino({ level: o.config.logLevel }),
    calendars: await createCalendarProvider(o.db),
    hooks: { caseChanged: [], calendarChanged: [], clockMoved: [] },
  };
  registerModules(ctx);
  return ctx;
}

export interface Platform {
  ctx: AppContext;
  app: App;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates it, prepares the administrator (and demo data), and serves. */
export async function startPlatform(config: Config): Promise<Platform> {
  const log = pino({ level: config.logLevel });
  const t0 = performance.now();
  const db = await openDb(config);
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const ctx = await createContext({ db, config, log });
  // the key that signs audit checkpoints, outside the database (made beside the data dir when none is given)
  const key = loadCheckpointKey(config, true)!;
  if (key.created) log.warn({ keyFile: key.source, keyId: key.id }, '已生成检查点签名密钥，请妥善备份 (checkpoint key generated: keep a copy of this file outside the server)');
  else log.info({ keySource: key.source, keyId: key.id }, 'checkpoint key loaded');
  // the keys that seal personal data, outside the database (GB/T 22239-2019 8.1.4.8); a key other than the data's refuses the start
  const seal = await checkSealKeys(db, config, ctx.clock.now());
  if (seal.created) log.warn({ keyFile: seal.source, version: seal.version }, '已生成个人信息封存密钥，请妥善备份，丢失则封存数据无法解封 (seal key generated: keep a copy of this file outside the server)');
  else log.info({ keySource: seal.source, version: seal.version }, 'seal key loaded');
  const sealedTotp = await sealPlainTotp(db, config);
  if (sealedTotp) log.info({ accounts: sealedTotp }, 'TOTP secrets stored plain before now sealed');
  const admin = await ensureAdmin(ctx);
  if (admin.generatedPassword) {
    // Printed once, to the operator's terminal only, framed on stderr (the JSON log lines go to stdout).
    printFramed([
      `管理员账户 admin 的初始密码 (initial password of admin): ${admin.generatedPassword}`,
      '首次登录须修改 (change it at first login); 此密码只显示这一次 (shown only this once).',
    ]);
  }
  const upstream = await configureUpstream(ctx); // §9: before the demo data, so a new lower platform forwards it too
  if (upstream.enabled) log.info({ upstream: config.upstreamUrl, seeded: upstream.seeded }, 'forwarding to the upper platform');
  if (config.demo) {
    if (await loadDemo(ctx)) log.info('demonstration data loaded');
    const cases = await demoCasesToTry(ctx);
    printFramed([
      '演示数据 (demonstration data): 演示账户密码均为 Demo-Passw0rd! (README: 演示账户)',
      '在电子政务大厅「办件进度」试查 (try in the public hall, 办件进度):',
      ...cases.map((c) => `  办件编号 ${c.caseNo}  查询码 ${c.queryCode}  — ${c.what}`),
    ]);
  }
  const app = await buildServer(ctx);
  await app.listen({ port: config.port, host: config.host });
  const stopEngine = config.sweepIntervalMs > 0 ? startEngine(ctx) : async () => undefined;
  const stopUpstream = upstream.enabled ? startUpstreamWorker(ctx) : async () => undefined; // §9, whatever the sweep period
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  db.noteHolder?.({ port });
  const url = `http://localhost:${port}`;
  log.info({ url, database: db.kind, clock: ctx.clock.simulated ? 'simulated' : 'real', startMs: Math.round(performance.now() - t0) }, 'Xingquan is serving');
  let stopped = false;
  return {
    ctx, app, url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopEngine();
      await stopUpstream();
      await app.close();
      // every graceful shutdown leaves a signed checkpoint of what the platform holds
      await writeCheckpoint(checkpointDeps(ctx), 'shutdown', 'engine')
        .then((c) => log.info({ checkpoint: c.n, auditSeq: c.audit.seq }, 'shutdown checkpoint written'))
        .catch((err) => log.error({ err }, 'shutdown checkpoint failed'));
      await db.close();
    },
  };
}

/** A few lines for the person at the terminal, framed so they stand out from the JSON log lines. */
function printFramed(lines: string[]): void {
  const bar = '='.repeat(72);
  process.stderr.write(`\n${bar}\n${lines.map((l) => `  ${l}`).join('\n')}\n${bar}\n\n`);
}
