import { z } from 'zod';
import { calendarDay } from '../security/schemas.js';
import { ADJUSTMENT_KINDS } from '../../domain/catalog/adjustment.js';
import { CATEGORIES } from '../../domain/catalog/item.types.js';
import { AppError } from '../../errors.js';
import * as adj from '../../services/catalog/adjustment.service.js';
import * as adjRead from '../../services/catalog/adjustment-read.service.js';
import * as stages from '../../services/catalog/adjustment-stages.service.js';
import * as cat from '../../services/catalog/catalog.service.js';
import * as transfer from '../../services/catalog/catalog-transfer.service.js';
import * as files from '../../services/catalog/catalog-files.service.js';
import type { RouteModule } from '../app-types.js';

const category = z.enum(Object.keys(CATEGORIES) as [keyof typeof CATEGORIES, ...(keyof typeof CATEGORIES)[]]);
const codeParams = z.object({ code: z.string().min(1).max(64) });
const idParams = z.object({ id: z.string().min(1).max(64) });
const regionCode = z.string().regex(/^[0-9]{6}$/, '须为 6 位行政区划代码 (six-digit region code)');
const date = calendarDay('日期格式 YYYY-MM-DD (date)');
const legalBasis = z.array(z.object({ law: z.string().trim().min(1).max(200), article: z.string().max(100).default(''), text: z.string().max(5000).optional() })).max(50);
const attachments = z.array(z.object({ name: z.string().trim().min(1).max(200), id: z.string().max(100).optional() })).max(50);
const adjustmentBody = z.object({
  kind: z.enum(ADJUSTMENT_KINDS), itemCode: z.string().max(64).nullable().optional(), departmentCode: z.string().max(64).nullable().optional(),
  proposal: z.record(z.string(), z.unknown()).nullable().optional(), reason: z.string().max(5000), legalBasis: legalBasis.optional(),
  lawChangedOn: date.nullable().optional(), listAnnouncedOn: date.nullable().optional(), effectiveOn: date, attachments: attachments.optional(),
});
const scopeQuery = z.object({ region: regionCode.optional(), department: z.string().max(64).optional() });

