import { CommandRefused, decide, type CaseCommand } from '../../domain/cases/case.decide.js';
import { evolve, initialState } from '../../domain/cases/case.fold.js';
import type { CaseState, Counterparty, EventActor, EventType } from '../../domain/cases/case.types.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import type { Actor } from '../../domain/org/policy.js';
import { AppError, invalid } from '../../errors.js';
import { findPublicCaseId } from '../../store/application.store.js';
import { getCase, lockCaseKeys } from '../../store/case.store.js';
import type { Queryable } from '../../store/db.js';
import { insertEvidenceFile } from '../../store/evidence.store.js';
import { getDepartment } from '../../store/org.store.js';
import { audited } from '../audit.service.js';
import { findItemVersionInForce } from '../catalog/item-lookup.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { checkCaptcha } from '../security/captcha.service.js';
import { dropStaged, keepStaged, type StagedFile } from './evidence.service.js';
import { ingestEvents } from './ingest.service.js';
import { newCaseNo, newQueryCode } from './query-code.js';

/**
 * 网上申请 (川办发〔2014〕2号 平台办法 第五条(六): 受理电子政务大厅的申请): a citizen or company applies
 * for a licence item in the hall, with its materials; the application becomes a case waiting
 * 待受理 through the one event path (application.submitted, channel online), its number and
 * 查询码 given back. The department accepts (受理: case.registered), refuses (不予受理, with reason
 * and remedies) or asks once for every missing material (一次性告知), which the applicant answers
 * here with the number and 查询码 (correction.answered).
 */

/** Materials are documents and pictures: PDF, images, office documents (checked by content). */
export const APPLICATION_FILE_TYPES = [/^image\/(jpeg|png|gif|webp|bmp|tiff)$/, /^application\/pdf$/, /^application\/vnd\.openxmlformats-officedocument\./,
  /^application\/msword$/, /^application\/x-cfb$/, /^application\/vnd\.oasis\.opendocument\./];
/** At most this many bytes a file (and never more than the evidence limit). */
export const APPLICATION_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const APPLICATION_MAX_FILES = 20;
export const applicationFileLimit = (ctx: AppContext) => Math.min(APPLICATION_FILE_MAX_BYTES, ctx.config.evidenceMaxBytes);

/** The applicant as the events name them (personal data stays in the counterparty, as for every case). */
const APPLICANT: EventActor = { id: 'online-applicant', name: '网上申请人' };

export interface StagedMaterial {
  /** The material (of the item's list, or of the correction notice) the file is for. */
  material: string;
  file: StagedFile;
}

export interface ApplyInput {
  itemCode: string;
  applicant: Counterparty;
  files: StagedMaterial[];
  captchaId?: string | null;
  captcha?: string | null;
}

const refused = (e: unknown): never => {
  if (e instanceof CommandRefused) throw new AppError(e.conflict ? 'CONFLICT' : 'VALIDATION', e.message, { field: e.field });
  throw e;
};

/** Each staged file as an evidence.attached event on `s` (through the decider), with its record. */
function attachments(s: CaseState, item: PowerItemVersion | null, files: StagedMaterial[]) {
  return files.map(({ material, file }) => {
    const id = newId();
    const name = `${material}：${file.name}`.slice(0, 500);
    const data = { evidenceId: id, kind: file.kind, name, size: file.size, sha256: file.sha256, sm3: file.sm3 };
    const [e] = decide({ kind: 'attachEvidence', data }, s, item);
    return { event: e, file, id, name };
  });
}

async function store(q: Queryable, ctx: AppContext, c: { departmentCode: string; regionCode: string | null; caseNo: string; queryCode?: string },
  events: { type: EventType; data: unknown }[], files: ReturnType<typeof attachments>, now: Date): Promise<string> {
  const r = await ingestEvents(q, ctx, {
    departmentCode: c.departmentCode, regionCode: c.regionCode, source: 'workbench',
    ...(c.queryCode ? { queryCodes: new Map([[c.caseNo, c.queryCode]]) } : {}),
    events: events.map((e) => ({ eventId: `hall-${newId()}`, caseNo: c.caseNo, type: e.type, occurredAt: now.toISOString(), actor: APPLICANT, data: e.data })),
  });
  if (r.rejected.length) throw invalid(r.rejected[0].field ?? 'event', r.rejected[0].message);
  const caseId = r.caseIds.get(c.caseNo)!;
  for (const f of files) {
    await insertEvidenceFile(q, { id: f.id, caseId, departmentCode: c.departmentCode, kind: f.file.kind, name: f.name, mime: f.file.mime,
      size: f.file.size, sha256: f.file.sha256, sm3: f.file.sm3, uploadedBy: null, at: now });
  }
  return caseId;
}

