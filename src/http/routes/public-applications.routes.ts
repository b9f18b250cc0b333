import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../services/context.js';
import { dropStaged, stageFile } from '../../services/cases/evidence.service.js';
import {
  answerCorrection, APPLICATION_FILE_TYPES, APPLICATION_MAX_FILES, applicationFileLimit, submitApplication, type StagedMaterial,
} from '../../services/cases/online-application.service.js';
import type { RouteModule } from '../app-types.js';

/**
 * 网上申请 (川办发〔2014〕2号 平台办法 第五条(六)), no login: multipart/form-data, a JSON field
 * first (`application` or `answer`), then one file part per material named f0, f1, … whose
 * material is `files[i]` of that JSON. Each file is checked by content as it arrives.
 */
const text = (max: number) => z.string().trim().min(1, '不能为空 (required)').max(max);
const applicationBody = z.object({
  itemCode: text(200),
  applicant: z.object({
    kind: z.enum(['person', 'organization']), name: text(200), idNumber: text(40), phone: z.string().trim().regex(/^[0-9+\-\s]{5,20}$/, '请填写正确的联系电话 (phone number)'),
  }),
  files: z.array(text(500)).max(APPLICATION_MAX_FILES),
  captchaId: z.string().max(100).optional(),
  captcha: z.string().max(20).optional(),
});
const answerBody = z.object({ caseNo: text(200), queryCode: z.string().trim().min(4).max(40), files: z.array(text(500)).max(APPLICATION_MAX_FILES) });

async function readParts<T extends { files: string[] }>(ctx: AppContext, req: FastifyRequest, jsonField: string, schema: z.ZodType<T>): Promise<{ body: T; files: StagedMaterial[] }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '须以 multipart/form-data 提交 (multipart/form-data required)');
  let body: T | null = null;
  const files: StagedMaterial[] = [];
  const max = applicationFileLimit(ctx);
  try {
    for await (const part of req.parts({ limits: { files: APPLICATION_MAX_FILES, fileSize: max, fields: 5, fieldSize: 64 * 1024 } })) {
      if (part.type === 'field') {
        if (part.fieldname !== jsonField) continue;
        let raw: unknown;
        try { raw = JSON.parse(String(part.value)); } catch { throw new AppError('BAD_JSON', `${jsonField}: 不是有效的 JSON (malformed JSON)`); }
        const p = schema.safeParse(raw);
        if (!p.success) {
          const i = p.error.issues[0];
          const field = i.path.join('.');
          throw new AppError('VALIDATION', `${field}: ${i.message}`, { field });
        }
        body = p.data;
        continue;
      }
      const m = /^f(\d{1,2})$/.exec(part.fieldname);
      const material = body && m ? body.files[Number(m[1])] : undefined;
      if (!material) {
        part.file.resume();
        throw new AppError('VALIDATION', `${part.fieldname}: 请先提交申请信息，再逐项上传材料 (the JSON field comes first and names each file's material)`, { field: 'files' });
      }
      try {
        files.push({ material, file: await stageFile(ctx, { filename: part.filename, stream: part.file }, { allowed: APPLICATION_FILE_TYPES, maxBytes: max, what: `「${material}」`, field: 'files' }) });
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', `files: 「${material}」超过 ${Math.floor(max / 1024 / 1024)} MB (file too large)`, { field: 'files' });
        if (e instanceof AppError && e.code === 'UNSUPPORTED_MEDIA_TYPE') {
          const mime = (e.details as { mime?: string | null } | undefined)?.mime ?? 'unknown';
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', `files: 「${material}」的文件类型不支持，须为 PDF、图片或 Word/WPS 等办公文档 (PDF, images or office documents only; this file is ${mime})`, { field: 'files', material, mime });
        }
        throw e;
      }
    }
  } catch (e) {
    for (const f of files) dropStaged(f.file);
    if ((e as { code?: string }).code === 'FST_FILES_LIMIT') throw new AppError('PAYLOAD_TOO_LARGE', `files: 最多上传 ${APPLICATION_MAX_FILES} 个文件 (too many files)`, { field: 'files' });
    throw e;
  }
  if (!body) throw new AppError('VALIDATION', `${jsonField}: 缺少申请信息 (the JSON field is missing)`, { field: jsonField });
  return { body, files };
}

export const publicApplicationsRoutes: RouteModule = (app, ctx) => {
  app.post('/api/public/applications', {
    config: { auth: 'public' },
    schema: { tags: ['public'], summary: '在线申请 (multipart: `application` JSON {itemCode, applicant, files[], captchaId, captcha}, then files f0…): → caseNo, queryCode', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const { body, files } = await readParts(ctx, req, 'application', applicationBody);
    return reply.code(201).send(await submitApplication(ctx, req.actor, { itemCode: body.itemCode, applicant: body.applicant, captchaId: body.captchaId, captcha: body.captcha, files }));
  });
  app.post('/api/public/applications/correction', {
    config: { auth: 'public' },
    schema: { tags: ['public'], summary: '网上补正 (multipart: `answer` JSON {caseNo, queryCode, files[]}, then files f0…): every material the notice asked for', consumes: ['multipart/form-data'] },
  }, async (req) => {
    const { body, files } = await readParts(ctx, req, 'answer', answerBody);
    return answerCorrection(ctx, req.actor, { caseNo: body.caseNo, queryCode: body.queryCode, files });
  });
};
