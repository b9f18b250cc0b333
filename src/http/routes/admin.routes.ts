import { z } from 'zod';
import { ROLES } from '../../domain/org/policy.js';
import * as apiKeys from '../../services/admin/api-key.service.js';
import * as auditRead from '../../services/admin/audit-read.service.js';
import * as grants from '../../services/admin/grant.service.js';
import * as users from '../../services/admin/user.service.js';
import { importCatalog } from '../../services/org/import.service.js';
import { issuePlatformKey } from '../../services/levels/platform-key.service.js';
import type { RouteModule } from '../app-types.js';

const regionCode = z.string().regex(/^[0-9]{6}$/, '须为 6 位行政区划代码 (six-digit GB/T 2260 code)');
const deptCode = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/, '部门编码 (letters, digits, . _ -)');
const role = z.enum(ROLES);
const grantBody = z.object({ role, region: regionCode.nullable().optional(), department: deptCode.nullable().optional() });
const idParams = z.object({ id: z.string().min(1).max(64) });
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO 8601 instant').transform((s) => new Date(s));

/** Accounts, roles, API keys, the audit trail and the §2 import. */
export const adminRoutes: RouteModule = (app, ctx) => {
  app.get('/api/admin/users', {
    schema: {
      tags: ['admin'],
      querystring: z.object({
        region: z.string().regex(/^[0-9]{1,6}$/).optional(), department: deptCode.optional(), q: z.string().max(50).optional(), role: role.optional(),
        disabled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(), offset: z.coerce.number().int().min(0).optional(),
      }),
    },
  }, (req) => users.listUsers(ctx, req.actor, req.query));

  app.get('/api/admin/users/:id', { schema: { tags: ['admin'], params: idParams } }, (req) => users.getUser(ctx, req.actor, req.params.id));

  app.post('/api/admin/users', {
    schema: {
      tags: ['admin'],
      body: z.object({
        username: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, '2–64 位字母、数字或 . _ - (letters, digits, . _ -)'),
        name: z.string().trim().min(1).max(50),
        region: regionCode.nullable().optional(), department: deptCode.nullable().optional(), officerId: z.string().max(64).nullable().optional(),
        password: z.string().max(256).optional(), roles: z.array(grantBody).max(20).optional(),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await users.createUser(ctx, req.actor, req.body)));

  app.patch('/api/admin/users/:id', {
    schema: { tags: ['admin'], params: idParams, body: z.object({ name: z.string().trim().min(1).max(50).optional(), officerId: z.string().max(64).nullable().optional() }) },
  }, (req) => users.updateUser(ctx, req.actor, req.params.id, req.body));

  app.post('/api/admin/users/:id/disable', { schema: { tags: ['admin'], params: idParams } },
    (req) => users.setUserDisabled(ctx, req.actor, req.params.id, true));
  app.post('/api/admin/users/:id/enable', { schema: { tags: ['admin'], params: idParams } },
    (req) => users.setUserDisabled(ctx, req.actor, req.params.id, false));
  app.post('/api/admin/users/:id/reset-password', {
    schema: { tags: ['admin'], params: idParams, body: z.object({ password: z.string().max(256).optional() }).optional() },
  }, (req) => users.resetPassword(ctx, req.actor, req.params.id, req.body ?? {}));

  app.post('/api/admin/users/:id/grants', { schema: { tags: ['admin'], params: idParams, body: grantBody } },
    async (req, reply) => reply.code(201).send(await grants.grantRole(ctx, req.actor, req.params.id, req.body)));
  app.delete('/api/admin/users/:id/grants/:grantId', {
    schema: { tags: ['admin'], params: z.object({ id: z.string().min(1).max(64), grantId: z.string().min(1).max(64) }) },
  }, (req) => grants.revokeRole(ctx, req.actor, req.params.id, req.params.grantId));

  // §3: a department key; §9: a platform key for a lower region. The key is in this one answer only.
  app.post('/api/admin/api-keys', {
    schema: {
      tags: ['admin'],
      body: z.object({ department: deptCode.optional(), region: regionCode.optional(), name: z.string().trim().min(1).max(100) })
        .refine((b) => !b.department !== !b.region, { message: '须指定 department（部门密钥）或 region（下级平台密钥）之一 (department or region, one of them)', path: ['department'] }),
    },
  }, async (req, reply) => reply.code(201).send(req.body.region
    ? await issuePlatformKey(ctx, req.actor, { region: req.body.region, name: req.body.name })
    : await apiKeys.issueApiKey(ctx, req.actor, { department: req.body.department!, name: req.body.name })));
  app.get('/api/admin/api-keys', {
    schema: { tags: ['admin'], querystring: z.object({ department: deptCode.optional(), includeRevoked: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }) },
  }, (req) => apiKeys.listApiKeys(ctx, req.actor, req.query));
  app.delete('/api/admin/api-keys/:id', { schema: { tags: ['admin'], params: idParams } },
    (req) => apiKeys.revokeApiKey(ctx, req.actor, req.params.id));

  app.get('/api/admin/audit', {
    schema: {
      tags: ['admin'],
      querystring: z.object({
        from: instant.optional(), to: instant.optional(), actorId: z.string().max(100).optional(), action: z.string().max(100).optional(),
        outcome: z.enum(['success', 'failure', 'denied']).optional(), target: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(), beforeSeq: z.coerce.number().int().min(1).optional(),
      }),
    },
  }, (req) => auditRead.readAudit(ctx, req.actor, req.query));
  app.get('/api/admin/audit/verify', { schema: { tags: ['admin'] } }, (req) => auditRead.verifyAuditChain(ctx, req.actor));

  // §2: idempotent upsert by code; entries are checked one by one in the service.
  app.post('/api/admin/import', {
    bodyLimit: Math.max(ctx.config.bodyLimitBytes, 32 * 1024 * 1024),
    schema: {
      tags: ['admin'],
      body: z.object({
        regions: z.array(z.unknown()).max(10000).optional(), departments: z.array(z.unknown()).max(50000).optional(),
        officers: z.array(z.unknown()).max(200000).optional(), items: z.array(z.unknown()).max(50000).optional(),
      }),
    },
  }, (req) => importCatalog(ctx, req.actor, req.body));
};
