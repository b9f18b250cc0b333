import { z } from 'zod';
import { approveReport, generateReport, listReportsFor, overview, publishReport, reportDetail, reportFile } from '../../services/evaluation/report.service.js';
import { peopleScores } from '../../services/evaluation/people.service.js';
import type { RouteModule } from '../app-types.js';

const tags = ['reports'];
// Bodies and queries are checked by the services, which name the faulty field.
const text = z.string().max(200).optional();
const id = z.object({ id: z.string().min(1).max(100) });

/** 监察报告 (川办 电子监察办法 第十二、十三条; 盐城电子监察办法 第十六条) and the leader's overview. */
export const reportRoutes: RouteModule = (app, ctx) => {
  app.get('/api/supervision/reports', {
    schema: { tags, summary: '监察报告列表 (reports of the regions in scope; ?region=&status=&all=true for superseded revisions too)', querystring: z.object({ region: text, status: text, all: text }) },
  }, (req) => listReportsFor(ctx, req.actor, req.query));
  app.post('/api/supervision/reports', {
    schema: { tags, summary: '生成监察报告草稿 (generate a draft: kind monthly|quarterly|annual|subject, period YYYY-MM | YYYY-Qn | YYYY | YYYY-MM-DD~YYYY-MM-DD; subject title for 专题)',
      body: z.object({ region: text, kind: text, period: text, subject: text }) },
  }, (req) => generateReport(ctx, req.actor, req.body));
  app.get('/api/supervision/reports/:id', {
    schema: { tags, summary: '监察报告详情：数字与归档文档（哈希校验）(a report: figures and archived documents)', params: id },
  }, (req) => reportDetail(ctx, req.actor, req.params));
  app.post('/api/supervision/reports/:id/approve', {
    schema: { tags, summary: '审定报告：签发带文号的 PDF 与 Excel (approve a draft: issues the numbered documents)', params: id },
  }, (req) => approveReport(ctx, req.actor, req.params));
  app.post('/api/supervision/reports/:id/publish', {
    schema: { tags, summary: '公布已审定的报告 (publish an approved report)', params: id },
  }, (req) => publishReport(ctx, req.actor, req.params));
  app.get('/api/supervision/reports/:id/file', {
    schema: { tags, summary: '下载报告 PDF 或 Excel (?format=pdf|xlsx, or ?document=<archived document id>); 409 EVIDENCE_ALTERED when the bytes no longer match their hash',
      params: id, querystring: z.object({ format: text, document: text }) },
  }, async (req, reply) => {
    const f = await reportFile(ctx, req.actor, { ...req.params, ...req.query });
    const ascii = f.fileName.replace(/[^\w.-]/g, '_');
    return reply.type(f.mediaType).header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .header('x-content-sha256', f.sha256).header('x-content-type-options', 'nosniff').send(f.content);
  });
  app.get('/api/evaluation/v1/people', {
    schema: { tags: ['evaluation'], summary: '岗位与人员考评：按归责的预警扣分、排名 (scores of people and posts from attributed findings; period YYYY-MM | YYYY-Qn | YYYY)',
      querystring: z.object({ region: text, period: text, department: text }) },
  }, (req) => peopleScores(ctx, req.actor, req.query));
  app.get('/api/supervision/overview', {
    schema: { tags, summary: '领导总览：办件、办结率、按时率、满意度、投诉、得分、各部门 (figures of a region for a month, quarter or year, up to now)',
      querystring: z.object({ region: text, kind: text, period: text }) },
  }, (req) => overview(ctx, req.actor, req.query));
};
