import { z } from 'zod';
import { decideAppeal, departmentResults, fileAppeal } from '../../services/evaluation/appeal.service.js';
import { approvePeriod, publishPeriod, reviewState } from '../../services/evaluation/review.service.js';
import { listSchemes, putScheme } from '../../services/evaluation/scheme.service.js';
import { myScores } from '../../services/evaluation/people.service.js';
import { getScores } from '../../services/evaluation/score.service.js';
import { drill, trends } from '../../services/evaluation/trends.service.js';
import type { RouteModule } from '../app-types.js';

const tags = ['evaluation'];
// Bodies and queries are checked by the services, which name the faulty field (§8: 400 naming it).
const anyText = z.string().max(200).optional();
const regionPeriod = z.object({ region: anyText, period: anyText });
const schemeBody = z.any().describe(
  '{ name, effectiveFrom: "YYYY-MM", base: number, indicators: [{ code, points: number, cap?: number ≥ 0 }] }; codes: CASES_CONCLUDED, ON_TIME_RATE, RED_ALERTS, '
  + 'YELLOW_ALERTS, ORDERS_OVERDUE, COMPLAINTS_UPHELD, SATISFACTION, LATE_ENTRY, LATE_EXCHANGE, ORDERS_ANSWERED_ON_TIME, ZERO_CASES_UNEXPLAINED, BAD_RATINGS_RECTIFIED_ON_TIME, ALERTS_EXPLAINED_ON_TIME; '
  + 'accountability?: { kind: "inquiry"|"interview", lowest?: integer (default 1), below?: number }');

/** 绩效考评 (interface standard §8): schemes, scores, review and publication, appeals. */
export const evaluationRoutes: RouteModule = (app, ctx) => {
  app.put('/api/evaluation/v1/schemes/:regionCode', {
    schema: { tags, summary: '制定考评细则的新版本 (a new version of a region\'s evaluation scheme, §8) → { version }', params: z.object({ regionCode: z.string().max(20) }), body: schemeBody },
  }, (req) => putScheme(ctx, req.actor, { regionCode: req.params.regionCode, body: req.body }));

  app.get('/api/evaluation/v1/schemes/:regionCode', {
    schema: { tags, summary: '本地区考评细则的各版本与指标目录 (versions of a region\'s scheme, indicator catalogue)', params: z.object({ regionCode: z.string().max(20) }) },
  }, (req) => listSchemes(ctx, req.actor, { regionCode: req.params.regionCode }));

  app.get('/api/evaluation/v1/scores', {
    schema: { tags, summary: '部门考评得分与排名 (scores and ranks of a period, §8: draft computed when asked; approved/published frozen)', querystring: regionPeriod },
  }, (req) => getScores(ctx, req.actor, req.query));

  app.get('/api/evaluation/v1/trends', {
    schema: { tags, summary: '得分与名次走势：地区平均分、部门得分和名次，近 N 个月或季度 (scores over the last periods; kind=month|quarter, count 1–24, until)',
      querystring: z.object({ region: anyText, department: anyText, kind: anyText, count: anyText, until: anyText }) },
  }, (req) => trends(ctx, req.actor, req.query));
  app.get('/api/evaluation/v1/drill', {
    schema: { tags, summary: '逐级下钻：下级地区平均分（各部门等权）与本级部门得分 (child regions\' averages and the region\'s own departments, for a period)',
      querystring: z.object({ region: anyText, period: anyText, at: anyText }) },
  }, (req) => drill(ctx, req.actor, req.query));
  app.get('/api/evaluation/v1/people/me', {
    schema: { tags, summary: '本人已审定的个人考评得分 (the caller\'s own approved person scores)' },
  }, (req) => myScores(ctx, req.actor));

  app.get('/api/evaluation/v1/review', {
    schema: { tags, summary: '考评审定状态、版本、申诉 (review state of a region\'s period)', querystring: regionPeriod },
  }, (req) => reviewState(ctx, req.actor, req.query));
  app.post('/api/evaluation/v1/review/approve', {
    schema: { tags, summary: '审定（冻结）一期考评 (approve and freeze an ended period; supervisor)', body: regionPeriod },
  }, (req) => approvePeriod(ctx, req.actor, req.body));
  app.post('/api/evaluation/v1/review/publish', {
    schema: { tags, summary: '公布已审定的一期考评 (publish an approved period; starts the appeal limit)', body: regionPeriod },
  }, (req) => publishPeriod(ctx, req.actor, req.body));

  app.post('/api/evaluation/v1/appeals', {
    schema: { tags, summary: '部门申诉 (a department appeals its score; department administrator)', body: z.object({ region: anyText, period: anyText, department: anyText, reason: z.string().max(5000).optional() }) },
  }, (req) => fileAppeal(ctx, req.actor, req.body));
  app.post('/api/evaluation/v1/appeals/:id/decision', {
    schema: { tags, summary: '申诉复核：维持或驳回 (uphold: the period is recomputed and approved again; dismiss)', params: z.object({ id: z.string().min(1).max(100) }),
      body: z.object({ decision: z.string().max(20).optional(), reason: z.string().max(5000).optional() }) },
  }, (req) => decideAppeal(ctx, req.actor, { id: req.params.id, ...req.body }));
  app.get('/api/evaluation/v1/departments/:code/results', {
    schema: { tags, summary: '本部门已审定的考评结果与申诉 (a department\'s reviewed periods and appeals)', params: z.object({ code: z.string().min(1).max(100) }) },
  }, (req) => departmentResults(ctx, req.actor, { department: req.params.code }));
};
