import { DEFAULT_TEMPLATES, fill, NOTICE_KINDS, regionShortName, type NoticeKind, type NoticeTemplate, type NoticeValues } from '../../domain/documents/notice-templates.js';
import { parentCode } from '../../domain/org/region.js';
import { invalid } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import type { ArchivedDocument } from '../../store/document.store.js';
import { departmentInfo, latestTemplates, regionName } from '../../store/notice.store.js';
import { archiveDocument, reserveDocumentNumber } from './archive.js';
import { heading, paragraph, renderPdf, FONT } from './pdf.js';

/** The template a region issues a kind of notice from: its own latest version, else its nearest ancestor's, else the default. */
export interface TemplateInForce {
  template: NoticeTemplate;
  /** Whose version it is (null: the platform's default). */
  source: { regionCode: string; version: number } | null;
}

export function regionChain(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c; c = parentCode(c)) out.push(c);
  return out;
}

export async function templateInForce(q: Queryable, regionCode: string, kind: NoticeKind): Promise<TemplateInForce> {
  const chain = regionChain(regionCode);
  const rows = await latestTemplates(q, chain, kind);
  for (const code of chain) {
    const r = rows.find((x) => x.regionCode === code);
    if (r) return { template: { title: r.title, paragraphs: r.paragraphs, authority: r.authority, numberPrefix: r.numberPrefix }, source: { regionCode: code, version: r.version } };
  }
  return { template: DEFAULT_TEMPLATES[kind], source: null };
}

/** A date as Chinese documents print it (China Standard Time): 2026年3月2日. */
export function cnDate(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3_600_000);
  return `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日`;
}

export interface RenderedNotice {
  title: string;
  paragraphs: string[];
  authority: string;
  docNo: string;
  date: string;
}

/** The text of a notice: the template filled with the values and the common fields. */
export function composeNotice(t: NoticeTemplate, values: NoticeValues, header: { region: string; department: string | null; docNo: string; at: Date }): RenderedNotice {
  const hv = { 地区: header.region, 地区简称: regionShortName(header.region), 部门: header.department ?? header.region };
  const authority = fill(t.authority, hv);
  const all: NoticeValues = { ...hv, ...values, 发文机关: authority, 文号: header.docNo, 日期: cnDate(header.at) };
  return { title: fill(t.title, all), paragraphs: t.paragraphs.map((p) => fill(p, all)), authority, docNo: header.docNo, date: cnDate(header.at) };
}

/** The PDF of a notice: title, number, body, then the issuing authority and the date (as 公文 are set). */
export function renderNotice(n: RenderedNotice, at: Date): Promise<Buffer> {
  return renderPdf({ title: n.title, author: n.authority, createdAt: at }, (doc) => {
    heading(doc, n.title);
    doc.font(FONT).fontSize(12).text(n.docNo, { align: 'center' }).moveDown(1);
    for (const p of n.paragraphs) {
      // the addressee (主送) line stands flush left; every other paragraph is indented two characters
      if (p.endsWith('：') && p.length <= 60 && !p.includes('\n')) doc.font(FONT).fontSize(12).text(p, { lineGap: 4 }).moveDown(0.4);
      else for (const line of p.split('\n')) paragraph(doc, line);
    }
    doc.moveDown(2);
    doc.font(FONT).fontSize(12).text(n.authority, { align: 'right' }).text(n.date, { align: 'right' });
  });
}

export interface IssueNoticeInput {
  kind: NoticeKind;
  regionCode: string;
  departmentCode?: string | null;
  subjectType: 'case' | 'order' | 'alert' | 'complaint' | 'accountability';
  subjectId: string;
  values: NoticeValues;
  /** Personal data printed in the notice but kept in its archived fields only masked (GB/T 22239-2019 8.1.4.11). */
  masked?: NoticeValues;
  issuedBy: { id: string | null; name: string | null };
  at: Date;
}

/**
 * Issues a notice in the caller's transaction: the template in force for the region, the next
 * 文号 of its series, the PDF, archived with its hash (append-only). Rendered here, inside the
 * transaction, so the number printed is the number archived and a rolled-back action leaves no gap.
 */
export async function issueNotice(q: Queryable, input: IssueNoticeInput): Promise<ArchivedDocument> {
  const { template, source } = await templateInForce(q, input.regionCode, input.kind);
  const region = (await regionName(q, input.regionCode)) ?? input.regionCode;
  const dept = input.departmentCode ? await departmentInfo(q, input.departmentCode) : null;
  // case notices are the department's (发文机关 {部门}); the others the supervision authority's, {部门} naming the department concerned
  const department = dept?.name ?? null;
  const prefix = fill(template.numberPrefix, { 地区: region, 地区简称: regionShortName(region), 部门: department ?? region });
  if (!prefix.trim()) throw invalid('numberPrefix', '文号前缀为空 (empty number prefix)');
  const docNo = await reserveDocumentNumber(q, prefix, input.at);
  const n = composeNotice(template, input.values, { region, department, docNo, at: input.at });
  const content = await renderNotice(n, input.at);
  const printable = Object.fromEntries(Object.entries({ ...input.values, ...input.masked }).map(([k, v]) => [k, v ?? null]));
  return archiveDocument(q, {
    kind: input.kind, title: n.title, regionCode: input.regionCode, departmentCode: input.departmentCode ?? null,
    subjectType: input.subjectType, subjectId: input.subjectId, docNo, mediaType: 'application/pdf',
    fileName: `${NOTICE_KINDS[input.kind]}-${docNo}.pdf`, content,
    fields: { ...printable, 发文机关: n.authority, 文号: docNo, 日期: n.date, template: source ?? 'default' },
    issuedBy: input.issuedBy, issuedAt: input.at,
  });
}

/** What a reader sees of an issued notice (never its bytes). */
export function wireDocument(d: ArchivedDocument) {
  return {
    id: d.id, kind: d.kind, kindName: (NOTICE_KINDS as Record<string, string>)[d.kind] ?? d.title, docNo: d.docNo, title: d.title,
    fileName: d.fileName, sizeBytes: d.sizeBytes, sha256: d.sha256, issuedByName: d.issuedByName, issuedAt: d.issuedAt.toISOString(),
  };
}
