import type { Queryable } from './db.js';

/**
 * The figures of a supervision report (监察报告) and of the leader's dashboard, for the departments
 * of a region's subtree (`prefix`, GB/T 2260) in [start, end). Each count is defined once here:
 * - received: cases accepted in the period;
 * - handled: cases accepted before the period's end and not concluded before its start (办理中或期内办结),
 *   so every case concluded in the period is one of them;
 * - concluded: cases concluded in the period; onTime: of those, at or before the promised due
 *   instant (extensions and suspensions included, as the evaluation counts them); early: of
 *   those, before their warning instant (as the daily log counts them);
 * - yellow, red: alerts raised in the period by the level they have now, withdrawn (no longer
 *   true) and revoked (appeal upheld) left out, as the evaluation counts them;
 * - explained: of those alerts, the ones the department explained (预警说明, 仁和 二(六));
 * - ordersIssued: 督办 issued in the period; ordersAnswered: of those, answered by the period's
 *   end; ordersAnsweredOnTime: of those, by their due instant;
 * - complaints: received in the period; complaintsConcluded: concluded in the period;
 *   complaintsUpheld: of those, found true (属实);
 * - ratings: satisfaction ratings given in the period, their sum, and those of 4 or 5 (满意).
 */
export interface DepartmentFigures {
  code: string;
  name: string;
  regionCode: string;
  received: number;
  handled: number;
  concluded: number;
  onTime: number;
  early: number;
  yellow: number;
  red: number;
  explained: number;
  ordersIssued: number;
  ordersAnswered: number;
  ordersAnsweredOnTime: number;
  complaints: number;
  complaintsConcluded: number;
  complaintsUpheld: number;
  ratings: number;
  ratingSum: number;
  satisfied: number;
}

export type Counted = Omit<DepartmentFigures, 'code' | 'name' | 'regionCode'>;

export const COUNT_KEYS: (keyof Counted)[] = [
  'received', 'handled', 'concluded', 'onTime', 'early', 'yellow', 'red', 'explained', 'ordersIssued', 'ordersAnswered', 'ordersAnsweredOnTime',
  'complaints', 'complaintsConcluded', 'complaintsUpheld', 'ratings', 'ratingSum', 'satisfied',
];

const DEPTS = `department_code IN (SELECT code FROM departments WHERE region_code LIKE $1)`;

/** Per department of the subtree (every department, also those with nothing), by region and code. */
export async function departmentFigures(q: Queryable, prefix: string, start: Date, end: Date): Promise<DepartmentFigures[]> {
  const p = [`${prefix}%`, start, end];
  const depts = await q.query(`SELECT code, name, region_code FROM departments WHERE region_code LIKE $1 ORDER BY region_code, code`, [p[0]]);
  const zero = (): Counted => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as Counted;
  const out = new Map<string, DepartmentFigures>(depts.map((d) => [d.code, { code: d.code, name: d.name, regionCode: d.region_code, ...zero() }]));
  const add = (code: string, f: Partial<Counted>) => { const d = out.get(code); if (d) Object.assign(d, f); };
  for (const r of await q.query(
    `SELECT department_code, count(*) FILTER (WHERE accepted_at >= $2)::int AS received, count(*)::int AS handled
     FROM cases WHERE accepted_at < $3 AND (concluded_at IS NULL OR concluded_at >= $2) AND ${DEPTS} GROUP BY 1`, p)) add(r.department_code, { received: r.received, handled: r.handled });
  for (const r of await q.query(
    `SELECT department_code, count(*)::int AS n, count(*) FILTER (WHERE due_at IS NULL OR concluded_at <= due_at)::int AS on_time,
        count(*) FILTER (WHERE concluded_at < warn_at)::int AS early
     FROM cases WHERE concluded_at >= $2 AND concluded_at < $3 AND ${DEPTS} GROUP BY 1`, p)) add(r.department_code, { concluded: r.n, onTime: r.on_time, early: r.early });
  for (const r of await q.query(
    `SELECT department_code, count(*) FILTER (WHERE level = 'yellow')::int AS yellow, count(*) FILTER (WHERE level = 'red')::int AS red,
        count(*) FILTER (WHERE response->>'kind' = 'explain')::int AS explained
     FROM supervision_alerts WHERE raised_at >= $2 AND raised_at < $3 AND status NOT IN ('withdrawn', 'revoked') AND ${DEPTS} GROUP BY 1`, p)) {
    add(r.department_code, { yellow: r.yellow, red: r.red, explained: r.explained });
  }
  for (const r of await q.query(
    `SELECT department_code, count(*)::int AS n, count(*) FILTER (WHERE answered_at < $3)::int AS answered,
        count(*) FILTER (WHERE answered_at < $3 AND answered_at <= due_at)::int AS on_time
     FROM supervision_orders WHERE issued_at >= $2 AND issued_at < $3 AND ${DEPTS} GROUP BY 1`, p)) {
    add(r.department_code, { ordersIssued: r.n, ordersAnswered: r.answered, ordersAnsweredOnTime: r.on_time });
  }
  for (const r of await q.query(
    `SELECT department_code, count(*) FILTER (WHERE received_at >= $2 AND received_at < $3)::int AS received,
        count(*) FILTER (WHERE status = 'concluded' AND result_at >= $2 AND result_at < $3)::int AS concluded,
        count(*) FILTER (WHERE status = 'concluded' AND upheld AND result_at >= $2 AND result_at < $3)::int AS upheld
     FROM complaints WHERE ${DEPTS} GROUP BY 1`, p)) {
    add(r.department_code, { complaints: r.received, complaintsConcluded: r.concluded, complaintsUpheld: r.upheld });
  }
  for (const r of await q.query(
    `SELECT department_code, count(*)::int AS n, sum(rating)::int AS s, count(*) FILTER (WHERE rating >= 4)::int AS satisfied
     FROM satisfaction_ratings WHERE rated_at >= $2 AND rated_at < $3 AND ${DEPTS} GROUP BY 1`, p)) add(r.department_code, { ratings: r.n, ratingSum: r.s, satisfied: r.satisfied });
  return [...out.values()];
}

