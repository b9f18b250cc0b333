import type { Actor } from '../domain/org/policy.js';
import { hashPassword, passwordProblem, sha256hex, verifyPassword } from './security/password.js';
import { AppError } from '../errors.js';
import { appendAudit } from '../store/audit.store.js';
import { findActiveApiKey, touchApiKey } from '../store/account.store.js';
import * as sessions from '../store/session.store.js';
import * as users from '../store/user.store.js';
import type { AppContext } from './context.js';

export const API_KEY_PREFIX = 'xqk_';

// 登录 with its throttling and second factor lives in security/login.service.ts.
export { login, type LoginResult } from './security/login.service.js';

export interface ResolvedSession {
  actor: Extract<Actor, { kind: 'user' }>;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** A session token (cookie or bearer) → the user acting, or 401 when unknown, ended, idle or disabled. */
export async function resolveSession(ctx: AppContext, token: string, sourceIp: string | null): Promise<ResolvedSession> {
  const now = ctx.wallClock.now();
  const hash = sha256hex(token);
  const s = await sessions.findSession(ctx.db, hash);
  if (!s || s.endedAt) throw new AppError('UNAUTHENTICATED', '未登录或会话已结束 (not signed in or session ended)');
  // GB/T 22239-2019 8.1.4.1 b: 登录连接超时自动退出 — idle and absolute lifetimes, on the real clock
  if (now.getTime() - s.createdAt.getTime() > ctx.config.sessionMaxMs) {
    await sessions.endSession(ctx.db, hash, now);
    throw new AppError('UNAUTHENTICATED', '会话已达最长时限，请重新登录 (session reached its maximum lifetime)');
  }
  if (now.getTime() - s.lastSeenAt.getTime() > ctx.config.sessionIdleMs) {
    await sessions.endSession(ctx.db, hash, now);
    throw new AppError('UNAUTHENTICATED', '会话已超时，请重新登录 (session timed out after inactivity)');
  }
  const user = await users.findUserById(ctx.db, s.userId);
  if (!user || user.disabled) {
    await sessions.endSession(ctx.db, hash, now);
    throw new AppError('UNAUTHENTICATED', '账户已停用 (account disabled)');
  }
  if (now.getTime() - s.lastSeenAt.getTime() > 15_000) await sessions.touchSession(ctx.db, hash, now);
  const grants = await users.grantsOf(ctx.db, user.id);
  return {
    actor: {
      kind: 'user', userId: user.id, username: user.username, name: user.displayName, grants, sessionId: hash,
      departmentCode: user.departmentCode, regionCode: user.regionCode, officerId: user.officerId, sourceIp,
    },
    csrfToken: s.csrfToken,
    mustChangePassword: user.mustChangePassword,
  };
}

export const INVALID_KEY = 'API 密钥无效或已吊销 (invalid or revoked API key)';

/** When this process last wrote each key's last_used_at (per platform context). */
const keyUseWritten = new WeakMap<AppContext, Map<string, number>>();
/** The keys this process looked up in the last minute (per platform context), by their hash. */
const keysLookedUp = new WeakMap<AppContext, Map<string, { actor: ApiKeyActor; at: number }>>();
type ApiKeyActor = Extract<Actor, { kind: 'apiKey' }>;
const KEY_RECHECK_MS = 60_000;

/**
 * resolveApiKey for the exchange push (§3), whose transaction checks the key again
 * (case_ingest_open): a key this process looked up less than a minute ago is taken as it was then
 * (`recheck`), without a round trip to the database before the body is read. Any other key is
 * looked up first, as everywhere, so a request with an unknown key is refused before its body is
 * read.
 */
export async function resolveApiKeyForPush(ctx: AppContext, key: string, sourceIp: string | null): Promise<ApiKeyActor> {
  const hit = keysLookedUp.get(ctx)?.get(sha256hex(key));
  if (hit && ctx.wallClock.now().getTime() - hit.at < KEY_RECHECK_MS) return { ...hit.actor, sourceIp, recheck: true };
  return resolveApiKey(ctx, key, sourceIp);
}

/** Forgets a key this process looked up (it was revoked here; other processes' pushes meet the check in their transaction). */
export function forgetApiKey(ctx: AppContext, keyId: string): void {
  const seen = keysLookedUp.get(ctx);
  if (seen) for (const [hash, v] of seen) if (v.actor.keyId === keyId) seen.delete(hash);
}

/** A department API key (§3) → the department acting, or 401. */
export async function resolveApiKey(ctx: AppContext, key: string, sourceIp: string | null): Promise<ApiKeyActor> {
  const hash = sha256hex(key);
  const r = await findActiveApiKey(ctx.db, hash);
  let seen = keysLookedUp.get(ctx);
  if (!seen) keysLookedUp.set(ctx, (seen = new Map()));
  if (!r) {
    seen.delete(hash);
    throw new AppError('UNAUTHENTICATED', INVALID_KEY);
  }
  // Shown to administrators in the key list; written at most once a minute per key (and not even
  // asked for when this process wrote it less than a minute ago)
  const now = ctx.wallClock.now();
  let written = keyUseWritten.get(ctx);
  if (!written) keyUseWritten.set(ctx, (written = new Map()));
  if (!(now.getTime() - (written.get(r.id) ?? -Infinity) < 60_000)) {
    await touchApiKey(ctx.db, r.id, now);
    written.set(r.id, now.getTime());
  }
  const actor: ApiKeyActor = { kind: 'apiKey', keyId: r.id, name: r.name, departmentCode: r.departmentCode, regionCode: r.regionCode, sourceIp };
  seen.set(hash, { actor: { ...actor, sourceIp: null }, at: now.getTime() });
  return actor;
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.kind !== 'user' || !actor.sessionId) return;
  await ctx.db.tx(async (q) => {
    await sessions.endSession(q, actor.sessionId!, ctx.wallClock.now());
    await appendAudit(q, ctx.clock.now(), {
      actorId: actor.userId, actorName: actor.username, role: null, regionCode: actor.regionCode,
      action: 'auth.logout', target: `user:${actor.userId}`, sourceIp: actor.sourceIp, outcome: 'success', details: null,
    });
  });
}

/** The user changes their own password (required at first login when another person set it). */
export async function changeOwnPassword(ctx: AppContext, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', '仅用户可修改密码 (only users have passwords)');
  const user = await users.findUserById(ctx.db, actor.userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('VALIDATION', 'currentPassword: 当前密码不正确 (current password is wrong)', { field: 'currentPassword' });
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new AppError('VALIDATION', `newPassword: ${problem}`, { field: 'newPassword' });
  if (input.newPassword === input.currentPassword) {
    throw new AppError('VALIDATION', 'newPassword: 新密码不能与当前密码相同 (must differ from the current one)', { field: 'newPassword' });
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.tx(async (q) => {
    await users.setPassword(q, user.id, hash, false, ctx.wallClock.now());
    await appendAudit(q, ctx.clock.now(), {
      actorId: user.id, actorName: user.username, role: null, regionCode: user.regionCode,
      action: 'auth.password.change', target: `user:${user.id}`, sourceIp: actor.sourceIp, outcome: 'success', details: null,
    });
  });
}

