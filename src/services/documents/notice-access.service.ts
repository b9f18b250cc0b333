import { CASE_NOTICE_KINDS, DEFAULT_TEMPLATES, isNoticeKind, NOTICE_KINDS, placeholdersOf, templateProblem, type NoticeKind } from '../../domain/documents/notice-templates.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { REGION_CODE } from '../../domain/org/region.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import { caseFromRow } from '../../store/case.store.js';
import type { Queryable } from '../../store/db.js';
import { documentsOfSubject, findDocument, type ArchivedDocument } from '../../store/document.store.js';
import { casesByNumberAndCode, insertTemplateVersion, regionName, templateVersions } from '../../store/notice.store.js';
import { getEntry } from '../../store/supervision/accountability.store.js';
import { getAlert } from '../../store/supervision/alert.store.js';
import { getComplaint, getComplaintByNo } from '../../store/supervision/complaint.store.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getOrder } from '../../store/supervision/order.store.js';
import { actorAudit, audited } from '../audit.service.js';
import { caseFor } from '../cases/workbench.service.js';
import type { AppContext } from '../context.js';
import { readArchivedDocument } from './archive.js';
import { templateInForce, wireDocument } from './notices.service.js';
import { getItemVersion } from '../catalog/item-lookup.js';

type Subject = 'case' | 'order' | 'alert' | 'complaint' | 'accountability';
const SUBJECTS: readonly Subject[] = ['case', 'order', 'alert', 'complaint', 'accountability'];

/** Whether the actor may read the notices of a subject: the rules of the subject's own page. Not found otherwise. */
async function authorizeSubject(q: Queryable, actor: Actor, type: string, id: string): Promise<void> {
  const no = () => notFound('文书', `${type}/${id}`);
  switch (type) {
    case 'case':
      await caseFor(q, actor, id, 'case.read');
      return;
    case 'order': {
      const o = await getOrder(q, id);
      if (!o || !(can(actor, 'supervision.read', { regionCode: o.regionCode }) || can(actor, 'order.respond', { regionCode: o.regionCode, departmentCode: o.departmentCode }))) throw no();
      return;
    }
    case 'alert': {
      const a = await getAlert(q, id);
      if (!a || !can(actor, 'alert.read', { regionCode: a.regionCode, departmentCode: a.departmentCode })) throw no();
      return;
    }
    case 'complaint': {
      const c = await getComplaint(q, id, false);
      const dept = !!c?.transferDepartment && can(actor, 'order.respond', { regionCode: c.regionCode, departmentCode: c.transferDepartment });
      if (!c || !(can(actor, 'complaint.handle', { regionCode: c.regionCode }) || dept)) throw no();
      return;
    }
    case 'accountability': {
      const e = await getEntry(q, id);
      if (!e || !(can(actor, 'supervision.read', { regionCode: e.regionCode }) || can(actor, 'order.respond', { regionCode: e.regionCode, departmentCode: e.departmentCode }))) throw no();
      return;
    }
    default:
      throw no();
  }
}

/** The notices issued about a case, an order, an alert, a complaint or an accountability entry. */
export async function subjectDocuments(ctx: AppContext, actor: Actor, type: string, id: string) {
  if (!SUBJECTS.includes(type as Subject)) throw invalid('subjectType', '须为 case、order、alert、complaint 或 accountability (unknown subject)');
  await authorizeSubject(ctx.db, actor, type, id);
  return { documents: (await documentsOfSubject(ctx.db, type, id)).filter((d) => isNoticeKind(d.kind)).map(wireDocument) };
}

/** A notice's PDF, for a reader of its subject; the bytes are re-hashed first (EVIDENCE_ALTERED when changed). */
export async function downloadNotice(ctx: AppContext, actor: Actor, id: string): Promise<{ document: ArchivedDocument; content: Buffer }> {
  const d = await findDocument(ctx.db, id);
  if (!d || !isNoticeKind(d.kind) || !d.subjectType || !d.subjectId) throw notFound('文书', id);
  await authorizeSubject(ctx.db, actor, d.subjectType, d.subjectId);
  return readArchivedDocument(ctx.db, id);
}

const MISS = () => new AppError('NOT_FOUND', '未找到该办件，请核对办件编号和查询码 (no case matches this number and query code)');

/** The case an applicant names with its number and query code (the public progress rules: one 404 for every miss, no confidential case). */
async function applicantCase(ctx: AppContext, input: { caseNo: string; queryCode: string }) {
  const rows = await casesByNumberAndCode(ctx.db, input.caseNo.trim(), input.queryCode.trim().toUpperCase());
  if (rows.length !== 1) throw MISS();
  const c = caseFromRow(rows[0]);
  const item = c.itemCode && c.itemVersion != null ? await getItemVersion(ctx.db, c.itemCode, c.itemVersion) : null;
  if (item?.confidential) throw MISS();
  return rows[0].id as string;
}

