import { z } from 'zod';
import type { RouteModule } from '../app-types.js';
import { ordersForPlatform, receiveForwarded } from '../../services/levels/forward-apply.service.js';

/**
 * 接口标准 §9: what a lower platform calls on this one, with its platform key (Bearer xqp_…; the
 * services check it, so the routes are 'public' to the session layer).
 */
export const platformRoutes: RouteModule = (app, ctx) => {
  app.post('/api/platform/v1/forward', {
    bodyLimit: 64 * 1024 * 1024,
    config: { auth: 'public' },
    schema: {
      tags: ['platform'], summary: '下级平台上报 (rows of a lower platform\'s outbox, in order; each applied once, §9)',
      body: z.object({
        instance: z.string().min(1).max(64),
        rows: z.array(z.object({ seq: z.number().int().positive(), kind: z.string().min(1).max(40), data: z.unknown() })).max(5000),
      }),
    },
  }, (req) => receiveForwarded(ctx, req.headers.authorization, req.body as any));

  app.get('/api/platform/v1/orders', {
    config: { auth: 'public' },
    schema: { tags: ['platform'], summary: '上级督办下发 (orders issued here on the lower platform\'s forwarded alerts, not yet acknowledged, §9)' },
  }, (req) => ordersForPlatform(ctx, req.headers.authorization));
};