/** Alerts of the period (withdrawn and revoked left out) by code and level, most first. */
export async function alertsByCode(q: Queryable, prefix: string, start: Date, end: Date): Promise<{ code: string; yellow: number; red: number }[]> {
  return q.query(
    `SELECT code, count(*) FILTER (WHERE level = 'yellow')::int AS yellow, count(*) FILTER (WHERE level = 'red')::int AS red
     FROM supervision_alerts WHERE raised_at >= $2 AND raised_at < $3 AND status NOT IN ('withdrawn', 'revoked') AND ${DEPTS}
     GROUP BY code ORDER BY count(*) DESC, code`, [`${prefix}%`, start, end]);
}

/**
 * Alerts of the period by the person and post responsible (盐城电子监察办法 第二十二条: findings
 * attributed to officers), most red first; alerts without a named officer are left out.
 */
export async function alertsByPerson(q: Queryable, prefix: string, start: Date, end: Date, limit = 20) {
  const rows = await q.query(
    `SELECT a.responsible_officer_id AS id, max(a.responsible_officer_name) AS name, max(a.responsible_post) AS post, a.department_code, d.name AS department_name,
        count(*) FILTER (WHERE a.level = 'yellow')::int AS yellow, count(*) FILTER (WHERE a.level = 'red')::int AS red
     FROM supervision_alerts a JOIN departments d ON d.code = a.department_code
     WHERE a.raised_at >= $2 AND a.raised_at < $3 AND a.status NOT IN ('withdrawn', 'revoked') AND a.responsible_officer_id IS NOT NULL AND d.region_code LIKE $1
     GROUP BY a.responsible_officer_id, a.department_code, d.name ORDER BY red DESC, yellow DESC, 1 LIMIT $4`, [`${prefix}%`, start, end, limit]);
  return rows.map((r) => ({ officerId: r.id as string, name: (r.name as string) ?? '', post: (r.post as string) ?? '', departmentCode: r.department_code as string,
    departmentName: r.department_name as string, yellow: r.yellow as number, red: r.red as number }));
}

/** Complaints received in the period in the subtree that name no department. */
export async function complaintsWithoutDepartment(q: Queryable, prefix: string, start: Date, end: Date): Promise<number> {
  const [r] = await q.query(`SELECT count(*)::int AS n FROM complaints WHERE department_code IS NULL AND region_code LIKE $1 AND received_at >= $2 AND received_at < $3`,
    [`${prefix}%`, start, end]);
  return r.n;
}

/** 零办件说明 (仁和 二(六)): the latest version of each department's explanation for the months given. */
export async function zeroExplanations(q: Queryable, prefix: string, months: string[]) {
  const rows = await q.query(
    `SELECT DISTINCT ON (z.department_code, z.month) z.department_code, d.name, z.month, z.explanation, z.signed_by, z.filed_at
     FROM zero_case_explanations z JOIN departments d ON d.code = z.department_code
     WHERE d.region_code LIKE $1 AND z.month = ANY($2::text[]) ORDER BY z.department_code, z.month, z.version DESC`, [`${prefix}%`, months]);
  return rows.map((r) => ({ departmentCode: r.department_code as string, departmentName: r.name as string, month: r.month as string,
    explanation: r.explanation as string, signedBy: r.signed_by as string, filedAt: new Date(r.filed_at).toISOString() }));
}

/** Regions where a supervision office works: an enabled account holds the supervisor role there. */
export async function regionsWithSupervisors(q: Queryable): Promise<string[]> {
  const rows = await q.query(
    `SELECT DISTINCT g.region_code FROM role_grants g JOIN users u ON u.id = g.user_id
     WHERE g.role = 'supervisor' AND g.region_code IS NOT NULL AND NOT u.disabled ORDER BY 1`);
  return rows.map((r) => r.region_code as string);
}

// ---- the reports' review state (migration 0870) ----

