import { z } from 'zod';
import { calendarDay } from '../security/schemas.js';
import * as officers from '../../services/org/officer.service.js';
import * as orgs from '../../services/org/org.service.js';
import * as standIns from '../../services/org/stand-in.service.js';
import type { RouteModule } from '../app-types.js';

const regionCode = z.string().regex(/^[0-9]{6}$/, '须为 6 位行政区划代码 (six-digit GB/T 2260 code)');
const deptCode = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/, '部门编码 (letters, digits, . _ -)');
const name = z.string().trim().min(1).max(100);
const isoDate = calendarDay('YYYY-MM-DD');
const tags = ['org'];

/** Organisation: regions, departments, posts, officers (scoped in the services). */
export const orgRoutes: RouteModule = (app, ctx) => {
  app.get('/api/org/regions', {
    schema: { tags, querystring: z.object({ parent: regionCode.optional(), under: z.string().regex(/^[0-9]{1,6}$/).optional() }) },
  }, (req) => orgs.listRegions(ctx, req.actor, req.query));

  app.get('/api/org/regions/:code', { schema: { tags, params: z.object({ code: regionCode }) } },
    (req) => orgs.getRegion(ctx, req.actor, req.params.code));

  app.post('/api/org/regions', {
    schema: { tags, body: z.object({ code: regionCode, name, parent: regionCode.nullable().default(null) }) },
  }, async (req, reply) => reply.code(201).send(await orgs.createRegion(ctx, req.actor, req.body)));

  app.patch('/api/org/regions/:code', { schema: { tags, params: z.object({ code: regionCode }), body: z.object({ name }) } },
    (req) => orgs.updateRegion(ctx, req.actor, req.params.code, req.body));

  app.get('/api/org/departments', {
    schema: { tags, querystring: z.object({ region: z.string().regex(/^[0-9]{1,6}$/).optional(), q: z.string().max(50).optional() }) },
  }, (req) => orgs.listDepartments(ctx, req.actor, req.query));

  app.get('/api/org/departments/:code', { schema: { tags, params: z.object({ code: deptCode }) } },
    (req) => orgs.getDepartment(ctx, req.actor, req.params.code));

  app.post('/api/org/departments', { schema: { tags, body: z.object({ code: deptCode, name, region: regionCode }) } },
    async (req, reply) => reply.code(201).send(await orgs.createDepartment(ctx, req.actor, req.body)));

  app.patch('/api/org/departments/:code', {
    schema: { tags, params: z.object({ code: deptCode }), body: z.object({ name: name.optional(), region: regionCode.optional() }) },
  }, (req) => orgs.updateDepartment(ctx, req.actor, req.params.code, req.body));

  app.get('/api/org/posts', { schema: { tags, querystring: z.object({ department: deptCode.optional() }) } },
    (req) => officers.listPosts(ctx, req.actor, req.query));

  app.post('/api/org/posts', { schema: { tags, body: z.object({ department: deptCode, name: z.string().trim().min(1).max(50) }) } },
    async (req, reply) => reply.code(201).send(await officers.createPost(ctx, req.actor, req.body)));

  const standIn = z.object({ post: z.string().trim().min(1).max(50), standIn: z.string().trim().min(1).max(50) });
  app.get('/api/org/departments/:code/stand-ins', { schema: { tags, summary: '顶岗设置 (which posts stand in for which)', params: z.object({ code: deptCode }) } },
    (req) => standIns.listStandIns(ctx, req.actor, req.params.code));

  app.post('/api/org/departments/:code/stand-ins', { schema: { tags, summary: '设置顶岗: standIn 岗位可办理 post 岗位的环节 (audited)', params: z.object({ code: deptCode }), body: standIn } },
    async (req, reply) => reply.code(201).send(await standIns.addStandIn(ctx, req.actor, req.params.code, req.body)));

  app.delete('/api/org/departments/:code/stand-ins', { schema: { tags, summary: '取消顶岗 (audited)', params: z.object({ code: deptCode }), querystring: standIn } },
    (req) => standIns.removeStandIn(ctx, req.actor, req.params.code, req.query));

  app.get('/api/org/officers', {
    schema: {
      tags,
      querystring: z.object({
        department: deptCode.optional(), region: z.string().regex(/^[0-9]{1,6}$/).optional(), validOn: isoDate.optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(), offset: z.coerce.number().int().min(0).optional(),
      }),
    },
  }, (req) => officers.listOfficers(ctx, req.actor, req.query));

  app.get('/api/org/officers/:id', { schema: { tags, params: z.object({ id: z.string().min(1).max(64) }) } },
    (req) => officers.getOfficer(ctx, req.actor, req.params.id));

  const officerFields = {
    name: z.string().trim().min(1).max(50), department: deptCode,
    certificateNo: z.string().trim().min(1).max(64).nullable().optional(), validUntil: isoDate.nullable().optional(),
    posts: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  };
  app.post('/api/org/officers', {
    schema: { tags, body: z.object({ id: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/).optional(), ...officerFields }) },
  }, async (req, reply) => reply.code(201).send(await officers.createOfficer(ctx, req.actor, req.body)));

  app.patch('/api/org/officers/:id', {
    schema: { tags, params: z.object({ id: z.string().min(1).max(64) }), body: z.object(officerFields).partial() },
  }, (req) => officers.updateOfficer(ctx, req.actor, req.params.id, req.body));
};
