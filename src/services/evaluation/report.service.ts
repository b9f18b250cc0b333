import { parsePeriod, type Period } from '../../domain/evaluation/period.js';
import { KIND_NAMES, lastEndedPeriods, parseReportPeriod, ratiosOf, REPORT_KINDS, sumRows, type ReportKind, type ReportPeriod } from '../../domain/evaluation/report.js';
import { can, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';
import { ALERT_CODES } from '../../domain/supervision/codes.js';
import { zeroCaseWindow } from '../../domain/supervision/zero-cases.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { documentsOfSubject } from '../../store/document.store.js';
import { liveResult } from '../../store/evaluation/result.store.js';
import { getRegion } from '../../store/org.store.js';
import {
  alertsByCode, alertsByPerson, complaintsWithoutDepartment, COUNT_KEYS, departmentFigures, getReport, insertReport, listReports, liveReport,
  markApproved, markPublished, markSuperseded, nextRevision, regionsWithSupervisors, zeroExplanations, type StoredReport,
} from '../../store/report.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { archiveDocument, readArchivedDocument, reserveDocumentNumber, sha256 } from '../documents/archive.js';
import { reportPdf, reportWorkbook, type Issue, type ReportFigures } from '../documents/report-render.js';
import { newId } from '../ids.js';
import { computeDraft, frozenDepartments } from './score.service.js';
import { knownRegion } from './scheme.service.js';
import { notifyHolders } from '../messages/notify.js';

export const REPORT_DOCUMENT_KIND = 'supervision_report';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** 仁和 二(六): departments explain last month's zero cases and warnings by the 3rd (遇节假日顺延); the monthly report follows. */
export const EXPLANATION_DUE_DAY = 3;

function checkKind(kind: unknown): ReportKind {
  if (typeof kind !== 'string' || !(REPORT_KINDS as readonly string[]).includes(kind)) throw invalid('kind', '须为 monthly（月报）、quarterly（季报）、annual（年报）或 subject（专题报告）');
  return kind as ReportKind;
}

export function checkReportPeriod(kind: ReportKind, text: unknown): ReportPeriod {
  const p = typeof text === 'string' ? parseReportPeriod(kind, text) : null;
  if (!p) {
    const want = { monthly: 'YYYY-MM', quarterly: 'YYYY-Qn', annual: 'YYYY', subject: 'YYYY-MM-DD~YYYY-MM-DD（不超过一年）' }[kind];
    throw invalid('period', `${KIND_NAMES[kind]}的期间须为 ${want}`);
  }
  return p;
}

const reportTitle = (regionName: string, p: ReportPeriod, subject: string | null) =>
  p.kind === 'subject' ? `${regionName}电子监察专题分析报告：${subject}` : `${regionName}电子监察工作${KIND_NAMES[p.kind]}（${p.label}）`;

/** The evaluation's scores for the report's period: frozen when reviewed, else computed now; none for subject reports. */
async function periodScores(q: Queryable, region: string, p: ReportPeriod, names: Map<string, string>): Promise<{ scores: ReportFigures['scores']; note: string | null }> {
  if (p.kind === 'subject') return { scores: null, note: '专题报告不含考评得分。' };
  if (p.kind !== 'annual') {
    const live = await liveResult(q, region, p.code);
    if (live) {
      return { scores: { status: live.status, schemeName: live.result.schemeName, schemeVersion: live.schemeVersion,
        departments: frozenDepartments(live).map((d) => ({ code: d.department, name: live.result.names[d.department] ?? names.get(d.department) ?? d.department, score: d.score, rank: d.rank })) }, note: null };
    }
  }
  // 盐城电子监察办法 第十七条: 定期对各部门的行政绩效进行比较和综合评价 (annual: the year as one period, scheme in effect in January)
  const period: Period = p.kind === 'annual' ? { code: p.code, kind: 'quarter', start: p.start, end: p.end, startMonth: `${p.code}-01` } : parsePeriod(p.code)!;
  try {
    const d = await computeDraft(q, region, period);
    return { scores: { status: 'draft', schemeName: d.scheme.name, schemeVersion: d.scheme.version,
      departments: d.departments.map((x) => ({ code: x.department, name: d.names[x.department] ?? x.department, score: x.score, rank: x.rank })) }, note: null };
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { scores: null, note: '本地区及上级地区均未制定在该期生效的考评细则，本期无考评得分。' };
    throw e;
  }
}

/** Every figure of a region's report for a period, read from what is stored now (ends at `until` when the period is still running). */
export async function reportFigures(q: Queryable, region: { code: string; name: string }, p: ReportPeriod, subject: string | null, now: Date): Promise<ReportFigures> {
  const prefix = regionPrefix(region.code);
  const end = p.end < now ? p.end : now;
  const rows = await departmentFigures(q, prefix, p.start, end);
  const departments = rows.map((d) => ({ ...d, ratios: ratiosOf(d) }));
  const sums = sumRows(rows, COUNT_KEYS);
  const names = new Map(rows.map((r) => [r.code, r.name]));
  const explanations = await zeroExplanations(q, prefix, p.months);
  const explainedDepts = new Set(explanations.map((z) => z.departmentCode));
  const { scores, note } = await periodScores(q, region.code, p, names);
  return {
    title: reportTitle(region.name, p, subject), kind: p.kind, region, subject,
    period: { code: p.code, label: p.label, start: p.start.toISOString(), end: end.toISOString() },
    generatedAt: now.toISOString(),
    departments,
    totals: { ...sums, ratios: ratiosOf(sums) },
    complaintsWithoutDepartment: await complaintsWithoutDepartment(q, prefix, p.start, end),
    byCode: (await alertsByCode(q, prefix, p.start, end)).map((c) => ({ ...c, name: (ALERT_CODES as Record<string, { name: string }>)[c.code]?.name ?? '其他' })),
    byPerson: (await alertsByPerson(q, prefix, p.start, end)).map(({ name, post, departmentName, yellow, red }) => ({ name, post, departmentName, yellow, red })),
    // 仁和 二(六): 办件运行数量为"0"的, 书面说明原因
    zeroCaseDepartments: rows.filter((d) => d.received === 0).map((d) => ({ code: d.code, name: d.name, explained: explainedDepts.has(d.code) })),
    zeroExplanations: explanations,
    scores, scoresNote: note,
  };
}

/** The name printed on a report: a person's display name, else the audit name (the engine). */
const who = (actor: Actor) => (actor.kind === 'user' ? actor.name : actorAudit(actor).actorName);

/** The report's list entry and its figures' headline for the console. */
function wire(r: StoredReport) {
  const t = r.figures?.totals ?? {};
  return {
    id: r.id, region: r.regionCode, regionName: r.figures?.region?.name ?? r.regionCode, kind: r.kind, period: r.period, periodLabel: r.figures?.period?.label ?? r.period,
    revision: r.revision, title: r.title, status: r.status, docNo: r.docNo,
    generatedBy: r.generatedBy, generatedAt: r.generatedAt.toISOString(), approvedBy: r.approvedBy, approvedAt: r.approvedAt?.toISOString() ?? null,
    publishedBy: r.publishedBy, publishedAt: r.publishedAt?.toISOString() ?? null, supersededAt: r.supersededAt?.toISOString() ?? null,
    headline: { received: t.received ?? 0, concluded: t.concluded ?? 0, onTimeRate: t.ratios?.onTime ?? null, yellow: t.yellow ?? 0, red: t.red ?? 0 },
  };
}

async function archivePair(q: Queryable, r: { id: string; regionCode: string; kind: ReportKind; period: string; revision: number; title: string }, figures: ReportFigures,
  issue: Issue, status: string, by: { id: string | null; name: string | null }, at: Date) {
  const [pdf, xlsx] = await Promise.all([reportPdf(figures, issue, at), reportWorkbook(figures, issue, at)]);
  const base = `${r.regionCode}-${r.kind}-${r.period.replace('~', '_')}-r${r.revision}${status === 'draft' ? '-draft' : ''}`;
  const fields = { reportId: r.id, region: r.regionCode, kind: r.kind, period: r.period, revision: r.revision, status };
  const common = { kind: REPORT_DOCUMENT_KIND, title: r.title, regionCode: r.regionCode, subjectType: 'supervision_report', subjectId: r.id, issuedBy: by, issuedAt: at };
  const p = await archiveDocument(q, { ...common, docNo: issue.docNo, mediaType: 'application/pdf', fileName: `${base}.pdf`, content: pdf, fields: { ...fields, format: 'pdf' } });
  const x = await archiveDocument(q, { ...common, mediaType: XLSX, fileName: `${base}.xlsx`, content: xlsx, fields: { ...fields, format: 'xlsx', docNo: issue.docNo } });
  return { pdf: p, xlsx: x };
}

const actorRef = (actor: Actor) => ({ id: actor.kind === 'user' ? actor.userId : null, name: who(actor) });

/**
 * 川办 电子监察办法 第十二、十三条; 盐城电子监察办法 第十六条: generates a region's report for a
 * period as a draft: the figures, a PDF and an Excel workbook, both archived (电子档案, hashed).
 * Generating again supersedes a draft or an approved report with a new revision (new documents;
 * the archived ones stay as they were); a published report stands. `ifMissing`: the engine's
 * run, which leaves an existing report alone (several instances generate it once).
 */
export async function generateReport(ctx: AppContext, actor: Actor, input: { region?: unknown; kind?: unknown; period?: unknown; subject?: unknown }, opts: { ifMissing?: boolean } = {}) {
  const kind = checkKind(input.kind);
  const period = checkReportPeriod(kind, input.period);
  const region = await knownRegion(ctx, input.region);
  let subject: string | null = null;
  if (kind === 'subject') {
    subject = typeof input.subject === 'string' ? input.subject.trim() : '';
    if (!subject || subject.length > 100) throw invalid('subject', '专题报告须填写专题名称（100 字以内）');
  }
  if (!can(actor, 'evaluation.review', { regionCode: region })) throw forbidden('只有本地区或上级的监察员可以生成监察报告 (the region\'s supervisor)');
  const now = ctx.clock.now();
  if (now < period.end) throw new AppError('CONFLICT', `${period.label}尚未结束，期满后方可生成报告 (the period has not ended yet)`, { field: 'period' });
  const regionName = (await getRegion(ctx.db, region))?.name ?? region;
  const run = async (q: Queryable) => {
    const live = await liveReport(q, region, kind, period.code, true);
    if (live && opts.ifMissing) return { report: live, created: false };
    if (live?.status === 'published') throw new AppError('CONFLICT', `${live.title}已公布，不能重新生成 (already published)`);
    const figures = await reportFigures(q, { code: region, name: regionName }, period, subject, now);
    const revision = await nextRevision(q, region, kind, period.code);
    const id = newId(now.getTime());
    const key = { id, regionCode: region, kind, period: period.code, revision, title: figures.title };
    const docs = await archivePair(q, key, figures, { docNo: null, approvedBy: null, approvedAt: null }, 'draft', actorRef(actor), now);
    if (live) await markSuperseded(q, live.id, now);
    const report = await insertReport(q, { ...key, figures, pdfDocumentId: docs.pdf.id, xlsxDocumentId: docs.xlsx.id, generatedBy: who(actor), generatedAt: now });
    // 成都暂行办法 第十四条: a draft waits for the region's supervisors to approve it (消息中心)
    await notifyHolders(q, now, { perm: 'evaluation.review', regionCode: region, departmentCode: null, except: actor }, {
      kind: 'approval', title: `监察报告待审定：${figures.title}`, body: `${regionName}${period.label}监察报告草稿已生成，请审定后公布。`,
      link: '/supervision/reports', subjectKind: 'report', subjectId: id, dedupeKey: `report:${id}`,
    }, ctx.log);
    return { report, created: true };
  };
  if (opts.ifMissing) {
    // the engine: a report another instance is generating at the same moment is taken as generated
    const existing = await liveReport(ctx.db, region, kind, period.code);
    if (existing) return { report: wire(existing), created: false };
  }
  const r = await audited(ctx, actor, {
    action: 'report.generate', target: `${region}/${kind}/${period.code}`, run,
    again: (e) => String((e as any)?.code ?? '') === '23505',
    details: (x) => ({ id: x.report.id, revision: x.report.revision, created: x.created }),
  });
  return { report: wire(r.report), created: r.created };
}

async function reportFor(ctx: AppContext, actor: Actor, id: unknown, perm: 'evaluation.read' | 'evaluation.review', q: Queryable = ctx.db, lock = false): Promise<StoredReport> {
  if (typeof id !== 'string' || !id) throw invalid('id', '须指定报告');
  const r = await getReport(q, id, lock);
  // a report outside the reader's regions is not shown to exist
  if (!r || !can(actor, 'evaluation.read', { regionCode: r.regionCode })) throw notFound('监察报告', id);
  if (!can(actor, perm, { regionCode: r.regionCode })) throw forbidden('只有本地区或上级的监察员可以审定、公布监察报告 (the region\'s supervisor)');
  return r;
}

/**
 * 川办 电子监察办法 第十三条 / 成都暂行办法 第十四条: the supervision office approves (审定) a draft.
 * Approval issues the report: a numbered PDF (文号) and its workbook, rendered from the draft's
 * figures unchanged and archived beside the draft's documents.
 */
export async function approveReport(ctx: AppContext, actor: Actor, input: { id?: unknown }) {
  await reportFor(ctx, actor, input.id, 'evaluation.review');
  const now = ctx.clock.now();
  const r = await audited(ctx, actor, {
    action: 'report.approve', target: String(input.id),
    run: async (q) => {
      const cur = await reportFor(ctx, actor, input.id, 'evaluation.review', q, true);
      if (cur.status !== 'draft') throw new AppError('CONFLICT', `${cur.title}当前状态不能审定（只有草稿可以审定）(only a draft can be approved)`, { status: cur.status });
      const regionName = cur.figures?.region?.name ?? cur.regionCode;
      const docNo = await reserveDocumentNumber(q, `${regionName}监报`, now);
      const issue = { docNo, approvedBy: who(actor), approvedAt: now };
      const docs = await archivePair(q, cur, cur.figures as ReportFigures, issue, 'approved', actorRef(actor), now);
      return markApproved(q, cur.id, { by: who(actor), at: now, docNo, pdfDocumentId: docs.pdf.id, xlsxDocumentId: docs.xlsx.id });
    },
    details: (x) => ({ docNo: x.docNo, revision: x.revision }),
  });
  return wire(r);
}

/** 成都暂行办法 第十四条: the approved report is published (报本级政府并通报); its bytes are those approved. */
export async function publishReport(ctx: AppContext, actor: Actor, input: { id?: unknown }) {
  await reportFor(ctx, actor, input.id, 'evaluation.review');
  const now = ctx.clock.now();
  const r = await audited(ctx, actor, {
    action: 'report.publish', target: String(input.id),
    run: async (q) => {
      const cur = await reportFor(ctx, actor, input.id, 'evaluation.review', q, true);
      if (cur.status !== 'approved') throw new AppError('CONFLICT', `${cur.title}${cur.status === 'published' ? '已公布' : '尚未审定，不能公布'} (approve first; publish once)`, { status: cur.status });
      return markPublished(q, cur.id, who(actor), now);
    },
    details: (x) => ({ docNo: x.docNo }),
  });
  return wire(r);
}

/** Reports the reader may see (supervisors and leaders of the region or above), newest period first. */
export async function listReportsFor(ctx: AppContext, actor: Actor, input: { region?: unknown; status?: unknown; all?: unknown }) {
  const scope = scopeFilter(actor, 'evaluation.read');
  if (!scope.all && !scope.regions.length) throw forbidden('只有监察员、领导可以查看监察报告 (supervisor or leader)');
  let region: string | undefined;
  if (input.region !== undefined && input.region !== '') region = await knownRegion(ctx, input.region);
  const status = typeof input.status === 'string' && ['draft', 'approved', 'published', 'superseded'].includes(input.status) ? input.status as StoredReport['status'] : null;
  const rows = await listReports(ctx.db, { prefixes: scope.all ? null : scope.regions.map(regionPrefix), region, status, includeSuperseded: input.all === 'true' || input.all === true });
  return { reports: rows.map(wire), canGenerate: can(actor, 'evaluation.review') };
}

/** One report: its figures, and every document archived for it (drafts and the issued one) with the hash checked. */
export async function reportDetail(ctx: AppContext, actor: Actor, input: { id?: unknown }) {
  const r = await reportFor(ctx, actor, input.id, 'evaluation.read');
  const docs = await documentsOfSubject(ctx.db, 'supervision_report', r.id);
  const documents = [];
  for (const d of docs) {
    let intact = true;
    try { await readArchivedDocument(ctx.db, d.id); } catch { intact = false; }
    documents.push({ id: d.id, docNo: d.docNo, fileName: d.fileName, mediaType: d.mediaType, sizeBytes: d.sizeBytes, sha256: d.sha256, issuedAt: d.issuedAt.toISOString(),
      issuedBy: d.issuedByName, status: (d.fields as any)?.status ?? null, format: (d.fields as any)?.format ?? null, current: d.id === r.pdfDocumentId || d.id === r.xlsxDocumentId, intact });
  }
  return { ...wire(r), figures: r.figures, documents, canReview: can(actor, 'evaluation.review', { regionCode: r.regionCode }) };
}

/** The bytes of a report's current PDF or workbook (or of one of its archived documents), after the hash check (EVIDENCE_ALTERED otherwise). */
export async function reportFile(ctx: AppContext, actor: Actor, input: { id?: unknown; format?: unknown; document?: unknown }) {
  const r = await reportFor(ctx, actor, input.id, 'evaluation.read');
  let docId: string;
  if (typeof input.document === 'string' && input.document) {
    const docs = await documentsOfSubject(ctx.db, 'supervision_report', r.id);
    if (!docs.some((d) => d.id === input.document)) throw notFound('文档', input.document);
    docId = input.document;
  } else {
    if (input.format !== 'pdf' && input.format !== 'xlsx') throw invalid('format', '须为 pdf 或 xlsx');
    docId = input.format === 'pdf' ? r.pdfDocumentId : r.xlsxDocumentId;
  }
  const { document, content } = await readArchivedDocument(ctx.db, docId);
  return { fileName: document.fileName, mediaType: document.mediaType, content, sha256: sha256(content) };
}

/**
 * The leader's dashboard (领导驾驶舱): the report's figures for a region and a month, quarter or
 * year, up to now when it is still running; the same definitions as the reports, so they agree.
 */
export async function overview(ctx: AppContext, actor: Actor, input: { region?: unknown; kind?: unknown; period?: unknown }) {
  const kind = input.kind === undefined || input.kind === '' ? 'monthly' : checkKind(input.kind);
  if (kind === 'subject') throw invalid('kind', '总览按月、季、年统计');
  const now = ctx.clock.now();
  const c = new Date(now.getTime() + 8 * 3600_000).toISOString();
  const current = { monthly: c.slice(0, 7), quarterly: `${c.slice(0, 4)}-Q${Math.floor((Number(c.slice(5, 7)) - 1) / 3) + 1}`, annual: c.slice(0, 4), subject: '' }[kind];
  const period = checkReportPeriod(kind, input.period === undefined || input.period === '' ? current : input.period);
  let region: string;
  if (input.region !== undefined && input.region !== '') region = await knownRegion(ctx, input.region);
  else if (actor.kind === 'user' && actor.regionCode) region = actor.regionCode;
  else throw invalid('region', '须指定地区 (region required)');
  if (!can(actor, 'stats.read', { regionCode: region }) && !can(actor, 'evaluation.read', { regionCode: region })) throw forbidden('无权查看本地区统计 (stats.read)');
  if (period.start > now) throw invalid('period', '期间尚未开始');
  const regionName = (await getRegion(ctx.db, region))?.name ?? region;
  const f = await reportFigures(ctx.db, { code: region, name: regionName }, period, null, now);
  const published = (await listReports(ctx.db, { prefixes: null, region, status: 'published', limit: 1 }))[0];
  return { ...f, running: now < period.end, latestPublished: published ? wire(published) : null };
}

/**
 * The engine's run (川办 电子监察办法 第十三条 月报; 盐城 第十六条 定期): once the month's explanations are
 * due (仁和 二(六): the 3rd, 遇节假日顺延) the previous month's report is generated as a draft for
 * each region with a supervision office, with the quarter's and the year's when they ended with
 * that month, so the supervisor has them by the 5th. Safe to run twice and on several instances.
 */
export async function runScheduledReports(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const system: Actor = { kind: 'system', name: '电子监察引擎' };
  let made = 0;
  for (const region of await regionsWithSupervisors(ctx.db)) {
    const w = zeroCaseWindow(now, EXPLANATION_DUE_DAY, (d) => ctx.calendars.forRegion(region).rollForward(d));
    if (now < w.dueAt) continue;
    for (const p of lastEndedPeriods(now)) {
      try {
        const r = await generateReport(ctx, system, { region, kind: p.kind, period: p.code }, { ifMissing: true });
        if (r.created) made++;
      } catch (err) {
        ctx.log.error({ err, region, period: p.code }, 'scheduled report failed');
      }
    }
  }
  return made;
}