/** 在线申请: returns the case number and 查询码 the applicant follows it with. */
export async function submitApplication(ctx: AppContext, actor: Actor, input: ApplyInput): Promise<{ caseNo: string; queryCode: string; itemName: string; department: string; submittedAt: string }> {
  try {
    if (ctx.config.publicCaptcha) await checkCaptcha(ctx, 'public', input);
    const now = ctx.clock.now();
    const item = await findItemVersionInForce(ctx.db, input.itemCode, now);
    if (!item || item.confidential) throw new AppError('NOT_FOUND', '该事项不存在或不能在线申请 (no such item open to online application)');
    if (!input.files.length) throw invalid('files', '请上传申请材料 (upload the materials)');
    const dept = await getDepartment(ctx.db, item.departmentCode);
    if (!dept) throw new AppError('NOT_FOUND', '该事项的实施部门不存在 (the item\'s department is unknown)');
    const caseNo = newCaseNo(item.departmentCode, now);
    const queryCode = newQueryCode();
    const materials = [...new Set(input.files.map((f) => f.material))];
    const cmd: CaseCommand = { kind: 'apply', data: { itemCode: item.code, counterparty: input.applicant, channel: 'online', materials } };
    let events;
    try {
      const [applied] = decide(cmd, initialState(caseNo, item.departmentCode), item);
      const s = evolve(initialState(caseNo, item.departmentCode), { eventId: 'x', caseNo, type: applied.type, occurredAt: now, actor: APPLICANT, data: applied.data }, item);
      events = { applied, files: attachments(s, item, input.files) };
    } catch (e) { return refused(e); }
    for (const f of input.files) keepStaged(ctx, f.file);
    await audited(ctx, actor, {
      action: 'case.apply', target: `case:${item.departmentCode}/${caseNo}`,
      run: (q) => store(q, ctx, { departmentCode: item.departmentCode, regionCode: dept.region, caseNo, queryCode },
        [events.applied, ...events.files.map((f) => f.event)], events.files, now),
    });
    return { caseNo, queryCode, itemName: item.name, department: dept.name, submittedAt: now.toISOString() };
  } finally {
    for (const f of input.files) dropStaged(f.file);
  }
}

/** 补正: the applicant uploads every material the one-time notice asked for. */
export async function answerCorrection(ctx: AppContext, actor: Actor, input: { caseNo: string; queryCode: string; files: StagedMaterial[] }): Promise<{ caseNo: string; answeredAt: string }> {
  try {
    const id = await findPublicCaseId(ctx.db, input.caseNo, input.queryCode);
    if (!id) throw new AppError('NOT_FOUND', '未找到该办件，请核对办件编号和查询码 (no case matches this number and query code)');
    const now = ctx.clock.now();
    await audited(ctx, actor, {
      action: 'case.answerCorrection', target: `case:${id}`,
      run: async (q) => {
        const first = (await getCase(q, id))!;
        await lockCaseKeys(q, first.departmentCode, [first.caseNo]);
        const c = (await getCase(q, id))!;
        const pending = c.state.corrections.find((x) => !x.answeredAt);
        if (!pending) throw new AppError('CONFLICT', '没有待补正的材料 (no correction is awaiting an answer)', { field: 'files' });
        const given = new Set(input.files.map((f) => f.material));
        const stray = [...given].filter((m) => !pending.materials.includes(m));
        if (stray.length) throw invalid('files', `「${stray.join('、')}」不在补正告知的材料中 (not asked for)`);
        const missing = pending.materials.filter((m) => !given.has(m));
        if (missing.length) throw invalid('files', `请一并上传全部补正材料，尚缺「${missing.join('、')}」(every material asked for is needed)`);
        let events;
        try {
          const files = attachments(c.state, c.item, input.files);
          const [answered] = decide({ kind: 'answerCorrection', data: { materials: pending.materials } }, c.state, c.item);
          events = { files, answered };
        } catch (e) { return refused(e); }
        for (const f of input.files) keepStaged(ctx, f.file);
        await store(q, ctx, { departmentCode: c.departmentCode, regionCode: c.regionCode, caseNo: c.caseNo }, [...events.files.map((f) => f.event), events.answered], events.files, now);
      },
    });
    return { caseNo: input.caseNo.trim(), answeredAt: now.toISOString() };
  } finally {
    for (const f of input.files) dropStaged(f.file);
  }
}
