import { z } from 'zod';
import type { RouteModule } from '../app-types.js';
import { instantString } from '../../domain/cases/event.schema.js';
import type { CaseCommand } from '../../domain/cases/case.decide.js';
import { caseDetail, listCases } from '../../services/cases/case-read.service.js';
import { registerCase, runCommand } from '../../services/cases/workbench.service.js';
import { downloadEvidence, uploadEvidence } from '../../services/cases/evidence.service.js';
import { AppError } from '../../errors.js';
import { revealCaseCounterparty } from '../../services/security/personal-data.service.js';
import { CASE_COMMAND_PATHS, type CaseCommandKind } from '../../domain/cases/command-paths.js';

const text = z.string().max(20_000);
const need = z.string().trim().min(1, '不能为空 (required)').max(20_000);
const idParams = z.object({ id: z.string().min(1).max(100) });

/** Workbench commands: the command, its body (every field named on error); the path is CASE_COMMAND_PATHS[kind]. */
const COMMAND_BODIES: { kind: CaseCommandKind & CaseCommand['kind']; summary: string; body: z.ZodType }[] = [
  { kind: 'completeStep', summary: '完成环节 (complete the current step with an opinion)',
    body: z.object({ step: need, opinion: z.object({ verdict: z.enum(['agree', 'disagree']), text: text.default('') }) }) },
  { kind: 'requestCorrection', summary: '一次性告知补正 (request every missing material at once)',
    body: z.object({ materials: z.array(z.string().trim().min(1).max(500)).min(1, '须列明补正材料 (list the materials)').max(200), reason: need }) },
  { kind: 'suspend', summary: '暂停 (suspend with reason and basis)', body: z.object({ reason: need, basis: need }) },
  { kind: 'resume', summary: '恢复 (resume)', body: z.object({}).default({}) },
  { kind: 'extend', summary: '延期 (extend by working days)',
    body: z.object({ workingDays: z.number().int().positive().max(365), reason: need, approvedBy: need }) },
  { kind: 'return', summary: '回退 (return to an allowed step)', body: z.object({ toStep: need, reason: need }) },
  { kind: 'decide', summary: '作出决定 (decide)', body: z.object({
    outcome: z.enum(['approved', 'denied', 'penalty', 'no_penalty', 'other']), legalBasis: need, reason: text.default(''), documentNo: need,
    penalty: z.object({ kind: z.string().min(1).max(100), amount: z.number().finite().nonnegative(), circumstance: z.string().min(1).max(200) }).optional(),
  }) },
  { kind: 'reject', summary: '不予受理 (reject, with reason; an online application also with the remedies 救济途径)', body: z.object({ reason: need, remedies: z.string().trim().max(2000).optional() }) },
  { kind: 'accept', summary: '受理网上申请 (accept an online application waiting 待受理: registers the case, channel online)', body: z.object({}).default({}) },
  { kind: 'terminate', summary: '终止 (terminate, with reason)', body: z.object({ reason: need }) },
  { kind: 'execute', summary: '记录执行 (record penalty execution)',
    body: z.object({ amount: z.number().finite().nonnegative(), receiptNo: need, paidAt: instantString }) },
  { kind: 'chargeFee', summary: '记录收费 (record a fee)', body: z.object({ feeCode: need, amount: z.number().finite().nonnegative() }) },
  { kind: 'close', summary: '办结 (close)', body: z.object({}).default({}) },
  { kind: 'removeEvidence', summary: '删除证据 (remove evidence, with reason)', body: z.object({ evidenceId: need, reason: need }) },
];

export const casesRoutes: RouteModule = (app, ctx) => {
  app.post('/api/cases', {
    schema: {
      tags: ['cases'], summary: '受理/立案 (register a case against an item in force)',
      body: z.object({
        department: z.string().max(100).optional(),
        itemCode: need,
        counterparty: z.object({ kind: z.enum(['person', 'organization']), name: z.string().trim().min(1).max(200), idNumber: z.string().trim().max(40).optional(), phone: z.string().max(40).optional() }),
        channel: z.enum(['window', 'online', 'onsite']).default('window'),
      }),
    },
  }, async (req, reply) => reply.code(201).send(await registerCase(ctx, req.actor, req.body)));

  app.get('/api/cases', {
    schema: {
      tags: ['cases'], summary: '我的办件 / 本部门办件 (my or my department\'s cases, with lights)',
      querystring: z.object({
        scope: z.enum(['mine', 'department']).default('department'),
        status: z.enum(['open', 'suspended', 'concluded', 'submitted']).optional(),
        light: z.enum(['green', 'yellow', 'red', 'none']).optional(),
        caseNo: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
  }, (req) => listCases(ctx, req.actor, req.query));

  app.get('/api/cases/:id', { schema: { tags: ['cases'], summary: '案件详情 (detail, timeline, clocks, allowed actions)', params: idParams } },
    (req) => caseDetail(ctx, req.actor, req.params.id));

  // GB/T 22239-2019 8.1.4.11: 查看 — the counterparty unmasked, to staff in scope; each reading recorded
  app.post('/api/cases/:id/personal-data', {
    schema: { tags: ['cases'], summary: '查看当事人个人信息 (unmask the counterparty; the reading is recorded)', params: idParams, body: z.object({ purpose: z.string().max(200).optional() }).default({}) },
  }, (req) => revealCaseCounterparty(ctx, req.actor, req.params.id, (req.body as { purpose?: string } | undefined)?.purpose));

  for (const c of COMMAND_BODIES) {
    app.post(`/api/cases/:id/${CASE_COMMAND_PATHS[c.kind]}`, { schema: { tags: ['cases'], summary: c.summary, params: idParams, body: c.body as z.ZodType<any> } },
      (req) => runCommand(ctx, req.actor, (req.params as { id: string }).id, { kind: c.kind, data: (req.body ?? {}) as any } as any));
  }

  app.post('/api/cases/:id/evidence', { schema: { tags: ['cases'], summary: '上传证据 (multipart: file, kind)', params: idParams, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '须以 multipart/form-data 上传 (multipart/form-data required)');
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION', 'file: 缺少文件 (file required)', { field: 'file' });
      const kind = (file.fields.kind as any)?.value as string | undefined;
      return reply.code(201).send(await uploadEvidence(ctx, req.actor, req.params.id, { filename: file.filename, kind, stream: file.file }));
    });

  app.get('/api/cases/:id/evidence/:fileId', { schema: { tags: ['cases'], summary: '下载证据 (download evidence)', params: z.object({ id: z.string().max(100), fileId: z.string().max(100) }) } },
    async (req, reply) => {
      const f = await downloadEvidence(ctx, req.actor, req.params.id, req.params.fileId);
      reply.header('content-type', f.mime).header('content-disposition', f.disposition).header('x-content-type-options', 'nosniff');
      return reply.send(f.stream);
    });
};
