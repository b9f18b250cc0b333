import { z } from 'zod';
import { EXPORT_LIST_KEYS } from '../../services/exports/export-lists.js';
import { decideExport, downloadExport, exportCatalogue, exportsToApprove, myExports, requestExport } from '../../services/exports/export.service.js';
import type { RouteModule } from '../app-types.js';

const tags = ['exports'];
const idParams = z.object({ id: z.string().min(1).max(100) });

/**
 * 导出 (川办发〔2014〕2号 电子监察办法 第十五条): every list is exported on the server through a request,
 * approved by a leader of the requester's unit for supervision and personal data, registered and audited.
 */
export const exportRoutes: RouteModule = (app, ctx) => {
  app.get('/api/exports/lists', { schema: { tags, summary: '可导出的列表 (lists that can be exported; which need a leader\'s approval)' } },
    (req) => exportCatalogue(req.actor));

  app.post('/api/exports', {
    schema: {
      tags, summary: '导出申请 (request an export: the list, its filters, the use)',
      description: 'Supervision data (alerts, orders, statistics, audit log) and personal data (cases, complaints, users) are `pending` until a leader (领导) of the requester\'s region or above approves (第十五条); public lists (catalog, regions, departments) are `approved` at once. Either way the request is registered and audited; the file is built at download with the requester\'s scope.',
      body: z.object({ list: z.enum(EXPORT_LIST_KEYS), filters: z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean()])).optional(), purpose: z.string().max(500).optional() }),
    },
  }, async (req, reply) => reply.code(201).send(await requestExport(ctx, req.actor, req.body)));

  app.get('/api/exports', { schema: { tags, summary: '我的导出申请 (my export requests and their status)' } }, (req) => myExports(ctx, req.actor));

  app.get('/api/exports/approvals', {
    schema: { tags, summary: '待审批的导出 (leaders: requests of the units they cover)', querystring: z.object({ status: z.enum(['pending', 'approved', 'refused']).optional() }) },
  }, (req) => exportsToApprove(ctx, req.actor, req.query));

  app.post('/api/exports/:id/decision', {
    schema: { tags, summary: '审批导出 (approve or refuse, with a reason; never one\'s own request)', params: idParams, body: z.object({ approve: z.boolean(), reason: z.string().min(1).max(1000) }) },
  }, (req) => decideExport(ctx, req.actor, { id: req.params.id, ...req.body }));

  app.get('/api/exports/:id/file', {
    schema: { tags, summary: '下载导出文件 (the requester, once approved and within 7 days; each download registered and audited)', params: idParams },
  }, async (req, reply) => {
    const f = await downloadExport(ctx, req.actor, req.params.id);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .header('x-export-rows', String(f.rows))
      .send(f.body);
  });
};
