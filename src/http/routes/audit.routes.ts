import { z } from 'zod';
import { listPersonalReads } from '../../services/security/personal-data.service.js';
import * as checkpoints from '../../services/audit/checkpoint-admin.service.js';
import type { RouteModule } from '../app-types.js';

/** Signed audit checkpoints: written on demand, downloaded for safekeeping, and the records checked against them. */
export const auditRoutes: RouteModule = (app, ctx) => {
  app.post('/api/admin/audit/checkpoints', { schema: { tags: ['admin'], summary: '写入签名检查点 (security or audit administrator)' } },
    async (req, reply) => reply.code(201).send(await checkpoints.checkpointNow(ctx, req.actor)));
  app.get('/api/admin/audit/checkpoints/export', { schema: { tags: ['admin'], summary: '下载签名检查点 (audit administrator)' } }, async (req, reply) => {
    const file = await checkpoints.downloadCheckpoints(ctx, req.actor);
    const name = `xingquan-checkpoints-${file.exportedAt.slice(0, 19).replaceAll(':', '')}.json`;
    return reply.header('content-disposition', `attachment; filename="${name}"`).send(file);
  });
  app.get('/api/admin/audit/checkpoints/verify', { schema: { tags: ['admin'], summary: '按签名检查点校验记录 (audit administrator)' } },
    (req) => checkpoints.verifyAgainstCheckpoints(ctx, req.actor));
  // GB/T 22239-2019 8.1.4.11: who saw whose personal data (audit administrator)
  app.get('/api/admin/audit/personal-data-reads', {
    schema: { tags: ['admin'], summary: '个人信息查阅记录 (readings of unmasked personal data; audit administrator)',
      querystring: z.object({ subject: z.string().max(100).optional(), actor: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }) },
  }, (req) => listPersonalReads(ctx, req.actor, { subjectRef: req.query.subject, actorId: req.query.actor, limit: req.query.limit }));
};