export type ReportKind = 'monthly' | 'quarterly' | 'annual' | 'subject';
export type ReportStatus = 'draft' | 'approved' | 'published' | 'superseded';

export interface StoredReport {
  id: string;
  regionCode: string;
  kind: ReportKind;
  period: string;
  revision: number;
  title: string;
  status: ReportStatus;
  figures: any;
  pdfDocumentId: string;
  xlsxDocumentId: string;
  docNo: string | null;
  generatedBy: string | null;
  generatedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  publishedBy: string | null;
  publishedAt: Date | null;
  supersededAt: Date | null;
}

const d = (x: unknown) => (x ? new Date(x as string) : null);
const fromRow = (r: any): StoredReport => ({
  id: r.id, regionCode: r.region_code, kind: r.kind, period: r.period, revision: r.revision, title: r.title, status: r.status,
  figures: typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures, pdfDocumentId: r.pdf_document_id, xlsxDocumentId: r.xlsx_document_id,
  docNo: r.doc_no, generatedBy: r.generated_by, generatedAt: new Date(r.generated_at), approvedBy: r.approved_by, approvedAt: d(r.approved_at),
  publishedBy: r.published_by, publishedAt: d(r.published_at), supersededAt: d(r.superseded_at),
});

export async function getReport(q: Queryable, id: string, lock = false): Promise<StoredReport | null> {
  const [r] = await q.query(`SELECT * FROM supervision_reports WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return r ? fromRow(r) : null;
}

/** The live (not superseded) report of a region, kind and period, locked when `lock`. */
export async function liveReport(q: Queryable, regionCode: string, kind: ReportKind, period: string, lock = false): Promise<StoredReport | null> {
  const [r] = await q.query(`SELECT * FROM supervision_reports WHERE region_code = $1 AND kind = $2 AND period = $3 AND status <> 'superseded'${lock ? ' FOR UPDATE' : ''}`,
    [regionCode, kind, period]);
  return r ? fromRow(r) : null;
}

/** Reports of the regions starting with any of `prefixes` (all when null), optionally of one region exactly; newest first. */
export async function listReports(q: Queryable, f: { prefixes: string[] | null; region?: string; status?: ReportStatus | null; includeSuperseded?: boolean; limit?: number }) {
  const rows = await q.query(
    `SELECT * FROM supervision_reports WHERE ($1::text[] IS NULL OR region_code LIKE ANY($1::text[])) AND ($2::text IS NULL OR region_code = $2)
       AND ($3::text IS NULL OR status = $3) AND ($4 OR status <> 'superseded')
     ORDER BY period DESC, region_code, kind, revision DESC LIMIT $5`,
    [f.prefixes?.map((p) => `${p}%`) ?? null, f.region ?? null, f.status ?? null, f.includeSuperseded ?? false, f.limit ?? 200]);
  return rows.map(fromRow);
}

export async function nextRevision(q: Queryable, regionCode: string, kind: ReportKind, period: string): Promise<number> {
  const [r] = await q.query(`SELECT coalesce(max(revision), 0) + 1 AS n FROM supervision_reports WHERE region_code = $1 AND kind = $2 AND period = $3`, [regionCode, kind, period]);
  return Number(r.n);
}

export async function insertReport(q: Queryable, r: Omit<StoredReport, 'approvedBy' | 'approvedAt' | 'publishedBy' | 'publishedAt' | 'supersededAt' | 'docNo' | 'status'>): Promise<StoredReport> {
  const [row] = await q.query(
    `INSERT INTO supervision_reports (id, region_code, kind, period, revision, title, status, figures, pdf_document_id, xlsx_document_id, generated_by, generated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7::jsonb, $8, $9, $10, $11) RETURNING *`,
    [r.id, r.regionCode, r.kind, r.period, r.revision, r.title, JSON.stringify(r.figures), r.pdfDocumentId, r.xlsxDocumentId, r.generatedBy, r.generatedAt]);
  return fromRow(row);
}

export async function markSuperseded(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(`UPDATE supervision_reports SET status = 'superseded', superseded_at = $2 WHERE id = $1`, [id, at]);
}

export async function markApproved(q: Queryable, id: string, p: { by: string | null; at: Date; docNo: string | null; pdfDocumentId: string; xlsxDocumentId: string }): Promise<StoredReport> {
  const [row] = await q.query(
    `UPDATE supervision_reports SET status = 'approved', approved_by = $2, approved_at = $3, doc_no = $4, pdf_document_id = $5, xlsx_document_id = $6
     WHERE id = $1 RETURNING *`, [id, p.by, p.at, p.docNo, p.pdfDocumentId, p.xlsxDocumentId]);
  return fromRow(row);
}

export async function markPublished(q: Queryable, id: string, by: string | null, at: Date): Promise<StoredReport> {
  const [row] = await q.query(`UPDATE supervision_reports SET status = 'published', published_by = $2, published_at = $3 WHERE id = $1 RETURNING *`, [id, by, at]);
  return fromRow(row);
}
