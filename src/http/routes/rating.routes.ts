import { z } from 'zod';
import { instantString } from '../../domain/cases/event.schema.js';
import { actOnTask, listRatingTasks, ratingsOverview, readTask } from '../../services/supervision/bad-rating.service.js';
import { CHANNELS, RATINGS, SUB_INDICATORS } from '../../services/supervision/satisfaction.service.js';
import type { RouteModule } from '../app-types.js';

const tags = ['supervision'];
const instant = z.string().transform((s) => s.replace(' ', '+')).pipe(instantString).transform((s) => new Date(s));
const idParams = z.object({ id: z.string().min(1).max(100) });
const attachments = z.array(z.object({ name: z.string().min(1).max(200), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() })).max(20).optional();
const method = z.enum(['phone', 'visit', 'sms', 'online']);

/** The fields of a rating beside its subject (the hall, the window's device, the SMS link): 好差评, 国办发〔2019〕51号. */
export const ratingFields = {
  rating: z.enum(Object.keys(RATINGS) as [keyof typeof RATINGS]),
  comment: z.string().max(1000).optional(),
  reason: z.string().max(1000).optional(),
  indicators: z.object(Object.fromEntries(Object.keys(SUB_INDICATORS).map((k) => [k, z.number().int().min(1).max(5).optional()]))).strict().optional(),
  channel: z.enum(Object.keys(CHANNELS) as [keyof typeof CHANNELS]).optional(),
  realName: z.boolean().optional(),
  rater: z.object({ name: z.string().max(50).optional(), phone: z.string().max(30).optional() }).nullable().optional(),
};

/** 好差评 in the console: ratings and their rates, the 差评 tasks and their steps (四川电子监察办法 第十条(三)、第十一条(三)). */
export const ratingRoutes: RouteModule = (app, ctx) => {
  app.get('/api/supervision/ratings', {
    schema: { tags, summary: '好差评：评价列表与好评率、差评整改率、按时整改率、回访率 (ratings and the loop\'s rates)', querystring: z.object({
      region: z.string().regex(/^[0-9]{6}$/).optional(), department: z.string().max(100).optional(), level: z.enum(['good', 'neutral', 'bad']).optional(),
      from: instant.optional(), to: instant.optional(),
    }) },
  }, (req) => ratingsOverview(ctx, req.actor, req.query));
  app.get('/api/supervision/rating-tasks', {
    schema: { tags, summary: '差评任务 (the department\'s or the region\'s bad-rating tasks)', querystring: z.object({
      status: z.enum(['visit', 'rectify', 'feedback', 'review', 'contested', 'closed', 'excluded']).optional(), open: z.enum(['true', 'false']).optional(), department: z.string().max(100).optional(),
    }) },
  }, (req) => listRatingTasks(ctx, req.actor, { ...req.query, open: req.query.open === 'true' }));
  app.get('/api/supervision/rating-tasks/:id', { schema: { tags, summary: '差评任务详情：评价、各环节期限与处理记录', params: idParams } },
    (req) => readTask(ctx, req.actor, req.params.id));
  app.post('/api/supervision/rating-tasks/:id/visit', {
    schema: { tags, summary: '回访核实 (department: who was visited, when, how, what was found)', params: idParams, body: z.object({
      method, contact: z.string().min(1).max(200), content: z.string().min(1).max(4000), at: instant.optional(), attachments,
    }) },
  }, (req) => actOnTask(ctx, req.actor, 'visit', { id: req.params.id, ...req.body }));
  app.post('/api/supervision/rating-tasks/:id/rectify', {
    schema: { tags, summary: '整改 (department: the measures taken)', params: idParams, body: z.object({ content: z.string().min(1).max(4000), attachments }) },
  }, (req) => actOnTask(ctx, req.actor, 'rectify', { id: req.params.id, ...req.body }));
  app.post('/api/supervision/rating-tasks/:id/feedback', {
    schema: { tags, summary: '反馈 (department: the result told to the rater)', params: idParams, body: z.object({ method, contact: z.string().max(200).optional(), content: z.string().min(1).max(4000), attachments }) },
  }, (req) => actOnTask(ctx, req.actor, 'feedback', { id: req.params.id, ...req.body }));
  app.post('/api/supervision/rating-tasks/:id/review', {
    schema: { tags, summary: '复核 (supervisor: pass, or return for a new 整改)', params: idParams, body: z.object({ decision: z.enum(['pass', 'return']), content: z.string().min(1).max(4000) }) },
  }, (req) => actOnTask(ctx, req.actor, 'review', { id: req.params.id, ...req.body }));
  app.post('/api/supervision/rating-tasks/:id/contest', {
    schema: { tags, summary: '申诉复核 (department contests the 差评 with evidence)', params: idParams, body: z.object({ content: z.string().min(1).max(4000), attachments }) },
  }, (req) => actOnTask(ctx, req.actor, 'contest', { id: req.params.id, ...req.body }));
  app.post('/api/supervision/rating-tasks/:id/contest-decision', {
    schema: { tags, summary: '申诉复核结论 (supervisor: uphold the 差评, or accept the contest: excluded from the evaluation)', params: idParams, body: z.object({ decision: z.enum(['uphold', 'accept']), content: z.string().min(1).max(4000) }) },
  }, (req) => actOnTask(ctx, req.actor, 'contest_decision', { id: req.params.id, ...req.body }));
};
