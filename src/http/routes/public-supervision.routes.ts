import { z } from 'zod';
import { AppError } from '../../errors.js';
import { attachToComplaint, followComplaint, submitComplaint } from '../../services/supervision/complaint.service.js';
import { publishedLeague } from '../../services/evaluation/hall.service.js';
import { rateCase, rateComplaint } from '../../services/supervision/satisfaction.service.js';
import { ratingFields } from './rating.routes.js';
import type { RouteModule } from '../app-types.js';
import { complaintBody } from './supervision.routes.js';

const tags = ['public-supervision'];
const pub = { config: { auth: 'public' as const } };

/** The public hall's supervision services: complaints and consultations, satisfaction, the league table. */
export const publicSupervisionRoutes: RouteModule = (app, ctx) => {
  app.post('/api/public/complaints', { ...pub, schema: { tags, summary: '投诉举报或咨询 (submit; real-name or anonymous) → number and query code; with a captcha (GET /api/public/captcha)', body: complaintBody.extend({ captchaId: z.string().max(100).optional(), captcha: z.string().max(20).optional() }) } },
    (req) => submitComplaint(ctx, req.actor, req.body));
  // POST so the query code stays out of URLs and access logs
  app.post('/api/public/complaints/follow', {
    ...pub, schema: { tags, summary: '凭编号和查询码查询投诉 (follow a complaint)', body: z.object({ complaintNo: z.string().min(1).max(60), queryCode: z.string().min(4).max(20) }) },
  }, (req) => followComplaint(ctx, req.body));
  // multipart: the fields complaintNo and queryCode, then the file (an image or PDF)
  app.post('/api/public/complaints/attachments', {
    ...pub, schema: { tags, summary: '为投诉举报添加附件 (multipart: complaintNo, queryCode, file; images or PDF ≤ 10 MB, at most 5, before the acceptance decision)', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '须以 multipart/form-data 上传 (multipart/form-data required)', { field: 'file' });
    const file = await req.file();
    if (!file) throw new AppError('VALIDATION', 'file: 缺少上传的文件 (no file uploaded)', { field: 'file' });
    const field = (k: string) => { const f = file.fields[k] as { value?: unknown } | undefined; return typeof f?.value === 'string' ? f.value : ''; };
    const complaintNo = field('complaintNo');
    const queryCode = field('queryCode');
    if (!complaintNo || !queryCode || queryCode.length > 20 || complaintNo.length > 60) {
      file.file.resume();
      throw new AppError('VALIDATION', 'complaintNo: 须在文件之前提供编号和查询码 (complaintNo and queryCode fields come before the file)', { field: 'complaintNo' });
    }
    return reply.code(201).send(await attachToComplaint(ctx, req.actor, { complaintNo, queryCode, filename: file.filename, stream: file.file }));
  });
  app.post('/api/public/ratings', {
    ...pub, schema: { tags, summary: '好差评 (rate a concluded case once: 非常满意…非常不满意; a 差评 needs a reason and opens a task)', body: z.object({
      caseNo: z.string().min(1).max(200), queryCode: z.string().min(4).max(20), ...ratingFields,
    }) },
  }, (req) => rateCase(ctx, req.actor, req.body));
  app.post('/api/public/complaints/ratings', {
    ...pub, schema: { tags, summary: '好差评：评价投诉办理 (rate a concluded complaint once)', body: z.object({
      complaintNo: z.string().min(1).max(60), queryCode: z.string().min(4).max(20), ...ratingFields,
    }) },
  }, (req) => rateComplaint(ctx, req.actor, req.body));
  app.get('/api/public/league', { ...pub, schema: { tags, summary: '绩效排行：最近公布的一期考评 (the latest published evaluation period; none: period null)', querystring: z.object({ region: z.string().regex(/^[0-9]{6}$/).optional() }) } },
    (req) => publishedLeague(ctx, req.query));
};
