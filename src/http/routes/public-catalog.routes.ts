import { z } from 'zod';
import { CATEGORIES } from '../../domain/catalog/item.types.js';
import * as pub from '../../services/catalog/public-catalog.service.js';
import { downloadPublicSampleForm } from '../../services/catalog/catalog-files.service.js';
import type { RouteModule } from '../app-types.js';

const category = z.enum(Object.keys(CATEGORIES) as [keyof typeof CATEGORIES, ...(keyof typeof CATEGORIES)[]]);
const codeParams = z.object({ code: z.string().min(1).max(64) });

/** The public catalog for the hall (公众查询): published, non-confidential items only. */
export const publicCatalogRoutes: RouteModule = (app, ctx) => {
  const pub_ = { config: { auth: 'public' as const } };
  app.get('/api/public/catalog/items', {
    ...pub_,
    schema: {
      tags: ['public-catalog'],
      querystring: z.object({
        region: z.string().regex(/^[0-9]{6}$/, '须为 6 位行政区划代码 (six-digit region code)').optional(),
        department: z.string().max(64).optional(), category: category.optional(), q: z.string().max(100).optional(),
        page: z.coerce.number().int().min(1).max(10000).optional(), pageSize: z.coerce.number().int().min(1).max(100).optional(),
      }),
    },
  }, (req) => pub.listPublicItems(ctx, req.query));

  app.get('/api/public/catalog/items/:code', { ...pub_, schema: { tags: ['public-catalog'], params: codeParams } },
    (req) => pub.getPublicItem(ctx, req.params.code));

  app.get('/api/public/catalog/items/:code/flowchart.svg', { ...pub_, schema: { tags: ['public-catalog'], params: codeParams } },
    async (req, reply) => reply.type('image/svg+xml; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(await pub.publicFlowchart(ctx, req.params.code)));

  app.get('/api/public/catalog/items/:code/forms/:fileId', {
    ...pub_, schema: { tags: ['public-catalog'], summary: '下载样表 (a sample form of a material of a published item)', params: z.object({ code: z.string().min(1).max(64), fileId: z.string().min(1).max(64) }) },
  }, async (req, reply) => {
    const f = await downloadPublicSampleForm(ctx, req.params.code, req.params.fileId);
    return reply.header('content-type', f.mime).header('content-disposition', f.disposition).header('x-content-type-options', 'nosniff').send(f.stream);
  });

  app.get('/api/public/catalog/regions', { ...pub_, schema: { tags: ['public-catalog'] } }, () => pub.publicRegions(ctx));
  app.get('/api/public/catalog/departments', {
    ...pub_, schema: { tags: ['public-catalog'], querystring: z.object({ region: z.string().regex(/^[0-9]{6}$/).optional() }) },
  }, (req) => pub.publicDepartments(ctx, req.query));
  app.get('/api/public/catalog/categories', { ...pub_, schema: { tags: ['public-catalog'] } }, () => pub.publicCategories());
};
