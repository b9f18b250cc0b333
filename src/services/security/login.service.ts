import * as totpVault from './totp-vault.js';
import { hashPassword, newSecret, sha256hex, verifyPassword } from './password.js';
import { enrolUrl, matchTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpRequired } from '../../domain/auth/totp.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../../store/audit.store.js';
import * as security from '../../store/security.store.js';
import * as sessions from '../../store/session.store.js';
import * as users from '../../store/user.store.js';
import { newId } from '../ids.js';
import type { AppContext } from '../context.js';
import { checkCaptcha } from './captcha.service.js';

/**
 * 登录 (interface standard §6; GB/T 22239-2019 8.1.4.1 a–d). Failures are counted per (account
 * name, source address), for unknown accounts too: after CAPTCHA_AFTER the source must solve a
 * captcha, from LOCK_AFTER on each failure locks that pair for a growing delay. Unknown account,
 * wrong password, wrong code and a locked pair all answer the same 401 after the same password
 * hash, so neither names nor locks can be learnt, and a flood from one source never locks the
 * account out for another.
 */
export const CAPTCHA_AFTER = 3;
export const LOCK_AFTER = 5;
const LOCK_BASE_MS = 60_000;
export const LOCK_MAX_MS = 15 * 60_000;
export const WRONG_CREDENTIALS = '用户名、密码或动态口令错误 (wrong username, password or one-time code)';

/** The lock a failure starts: 1, 2, 4, 8, 15, 15 … minutes from the LOCK_AFTER-th failure on. */
export const lockDelayMs = (failures: number): number | null =>
  failures < LOCK_AFTER ? null : Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** (failures - LOCK_AFTER));

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
  captchaId?: string;
  captcha?: string;
  sourceIp: string | null;
  userAgent?: string | null;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  mustChangePassword: boolean;
  userId: string;
  /** Shown once, when this login enrolled the second factor. */
  recoveryCodes?: string[];
}

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-Xq1!'));

export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const now = ctx.wallClock.now();
  const name = input.username.trim().toLowerCase();
  const source = input.sourceIp ?? 'unknown';
  const throttle = await security.readThrottle(ctx.db, name, source);
  if (throttle.failures >= CAPTCHA_AFTER) await checkCaptcha(ctx, 'login', input);

  const user = await users.findUserByName(ctx.db, input.username);
  // the hash runs for unknown accounts and locked pairs too: the same work and the same answer
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  const locked = !!throttle.lockedUntil && throttle.lockedUntil > now;

  const fail = async (reason: string): Promise<never> => {
    const failures = await ctx.db.tx(async (q) => {
      const n = throttle.failures + 1;
      const delay = locked ? null : lockDelayMs(n);
      const counted = await security.recordThrottleFailure(q, name, source, now, delay ? new Date(now.getTime() + delay) : null);
      await appendAudit(q, ctx.clock.now(), {
        actorId: user?.id ?? null, actorName: input.username.slice(0, 64), role: null, regionCode: user?.regionCode ?? null,
        action: 'auth.login', target: user ? `user:${user.id}` : null, sourceIp: input.sourceIp, outcome: 'failure',
        details: { reason: delay ? `${reason}; source locked ${delay / 1000} s` : reason },
      });
      return counted;
    });
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS, { captchaRequired: failures >= CAPTCHA_AFTER });
  };

  if (!user) return fail('unknown user');
  if (locked) return fail('locked');
  if (!passwordOk) return fail('wrong password');
  if (user.disabled) return fail('disabled');

  // second factor
  const grants = await users.grantsOf(ctx.db, user.id);
  const t = await totpVault.totpState(ctx.config, ctx.db, user.id);
  let enrolSecret: string | null = null;
  let recoveryUsed = false;
  if (totpRequired(grants, t.required, !!t.secret)) {
    if (input.recoveryCode && t.secret) {
      if (!(await security.useRecoveryCode(ctx.db, user.id, sha256hex(normaliseRecoveryCode(input.recoveryCode)), now))) return fail('wrong recovery code');
      recoveryUsed = true;
    } else if (!input.totp) {
      const details: Record<string, unknown> = {};
      if (!t.secret) details.enrol = enrolUrl(user.username, await totpVault.offerTotpSecret(ctx.config, ctx.db, user.id, newTotpSecret()));
      throw new AppError('MFA_REQUIRED', '请输入动态口令（身份验证器中的 6 位数字）(enter the 6-digit code from your authenticator app)', details);
    } else {
      const secret = t.secret ?? t.pending;
      const step = secret ? matchTotp(secret, input.totp, now) : null;
      // a code is good once: an older step never, the same step only again from the same source
      if (step === null || (t.lastStep !== null && (step < t.lastStep || (step === t.lastStep && t.lastSource !== source)))) return fail('wrong one-time code');
      if (!t.secret) enrolSecret = secret;
      else await security.recordTotpUse(ctx.db, user.id, step, source);
    }
  }

  const token = newSecret();
  const csrfToken = newSecret(18);
  const recoveryCodes = enrolSecret ? newRecoveryCodes() : undefined;
  await ctx.db.tx(async (q) => {
    if (enrolSecret) {
      await totpVault.enrolTotp(ctx.config, q, user.id, enrolSecret, now);
      await security.insertRecoveryCodes(q, user.id, recoveryCodes!.map((c) => sha256hex(normaliseRecoveryCode(c))));
      await appendAudit(q, ctx.clock.now(), {
        actorId: user.id, actorName: user.username, role: null, regionCode: user.regionCode,
        action: 'auth.totp.enrol', target: `user:${user.id}`, sourceIp: input.sourceIp, outcome: 'success', details: null,
      });
    }
    await security.clearThrottle(q, name, source);
    await users.recordLoginSuccess(q, user.id);
    await sessions.insertSession(q, {
      id: newId(), tokenHash: sha256hex(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now, sourceIp: input.sourceIp,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(q, ctx.clock.now(), {
      actorId: user.id, actorName: user.username, role: null, regionCode: user.regionCode,
      action: 'auth.login', target: `user:${user.id}`, sourceIp: input.sourceIp, outcome: 'success', details: recoveryUsed ? { recoveryCode: true } : null,
    });
  });
  return { token, csrfToken, mustChangePassword: user.mustChangePassword, userId: user.id, recoveryCodes };
}
