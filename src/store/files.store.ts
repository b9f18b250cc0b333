import type { Queryable } from './db.js';

/** SQL of the files the catalog keeps (样表) and of complaint attachments (content in the evidence store). */

export interface FileRow {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  sm3: string;
  uploadedAt: Date;
}

export interface CatalogFileRow extends FileRow {
  departmentCode: string;
  uploadedBy: string | null;
}

const fileFromRow = (r: any): FileRow => ({ id: r.id, name: r.name, mime: r.mime, size: Number(r.size), sha256: r.sha256, sm3: r.sm3, uploadedAt: r.uploaded_at });

export async function insertCatalogFile(q: Queryable, f: CatalogFileRow): Promise<void> {
  await q.query(
    `INSERT INTO catalog_files (id, department_code, name, mime, size, sha256, sm3, uploaded_by, uploaded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [f.id, f.departmentCode, f.name, f.mime, f.size, f.sha256, f.sm3, f.uploadedBy, f.uploadedAt],
  );
}

export async function getCatalogFile(q: Queryable, id: string): Promise<CatalogFileRow | null> {
  const [r] = await q.query('SELECT * FROM catalog_files WHERE id = $1', [id]);
  return r ? { ...fileFromRow(r), departmentCode: r.department_code, uploadedBy: r.uploaded_by } : null;
}

export async function insertComplaintAttachment(q: Queryable, complaintId: string, f: FileRow): Promise<void> {
  await q.query(
    `INSERT INTO complaint_attachments (id, complaint_id, name, mime, size, sha256, sm3, uploaded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [f.id, complaintId, f.name, f.mime, f.size, f.sha256, f.sm3, f.uploadedAt],
  );
}

export async function complaintAttachments(q: Queryable, complaintIds: string[]): Promise<Map<string, FileRow[]>> {
  const out = new Map<string, FileRow[]>();
  if (!complaintIds.length) return out;
  const rows = await q.query('SELECT * FROM complaint_attachments WHERE complaint_id = ANY($1::text[]) ORDER BY uploaded_at, id', [complaintIds]);
  for (const r of rows) {
    const list = out.get(r.complaint_id) ?? [];
    list.push(fileFromRow(r));
    out.set(r.complaint_id, list);
  }
  return out;
}

export async function getComplaintAttachment(q: Queryable, complaintId: string, id: string): Promise<FileRow | null> {
  const [r] = await q.query('SELECT * FROM complaint_attachments WHERE id = $1 AND complaint_id = $2', [id, complaintId]);
  return r ? fileFromRow(r) : null;
}

/** The department and region of a department (for scoping a catalog file). */
export async function departmentScope(q: Queryable, code: string): Promise<{ regionCode: string; name: string } | null> {
  const [r] = await q.query('SELECT region_code, name FROM departments WHERE code = $1', [code]);
  return r ? { regionCode: r.region_code, name: r.name } : null;
}

/** Departments' and regions' names of a department (for the public item page). */
export async function departmentAndRegionNames(q: Queryable, code: string): Promise<{ departmentName: string | null; regionName: string | null }> {
  const [r] = await q.query('SELECT d.name AS department_name, r.name AS region_name FROM departments d JOIN regions r ON r.code = d.region_code WHERE d.code = $1', [code]);
  return { departmentName: r?.department_name ?? null, regionName: r?.region_name ?? null };
}
