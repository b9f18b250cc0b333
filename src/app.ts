import pino, { type Logger } from 'pino';
import { SimulatedClock, systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { startEngine } from './engine/engine.js';
import { startUpstreamWorker } from './engine/upstream-worker.js';
import { buildServer } from './http/server.js';
import type { App } from './http/app-types.js';
import { registerModules } from './modules.js';
import { ensureAdmin } from './services/bootstrap.service.js';
import { createCalendarProvider } from './services/calendar/calendar-provider.js';
import type { AppContext } from './services/context.js';
import { loadDemo } from './services/demo/index.js';
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
  const admin = await ensureAdmin(ctx);
  if (admin.generatedPassword) {
    // Printed once, to the operator's terminal only.
    process.stdout.write(`\n  管理员账户 admin 的初始密码 (initial password of admin, change it at first login): ${admin.generatedPassword}\n\n`);
  }
  const upstream = await configureUpstream(ctx); // §9: before the demo data, so a new lower platform forwards it too
  if (upstream.enabled) log.info({ upstream: config.upstreamUrl, seeded: upstream.seeded }, 'forwarding to the upper platform');
  if (config.demo && (await loadDemo(ctx))) log.info('demonstration data loaded');
  const app = await buildServer(ctx);
  await app.listen({ port: config.port, host: config.host });
  const stopEngine = config.sweepIntervalMs > 0 ? startEngine(ctx) : async () => undefined;
  const stopUpstream = upstream.enabled ? startUpstreamWorker(ctx) : async () => undefined; // §9, whatever the sweep period
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
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
      await db.close();
    },
  };
}
