import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedUser } from '../helpers/factories.js';
import { seedItem } from '../helpers/catalog-factory.js';
import { casePlatform, DEPT, type CasePlatform } from './case-helpers.js';

// 川办发〔2014〕2号 平台办法 第五条(六): 网上申请 from the hall to acceptance or refusal, 一次性告知补正 answered online
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const ITEM = 'L-TEST-001';
const applicant = { kind: 'person', name: '王小明', idNumber: '11010519491231002X', phone: '13800000000' };

function form(jsonField: string, json: unknown, files: { name: string; content: Buffer }[]) {
  const b = '----xqapply';
  const parts: Buffer[] = [Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${jsonField}"\r\n\r\n${JSON.stringify(json)}\r\n`)];
  files.forEach((f, i) => parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="f${i}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.content, Buffer.from('\r\n')));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

describe('online application (网上申请)', () => {
  let p: CasePlatform;
  let h: { authorization: string };
  let sup: { authorization: string };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-apply-'));
  beforeAll(async () => {
    p = await casePlatform('2026-03-02T09:00:00+08:00', { dataDir });
    await seedItem(p.db, p.ctx, { code: ITEM, name: '排污许可证核发', category: 'license', materials: ['申请书', '营业执照'], discretion: [], flow: { steps: [{ key: 'review', name: '审查', limitDays: 10 }], rollbacks: [] } } as any);
    await seedUser(p.db, { username: 'h1', role: 'handler', region: '511702', department: DEPT });
    await seedUser(p.db, { username: 'sup', role: 'supervisor', region: '511700' });
    h = await bearer(p.app, 'h1');
    sup = await bearer(p.app, 'sup');
  }, 60_000);
  afterAll(async () => { await p.close(); fs.rmSync(dataDir, { recursive: true, force: true }); });

  const at = (iso: string) => { const t = new Date(iso); if (t > p.clock.now()) p.clock.set(t); };
  const apply = (files: { material: string; name: string; content: Buffer }[], over: Record<string, unknown> = {}) => {
    const f = form('application', { itemCode: ITEM, applicant, files: files.map((x) => x.material), ...over }, files);
    return p.app.inject({ method: 'POST', url: '/api/public/applications', headers: f.headers, payload: f.payload });
  };
  const progress = async (caseNo: string, queryCode: string) =>
    (await p.app.inject({ method: 'POST', url: '/api/public/cases/progress', payload: { caseNo, queryCode } })).json();
  const waiting = async () => (await p.app.inject({ method: 'GET', url: '/api/cases?status=submitted', headers: h })).json().cases as any[];
  const both = [{ material: '申请书', name: '申请书.pdf', content: PDF }, { material: '营业执照', name: '执照.png', content: PNG }];

  it('apply → 待受理 with number and 查询码; the handler sees it, downloads its materials and accepts it (channel online, limits start)', async () => {
    const r = await apply(both);
    expect(r.statusCode, r.body).toBe(201);
    const { caseNo, queryCode } = r.json();
    expect(r.json()).toMatchObject({ itemName: '排污许可证核发' });
    expect(queryCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    const before = await progress(caseNo, queryCode);
    expect(before).toMatchObject({ status: 'submitted', acceptedAt: null, counterparty: '王**', channel: 'online' });
    expect(new Date(before.acceptanceDueAt).toISOString()).toBe('2026-03-09T16:00:00.000Z'); // 5 working days after Monday 03-02: end of Monday 03-09
    const row = (await waiting()).find((c) => c.caseNo === caseNo);
    expect(row).toMatchObject({ status: 'submitted', itemName: '排污许可证核发', light: 'none' });
    const d = (await p.app.inject({ method: 'GET', url: `/api/cases/${row.id}`, headers: h })).json();
    expect(d.allowedActions).toEqual(['accept', 'reject', 'requestCorrection']);
    // stored sealed, shown masked; 查看 opens it for the handler, recorded (GB/T 22239-2019 8.1.4.11)
    expect(d.state.counterparty).toMatchObject({ idNumber: '1101**********002X', phone: '138****0000' });
    const shown = (await p.app.inject({ method: 'POST', url: `/api/cases/${row.id}/personal-data`, headers: h, payload: {} })).json();
    expect(shown).toMatchObject({ idNumber: applicant.idNumber, phone: applicant.phone });
    expect(d.evidenceFiles.map((f: any) => f.name).sort()).toEqual(['申请书：申请书.pdf', '营业执照：执照.png']);
    const dl = await p.app.inject({ method: 'GET', url: `/api/cases/${row.id}/evidence/${d.evidenceFiles.find((f: any) => f.mime === 'image/png').id}`, headers: h });
    expect(dl.rawPayload).toEqual(PNG);
    // nothing else can be done before acceptance
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${row.id}/complete-step`, headers: h, payload: { step: 'review', opinion: { verdict: 'agree', text: '' } } })).statusCode).toBe(409);
    at('2026-03-03T10:00:00+08:00');
    const acc = await p.app.inject({ method: 'POST', url: `/api/cases/${row.id}/accept`, headers: h, payload: {} });
    expect(acc.statusCode, acc.body).toBe(200);
    // the 受理通知书 is issued with the acceptance, to the applicant by name (达州意见 三(七))
    const docs = (await p.app.inject({ method: 'GET', url: `/api/documents?subjectType=case&subjectId=${row.id}`, headers: h })).json();
    expect(JSON.stringify(docs)).toContain('acceptance_notice');
    const after = (await p.app.inject({ method: 'GET', url: `/api/cases/${row.id}`, headers: h })).json();
    expect(after).toMatchObject({ status: 'open', currentStep: 'review' });
    expect(new Date(after.acceptedAt).toISOString()).toBe('2026-03-03T02:00:00.000Z');
    expect(after.events.map((e: any) => e.type)).toEqual(['application.submitted', 'evidence.attached', 'evidence.attached', 'case.registered']);
    expect(after.events[3].data.channel).toBe('online');
    expect(after.dueAt).not.toBeNull();
    expect((await progress(caseNo, queryCode)).status).toBe('open');
  });

  it('refusal needs its reason (and the remedies); the applicant sees both', async () => {
    const { caseNo, queryCode } = (await apply(both)).json();
    const id = (await waiting()).find((c) => c.caseNo === caseNo).id;
    const noReason = await p.app.inject({ method: 'POST', url: `/api/cases/${id}/reject`, headers: h, payload: { reason: '', remedies: '复议' } });
    expect(noReason.statusCode).toBe(400);
    const noRemedies = await p.app.inject({ method: 'POST', url: `/api/cases/${id}/reject`, headers: h, payload: { reason: '不属于本机关职权范围' } });
    expect(noRemedies.statusCode).toBe(400);
    expect(noRemedies.json().error.details.field).toBe('remedies');
    const ok = await p.app.inject({ method: 'POST', url: `/api/cases/${id}/reject`, headers: h, payload: { reason: '不属于本机关职权范围', remedies: '可在六十日内向通川区人民政府申请行政复议' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const pr = await progress(caseNo, queryCode);
    expect(pr).toMatchObject({ status: 'concluded', conclusion: 'rejected', ending: { reason: '不属于本机关职权范围', remedies: '可在六十日内向通川区人民政府申请行政复议' } });
  });

  it('a correction asked once is answered online with every material, then accepted', async () => {
    const { caseNo, queryCode } = (await apply([both[0]])).json();
    const id = (await waiting()).find((c) => c.caseNo === caseNo).id;
    const ask = await p.app.inject({ method: 'POST', url: `/api/cases/${id}/corrections`, headers: h, payload: { materials: ['营业执照', '法定代表人身份证明'], reason: '缺少营业执照和身份证明' } });
    expect(ask.statusCode, ask.body).toBe(200);
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${id}/accept`, headers: h, payload: {} })).statusCode).toBe(409);
    const pr = await progress(caseNo, queryCode);
    expect(pr.acceptanceDueAt).toBeNull(); // stopped while the notice is unanswered
    expect(pr.corrections).toEqual([expect.objectContaining({ materials: ['营业执照', '法定代表人身份证明'], reason: '缺少营业执照和身份证明', answeredAt: null })]);
    const answer = (files: { material: string; name: string; content: Buffer }[], code = queryCode) => {
      const f = form('answer', { caseNo, queryCode: code, files: files.map((x) => x.material) }, files);
      return p.app.inject({ method: 'POST', url: '/api/public/applications/correction', headers: f.headers, payload: f.payload });
    };
    expect((await answer([{ material: '营业执照', name: 'a.png', content: PNG }], 'WRONGCODE2')).statusCode).toBe(404);
    const partial = await answer([{ material: '营业执照', name: 'a.png', content: PNG }]);
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.message).toContain('法定代表人身份证明');
    const full = await answer([{ material: '营业执照', name: 'a.png', content: PNG }, { material: '法定代表人身份证明', name: 'b.pdf', content: PDF }]);
    expect(full.statusCode, full.body).toBe(200);
    expect((await progress(caseNo, queryCode)).corrections[0].answeredAt).not.toBeNull();
    expect((await answer([{ material: '营业执照', name: 'a.png', content: PNG }, { material: '法定代表人身份证明', name: 'b.pdf', content: PDF }])).statusCode).toBe(409);
    const acc = await p.app.inject({ method: 'POST', url: `/api/cases/${id}/accept`, headers: h, payload: {} });
    expect(acc.statusCode, acc.body).toBe(200);
    const d = (await p.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: h })).json();
    expect(d.events.map((e: any) => e.type)).toEqual(['application.submitted', 'evidence.attached', 'correction.requested', 'evidence.attached', 'evidence.attached', 'correction.answered', 'case.registered']);
  });

  it('a wrong file type, a material the item does not list and an invalid ID number are refused; nothing is stored', async () => {
    const n = (await waiting()).length;
    const exe = await apply([{ material: '申请书', name: '申请书.pdf', content: EXE }]);
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.message).toContain('「申请书」');
    const stray = await apply([{ material: '户口本', name: 'x.pdf', content: PDF }]);
    expect(stray.statusCode).toBe(400);
    const badId = await apply(both, { applicant: { ...applicant, idNumber: '110105194912310021' } });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details.field).toBe('counterparty.idNumber');
    // the public form's captcha (off in tests) guards it like the complaint form
    (p.ctx.config as { publicCaptcha: boolean }).publicCaptcha = true;
    try {
      const noCaptcha = await apply(both);
      expect(noCaptcha.statusCode).toBe(400);
      expect(noCaptcha.json().error.code).toBe('CAPTCHA_REQUIRED');
    } finally { (p.ctx.config as { publicCaptcha: boolean }).publicCaptcha = false; }
    expect((await waiting()).length).toBe(n);
    expect(fs.readdirSync(path.join(dataDir, 'evidence', 'tmp'))).toEqual([]);
  });

  it('an application left unhandled past 5 working days raises 申请受理逾期 on the drill clock; a correction notice in time does not', async () => {
    at('2026-03-09T09:00:00+08:00'); // Monday
    const late = (await apply(both)).json();
    const asked = (await apply([both[0]])).json();
    const askedId = (await waiting()).find((c) => c.caseNo === asked.caseNo).id;
    at('2026-03-10T09:00:00+08:00');
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${askedId}/corrections`, headers: h, payload: { materials: ['营业执照'], reason: '缺营业执照' } })).statusCode).toBe(200);
    const sweep = async (iso: string) => {
      at(iso);
      const r = await p.app.inject({ method: 'POST', url: '/api/supervision/sweep', headers: sup, payload: {} });
      expect(r.statusCode, r.body).toBe(200);
    };
    const codes = async (caseNo: string) => (await p.app.inject({ method: 'GET', url: `/api/supervision/alerts?caseNo=${caseNo}`, headers: sup })).json().alerts.map((a: any) => a.code);
    await sweep('2026-03-15T12:00:00+08:00');
    expect(await codes(late.caseNo)).toEqual([]);
    await sweep('2026-03-17T00:30:00+08:00'); // due at the end of Monday 03-16 (5 working days after 03-09)
    expect(await codes(late.caseNo)).toEqual(['APPLICATION_ACCEPTANCE_OVERDUE']);
    expect(await codes(asked.caseNo)).toEqual([]);
  });
});
