import type { Queryable } from './db.js';

/** One saved version of a region's template of a notice kind. */
export interface NoticeTemplateRow {
  regionCode: string;
  kind: string;
  version: number;
  title: string;
  paragraphs: string[];
  authority: string;
  numberPrefix: string;
  note: string | null;
  createdById: string | null;
  createdByName: string | null;
  createdAt: Date;
}

const toRow = (r: Record<string, any>): NoticeTemplateRow => ({
  regionCode: r.region_code, kind: r.kind, version: r.version, title: r.title,
  paragraphs: typeof r.paragraphs === 'string' ? JSON.parse(r.paragraphs) : r.paragraphs,
  authority: r.authority, numberPrefix: r.number_prefix, note: r.note, createdById: r.created_by_id, createdByName: r.created_by_name,
  createdAt: new Date(r.created_at),
});

/** The latest version of each kind saved for any of `regions` (a region and its ancestors). */
export async function latestTemplates(q: Queryable, regions: string[], kind?: string): Promise<NoticeTemplateRow[]> {
  const rows = await q.query(
    `SELECT DISTINCT ON (region_code, kind) * FROM notice_templates
     WHERE region_code = ANY($1::text[]) AND ($2::text IS NULL OR kind = $2)
     ORDER BY region_code, kind, version DESC`, [regions, kind ?? null]);
  return rows.map(toRow);
}

/** Every version of a region's template of a kind, newest first. */
export async function templateVersions(q: Queryable, regionCode: string, kind: string): Promise<NoticeTemplateRow[]> {
  const rows = await q.query(`SELECT * FROM notice_templates WHERE region_code = $1 AND kind = $2 ORDER BY version DESC`, [regionCode, kind]);
  return rows.map(toRow);
}

/** Saves a new version (the next number for the region and kind, under a lock of the pair). */
export async function insertTemplateVersion(q: Queryable, t: Omit<NoticeTemplateRow, 'version'>): Promise<NoticeTemplateRow> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('notice_templates:' || $1 || ':' || $2))`, [t.regionCode, t.kind]);
  const [r] = await q.query(
    `INSERT INTO notice_templates (region_code, kind, version, title, paragraphs, authority, number_prefix, note, created_by_id, created_by_name, created_at)
     SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4::jsonb, $5, $6, $7, $8, $9, $10 FROM notice_templates WHERE region_code = $1 AND kind = $2
     RETURNING *`,
    [t.regionCode, t.kind, t.title, JSON.stringify(t.paragraphs), t.authority, t.numberPrefix, t.note, t.createdById, t.createdByName, t.createdAt]);
  return toRow(r);
}

/** Names the notices print: a region's and a department's. */
export async function regionName(q: Queryable, code: string): Promise<string | null> {
  const [r] = await q.query<{ name: string }>('SELECT name FROM regions WHERE code = $1', [code]);
  return r?.name ?? null;
}

export async function departmentInfo(q: Queryable, code: string): Promise<{ name: string; regionCode: string } | null> {
  const [r] = await q.query<{ name: string; region_code: string }>('SELECT name, region_code FROM departments WHERE code = $1', [code]);
  return r ? { name: r.name, regionCode: r.region_code } : null;
}

/** The non-confidential cases with this number and query code (the applicant's key; a caller wants exactly one). */
export async function casesByNumberAndCode(q: Queryable, caseNo: string, queryCode: string): Promise<Record<string, any>[]> {
  return q.query('SELECT * FROM cases WHERE case_no = $1 AND query_code = $2 AND NOT confidential LIMIT 2', [caseNo, queryCode]);
}

/** Some cases of departments (the demo's notices): id and how they ended, oldest first. */
export async function casesOfDepartments(q: Queryable, departments: string[], limit: number): Promise<{ id: string; conclusion: string | null }[]> {
  return q.query('SELECT id, conclusion FROM cases WHERE department_code = ANY($1::text[]) ORDER BY accepted_at NULLS LAST, case_no LIMIT $2', [departments, limit]);
}

/** The red alerts of a department still to be dealt with, oldest first. */
export async function activeRedAlerts(q: Queryable, department: string): Promise<{ id: string }[]> {
  return q.query(`SELECT id FROM supervision_alerts WHERE department_code = $1 AND level = 'red' AND status IN ('open','explained','appealed','returned','escalated') ORDER BY raised_at LIMIT 5`, [department]);
}
