import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { can, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { regionPrefix, REGION_CODE } from '../../domain/org/region.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { scopeSql, Where } from '../../store/scope-sql.js';
import { complaintFromRow, getComplaint, getComplaintByNo, insertComplaint, saveComplaint, type ComplaintRow } from '../../store/supervision/complaint.store.js';
import { actorAudit, audited } from '../audit.service.js';
import { closeClocks, setClock } from '../calendar/clocks.js';
import type { AppContext } from '../context.js';
import { loadRegionSettings } from './region-settings.service.js';
import { newId } from '../ids.js';
import type { Readable } from 'node:stream';
import { complaintAttachments, getComplaintAttachment, insertComplaintAttachment, type FileRow } from '../../store/files.store.js';
import { openStoredFile, storeUploadedFile } from '../files/stored-file.js';
import { contentDisposition } from '../cases/evidence.service.js';
import { maskedComplainant } from '../../domain/seal/mask.js';
import { sealComplainant, storePersonalData } from '../security/personal-data.service.js';
import { issueComplaintReceipt } from '../documents/supervision-notices.js';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const code = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
const hash = (s: string) => createHash('sha256').update(s.trim().toUpperCase()).digest('hex');
const who = (a: Actor) => actorAudit(a).actorName ?? 'unknown';
const cstDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

/** What staff see (the complainant's contact only for real-name complaints), with the attachments when listed. */
export function wireComplaint(c: ComplaintRow, attachments?: FileRow[]) {
  const { queryCodeHash: _h, ...rest } = c;
  // GB/T 22239-2019 8.1.4.11: the contact masked (查看 unmasks, recorded)
  return {
    ...rest, complainant: maskedComplainant(c.complainant), receivedAt: c.receivedAt.toISOString(), acceptanceDueAt: c.acceptanceDueAt.toISOString(),
    ...(attachments ? { attachments: attachments.map((a) => ({ id: a.id, name: a.name, mime: a.mime, size: a.size, sha256: a.sha256, uploadedAt: a.uploadedAt.toISOString() })) } : {}),
  };
}

/** 手机号码 (11 digits from 1[3-9]) or a fixed line with area code (0xx-xxxxxxx, extension allowed). */
export const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
const MAX_ATTACHMENTS = 5;
const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
const ATTACHMENT_TYPES = [/^image\/(png|jpeg|gif|webp)$/, /^application\/pdf$/];

export interface SubmitComplaintInput {
  kind: 'complaint' | 'report' | 'consultation';
  realName: boolean;
  complainant?: { name: string; phone?: string; address?: string } | null;
  regionCode: string;
  departmentCode?: string | null;
  caseNo?: string | null;
  subject: string;
  content: string;
}

/**
 * 成都办法 第十一条; 盐城电子监察办法 第十三、十四条: complaints from the public hall (real-name or
 * anonymous) or entered by staff; acceptance is decided within 5 working days. Returns the
 * number and the query code (shown once) the complainant follows it with.
 */
export async function submitComplaint(ctx: AppContext, actor: Actor, input: SubmitComplaintInput) {
  const source = actor.kind === 'public' ? 'hall' : 'staff';
  if (source === 'staff' && !can(actor, 'complaint.handle', { regionCode: input.regionCode })) throw forbidden('只有监察员可以登记投诉 (supervisors only)');
  if (!REGION_CODE.test(input.regionCode)) throw invalid('regionCode', '须为 6 位行政区划代码 (GB/T 2260 code)');
  if (input.realName && !input.complainant?.name?.trim()) throw invalid('complainant.name', '实名投诉须填写姓名 (name required for a real-name complaint)');
  // 成都办法 第十一条: 实名投诉的办理结果及时反馈 — a real-name complaint (投诉, about one's own
  // matter) leaves a phone number to be reached at; a report (举报) may be anonymous.
  const phone = input.complainant?.phone?.replace(/[\s]/g, '') || undefined;
  if (input.realName && input.kind === 'complaint' && !phone) throw invalid('complainant.phone', '实名投诉须留联系电话 (a phone number is required for a real-name complaint)');
  if (input.realName && phone && !PHONE.test(phone)) throw invalid('complainant.phone', '联系电话格式不正确：手机号11位，固定电话含区号 (not a valid phone number)');
  if (!input.subject?.trim()) throw invalid('subject', '标题不能为空 (subject required)');
  if (!input.content?.trim()) throw invalid('content', '内容不能为空 (content required)');
  const queryCode = code(8);
  const result = await audited(ctx, actor, {
    action: 'complaint.submit', target: input.regionCode,
    run: async (q) => {
      const region = await q.query('SELECT 1 FROM regions WHERE code = $1', [input.regionCode]);
      if (!region.length) throw invalid('regionCode', `行政区划 ${input.regionCode} 不存在 (unknown region)`);
      if (input.departmentCode) {
        const d = await q.query('SELECT 1 FROM departments WHERE code = $1', [input.departmentCode]);
        if (!d.length) throw invalid('departmentCode', `部门 ${input.departmentCode} 不存在 (unknown department)`);
      }
      const s = await loadRegionSettings(q, input.regionCode);
      const now = ctx.clock.now();
      const id = newId();
      // 成都办法 第十一条: 5 个工作日内决定是否受理
      const clock = await setClock(q, ctx, { ownerKind: 'complaint', ownerId: id, kind: 'acceptance', regionCode: input.regionCode, start: now, workingDays: s.complaintAcceptanceDays });
      // GB/T 22239-2019 8.1.4.8, 8.1.4.11: the complainant's name, phone and address stored sealed; the row keeps masked forms
      const sealed = input.realName
        ? sealComplainant(ctx.config, id, input.regionCode, input.departmentCode ?? null, { name: input.complainant!.name.trim(), phone, address: input.complainant?.address?.trim() || undefined })
        : null;
      if (sealed) await storePersonalData(q, [sealed.row], now);
      const c: ComplaintRow = {
        id, complaintNo: `TS${input.regionCode}${cstDay(now)}${code(6)}`, queryCodeHash: hash(queryCode), kind: input.kind, realName: input.realName,
        complainant: sealed ? sealed.masked : null,
        regionCode: input.regionCode, departmentCode: input.departmentCode ?? null, caseNo: input.caseNo ?? null, subject: input.subject.trim(),
        content: input.content.trim(), source, status: 'submitted', receivedAt: now, acceptanceDueAt: clock.dueAt, decidedAt: null,
        decisionReason: null, notice: null, transferDepartment: null, transferDueAt: null, result: null, resultAt: null, upheld: null,
        history: [{ at: now.toISOString(), action: 'submit', by: source === 'hall' ? 'public' : who(actor) }], updatedAt: now,
      };
      if (input.kind === 'consultation') await closeClocks(q, 'complaint', id, 'acceptance');
      await insertComplaint(q, c);
      return { id, complaintNo: c.complaintNo, acceptanceDueAt: clock.dueAt.toISOString() };
    },
    details: (r) => ({ complaintNo: r.complaintNo }),
  });
  return { ...result, queryCode };
}

/** The complainant follows a complaint by number and query code (one 404 for every miss). */
export async function followComplaint(ctx: AppContext, input: { complaintNo: string; queryCode: string }) {
  const c = await getComplaintByNo(ctx.db, input.complaintNo.trim());
  const ok = c && timingSafeEqual(Buffer.from(c.queryCodeHash, 'hex'), Buffer.from(hash(input.queryCode), 'hex'));
  if (!c || !ok) throw new AppError('NOT_FOUND', '未找到该投诉，请核对编号和查询码 (no complaint matches this number and query code)');
  return {
    complaintNo: c.complaintNo, kind: c.kind, subject: c.subject, status: c.status, receivedAt: c.receivedAt.toISOString(),
    acceptanceDueAt: c.acceptanceDueAt.toISOString(), decidedAt: c.decidedAt?.toISOString() ?? null,
    notice: c.notice, result: c.result, resultAt: c.resultAt?.toISOString() ?? null,
    attachments: ((await complaintAttachments(ctx.db, [c.id])).get(c.id) ?? []).map((a) => ({ name: a.name, size: a.size })),
  };
}

async function loadForHandling(q: Queryable, actor: Actor, id: string, forUpdate = true): Promise<ComplaintRow> {
  const c = await getComplaint(q, id, forUpdate);
  if (!c) throw notFound('投诉', id);
  const dept = c.status === 'transferred' && c.transferDepartment && can(actor, 'order.respond', { regionCode: c.regionCode, departmentCode: c.transferDepartment });
  if (!can(actor, 'complaint.handle', { regionCode: c.regionCode }) && !dept) throw forbidden('无权办理该投诉 (not your region)');
  return c;
}

/**
 * 成都办法 第十一条; 盐城电子监察办法 第十四条: accept or not; not accepting a real-name complaint
 * needs a written reason sent to the complainant (the notice).
 */
export async function decideComplaint(ctx: AppContext, actor: Actor, input: { id: string; accept: boolean; reason?: string; notice?: string }) {
  return audited(ctx, actor, {
    action: input.accept ? 'complaint.accept' : 'complaint.not_accept', target: input.id,
    run: async (q) => {
      const c = await loadForHandling(q, actor, input.id);
      if (!can(actor, 'complaint.handle', { regionCode: c.regionCode })) throw forbidden('只有监察员可以决定受理 (supervisors only)');
      if (c.status !== 'submitted' || c.kind === 'consultation') throw new AppError('CONFLICT', `投诉状态为 ${c.status}，不能再决定受理 (already decided)`);
      const reason = input.reason?.trim() ?? '';
      if (!input.accept && !reason) throw invalid('reason', '不予受理须说明理由 (a reason is required)');
      if (!input.accept && c.realName && !input.notice?.trim()) throw invalid('notice', '实名投诉不予受理须书面告知投诉人理由 (written notice to the complainant required)');
      const now = ctx.clock.now();
      c.status = input.accept ? 'accepted' : 'not_accepted';
      c.decidedAt = now;
      c.decisionReason = reason || null;
      c.notice = input.notice?.trim() || (input.accept && c.realName ? `您的投诉 ${c.complaintNo} 已受理` : c.notice);
      c.history = [...c.history, { at: now.toISOString(), by: who(actor), action: input.accept ? 'accept' : 'not_accept', reason: reason || null }];
      await closeClocks(q, 'complaint', c.id, 'acceptance');
      const saved = wireComplaint(await saveComplaint(q, c, now, actorAudit(actor).actorId));
      // 盐城电子监察办法 第十四条: 书面告知投诉人受理决定 — the 投诉受理回执, numbered and archived
      if (input.accept) return { ...saved, receiptId: (await issueComplaintReceipt(q, ctx.config, actor, c, now)).id };
      return saved;
    },
  });
}

/** 盐城电子监察办法 第十五条: 转办, with a deadline for the result. */
export async function transferComplaint(ctx: AppContext, actor: Actor, input: { id: string; departmentCode: string; workingDays?: number }) {
  return audited(ctx, actor, {
    action: 'complaint.transfer', target: input.id,
    run: async (q) => {
      const c = await loadForHandling(q, actor, input.id);
      if (c.status !== 'accepted') throw new AppError('CONFLICT', '只能转办已受理的投诉 (accept it first)');
      const d = await q.query('SELECT 1 FROM departments WHERE code = $1', [input.departmentCode]);
      if (!d.length) throw invalid('departmentCode', `部门 ${input.departmentCode} 不存在 (unknown department)`);
      const s = await loadRegionSettings(q, c.regionCode);
      const days = input.workingDays ?? s.complaintTransferDays;
      if (!Number.isInteger(days) || days < 1 || days > 60) throw invalid('workingDays', '办理期限须为 1–60 个工作日');
      const now = ctx.clock.now();
      const clock = await setClock(q, ctx, { ownerKind: 'complaint', ownerId: c.id, kind: 'transfer', regionCode: c.regionCode, start: now, workingDays: days });
      c.status = 'transferred';
      c.transferDepartment = input.departmentCode;
      c.transferDueAt = clock.dueAt;
      c.history = [...c.history, { at: now.toISOString(), by: who(actor), action: 'transfer', department: input.departmentCode, dueAt: clock.dueAt.toISOString() }];
      return wireComplaint(await saveComplaint(q, c, now, actorAudit(actor).actorId));
    },
  });
}

/** The result, fed back to the complainant (成都办法 第十一条: 实名投诉办理结果及时反馈); also answers consultations. */
export async function concludeComplaint(ctx: AppContext, actor: Actor, input: { id: string; result: string; upheld?: boolean }) {
  return audited(ctx, actor, {
    action: 'complaint.conclude', target: input.id,
    run: async (q) => {
      const c = await loadForHandling(q, actor, input.id);
      const ok = c.status === 'accepted' || c.status === 'transferred' || (c.kind === 'consultation' && c.status === 'submitted');
      if (!ok) throw new AppError('CONFLICT', `投诉状态为 ${c.status}，不能办结 (cannot conclude now)`);
      if (!input.result?.trim()) throw invalid('result', '办理结果不能为空 (result required)');
      const now = ctx.clock.now();
      c.status = 'concluded';
      c.result = input.result.trim();
      c.resultAt = now;
      // §8 COMPLAINTS_UPHELD: the finding (属实) scores against the department
      c.upheld = typeof input.upheld === 'boolean' ? input.upheld : null;
      c.history = [...c.history, { at: now.toISOString(), by: who(actor), action: 'conclude', upheld: c.upheld }];
      await closeClocks(q, 'complaint', c.id);
      return wireComplaint(await saveComplaint(q, c, now, actorAudit(actor).actorId));
    },
  });
}

/**
 * The complainant adds an attachment (image or PDF: 照片、截图、票据) with the number and query
 * code while the complaint waits for its acceptance decision; at most 5. Stored like evidence
 * (content-addressed, SHA-256 and SM3).
 * 盐城电子监察办法 第十三条: 公众可通过投诉窗口对违法违纪问题进行投诉举报 (attachments: the window's own addition).
 */
export async function attachToComplaint(ctx: AppContext, actor: Actor, input: { complaintNo: string; queryCode: string; filename?: string; stream: Readable & { truncated?: boolean } }) {
  const c = await getComplaintByNo(ctx.db, input.complaintNo.trim());
  const ok = c && timingSafeEqual(Buffer.from(c.queryCodeHash, 'hex'), Buffer.from(hash(input.queryCode), 'hex'));
  if (!c || !ok) {
    input.stream.resume();
    throw new AppError('NOT_FOUND', '未找到该投诉，请核对编号和查询码 (no complaint matches this number and query code)');
  }
  if (c.status !== 'submitted') {
    input.stream.resume();
    throw new AppError('CONFLICT', '投诉已受理或办结，不能再添加附件 (attachments only before the acceptance decision)');
  }
  const stored = await storeUploadedFile(ctx.config.dataDir, { filename: input.filename, stream: input.stream }, {
    allowed: ATTACHMENT_TYPES, maxBytes: ATTACHMENT_MAX_BYTES, what: '附件', allowedText: '图片（PNG、JPEG、GIF、WebP）和 PDF',
  });
  const id = newId();
  return audited(ctx, actor, {
    action: 'complaint.attach', target: c.id,
    run: async (q) => {
      const now = ctx.clock.now();
      const had = (await complaintAttachments(q, [c.id])).get(c.id) ?? [];
      if (had.length >= MAX_ATTACHMENTS) throw new AppError('CONFLICT', `每件投诉最多 ${MAX_ATTACHMENTS} 个附件 (at most ${MAX_ATTACHMENTS} attachments)`);
      await insertComplaintAttachment(q, c.id, { id, ...stored, uploadedAt: now });
      return { id, name: stored.name, mime: stored.mime, size: stored.size, sha256: stored.sha256 };
    },
    details: (r) => ({ complaintNo: c.complaintNo, name: r.name, sha256: r.sha256 }),
  });
}

/** Supervisors (and the department a complaint was transferred to) download an attachment. */
export async function downloadComplaintAttachment(ctx: AppContext, actor: Actor, complaintId: string, attachmentId: string) {
  await loadForHandling(ctx.db, actor, complaintId, false);
  const a = await getComplaintAttachment(ctx.db, complaintId, attachmentId);
  if (!a) throw notFound('附件', attachmentId);
  return { mime: a.mime, disposition: contentDisposition(a.name), stream: await openStoredFile(ctx.config.dataDir, a) };
}

export async function listComplaints(ctx: AppContext, actor: Actor, f: { status?: string; region?: string; kind?: string }) {
  const scope = scopeFilter(actor, 'complaint.handle');
  if (!scope.all && !scope.regions.length && !scope.departments.length) throw forbidden('无权查看投诉 (complaint.handle)');
  const w = new Where();
  w.conds.push(scopeSql(scope, w.params, { region: 'region_code', dept: 'department_code' }));
  if (f.status) w.add('status = ?', f.status);
  if (f.kind) w.add('kind = ?', f.kind);
  if (f.region) w.add('region_code LIKE ?', `${regionPrefix(f.region)}%`);
  const rows = await ctx.db.query(`SELECT * FROM complaints ${w.sql} ORDER BY received_at DESC LIMIT 500`, w.params);
  const list = rows.map(complaintFromRow);
  const files = await complaintAttachments(ctx.db, list.map((c) => c.id));
  return { complaints: list.map((c) => wireComplaint(c, files.get(c.id) ?? [])) };
}
