import type { Queryable } from './db.js';

/** Second factor, login throttling, captchas and the session list (migration 0720). */

export interface TotpState {
  secret: string | null;
  pending: string | null;
  required: boolean | null;
  enrolledAt: Date | null;
  lastStep: number | null;
  lastSource: string | null;
}

export async function totpState(q: Queryable, userId: string): Promise<TotpState> {
  const [r] = await q.query('SELECT totp_secret, totp_pending, totp_required, totp_enrolled_at, totp_last_step, totp_last_source FROM users WHERE id = $1', [userId]);
  return {
    secret: r?.totp_secret ?? null, pending: r?.totp_pending ?? null, required: r?.totp_required ?? null, enrolledAt: r?.totp_enrolled_at ?? null,
    lastStep: r?.totp_last_step == null ? null : Number(r.totp_last_step), lastSource: r?.totp_last_source ?? null,
  };
}

/** Offers a secret for enrolment unless one is already on offer; returns the one on offer. */
export async function offerTotpSecret(q: Queryable, userId: string, secret: string): Promise<string> {
  const [r] = await q.query('UPDATE users SET totp_pending = COALESCE(totp_pending, $2) WHERE id = $1 RETURNING totp_pending', [userId, secret]);
  return r.totp_pending;
}

export async function enrolTotp(q: Queryable, userId: string, secret: string, at: Date): Promise<void> {
  await q.query('UPDATE users SET totp_secret = $2, totp_pending = NULL, totp_enrolled_at = $3, totp_last_step = NULL, totp_last_source = NULL WHERE id = $1', [userId, secret, at]);
  await q.query('DELETE FROM user_recovery_codes WHERE user_id = $1', [userId]);
}

export async function recordTotpUse(q: Queryable, userId: string, step: number, source: string): Promise<void> {
  await q.query('UPDATE users SET totp_last_step = GREATEST(COALESCE(totp_last_step, 0), $2), totp_last_source = $3 WHERE id = $1', [userId, step, source]);
}

/** Clears the second factor: the next login with the password offers a new enrolment. */
export async function resetTotp(q: Queryable, userId: string): Promise<void> {
  await q.query('UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_enrolled_at = NULL, totp_last_step = NULL, totp_last_source = NULL WHERE id = $1', [userId]);
  await q.query('DELETE FROM user_recovery_codes WHERE user_id = $1', [userId]);
}

export async function setTotpRequired(q: Queryable, userId: string, required: boolean | null): Promise<void> {
  await q.query('UPDATE users SET totp_required = $2 WHERE id = $1', [userId, required]);
}

export async function insertRecoveryCodes(q: Queryable, userId: string, hashes: string[]): Promise<void> {
  for (const h of hashes) await q.query('INSERT INTO user_recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, h]);
}

/** Marks an unused recovery code used; false when there is none. */
export async function useRecoveryCode(q: Queryable, userId: string, hash: string, at: Date): Promise<boolean> {
  const rows = await q.query('UPDATE user_recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING 1', [userId, hash, at]);
  return rows.length > 0;
}

export async function recoveryCodesLeft(q: Queryable, userId: string): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL', [userId]);
  return r.n;
}

// ---- login throttle, per (account name, source) ----

export interface Throttle {
  failures: number;
  lockedUntil: Date | null;
}

export async function readThrottle(q: Queryable, username: string, source: string): Promise<Throttle> {
  const [r] = await q.query('SELECT failures, locked_until FROM login_throttle WHERE username = $1 AND source = $2', [username, source]);
  return { failures: r?.failures ?? 0, lockedUntil: r?.locked_until ?? null };
}

/** Counts one failure; `lockUntil` (when given) starts a lock. Returns the failures counted. */
export async function recordThrottleFailure(q: Queryable, username: string, source: string, at: Date, lockUntil: Date | null): Promise<number> {
  const [r] = await q.query(
    `INSERT INTO login_throttle (username, source, failures, locked_until, last_failure) VALUES ($1, $2, 1, $4, $3)
     ON CONFLICT (username, source) DO UPDATE SET failures = login_throttle.failures + 1,
       locked_until = COALESCE($4, login_throttle.locked_until), last_failure = $3
     RETURNING failures`,
    [username, source, at, lockUntil],
  );
  return r.failures;
}

export async function clearThrottle(q: Queryable, username: string, source: string | null): Promise<void> {
  if (source === null) await q.query('DELETE FROM login_throttle WHERE username = $1', [username]);
  else await q.query('DELETE FROM login_throttle WHERE username = $1 AND source = $2', [username, source]);
}

// ---- captchas ----

export async function insertCaptcha(q: Queryable, c: { id: string; answer: string; purpose: string; expiresAt: Date; now: Date }): Promise<void> {
  await q.query('DELETE FROM captcha_challenges WHERE expires_at < $1', [c.now]);
  await q.query('INSERT INTO captcha_challenges (id, answer, purpose, expires_at) VALUES ($1, $2, $3, $4)', [c.id, c.answer, c.purpose, c.expiresAt]);
}

/** Takes a captcha (one-time: it is gone whatever the answer); true when the answer was right and in time. */
export async function consumeCaptcha(q: Queryable, id: string, answer: string, purpose: string, now: Date): Promise<boolean> {
  const rows = await q.query('DELETE FROM captcha_challenges WHERE id = $1 RETURNING answer, purpose, expires_at', [id]);
  const r = rows[0];
  return !!r && r.purpose === purpose && r.expires_at >= now && r.answer === answer.trim().toLowerCase();
}

/** Test hook: the answer of a live captcha (tests read it here; no route exposes it). */
export async function captchaAnswerForTests(q: Queryable, id: string): Promise<string | null> {
  const [r] = await q.query('SELECT answer FROM captcha_challenges WHERE id = $1', [id]);
  return r?.answer ?? null;
}

// ---- sessions of one user ----

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  sourceIp: string | null;
  userAgent: string | null;
}

export async function liveSessionsOf(q: Queryable, userId: string): Promise<SessionSummary[]> {
  const rows = await q.query('SELECT id, created_at, last_seen_at, source_ip, user_agent FROM sessions WHERE user_id = $1 AND ended_at IS NULL ORDER BY created_at DESC', [userId]);
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, sourceIp: r.source_ip, userAgent: r.user_agent }));
}

/** Ends one of the user's own sessions by its public id; false when there is no such live session. */
export async function endOwnSession(q: Queryable, userId: string, id: string, at: Date): Promise<boolean> {
  const rows = await q.query('UPDATE sessions SET ended_at = $3 WHERE id = $2 AND user_id = $1 AND ended_at IS NULL RETURNING 1', [userId, id, at]);
  return rows.length > 0;
}