/** The internal catalog (行政职权目录管理): items in scope, versions, diff, flowcharts, import/export, adjustments. */
export const catalogRoutes: RouteModule = (app, ctx) => {
  const tags = ['catalog'];
  app.get('/api/catalog/items', {
    schema: {
      tags,
      querystring: z.object({
        q: z.string().max(100).optional(), region: regionCode.optional(), department: z.string().max(64).optional(), category: category.optional(),
        status: z.enum(['draft', 'in_force', 'suspended', 'cancelled']).optional(),
        page: z.coerce.number().int().min(1).max(10000).optional(), pageSize: z.coerce.number().int().min(1).max(200).optional(),
      }),
    },
  }, (req) => cat.listItems(ctx, req.actor, req.query));

  app.get('/api/catalog/items/:code', { schema: { tags, params: codeParams } }, (req) => cat.getItem(ctx, req.actor, req.params.code));
  app.get('/api/catalog/items/:code/versions', { schema: { tags, params: codeParams } }, (req) => cat.itemVersions(ctx, req.actor, req.params.code));
  app.get('/api/catalog/items/:code/versions/:version', {
    schema: { tags, params: codeParams.extend({ version: z.coerce.number().int().min(1) }) },
  }, (req) => cat.itemVersion(ctx, req.actor, req.params.code, req.params.version));
  app.get('/api/catalog/items/:code/diff', {
    schema: { tags, params: codeParams, querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }) },
  }, (req) => cat.diffItemVersions(ctx, req.actor, req.params.code, req.query.from, req.query.to));
  app.get('/api/catalog/items/:code/flowchart.svg', {
    schema: { tags, params: codeParams, querystring: z.object({ kind: z.enum(['public', 'internal']).default('internal'), version: z.coerce.number().int().min(1).optional() }) },
  }, async (req, reply) => reply.type('image/svg+xml; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(await cat.itemFlowchart(ctx, req.actor, req.params.code, req.query.kind, req.query.version)));

  // §2 JSON export (the import's shape: an export imports back unchanged)
  app.get('/api/catalog/export', { schema: { tags, querystring: scopeQuery } }, (req) => transfer.exportItemsJson(ctx, req.actor, req.query));
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  app.get('/api/catalog/export.xlsx', { schema: { tags, querystring: scopeQuery } }, async (req, reply) =>
    reply.type(xlsx).header('content-disposition', `attachment; filename="catalog.xlsx"`).send(await transfer.exportItemsExcel(ctx, req.actor, req.query)));
  app.get('/api/catalog/template.xlsx', { schema: { tags } }, async (req, reply) =>
    reply.type(xlsx).header('content-disposition', `attachment; filename="catalog-template.xlsx"`).send(await transfer.excelTemplate(ctx, req.actor)));
  app.post('/api/catalog/import.xlsx', { schema: { tags, consumes: ['multipart/form-data'] } }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传 .xlsx 文件 (upload the .xlsx as multipart/form-data)', { field: 'file' });
    const file = await req.file();
    if (!file) throw new AppError('VALIDATION', 'file: 缺少上传的文件 (no file uploaded)', { field: 'file' });
    const buffer = await file.toBuffer();
    return transfer.importItemsExcel(ctx, req.actor, buffer);
  });

  // 样表: uploaded by the department's catalog staff, named in an adjustment's materialDetails[].sampleForm
  app.post('/api/catalog/files', {
    schema: { tags, summary: '上传样表 (multipart: file; ?departmentCode=) → fileId for materialDetails[].sampleForm', consumes: ['multipart/form-data'], querystring: z.object({ departmentCode: z.string().min(1).max(64) }) },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '须以 multipart/form-data 上传 (multipart/form-data required)', { field: 'file' });
    const file = await req.file();
    if (!file) throw new AppError('VALIDATION', 'file: 缺少上传的文件 (no file uploaded)', { field: 'file' });
    return reply.code(201).send(await files.uploadCatalogFile(ctx, req.actor, req.query.departmentCode, { filename: file.filename, stream: file.file }));
  });
  app.get('/api/catalog/files/:id', { schema: { tags, summary: '下载样表 (staff)', params: idParams } }, async (req, reply) => {
    const f = await files.downloadCatalogFile(ctx, req.actor, req.params.id);
    return reply.header('content-type', f.mime).header('content-disposition', f.disposition).header('x-content-type-options', 'nosniff').send(f.stream);
  });

  // 动态调整
  app.get('/api/catalog/adjustments', {
    schema: {
      tags,
      querystring: z.object({
        stage: z.enum(['draft', 'review', 'staffing', 'risk_review', 'secrecy', 'approval', 'returned', 'approved', 'rejected']).optional(), itemCode: z.string().max(64).optional(),
        page: z.coerce.number().int().min(1).max(10000).optional(), pageSize: z.coerce.number().int().min(1).max(200).optional(),
      }),
    },
  }, (req) => adjRead.listAdjustments(ctx, req.actor, req.query));
  app.get('/api/catalog/adjustments/:id', { schema: { tags, params: idParams } }, (req) => adjRead.getAdjustment(ctx, req.actor, req.params.id));
  app.post('/api/catalog/adjustments', { schema: { tags, body: adjustmentBody } },
    async (req, reply) => reply.code(201).send(await adj.createAdjustment(ctx, req.actor, req.body)));
  app.patch('/api/catalog/adjustments/:id', { schema: { tags, params: idParams, body: adjustmentBody.omit({ kind: true, itemCode: true, departmentCode: true }).partial() } },
    (req) => adj.reviseAdjustment(ctx, req.actor, req.params.id, req.body as any));
  app.post('/api/catalog/adjustments/:id/submit', { schema: { tags, params: idParams } }, (req) => adj.submitAdjustment(ctx, req.actor, req.params.id));
  app.post('/api/catalog/adjustments/:id/review', {
    schema: { tags, params: idParams, body: z.object({ decision: z.enum(['pass', 'return']), reasons: z.string().max(5000).optional() }) },
  }, (req) => adj.reviewAdjustment(ctx, req.actor, req.params.id, req.body));
  app.post('/api/catalog/adjustments/:id/stage-review', {
    schema: {
      tags, params: idParams, summary: '编办审核、风险点审核、涉密联合审查 (the middle stages, in order; the joint review needs the supervision and the secrecy office)',
      body: z.object({ decision: z.enum(['pass', 'return']), reasons: z.string().max(5000).optional() }),
    },
  }, (req) => stages.reviewStage(ctx, req.actor, req.params.id, req.body));
  app.post('/api/catalog/adjustments/:id/decision', {
    schema: { tags, params: idParams, body: z.object({ decision: z.enum(['approve', 'reject', 'return']), reasons: z.string().max(5000).optional() }) },
  }, (req) => adj.decideAdjustment(ctx, req.actor, req.params.id, req.body));
};
