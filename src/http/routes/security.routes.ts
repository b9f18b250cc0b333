import { z } from 'zod';
import { newCaptcha } from '../../services/security/captcha.service.js';
import { endOwnSession, listOwnSessions, mfaStatus, resetMfa, setMfaRequired } from '../../services/security/account-security.service.js';
import type { RouteModule } from '../app-types.js';

/** A person's own sessions, the security administrator's hold on second factors, and captchas. */
export const securityRoutes: RouteModule = (app, ctx) => {
  app.get('/api/public/captcha', {
    config: { auth: 'public' },
    schema: {
      tags: ['public'], summary: '图形验证码 (a one-time captcha, 5 minutes; for the login after 3 failures and the public complaint form)',
      querystring: z.object({ for: z.enum(['login', 'public']).default('public') }),
    },
  }, (req) => newCaptcha(ctx, req.query.for));

  app.get('/api/auth/sessions', { schema: { tags: ['auth'], summary: '本人的在线会话 (my live sessions)' } }, (req) => listOwnSessions(ctx, req.actor));
  app.delete('/api/auth/sessions/:id', {
    schema: { tags: ['auth'], summary: '结束本人的一个会话 (end one of my sessions)', params: z.object({ id: z.string().min(1).max(100) }) },
  }, (req) => endOwnSession(ctx, req.actor, req.params.id));

  const userId = z.object({ id: z.string().min(1).max(100) });
  app.get('/api/admin/users/:id/mfa', { schema: { tags: ['admin'], summary: '账户的动态口令状态 (second factor of an account; security administrator)', params: userId } },
    (req) => mfaStatus(ctx, req.actor, req.params.id));
  app.put('/api/admin/users/:id/mfa', {
    schema: {
      tags: ['admin'], summary: '要求或按角色决定动态口令 (require a second factor: true; by role: null)', params: userId,
      body: z.object({ required: z.literal(true).nullable() }),
    },
  }, (req) => setMfaRequired(ctx, req.actor, req.params.id, req.body.required));
  app.post('/api/admin/users/:id/mfa/reset', { schema: { tags: ['admin'], summary: '重置动态口令 (lost authenticator: enrol anew at next login)', params: userId } },
    (req) => resetMfa(ctx, req.actor, req.params.id));
};