/** 达州意见 三(七): the applicant's own notices (受理、一次性告知、不予受理), by case number and query code. */
export async function applicantNotices(ctx: AppContext, input: { caseNo: string; queryCode: string }) {
  const id = await applicantCase(ctx, input);
  const docs = (await documentsOfSubject(ctx.db, 'case', id)).filter((d) => CASE_NOTICE_KINDS.includes(d.kind as NoticeKind));
  return { notices: docs.map((d) => ({ id: d.id, kind: d.kind, kindName: NOTICE_KINDS[d.kind as NoticeKind], docNo: d.docNo, title: d.title, issuedAt: d.issuedAt.toISOString(), sha256: d.sha256 })) };
}

export async function applicantNoticeDownload(ctx: AppContext, input: { caseNo: string; queryCode: string; documentId: string }) {
  const id = await applicantCase(ctx, input);
  const d = await findDocument(ctx.db, input.documentId);
  if (!d || d.subjectType !== 'case' || d.subjectId !== id || !CASE_NOTICE_KINDS.includes(d.kind as NoticeKind)) throw MISS();
  return readArchivedDocument(ctx.db, d.id);
}

/**
 * 盐城电子监察办法 第十四条: the complainant's 投诉受理回执, by complaint number and query code (the
 * follow-up's key, in a POST body); one 404 for every miss.
 */
export async function complainantReceipt(ctx: AppContext, input: { complaintNo: string; queryCode: string }) {
  const miss = () => new AppError('NOT_FOUND', '未找到该投诉的受理回执，请核对编号和查询码 (no receipt for this number and query code)');
  const c = await getComplaintByNo(ctx.db, input.complaintNo.trim());
  const given = createHash('sha256').update(input.queryCode.trim().toUpperCase()).digest();
  if (!c || !timingSafeEqual(Buffer.from(c.queryCodeHash, 'hex'), given)) throw miss();
  const d = (await documentsOfSubject(ctx.db, 'complaint', c.id)).filter((x) => x.kind === 'complaint_receipt').at(-1);
  if (!d) throw miss();
  return readArchivedDocument(ctx.db, d.id);
}

// ---- templates (文书模板), kept by the region administrator

function templateAdmin(actor: Actor, regionCode: string) {
  if (!REGION_CODE.test(regionCode)) throw invalid('region', '须为 6 位行政区划代码 (GB/T 2260 code)');
  if (!can(actor, 'org.manage', { regionCode })) throw forbidden('只有本地区管理员可以维护文书模板 (region administrators only)');
}

/** Every kind with its placeholders and the template in force for the region (and whose it is). */
export async function regionTemplates(ctx: AppContext, actor: Actor, regionCode: string) {
  templateAdmin(actor, regionCode);
  const kinds = Object.keys(NOTICE_KINDS) as NoticeKind[];
  return {
    regionCode, regionName: await regionName(ctx.db, regionCode),
    templates: await Promise.all(kinds.map(async (kind) => {
      const t = await templateInForce(ctx.db, regionCode, kind);
      const own = await templateVersions(ctx.db, regionCode, kind);
      return {
        kind, name: NOTICE_KINDS[kind], placeholders: placeholdersOf(kind), headerPlaceholders: ['地区', '地区简称', '部门'],
        inForce: t.template, source: t.source, defaults: DEFAULT_TEMPLATES[kind],
        versions: own.map((v) => ({ version: v.version, title: v.title, createdByName: v.createdByName, createdAt: v.createdAt.toISOString(), note: v.note })),
      };
    })),
  };
}

export interface SaveTemplateInput { regionCode: string; kind: string; title: string; paragraphs: string[]; authority: string; numberPrefix: string; note?: string | null }

/** Saves the region's template of a kind as a new version (audited); an unknown placeholder is refused, named. */
export async function saveTemplate(ctx: AppContext, actor: Actor, input: SaveTemplateInput) {
  const a = actorAudit(actor);
  return audited(ctx, actor, {
    action: 'notice.template.save', target: `${input.regionCode}/${input.kind}`,
    run: async (q) => {
      templateAdmin(actor, input.regionCode);
      if (!isNoticeKind(input.kind)) throw invalid('kind', `未知文书种类 (unknown notice kind): ${input.kind}`);
      const kind = input.kind;
      const t = { title: input.title?.trim() ?? '', paragraphs: (input.paragraphs ?? []).map((p) => p.trim()).filter(Boolean), authority: input.authority?.trim() ?? '', numberPrefix: input.numberPrefix?.trim() ?? '' };
      const p = templateProblem(kind, t);
      if (p) throw invalid(p.field, p.message);
      if (!(await regionName(q, input.regionCode))) throw invalid('region', `行政区划 ${input.regionCode} 不存在 (unknown region)`);
      const v = await insertTemplateVersion(q, { regionCode: input.regionCode, kind, ...t, note: input.note?.trim() || null, createdById: a.actorId, createdByName: a.actorName, createdAt: ctx.clock.now() });
      return { regionCode: v.regionCode, kind: v.kind, version: v.version, title: v.title, paragraphs: v.paragraphs, authority: v.authority, numberPrefix: v.numberPrefix };
    },
    details: (r) => ({ version: r.version }),
  });
}
