import type { Queryable } from './db.js';

/** An evidence or application file's record (the bytes are content-addressed on disk by sha256). */
export interface EvidenceFileRow {
  id: string;
  caseId: string;
  departmentCode: string;
  kind: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  sm3: string;
  uploadedBy: string | null;
  at: Date;
}

export async function insertEvidenceFile(q: Queryable, f: EvidenceFileRow): Promise<void> {
  await q.query(
    `INSERT INTO evidence_files (id, case_id, department_code, kind, name, mime, size, sha256, sm3, uploaded_by, uploaded_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [f.id, f.caseId, f.departmentCode, f.kind, f.name, f.mime, f.size, f.sha256, f.sm3, f.uploadedBy, f.at],
  );
}
