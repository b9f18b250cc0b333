import pino from 'pino';
import { ManualClock, SimulatedClock, type Clock } from '../../src/clock.js';
import { createContext } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { buildServer } from '../../src/http/server.js';
import type { App } from '../../src/http/app-types.js';
import type { AppContext } from '../../src/services/context.js';
import type { Db } from '../../src/store/db.js';
import { freshDb } from './db.js';
import { registerWallClock, TEST_ADMIN_TOTP_SECRET } from './totp.js';

/** The seal key (version 1) of test platforms: tests may open sealed values with it. */
export const TEST_SEAL_KEY = '1:' + '5e'.repeat(32);

export interface TestPlatform {
  db: Db;
  ctx: AppContext;
  app: App;
  /** Business clock: a drill clock starting at `clockStart`. */
  clock: SimulatedClock;
  /** Security clock (idle timeouts, lockouts). */
  wallClock: ManualClock;
  close(): Promise<void>;
}

/** A context and an HTTP app over a fresh database, on controllable clocks. */
export async function testPlatform(opts: { clockStart?: string; config?: Partial<Config>; db?: Db } = {}): Promise<TestPlatform> {
  const db = opts.db ?? (await freshDb());
  // admin's second factor is known to the helpers; the public form's captcha is off unless a test turns it on
  // the seal key of personal data is a fixed test key (no key file is made beside the working directory)
  const config = { ...loadConfig({ sweepIntervalMs: 0, logLevel: 'silent' }, {}), adminTotpSecret: TEST_ADMIN_TOTP_SECRET, publicCaptcha: false, sealKey: TEST_SEAL_KEY, ...opts.config };
  const clock = new SimulatedClock(new Date(opts.clockStart ?? '2026-03-02T10:00:00+08:00'));
  const wallClock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
  const ctx = await createContext({ db, config, clock: clock as Clock, wallClock, log: pino({ level: 'silent' }) });
  const app = await buildServer(ctx, { logger: false });
  await app.ready();
  registerWallClock(app, wallClock);
  return {
    db, ctx, app, clock, wallClock,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
