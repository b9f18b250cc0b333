import { z } from 'zod';
import { AppError } from '../../errors.js';
import { changeOwnPassword, login, logout } from '../../services/auth.service.js';
import { describeActor } from '../../services/org/whoami.js';
import type { RouteModule } from '../app-types.js';
import { SESSION_COOKIE } from '../server.js';

export const authRoutes: RouteModule = (app, ctx) => {
  // §6: returns { token } and sets the session cookie.
  app.post('/api/auth/login', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      summary: '登录 (§6): 401 MFA_REQUIRED asks for `totp` (details.enrol: an otpauth:// URL when none is enrolled yet); after 3 failures from a source, `captchaId` + `captcha` (GET /api/public/captcha?for=login)',
      body: z.object({
        username: z.string().min(1).max(64),
        password: z.string().min(1).max(256),
        totp: z.string().trim().max(10).optional(),
        recoveryCode: z.string().trim().max(40).optional(),
        captchaId: z.string().max(100).optional(),
        captcha: z.string().max(20).optional(),
      }),
    },
  }, async (req, reply) => {
    const r = await login(ctx, { ...req.body, sourceIp: req.ip, userAgent: req.headers['user-agent'] ?? null });
    // Secure whenever the request came over TLS (directly, or by a trusted proxy's X-Forwarded-Proto)
    reply.setCookie(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https' });
    return { token: r.token, csrfToken: r.csrfToken, mustChangePassword: r.mustChangePassword, ...(r.recoveryCodes ? { recoveryCodes: r.recoveryCodes } : {}) };
  });

  app.post('/api/auth/logout', { config: { allowPasswordChange: true }, schema: { tags: ['auth'] } }, async (req, reply) => {
    await logout(ctx, req.actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { config: { allowPasswordChange: true }, schema: { tags: ['auth'] } }, async (req) => {
    if (req.actor.kind !== 'user') throw new AppError('FORBIDDEN', 'user session required');
    return { ...(await describeActor(ctx, req.actor)), csrfToken: req.csrfToken };
  });

  app.post('/api/auth/password', {
    config: { allowPasswordChange: true },
    schema: { tags: ['auth'], body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1).max(256) }) },
  }, async (req) => {
    await changeOwnPassword(ctx, req.actor, req.body);
    return { ok: true };
  });
};
