import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captchaAnswerForTests } from '../../src/store/security.store.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';
import { multipartBody, PDF, PNG } from '../helpers/files.js';


describe('the hall: 投诉 and 举报 apart, phone for real-name complaints, attachments, captcha', () => {
  let p: TestPlatform;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-complaints-'));
  let sup: { authorization: string };
  let other: { authorization: string };
  beforeAll(async () => {
    // the per-source limits are tested elsewhere (test/security/rate-limits.test.ts); this file submits many
    p = await testPlatform({ config: { dataDir, rateLimits: { complaint: 0, follow: 0 } } });
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    await seedUser(p.db, { username: 'sup', role: 'supervisor', region: '511700' });
    await seedUser(p.db, { username: 'sup-pzh', role: 'supervisor', region: '510400' });
    sup = await bearer(p.app, 'sup');
    other = await bearer(p.app, 'sup-pzh');
  });
  afterAll(async () => { await p.close(); fs.rmSync(dataDir, { recursive: true, force: true }); });

  const submit = (body: Record<string, unknown>) => p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { regionCode: '511702', subject: '办事拖延', content: '两周无人处理', ...body } });
  const attach = (fields: Record<string, string>, file: { name: string; type: string; data: Buffer }) => {
    const m = multipartBody(fields, file);
    return p.app.inject({ method: 'POST', url: '/api/public/complaints/attachments', headers: { 'content-type': m.contentType }, payload: m.payload });
  };

  it('a real-name 投诉 needs a valid phone number; a 举报 may be anonymous', async () => {
    const noPhone = await submit({ kind: 'complaint', realName: true, complainant: { name: '张三' } });
    expect(noPhone.statusCode).toBe(400);
    expect(noPhone.json().error.details).toMatchObject({ field: 'complainant.phone' });
    for (const phone of ['12345', '2800000000', '1380000000a', '138000000001']) {
      const bad = await submit({ kind: 'complaint', realName: true, complainant: { name: '张三', phone } });
      expect(bad.statusCode, phone).toBe(400);
      expect(bad.json().error.message).toMatch(/联系电话格式不正确/);
    }
    for (const phone of ['13800000000', '0818-2380110', '08182380110']) {
      expect((await submit({ kind: 'complaint', realName: true, complainant: { name: '张三', phone } })).statusCode, phone).toBe(200);
    }
    const report = await submit({ kind: 'report', realName: false, subject: '举报窗口人员索要好处费', content: '3月2日窗口人员暗示需要“好处费”' });
    expect(report.statusCode).toBe(200);
    const list = (await p.app.inject({ method: 'GET', url: '/api/supervision/complaints?kind=report', headers: sup })).json().complaints;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'report', realName: false, complainant: null, attachments: [] });
    const real = (await p.app.inject({ method: 'GET', url: '/api/supervision/complaints?kind=complaint', headers: sup })).json().complaints;
    // lists show the phone masked (GB/T 22239-2019 8.1.4.11); 查看 unmasks it, recorded
    expect(real.map((c: any) => c.complainant.phone).sort()).toEqual(['081*****0110', '081****0110', '138****0000']);
    const shown = [];
    for (const c of real) shown.push((await p.app.inject({ method: 'POST', url: `/api/supervision/complaints/${c.id}/complainant`, headers: sup, payload: {} })).json().phone);
    expect(shown.sort()).toEqual(['0818-2380110', '08182380110', '13800000000']);
  });

  it('attachments: images and PDF with the number and query code, type checked, hashed, downloadable by the supervisor', async () => {
    const r = (await submit({ kind: 'report', realName: false, subject: '举报违规收费', content: '收取材料费200元' })).json();
    const who = { complaintNo: r.complaintNo, queryCode: r.queryCode };
    expect((await attach({ ...who, queryCode: 'WRONGCODE' }, { name: 'a.png', type: 'image/png', data: PNG })).statusCode).toBe(404);
    const txt = await attach(who, { name: 'a.png', type: 'image/png', data: Buffer.from('<html>not an image</html>') });
    expect(txt.statusCode).toBe(415);
    expect(txt.json().error.message).toMatch(/不支持的附件类型/);
    const png = await attach(who, { name: '收费票据.png', type: 'image/png', data: PNG });
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ name: '收费票据.png', mime: 'image/png', size: PNG.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await attach(who, { name: '说明.pdf', type: 'application/pdf', data: PDF })).statusCode).toBe(201);
    const followed = (await p.app.inject({ method: 'POST', url: '/api/public/complaints/follow', payload: who })).json();
    expect(followed.attachments.map((a: any) => a.name)).toEqual(['收费票据.png', '说明.pdf']);

    const c = (await p.app.inject({ method: 'GET', url: '/api/supervision/complaints', headers: sup })).json().complaints.find((x: any) => x.complaintNo === r.complaintNo);
    expect(c.attachments.map((a: any) => [a.name, a.mime])).toEqual([['收费票据.png', 'image/png'], ['说明.pdf', 'application/pdf']]);
    const dl = await p.app.inject({ method: 'GET', url: `/api/supervision/complaints/${c.id}/attachments/${c.attachments[0].id}`, headers: sup });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    // a supervisor of another region cannot
    expect((await p.app.inject({ method: 'GET', url: `/api/supervision/complaints/${c.id}/attachments/${c.attachments[0].id}`, headers: other })).statusCode).toBe(403);

    // after the acceptance decision no more attachments; the timers still run as before
    const dec = await p.app.inject({ method: 'POST', url: `/api/supervision/complaints/${c.id}/decision`, headers: sup, payload: { accept: true } });
    expect(dec.json().status).toBe('accepted');
    expect((await attach(who, { name: 'late.png', type: 'image/png', data: PNG })).statusCode).toBe(409);
    const tr = await p.app.inject({ method: 'POST', url: `/api/supervision/complaints/${c.id}/transfer`, headers: sup, payload: { departmentCode: '511702-STJ' } });
    expect(tr.json()).toMatchObject({ status: 'transferred', transferDueAt: expect.any(String) });
  });

  it('at most five attachments a complaint', async () => {
    const r = (await submit({ kind: 'report', realName: false })).json();
    const who = { complaintNo: r.complaintNo, queryCode: r.queryCode };
    for (let i = 0; i < 5; i++) expect((await attach(who, { name: `${i}.png`, type: 'image/png', data: PNG })).statusCode).toBe(201);
    expect((await attach(who, { name: '6.png', type: 'image/png', data: PNG })).statusCode).toBe(409);
  });
});

describe('the hall complaint form with the captcha on', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({ config: { publicCaptcha: true } });
    await seedRegions(p.db);
  });
  afterAll(() => p.close());

  it('refuses a complaint without the right captcha and takes it with one', async () => {
    const body = { kind: 'report', realName: false, regionCode: '511702', subject: '举报', content: '内容' };
    const none = await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: body });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('CAPTCHA_REQUIRED');
    const c1 = (await p.app.inject({ method: 'GET', url: '/api/public/captcha' })).json();
    expect(c1.svg).toContain('<svg');
    const wrong = await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { ...body, captchaId: c1.captchaId, captcha: 'zzzz' } });
    expect(wrong.json().error.code).toBe('CAPTCHA_REQUIRED');
    const c2 = (await p.app.inject({ method: 'GET', url: '/api/public/captcha' })).json();
    const answer = (await captchaAnswerForTests(p.db, c2.captchaId))!;
    const ok = await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { ...body, captchaId: c2.captchaId, captcha: answer.toUpperCase() } });
    expect(ok.statusCode, ok.body).toBe(200);
    // the challenge is used up
    expect((await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { ...body, captchaId: c2.captchaId, captcha: answer } })).json().error.code).toBe('CAPTCHA_REQUIRED');
  });
});
