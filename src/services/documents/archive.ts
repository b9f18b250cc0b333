import { createHash } from 'node:crypto';
import { AppError, notFound } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { documentContent, findDocument, insertDocument, nextDocumentNumber, type ArchivedDocument } from '../../store/document.store.js';
import { newId } from '../ids.js';

/**
 * Issued documents are archived as the exact bytes issued (电子档案), with their SHA-256, in a
 * table the database keeps append-only (migration 0800). Features render a document, then call
 * `archiveDocument` in the transaction that issues it; readers get the bytes only after they hash
 * to what was archived.
 */
export interface IssueDocument {
  kind: string;
  title: string;
  regionCode: string;
  departmentCode?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  /** The series of the document number (文号), e.g. 达监督; none for documents without a number. */
  numberPrefix?: string | null;
  mediaType: string;
  fileName: string;
  content: Buffer;
  /** What the document says, as data (the figures of a report, the fields of a notice). */
  fields?: Record<string, unknown>;
  issuedBy: { id: string | null; name: string | null };
  issuedAt: Date;
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** The document number (文号) of the n-th document of a series in a year: 达监督〔2026〕7号. */
export const formatDocumentNumber = (prefix: string, year: number, n: number): string => `${prefix}〔${year}〕${n}号`;

/** The number a document of `prefix` issued at `at` (China Standard Time year) will carry, reserved in this transaction. */
export async function reserveDocumentNumber(q: Queryable, prefix: string, at: Date): Promise<string> {
  const year = Number(new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  return formatDocumentNumber(prefix, year, await nextDocumentNumber(q, prefix, year));
}

/** Archives an issued document; returns it as stored. `docNo` may be reserved beforehand (to print it in the document). */
export async function archiveDocument(q: Queryable, d: IssueDocument & { docNo?: string | null }): Promise<ArchivedDocument> {
  const docNo = d.docNo ?? (d.numberPrefix ? await reserveDocumentNumber(q, d.numberPrefix, d.issuedAt) : null);
  const row = {
    id: newId(d.issuedAt.getTime()),
    kind: d.kind,
    docNo,
    title: d.title,
    regionCode: d.regionCode,
    departmentCode: d.departmentCode ?? null,
    subjectType: d.subjectType ?? null,
    subjectId: d.subjectId ?? null,
    mediaType: d.mediaType,
    fileName: d.fileName,
    sizeBytes: d.content.length,
    sha256: sha256(d.content),
    fields: d.fields ?? {},
    issuedById: d.issuedBy.id,
    issuedByName: d.issuedBy.name,
    issuedAt: d.issuedAt,
  };
  await insertDocument(q, { ...row, content: d.content });
  return row;
}

/**
 * The archived document and its bytes, after checking that they still hash to what was archived.
 * The caller has already decided that the reader may see it.
 */
export async function readArchivedDocument(q: Queryable, id: string): Promise<{ document: ArchivedDocument; content: Buffer }> {
  const document = await findDocument(q, id);
  const content = document && (await documentContent(q, id));
  if (!document || !content) throw notFound('文档', id);
  if (sha256(content) !== document.sha256) {
    throw new AppError('EVIDENCE_ALTERED', `归档文档已被改动，与归档时的哈希不符 (archived document altered): ${document.docNo ?? document.title}`, { id });
  }
  return { document, content };
}

/** Whether the stored bytes of a document still hash to what was archived. */
export async function verifyArchivedDocument(q: Queryable, id: string): Promise<boolean> {
  const document = await findDocument(q, id);
  const content = document && (await documentContent(q, id));
  return !!document && !!content && sha256(content) === document.sha256;
}
