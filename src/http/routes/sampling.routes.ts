import { z } from 'zod';
import { instantString } from '../../domain/cases/event.schema.js';
import { CHECK_RESULTS, SAMPLING_PERIOD, VISIT_METHODS } from '../../domain/supervision/sampling.js';
import { drawCases, drawDetail, recordCheck, recordVisit, sampledCaseDetail, searchDraws } from '../../services/supervision/sampling.service.js';
import { raiseFinding, samplingLedger } from '../../services/supervision/sampling-findings.service.js';
import type { RouteModule } from '../app-types.js';

const tags = ['supervision'];
const region = z.string().regex(/^[0-9]{6}$/, '须为 6 位行政区划代码 (GB/T 2260)');
const period = z.string().regex(SAMPLING_PERIOD, '抽查期间须为 YYYY-MM 或 YYYY-Qn');
const need = (max = 4000) => z.string().trim().min(1, '不能为空 (required)').max(max);
const instant = z.string().transform((s) => s.replace(' ', '+')).pipe(instantString).transform((s) => new Date(s));
const id = z.string().min(1).max(100);
const drawParams = z.object({ id });
const caseParams = z.object({ id, caseId: id });
const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/**
 * 抽查与回访 (川办发〔2014〕2号 电子监察办法 第十一条(三)(四)) and the quarterly inspection ledger
 * (达州意见 四(三)).
 */
export const samplingRoutes: RouteModule = (app, ctx) => {
  app.get('/api/supervision/sampling/draws', {
    schema: { tags, summary: '抽查记录 (draws in the supervisor\'s region)', querystring: z.object({ region: region.optional(), department: z.string().max(100).optional(), period: period.optional() }) },
  }, (req) => searchDraws(ctx, req.actor, req.query));

  app.post('/api/supervision/sampling/draws', {
    schema: {
      tags, summary: '随机抽取已办结办件 (a reproducible random sample; the seed is recorded)',
      description: 'The department\'s cases concluded in the period (`YYYY-MM` or `YYYY-Qn`, China Standard Time), sorted by id, shuffled by a PRNG seeded with `seed` (sfc32 over SHA-256 of the seed); the first n (or the percentage, rounded up) are the sample. The same seed over the same stored cases gives the same sample. Only departments of the supervisor\'s region subtree (403 otherwise).',
      body: z.object({
        departmentCode: z.string().min(1).max(100), period,
        size: z.discriminatedUnion('kind', [z.object({ kind: z.literal('count'), value: z.number().int().min(1).max(500) }), z.object({ kind: z.literal('percent'), value: z.number().int().min(1).max(100) })]),
        seed: z.string().max(64).optional(),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await drawCases(ctx, req.actor, req.body)));

  app.get('/api/supervision/sampling/draws/:id', { schema: { tags, summary: '抽查详情 (a draw with its cases)', params: drawParams } },
    (req) => drawDetail(ctx, req.actor, req.params.id));

  app.get('/api/supervision/sampling/draws/:id/cases/:caseId', { schema: { tags, summary: '抽查办件 (checklist, answers, visits, findings)', params: caseParams } },
    (req) => sampledCaseDetail(ctx, req.actor, { drawId: req.params.id, caseId: req.params.caseId }));

  app.post('/api/supervision/sampling/draws/:id/cases/:caseId/checks', {
    schema: {
      tags, summary: '填写检查表 (every check 符合/不符合/不适用; a remark for 不符合)', params: caseParams,
      body: z.object({
        answers: z.array(z.object({ key: z.string().min(1).max(50), result: z.enum(keys(CHECK_RESULTS)), remark: z.string().max(2000).optional() })).min(1).max(50),
        summary: z.string().max(4000).optional(),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await recordCheck(ctx, req.actor, { drawId: req.params.id, caseId: req.params.caseId, answers: req.body.answers.map((a) => ({ ...a, remark: a.remark ?? '' })), summary: req.body.summary })));

  app.post('/api/supervision/sampling/draws/:id/cases/:caseId/visits', {
    schema: {
      tags, summary: '登记回访 (phone, visit or SMS; the party\'s answer; satisfied or not)', params: caseParams,
      body: z.object({ method: z.enum(keys(VISIT_METHODS)), visitedAt: instant.optional(), partyName: need(100), answer: need(), satisfied: z.boolean() }),
    },
  }, async (req, reply) => reply.code(201).send(await recordVisit(ctx, req.actor, { drawId: req.params.id, caseId: req.params.caseId, ...req.body })));

  app.post('/api/supervision/sampling/draws/:id/cases/:caseId/findings', {
    schema: {
      tags, summary: '抽查发现问题转预警或问责 (a finding becomes a SAMPLING_FINDING alert or an accountability entry)', params: caseParams,
      body: z.object({
        description: need(), checkKeys: z.array(z.string().min(1).max(50)).max(50).optional(), visitId: id.optional(),
        outcome: z.enum(['alert', 'accountability']), level: z.enum(['yellow', 'red']).optional(),
        accountability: z.object({
          kind: z.enum(['liability_proposal', 'inquiry', 'interview', 'admonition', 'circular']), requirement: need(),
          replyDays: z.number().int().min(1).max(30).nullable().optional(), alertIds: z.array(id).max(50).optional(),
        }).optional(),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await raiseFinding(ctx, req.actor, { drawId: req.params.id, caseId: req.params.caseId, ...req.body })));

  app.get('/api/supervision/sampling/ledger', {
    schema: { tags, summary: '季度检查台账 (per department: draws, cases checked, findings, visits, alerts, accountability)', querystring: z.object({ region, quarter: z.string().regex(/^\d{4}-Q[1-4]$/, '季度须为 YYYY-Qn') }) },
  }, (req) => samplingLedger(ctx, req.actor, req.query));
};
