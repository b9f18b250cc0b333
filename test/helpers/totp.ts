import type { Clock } from '../../src/clock.js';
import type { App } from '../../src/http/app-types.js';
import { totpCode } from '../../src/domain/auth/totp.js';
import { DEMO_TOTP_SECRET } from '../../src/services/demo/org.demo.js';

/**
 * Second factor for tests (interface standard §6): test platforms start `admin` with
 * TEST_ADMIN_TOTP_SECRET, the demo accounts carry DEMO_TOTP_SECRET, and any other account that
 * must use one is enrolled by `bearer` from the details.enrol URL of its first MFA_REQUIRED
 * answer; the secrets are kept here per app, and codes are computed on the app's wall clock.
 */
export const TEST_ADMIN_TOTP_SECRET = 'TESTADMINTOTPSECRETXINGQUAN23456';

const clocks = new WeakMap<App, Clock>();
const secrets = new WeakMap<App, Map<string, string>>();

export function registerWallClock(app: App, clock: Clock): void {
  clocks.set(app, clock);
}

const known = (app: App) => {
  let m = secrets.get(app);
  if (!m) secrets.set(app, (m = new Map()));
  return m;
};

/** The last secret enrolled for each username by any app of this test file (a second app over the same database). */
const lastEnrolled = new Map<string, string>();

/** The secret `bearer` will use for `username`: enrolled through this app, else through another, admin's, or the demo accounts'. */
export function secretFor(app: App, username: string): string {
  return known(app).get(username) ?? lastEnrolled.get(username) ?? (username === 'admin' ? TEST_ADMIN_TOTP_SECRET : DEMO_TOTP_SECRET);
}

export function rememberSecret(app: App, username: string, secret: string): void {
  known(app).set(username, secret);
  lastEnrolled.set(username, secret);
}

/** The current code of `secret` on the app's wall clock (the real clock when none is registered). */
export function codeNow(app: App, secret: string): string {
  return totpCode(secret, clocks.get(app)?.now() ?? new Date());
}

/** The secret inside an otpauth:// URL. */
export const secretOfUrl = (url: string): string => new URL(url).searchParams.get('secret')!;
