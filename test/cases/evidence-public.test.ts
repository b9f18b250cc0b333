import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition, evidencePath, verifyEvidence } from '../../src/services/cases/evidence.service.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { casePlatform, DEPT, OTHER_DEPT, registered, stepDone, type CasePlatform } from './case-helpers.js';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

function multipart(name: string, content: Buffer, fields: Record<string, string> = {}) {
  const b = '----xqboundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), content, Buffer.from(`\r\n--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

describe('evidence files', () => {
  let p: CasePlatform;
  let h: { authorization: string };
  let caseId: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-evidence-'));
  beforeAll(async () => {
    p = await casePlatform(undefined, { dataDir, evidenceMaxBytes: 4096 });
    await seedUser(p.db, { username: 'h1', role: 'handler', region: '511702', department: DEPT });
    await seedUser(p.db, { username: 'h2', role: 'handler', region: '511703', department: OTHER_DEPT });
    h = await bearer(p.app, 'h1');
    const r = await p.app.inject({ method: 'POST', url: '/api/cases', headers: h, payload: { itemCode: 'P-TEST-001', counterparty: { kind: 'person', name: '王小明', idNumber: '11010519491231002X' } } });
    caseId = r.json().id;
  });
  afterAll(async () => { await p.close(); fs.rmSync(dataDir, { recursive: true, force: true }); });

  const upload = (name: string, content: Buffer, headers = h, fields = {}) => {
    const m = multipart(name, content, fields);
    return p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/evidence`, headers: { ...headers, ...m.headers }, payload: m.payload });
  };

  it('stores a file content-addressed, links it by an evidence.attached event, and serves it back safely', async () => {
    const r = await upload('../../etc/现场照片;1.png', PNG);
    expect(r.statusCode, r.body).toBe(201);
    const f = r.json();
    expect(f).toMatchObject({ kind: 'photo', mime: 'image/png', size: PNG.length, name: '现场照片;1.png' });
    expect(fs.readFileSync(evidencePath(dataDir, f.sha256))).toEqual(PNG);
    expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
    const d = (await p.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: h })).json();
    expect(d.state.evidence[f.id]).toMatchObject({ sha256: f.sha256, kind: 'photo' });
    const dl = await p.app.inject({ method: 'GET', url: `/api/cases/${caseId}/evidence/${f.id}`, headers: h });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload).toEqual(PNG);
    expect(dl.headers['content-disposition']).toBe(contentDisposition(f.name));
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(contentDisposition('a"b\r\nSet-Cookie: x.pdf')).toBe(`attachment; filename="a_b__Set-Cookie: x.pdf"; filename*=UTF-8''a%22b%0D%0ASet-Cookie%3A%20x.pdf`);
    const other = await bearer(p.app, 'h2');
    expect((await p.app.inject({ method: 'GET', url: `/api/cases/${caseId}/evidence/${f.id}`, headers: other })).statusCode).toBe(404);
  });

  it('checks the type by content and the size limit', async () => {
    expect((await upload('a.pdf', Buffer.from('MZ\x90\x00 this is an exe pretending'))).statusCode).toBe(415);
    expect((await upload('a.png', Buffer.from('just text'))).statusCode).toBe(415);
    expect((await upload('big.pdf', Buffer.concat([PDF, Buffer.alloc(5000, 32)]))).statusCode).toBe(413);
    expect((await upload('doc.pdf', PDF, h, { kind: 'document' })).statusCode).toBe(201);
  });

  it('verify names a changed and a missing file', async () => {
    expect((await verifyEvidence(p.db, dataDir)).problems).toEqual([]);
    const rows = await p.db.query('SELECT id, sha256, mime FROM evidence_files ORDER BY mime');
    const pdf = rows.find((r) => r.mime === 'application/pdf')!;
    const png = rows.find((r) => r.mime === 'image/png')!;
    fs.appendFileSync(evidencePath(dataDir, pdf.sha256), 'tampered');
    fs.rmSync(evidencePath(dataDir, png.sha256));
    const v = await verifyEvidence(p.db, dataDir);
    expect(v.checked).toBe(2);
    expect(v.problems.map((x) => [x.id, x.problem]).sort()).toEqual([[pdf.id, 'changed'], [png.id, 'missing']].sort());
  });
});

describe('public progress (达州 三(七))', () => {
  let p: CasePlatform;
  beforeAll(async () => { p = await casePlatform(); });
  afterAll(() => p.close());

  it('shows steps and times with personal data masked, no opinions; uniform 404', async () => {
    const reg = registered('PUB-1');
    (reg.data as any).counterparty = { kind: 'person', name: '王小明', idNumber: '11010519491231002X' };
    (reg.data as any).queryCode = 'ABCD2345'; // a sender's choice: ignored (§3 v2)
    const step = stepDone('PUB-1', 'register', '2026-03-02T11:00:00+08:00');
    (step.data as any).opinion.text = '内部意见：可从轻';
    expect((await p.push([reg, step])).body.accepted).toBe(2);
    const q = (caseNo: string, code: string) => p.app.inject({ method: 'POST', url: '/api/public/cases/progress', payload: { caseNo, queryCode: code } });
    // the sender reads the platform's code with the case (§5) and prints it on its notice
    const code: string = (await p.app.inject({ method: 'GET', url: '/api/exchange/v1/cases/PUB-1', headers: { authorization: `Bearer ${p.key}` } })).json().queryCode;
    expect(code).not.toBe('ABCD2345');
    expect((await q('PUB-1', 'ABCD2345')).statusCode).toBe(404);
    const r = await q('PUB-1', code.toLowerCase());
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.counterparty).toBe('王**');
    expect(body.steps.map((s: any) => s.name)).toEqual(['立案', '调查取证']);
    const text = r.body;
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('内部意见');
    const wrongCode = await q('PUB-1', 'ZZZZ2345');
    const wrongNo = await q('PUB-X', code);
    expect(wrongCode.statusCode).toBe(404);
    expect(wrongNo.statusCode).toBe(404);
    expect(wrongCode.body).toBe(wrongNo.body);
  });

  it('never shows a confidential item\'s case', async () => {
    const { seedItem } = await import('../helpers/catalog-factory.js');
    // the workbench refuses a confidential item's cases (川 平台办法 第六条): a case held confidential is made here
    // by registering on an open item and marking the case's row as the platform marks a confidential item's case
    await seedItem(p.db, p.ctx, { code: 'P-SECRET-2' } as any);
    await seedUser(p.db, { username: 'hs', role: 'handler', region: '511702', department: DEPT });
    const h = await bearer(p.app, 'hs');
    const r = await p.app.inject({ method: 'POST', url: '/api/cases', headers: h, payload: { itemCode: 'P-SECRET-2', counterparty: { kind: 'person', name: '王小明', idNumber: '11010519491231002X' } } });
    expect(r.statusCode, r.body).toBe(201);
    const { caseNo, queryCode } = r.json();
    await p.db.query('UPDATE cases SET confidential = true WHERE case_no = $1', [caseNo]);
    const pub = await p.app.inject({ method: 'POST', url: '/api/public/cases/progress', payload: { caseNo, queryCode } });
    expect(pub.statusCode).toBe(404);
  });
});
