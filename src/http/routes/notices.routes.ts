import { z } from 'zod';
import { instantString } from '../../domain/cases/event.schema.js';
import { applicantNoticeDownload, applicantNotices, complainantReceipt, downloadNotice, regionTemplates, saveTemplate, subjectDocuments } from '../../services/documents/notice-access.service.js';
import { issueAlertRectification, issueCardNotice } from '../../services/documents/supervision-notices.js';
import { accountabilityRegister, actOnEntry, createEntry, entryDetail, entryRectification } from '../../services/supervision/accountability.service.js';
import { contentDisposition } from '../../services/cases/evidence.service.js';
import type { RouteModule } from '../app-types.js';
import type { FastifyReply } from 'fastify';
import type { ArchivedDocument } from '../../store/document.store.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const region = z.string().regex(/^[0-9]{6}$/, '须为 6 位行政区划代码 (GB/T 2260)');
const need = (max = 4000) => z.string().trim().min(1, '不能为空 (required)').max(max);
const instant = z.string().transform((s) => s.replace(' ', '+')).pipe(instantString).transform((s) => new Date(s));
const applicant = { caseNo: z.string().trim().min(1).max(200), queryCode: z.string().trim().min(4).max(40) };

function sendPdf(reply: FastifyReply, r: { document: ArchivedDocument; content: Buffer }) {
  return reply
    .header('content-type', r.document.mediaType)
    .header('content-disposition', contentDisposition(r.document.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('x-document-sha256', r.document.sha256)
    .send(r.content);
}

/**
 * 文书 (issue 26 item 4): notices issued from editable templates, numbered and archived with their
 * hash, downloadable where they belong; 问责 (item 3): entries, actions and the register per region.
 */
export const noticesRoutes: RouteModule = (app, ctx) => {
  app.get('/api/documents', {
    schema: {
      tags: ['documents'], summary: '某一对象的文书 (notices of a case, order, alert, complaint or accountability entry)',
      querystring: z.object({ subjectType: z.enum(['case', 'order', 'alert', 'complaint', 'accountability']), subjectId: z.string().min(1).max(100) }),
    },
  }, (req) => subjectDocuments(ctx, req.actor, req.query.subjectType, req.query.subjectId));

  app.get('/api/documents/:id/pdf', { schema: { tags: ['documents'], summary: '下载文书 PDF (hash checked first)', params: idParams } },
    async (req, reply) => sendPdf(reply, await downloadNotice(ctx, req.actor, req.params.id)));

  // 达州意见 三(七): the applicant's own notices, by case number and query code in the body (never in a URL)
  app.post('/api/public/cases/notices', {
    config: { auth: 'public' },
    schema: { tags: ['public'], summary: '申请人文书列表 (the applicant\'s notices, by case number and query code)', body: z.object(applicant) },
  }, (req) => applicantNotices(ctx, req.body));

  app.post('/api/public/cases/notices/download', {
    config: { auth: 'public' },
    schema: { tags: ['public'], summary: '下载申请人文书 (an applicant\'s notice PDF)', body: z.object({ ...applicant, documentId: z.string().min(1).max(100) }) },
  }, async (req, reply) => sendPdf(reply, await applicantNoticeDownload(ctx, req.body)));

  app.post('/api/public/complaints/receipt', {
    config: { auth: 'public' },
    schema: { tags: ['public'], summary: '下载投诉受理回执 (the complainant\'s receipt, by number and query code)', body: z.object({ complaintNo: z.string().trim().min(1).max(100), queryCode: z.string().trim().min(4).max(40) }) },
  }, async (req, reply) => sendPdf(reply, await complainantReceipt(ctx, req.body)));

  app.get('/api/admin/notice-templates', {
    schema: { tags: ['admin'], summary: '文书模板 (each kind: placeholders, the template in force, versions)', querystring: z.object({ region }) },
  }, (req) => regionTemplates(ctx, req.actor, req.query.region));

  app.post('/api/admin/notice-templates', {
    schema: {
      tags: ['admin'], summary: '保存文书模板新版本 (a region\'s template of a kind; unknown placeholders refused)',
      body: z.object({
        regionCode: region, kind: z.string().min(1).max(50), title: z.string().max(50), paragraphs: z.array(z.string().max(2000)).max(50),
        authority: z.string().max(100), numberPrefix: z.string().max(30), note: z.string().max(500).nullable().optional(),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await saveTemplate(ctx, req.actor, req.body)));

  app.post('/api/supervision/alerts/:id/card-notice', {
    schema: {
      tags: ['supervision'], summary: '出具黄牌/红牌警告通知书 (card notice of an alert)', params: idParams,
      body: z.object({ requirement: need(), responseDays: z.number().int().min(1).max(20).optional() }),
    },
  }, async (req, reply) => reply.code(201).send(await issueCardNotice(ctx, req.actor, { alertId: req.params.id, ...req.body })));

  app.post('/api/supervision/alerts/:id/rectification', {
    schema: {
      tags: ['supervision'], summary: '出具整改建议书 (rectification advice on an alert)', params: idParams,
      body: z.object({ problem: z.string().max(4000).optional(), advice: need(), responseDays: z.number().int().min(1).max(30).optional() }),
    },
  }, async (req, reply) => reply.code(201).send(await issueAlertRectification(ctx, req.actor, { alertId: req.params.id, ...req.body })));

  app.get('/api/supervision/accountability', {
    schema: {
      tags: ['supervision'], summary: '问责台账 (accountability register per region)',
      querystring: z.object({
        region: region.optional(), department: z.string().max(100).optional(),
        kind: z.enum(['liability_proposal', 'inquiry', 'interview', 'admonition', 'circular']).optional(),
        status: z.enum(['draft', 'served', 'replied', 'closed']).optional(), from: instant.optional(), to: instant.optional(), alertId: z.string().max(100).optional(),
      }),
    },
  }, (req) => accountabilityRegister(ctx, req.actor, req.query));

  app.post('/api/supervision/accountability', {
    schema: {
      tags: ['supervision'], summary: '提出问责 (追究建议、函询、约谈、告诫、通报批评), with its notice',
      body: z.object({
        kind: z.enum(['liability_proposal', 'inquiry', 'interview', 'admonition', 'circular']),
        targetKind: z.enum(['department', 'post', 'officer']), departmentCode: z.string().min(1).max(100),
        postId: z.string().max(100).nullable().optional(), officerId: z.string().max(100).nullable().optional(),
        reason: need(), requirement: need(), replyDays: z.number().int().min(1).max(30).nullable().optional(),
        alertIds: z.array(z.string().min(1).max(100)).max(50).optional(), orderIds: z.array(z.string().min(1).max(100)).max(50).optional(),
        evaluationPeriods: z.array(z.object({ regionCode: region, period: z.string().max(10) })).max(12).optional(),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await createEntry(ctx, req.actor, req.body)));

  app.get('/api/supervision/accountability/:id', { schema: { tags: ['supervision'], summary: '问责详情 (entry, actions, documents, links)', params: idParams } },
    (req) => entryDetail(ctx, req.actor, req.params.id));

  for (const action of ['serve', 'reply', 'close'] as const) {
    app.post(`/api/supervision/accountability/:id/${action}`, {
      schema: { tags: ['supervision'], summary: { serve: '送达', reply: '回复 (the department)', close: '办结 (with the conclusion)' }[action], params: idParams, body: z.object({ text: z.string().max(4000).optional() }).default({}) },
    }, (req) => actOnEntry(ctx, req.actor, { id: (req.params as { id: string }).id, action, text: (req.body as { text?: string }).text }));
  }

  app.post('/api/supervision/accountability/:id/rectification', {
    schema: { tags: ['supervision'], summary: '出具整改建议书 (from an accountability entry)', params: idParams, body: z.object({ advice: need(), responseDays: z.number().int().min(1).max(30).optional() }) },
  }, async (req, reply) => reply.code(201).send(await entryRectification(ctx, req.actor, { id: req.params.id, ...req.body })));
};
