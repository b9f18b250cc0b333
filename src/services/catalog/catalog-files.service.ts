import type { Readable } from 'node:stream';
import { isPublished } from '../../domain/catalog/disclosure.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { findVersionAt } from '../../store/catalog.store.js';
import { departmentScope, getCatalogFile, insertCatalogFile } from '../../store/files.store.js';
import { audited } from '../audit.service.js';
import { contentDisposition } from '../cases/evidence.service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { openStoredFile, storeUploadedFile } from '../files/stored-file.js';

/**
 * 样表 (sample forms of an item's materials): files the department's catalog staff upload; an
 * item version refers to one (materialDetails[].sampleForm.fileId), so which form a material
 * shows changes only through a reviewed adjustment (川 目录动态调整办法 第三条), and the hall
 * serves a file only while the published version refers to it.
 * 盐城 网上运行办法 第十七条(二): 服务指南、要件材料 among an item's static information.
 */
const SAMPLE_FORM_TYPES = [/^application\/pdf$/, /^application\/vnd\.openxmlformats-officedocument\./, /^application\/msword$/, /^application\/vnd\.ms-/,
  /^application\/x-cfb$/, /^application\/vnd\.oasis\.opendocument\./, /^image\/(png|jpeg|gif|webp)$/];
export const SAMPLE_FORM_MAX_BYTES = 10 * 1024 * 1024;

export async function uploadCatalogFile(ctx: AppContext, actor: Actor, departmentCode: string, f: { filename?: string; stream: Readable & { truncated?: boolean } }) {
  const dept = await departmentScope(ctx.db, departmentCode);
  if (!dept) throw invalid('departmentCode', `实施部门不存在: ${departmentCode} (unknown department)`);
  if (!can(actor, 'catalog.draft', { regionCode: dept.regionCode, departmentCode })) throw forbidden('catalog.draft');
  const stored = await storeUploadedFile(ctx.config.dataDir, f, {
    allowed: SAMPLE_FORM_TYPES, maxBytes: SAMPLE_FORM_MAX_BYTES, what: '样表', allowedText: 'PDF、Word、Excel、WPS/ODF 文档和图片',
  });
  const id = newId();
  return audited(ctx, actor, {
    action: 'catalog.file.upload', target: `catalog-file:${id}`,
    run: async (q) => {
      await insertCatalogFile(q, { id, departmentCode, ...stored, uploadedBy: actor.kind === 'user' ? actor.userId : null, uploadedAt: ctx.clock.now() });
      return { fileId: id, name: stored.name, mime: stored.mime, size: stored.size, sha256: stored.sha256 };
    },
    details: (r) => ({ departmentCode, name: r.name, sha256: r.sha256 }),
  });
}

/** Staff read a catalog file of their scope (to check a form before proposing it). */
export async function downloadCatalogFile(ctx: AppContext, actor: Actor, id: string) {
  const f = await getCatalogFile(ctx.db, id);
  const dept = f ? await departmentScope(ctx.db, f.departmentCode) : null;
  if (!f || !dept || !can(actor, 'catalog.read', { regionCode: dept.regionCode, departmentCode: f.departmentCode })) throw notFound('文件', id);
  return { mime: f.mime, disposition: contentDisposition(f.name), stream: await openStoredFile(ctx.config.dataDir, f) };
}

/** The hall: a sample form of a published item, only when its version in force names that file. */
export async function downloadPublicSampleForm(ctx: AppContext, code: string, fileId: string) {
  const v = await findVersionAt(ctx.db, code, ctx.clock.now());
  const ref = v && isPublished(v) ? (v.materialDetails ?? []).find((m) => m.sampleForm?.fileId === fileId)?.sampleForm : undefined;
  const f = ref ? await getCatalogFile(ctx.db, fileId) : null;
  if (!ref || !f) throw notFound('样表', fileId);
  const ext = f.name.includes('.') ? f.name.slice(f.name.lastIndexOf('.')) : '';
  return { mime: f.mime, disposition: contentDisposition(ref.name.endsWith(ext) ? ref.name : `${ref.name}${ext}`), stream: await openStoredFile(ctx.config.dataDir, f) };
}

/** Checks that the sample forms an item version names exist and belong to its department. */
export async function checkSampleForms(q: Parameters<typeof getCatalogFile>[0], departmentCode: string, details: { name: string; sampleForm?: { fileId: string } }[] | undefined): Promise<string | null> {
  for (const [i, d] of (details ?? []).entries()) {
    if (!d.sampleForm) continue;
    const f = await getCatalogFile(q, d.sampleForm.fileId);
    if (!f || f.departmentCode !== departmentCode) return `materialDetails[${i}].sampleForm.fileId: 样表文件 ${d.sampleForm.fileId} 不存在或不属于本部门 (unknown sample form file)`;
  }
  return null;
}
