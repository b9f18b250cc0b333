import * as totpVault from './totp-vault.js';
import { roleRequiresTotp } from '../../domain/auth/totp.js';
import type { Actor } from '../../domain/org/policy.js';
import { AppError, notFound } from '../../errors.js';
import * as accounts from '../../store/account.store.js';
import { appendAudit } from '../../store/audit.store.js';
import * as security from '../../store/security.store.js';
import { endUserSessions, findSession } from '../../store/session.store.js';
import { findUserByName, grantsOf } from '../../store/user.store.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { readInScope, requireCan } from '../org/scoped-read.js';

/** A person's own sessions, and the security administrator's hold on second factors. */

function ownUser(actor: Actor): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', '仅用户有会话 (only users have sessions)');
  return actor;
}

/** GB/T 22239-2019 8.1.4.1: the live sessions of the caller, the current one marked. */
export async function listOwnSessions(ctx: AppContext, actor: Actor) {
  const me = ownUser(actor);
  const rows = await security.liveSessionsOf(ctx.db, me.userId);
  const current = me.sessionId ? await findSession(ctx.db, me.sessionId) : null;
  const idle = ctx.config.sessionIdleMs;
  const max = ctx.config.sessionMaxMs;
  return {
    sessions: rows.map((s) => ({
      id: s.id, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), sourceIp: s.sourceIp, userAgent: s.userAgent,
      expiresAt: new Date(Math.min(s.lastSeenAt.getTime() + idle, s.createdAt.getTime() + max)).toISOString(), current: s.id === current?.id,
    })),
  };
}

/** Ends one of the caller's own sessions (404 for anyone else's: they are not the caller's to know of). */
export async function endOwnSession(ctx: AppContext, actor: Actor, id: string): Promise<{ ended: true }> {
  const me = ownUser(actor);
  const now = ctx.wallClock.now();
  await ctx.db.tx(async (q) => {
    if (!(await security.endOwnSession(q, me.userId, id, now))) throw notFound('会话', id);
    await appendAudit(q, ctx.clock.now(), {
      actorId: me.userId, actorName: me.username, role: null, regionCode: me.regionCode,
      action: 'auth.session.end', target: `user:${me.userId}`, sourceIp: me.sourceIp, outcome: 'success', details: { session: id },
    });
  });
  return { ended: true };
}

async function managedUser(ctx: AppContext, actor: Actor, id: string) {
  const u = await readInScope(actor, 'user.read', '用户', id, (s) => accounts.getUserView(ctx.db, id, s));
  requireCan(actor, 'mfa.manage', { regionCode: u.region, departmentCode: u.department ?? undefined }, `user ${u.username}`);
  return u;
}

/** What the security administrator sees of an account's second factor. */
export async function mfaStatus(ctx: AppContext, actor: Actor, id: string) {
  await managedUser(ctx, actor, id);
  return mfaView(ctx, id);
}

async function mfaView(ctx: AppContext, id: string) {
  const t = await totpVault.totpState(ctx.config, ctx.db, id);
  const byRole = roleRequiresTotp(await grantsOf(ctx.db, id));
  return {
    required: byRole || t.required === true || !!t.secret, requiredByRole: byRole, setting: t.required,
    enrolled: !!t.secret, enrolledAt: t.enrolledAt?.toISOString() ?? null, recoveryCodesLeft: await security.recoveryCodesLeft(ctx.db, id),
  };
}

/**
 * 安全管理员 requires a second factor of an account whose roles do not (true), or leaves it to
 * the roles again (null); false is refused for roles that must use one.
 */
export async function setMfaRequired(ctx: AppContext, actor: Actor, id: string, required: boolean | null) {
  const u = await managedUser(ctx, actor, id);
  if (required === false && roleRequiresTotp(await grantsOf(ctx.db, id))) {
    throw new AppError('CONFLICT', '该账户的角色必须使用动态口令，不能免除 (this account\'s roles require a second factor)');
  }
  await audited(ctx, actor, {
    action: 'user.mfa.require', target: `user:${id}`,
    run: (q) => security.setTotpRequired(q, id, required),
    details: () => ({ username: u.username, required }),
  });
  return mfaView(ctx, id);
}

/** Clears an account's second factor (lost phone): its next login with the password enrols anew; its sessions end. */
export async function resetMfa(ctx: AppContext, actor: Actor, id: string) {
  const u = await managedUser(ctx, actor, id);
  await audited(ctx, actor, {
    action: 'user.mfa.reset', target: `user:${id}`,
    run: async (q) => {
      await security.resetTotp(q, id);
      return { sessionsEnded: await endUserSessions(q, id, ctx.wallClock.now()) };
    },
    details: (r) => ({ username: u.username, sessionsEnded: r.sessionsEnded }),
  });
  return mfaView(ctx, id);
}

/** §6: at start-up XINGQUAN_ADMIN_TOTP_SECRET becomes the start-up administrator's secret (audited when it changes). */
export async function applyAdminTotpSecret(ctx: AppContext): Promise<void> {
  const secret = ctx.config.adminTotpSecret;
  if (!secret) return;
  const admin = await findUserByName(ctx.db, 'admin');
  if (!admin) return;
  const t = await totpVault.totpState(ctx.config, ctx.db, admin.id);
  if (t.secret === secret) return;
  await ctx.db.tx(async (q) => {
    await totpVault.enrolTotp(ctx.config, q, admin.id, secret, ctx.wallClock.now());
    await appendAudit(q, ctx.clock.now(), {
      actorId: null, actorName: 'system', role: 'system', regionCode: null, action: 'user.mfa.set', target: `user:${admin.id}`,
      sourceIp: null, outcome: 'success', details: { username: 'admin', from: 'XINGQUAN_ADMIN_TOTP_SECRET' },
    });
  });
}
