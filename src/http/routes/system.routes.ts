import { z } from 'zod';
import { SimulatedClock } from '../../clock.js';
import { can } from '../../domain/org/policy.js';
import { AppError, forbidden } from '../../errors.js';
import { audited } from '../../services/audit.service.js';
import { demoLoaded, ping } from '../../store/system.store.js';
import type { RouteModule } from '../app-types.js';

export const systemRoutes: RouteModule = (app, ctx) => {
  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    try {
      await ping(ctx.db);
      return { status: 'ready', database: ctx.db.kind, now: ctx.clock.now().toISOString(), simulatedClock: ctx.clock.simulated };
    } catch {
      return reply.code(503).send({ error: { code: 'UNAVAILABLE', message: '数据库不可用 (database unavailable)' } });
    }
  });

  /** The platform's business time; public so the web app can show the drill clock. */
  app.get('/api/clock', { config: { auth: 'public' }, schema: { tags: ['system'] } }, async () => ({
    now: ctx.clock.now().toISOString(), simulated: ctx.clock.simulated,
  }));

  /** Whether this platform carries the demonstration data set (the login page offers its accounts only then). */
  app.get('/api/system/info', { config: { auth: 'public' }, schema: { tags: ['system'] } }, async () => ({
    demo: await demoLoaded(ctx.db),
    simulatedClock: ctx.clock.simulated,
    publicCaptcha: ctx.config.publicCaptcha, // the hall's complaint form shows a 图形验证码 when true
  }));

  // §6: moves the drill clock forward; 404 on the real clock.
  app.post('/api/admin/clock', {
    schema: { tags: ['system'], body: z.object({ now: z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /[zZ]|[+-]\d\d:?\d\d$/.test(s), 'ISO 8601 instant with offset') }) },
  }, async (req) => {
    const clock = ctx.clock;
    if (!(clock instanceof SimulatedClock)) throw new AppError('NOT_FOUND', '未启用演练时钟 (the simulated clock is not enabled)');
    if (!can(req.actor, 'clock.set')) throw forbidden('clock.set');
    const from = clock.now();
    const to = new Date(req.body.now);
    await audited(ctx, req.actor, {
      action: 'clock.set', target: 'clock',
      run: async () => clock.set(to),
      details: () => ({ from: from.toISOString(), to: to.toISOString() }),
    });
    return { now: clock.now().toISOString() };
  });
};
