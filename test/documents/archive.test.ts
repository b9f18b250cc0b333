import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { archiveDocument, readArchivedDocument, verifyArchivedDocument } from '../../src/services/documents/archive.js';
import { field, heading, paragraph, renderPdf, table } from '../../src/services/documents/pdf.js';
import type { Db } from '../../src/store/db.js';
import { freshDb } from '../helpers/db.js';

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

describe('archived documents (电子档案)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  }, 30_000);
  afterAll(() => db.close());

  const at = new Date('2026-03-02T02:00:00Z');
  const notice = () =>
    renderPdf({ title: '受理通知书', createdAt: at }, (doc) => {
      heading(doc, '受理通知书');
      field(doc, '办件编号', 'DZ-2026-000123');
      paragraph(doc, '你单位提交的申请材料齐全、符合法定形式，本机关决定予以受理。');
      table(doc, ['部门', '办结', '按时率'], [['达州市市场监督管理局', 12, '91.7%']], [0.5, 0.25, 0.25]);
    });

  it('renders Chinese text that a PDF reader extracts again', async () => {
    const bytes = await notice();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('受理通知书');
    expect(text).toContain('本机关决定予以受理');
    expect(text).toContain('达州市市场监督管理局');
    expect(text).toContain('91.7%');
  }, 30_000);

  it('numbers documents by series and year, archives them with their hash, and reads them back intact', async () => {
    const content = await notice();
    const issue = (q: Parameters<typeof archiveDocument>[0]) =>
      archiveDocument(q, {
        kind: 'acceptance_notice', title: '受理通知书', regionCode: '511702', departmentCode: '511702-SCJ', subjectType: 'case', subjectId: 'c1',
        numberPrefix: '通受', mediaType: 'application/pdf', fileName: 'notice.pdf', content, issuedBy: { id: 'a1', name: '张三' }, issuedAt: at,
      });
    const first = await db.tx(issue);
    const second = await db.tx(issue);
    expect(first.docNo).toBe('通受〔2026〕1号');
    expect(second.docNo).toBe('通受〔2026〕2号');
    const read = await readArchivedDocument(db, first.id);
    expect(read.content.equals(content)).toBe(true);
    expect(read.document.fields).toEqual({});
    expect(await verifyArchivedDocument(db, first.id)).toBe(true);
  }, 30_000);

  it('refuses to change or delete an archived document', async () => {
    const d = await db.tx((q) =>
      archiveDocument(q, { kind: 'report', title: '月报', regionCode: '511700', mediaType: 'text/plain', fileName: 'r.txt', content: Buffer.from('x'), issuedBy: { id: null, name: null }, issuedAt: at }),
    );
    await expect(db.query(`UPDATE archived_documents SET content = '\\x79' WHERE id = $1`, [d.id])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM archived_documents WHERE id = $1`, [d.id])).rejects.toThrow(/append-only/);
    expect((await readArchivedDocument(db, d.id)).content.toString()).toBe('x');
  }, 30_000);

  it('answers EVIDENCE_ALTERED when the stored bytes no longer match their hash', async () => {
    const d = await db.tx((q) =>
      archiveDocument(q, { kind: 'report', title: '月报', regionCode: '511700', mediaType: 'text/plain', fileName: 'r.txt', content: Buffer.from('原文'), issuedBy: { id: null, name: null }, issuedAt: at }),
    );
    // an attacker with the database owner's rights, going around the trigger
    await db.tx(async (q) => {
      await q.query(`ALTER TABLE archived_documents DISABLE TRIGGER archived_documents_append_only`);
      await q.query(`UPDATE archived_documents SET content = convert_to('改过', 'UTF8') WHERE id = $1`, [d.id]);
      await q.query(`ALTER TABLE archived_documents ENABLE TRIGGER archived_documents_append_only`);
    });
    await expect(readArchivedDocument(db, d.id)).rejects.toMatchObject({ code: 'EVIDENCE_ALTERED' });
    expect(await verifyArchivedDocument(db, d.id)).toBe(false);
  }, 30_000);
});
