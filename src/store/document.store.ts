import type { Queryable } from './db.js';

/** A document as issued and archived (电子档案): its bytes, their hash, and what it is about. */
export interface ArchivedDocument {
  id: string;
  kind: string;
  docNo: string | null;
  title: string;
  regionCode: string;
  departmentCode: string | null;
  subjectType: string | null;
  subjectId: string | null;
  mediaType: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  fields: Record<string, unknown>;
  issuedById: string | null;
  issuedByName: string | null;
  issuedAt: Date;
}

export type NewArchivedDocument = ArchivedDocument & { content: Buffer };

const COLUMNS = `id, kind, doc_no, title, region_code, department_code, subject_type, subject_id, media_type, file_name,
  size_bytes, sha256, fields, issued_by_id, issued_by_name, issued_at`;

const toDocument = (r: Record<string, any>): ArchivedDocument => ({
  id: r.id,
  kind: r.kind,
  docNo: r.doc_no,
  title: r.title,
  regionCode: r.region_code,
  departmentCode: r.department_code,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  mediaType: r.media_type,
  fileName: r.file_name,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  fields: typeof r.fields === 'string' ? JSON.parse(r.fields) : r.fields,
  issuedById: r.issued_by_id,
  issuedByName: r.issued_by_name,
  issuedAt: new Date(r.issued_at),
});

export async function insertDocument(q: Queryable, d: NewArchivedDocument): Promise<void> {
  await q.query(
    `INSERT INTO archived_documents (${COLUMNS}, content)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17)`,
    [d.id, d.kind, d.docNo, d.title, d.regionCode, d.departmentCode, d.subjectType, d.subjectId, d.mediaType, d.fileName,
      d.sizeBytes, d.sha256, JSON.stringify(d.fields), d.issuedById, d.issuedByName, d.issuedAt, d.content],
  );
}

export async function findDocument(q: Queryable, id: string): Promise<ArchivedDocument | null> {
  const [r] = await q.query(`SELECT ${COLUMNS} FROM archived_documents WHERE id = $1`, [id]);
  return r ? toDocument(r) : null;
}

/** The stored bytes of a document, as they were archived (null when there is no such document). */
export async function documentContent(q: Queryable, id: string): Promise<Buffer | null> {
  const [r] = await q.query<{ content: Uint8Array }>(`SELECT content FROM archived_documents WHERE id = $1`, [id]);
  return r ? Buffer.from(r.content) : null;
}

/** The documents issued about one subject (a case, an order, an alert, a complaint, …), oldest first. */
export async function documentsOfSubject(q: Queryable, subjectType: string, subjectId: string): Promise<ArchivedDocument[]> {
  const rows = await q.query(`SELECT ${COLUMNS} FROM archived_documents WHERE subject_type = $1 AND subject_id = $2 ORDER BY issued_at, rec_seq`, [subjectType, subjectId]);
  return rows.map(toDocument);
}

/** The documents of some kinds issued in a region's subtree (GB/T 2260 `prefix`), newest first. */
export async function documentsInRegion(q: Queryable, prefix: string, kinds: readonly string[], limit = 200): Promise<ArchivedDocument[]> {
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM archived_documents WHERE region_code LIKE $1 AND kind = ANY($2::text[]) ORDER BY issued_at DESC, rec_seq DESC LIMIT $3`,
    [`${prefix}%`, kinds, limit],
  );
  return rows.map(toDocument);
}

/** The next number of a document series (文号) for `prefix` in `year`: 1, 2, 3, … without gaps within a transaction that commits. */
export async function nextDocumentNumber(q: Queryable, prefix: string, year: number): Promise<number> {
  const [r] = await q.query<{ last_no: number }>(
    `INSERT INTO document_number_counters (prefix, year, last_no) VALUES ($1, $2, 1)
     ON CONFLICT (prefix, year) DO UPDATE SET last_no = document_number_counters.last_no + 1
     RETURNING last_no`,
    [prefix, year],
  );
  return r.last_no;
}
