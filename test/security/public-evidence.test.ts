import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { evidencePath } from '../../src/services/cases/evidence.service.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { casePlatform, DEPT, registered, type CasePlatform } from '../cases/case-helpers.js';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(64, 1)]);

describe('public progress by POST; no query code in any log', () => {
  let p: CasePlatform;
  let code = ''; // the platform makes it (§3 v2); the sender reads it with the case (§5)
  beforeAll(async () => {
    p = await casePlatform();
    expect((await p.push([registered('PUB-9')])).body.accepted).toBe(1);
    code = (await p.app.inject({ method: 'GET', url: '/api/exchange/v1/cases/PUB-9', headers: { authorization: `Bearer ${p.key}` } })).json().queryCode;
  });
  afterAll(() => p.close());

  it('takes caseNo and queryCode in the JSON body; the URL form is gone', async () => {
    const ok = await p.app.inject({ method: 'POST', url: '/api/public/cases/progress', payload: { caseNo: 'PUB-9', queryCode: code } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().caseNo).toBe('PUB-9');
    const get = await p.app.inject({ method: 'GET', url: `/api/public/cases/progress?caseNo=PUB-9&queryCode=${code}` });
    expect([401, 404]).toContain(get.statusCode); // no such route (anonymous callers meet the API's 401 first)
    const doc = (await p.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/public/cases/progress'])).toEqual(['post']);
    expect(JSON.stringify(doc.paths['/api/public/cases/progress'].post.parameters ?? [])).not.toContain('queryCode');
  });

  it('the request log of a lookup (and of a failed one) holds no query code', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } });
    const app = await buildServer({ ...p.ctx, log: pino({ level: 'trace' }, sink) });
    await app.ready();
    try {
      await app.inject({ method: 'POST', url: '/api/public/cases/progress', payload: { caseNo: 'PUB-9', queryCode: code } });
      await app.inject({ method: 'POST', url: '/api/public/cases/progress', payload: { caseNo: 'PUB-9', queryCode: 'WRNG5566' } });
      await app.inject({ method: 'POST', url: '/api/public/complaints/follow', payload: { complaintNo: 'TS-1', queryCode: 'FLWC3344' } });
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('/api/public/cases/progress'); // requests are logged …
    for (const c of [code, 'WRNG5566', 'FLWC3344']) expect(log).not.toContain(c); // … without their codes
  });
});

describe('evidence served only when intact', () => {
  let p: CasePlatform;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-evidence-sec-'));
  beforeAll(async () => {
    p = await casePlatform(undefined, { dataDir });
    await seedUser(p.db, { username: 'h1', role: 'handler', region: '511702', department: DEPT });
  });
  afterAll(async () => { await p.close(); fs.rmSync(dataDir, { recursive: true, force: true }); });

  it('re-hashes on download: a changed file answers 409 and raises EVIDENCE_ALTERED on its case', async () => {
    const h = await bearer(p.app, 'h1');
    const created = await p.app.inject({ method: 'POST', url: '/api/cases', headers: h, payload: { itemCode: 'P-TEST-001', counterparty: { kind: 'person', name: '王小明', idNumber: '11010519491231002X' } } });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    const b = '----xqb';
    const payload = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from(`\r\n--${b}--\r\n`)]);
    const up = await p.app.inject({ method: 'POST', url: `/api/cases/${c.id}/evidence`, headers: { ...h, 'content-type': `multipart/form-data; boundary=${b}` }, payload });
    expect(up.statusCode, up.body).toBe(201);
    const f = up.json();
    const url = `/api/cases/${c.id}/evidence/${f.id}`;
    expect((await p.app.inject({ method: 'GET', url, headers: h })).statusCode).toBe(200);
    // same length, one byte changed
    const file = evidencePath(dataDir, f.sha256);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const r = await p.app.inject({ method: 'GET', url, headers: h });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('EVIDENCE_ALTERED');
    expect(r.body).not.toContain(bytes.subarray(8, 16).toString('latin1'));
    const alerts = await p.db.query(`SELECT code, level, case_id, details FROM supervision_alerts WHERE code = 'EVIDENCE_ALTERED'`);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ level: 'red', case_id: c.id });
    expect(alerts[0].details.evidenceId).toBe(f.id);
    const audit = await p.db.query(`SELECT outcome FROM audit_log WHERE action = 'evidence.altered'`);
    expect(audit).toEqual([{ outcome: 'failure' }]);
  });
});
