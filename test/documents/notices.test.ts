import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { verifyArchivedDocument } from '../../src/services/documents/archive.js';
import { insertAlerts } from '../../src/store/supervision/alert.store.js';
import { newId } from '../../src/services/ids.js';
import { seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { DEPT, supPlatform, type SupPlatform } from '../supervision/sup-helpers.js';

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, '');
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('notices (文书): numbered PDFs from editable templates, archived, downloadable where they belong', () => {
  let p: SupPlatform;
  let admin: { authorization: string };
  let otherAdmin: { authorization: string };
  const post = (url: string, payload: unknown, headers: Record<string, string> = p.handler) => p.app.inject({ method: 'POST', url, headers, payload: payload as any });
  const get = (url: string, headers: Record<string, string> = p.handler) => p.app.inject({ method: 'GET', url, headers });
  const docs = async (type: string, id: string, headers: Record<string, string> = p.handler) => (await get(`/api/documents?subjectType=${type}&subjectId=${id}`, headers)).json().documents;
  const pdf = async (id: string, headers: Record<string, string> = p.handler) => {
    const r = await get(`/api/documents/${id}/pdf`, headers);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const body = r.rawPayload;
    expect(r.headers['x-document-sha256']).toBe(sha(body));
    return { body, text: await pdfText(body) };
  };
  const register = async (name = '王小明') => {
    const r = await post('/api/cases', { itemCode: 'L-TEST-001', counterparty: { kind: 'organization', name, idNumber: '91350100M000100Y43' }, channel: 'window' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; caseNo: string; queryCode: string; noticeId: string };
  };

  beforeAll(async () => {
    p = await supPlatform();
    await seedItem(p.db, p.ctx, { code: 'L-TEST-001', category: 'license', name: '排污许可证核发', remedies: '可在六十日内向达州市人民政府申请行政复议', discretion: [] } as any);
    await p.db.query(`UPDATE departments SET name = '通川区生态环境局' WHERE code = $1`, [DEPT]);
    await seedUser(p.db, { username: 'radmin', role: 'region_admin', region: '511702' });
    await seedUser(p.db, { username: 'radmin2', role: 'region_admin', region: '511703' });
    admin = await bearer(p.app, 'radmin');
    otherAdmin = await bearer(p.app, 'radmin2');
  }, 60_000);
  afterAll(() => p.close());

  it('受理通知书 on acceptance, with the query code; numbers per kind increase; the hash verifies', async () => {
    const c1 = await register('某某环保科技有限公司');
    const c2 = await register('另一家公司');
    const [d1] = await docs('case', c1.id);
    const [d2] = await docs('case', c2.id);
    expect(d1).toMatchObject({ id: c1.noticeId, kind: 'acceptance_notice', kindName: '受理通知书', docNo: '通川受〔2026〕1号' });
    expect(d2.docNo).toBe('通川受〔2026〕2号');
    const { text } = await pdf(d1.id);
    for (const s of ['受理通知书', '通川受〔2026〕1号', '某某环保科技有限公司', '排污许可证核发', c1.caseNo, c1.queryCode, '通川区生态环境局', '2026年3月2日']) expect(text).toContain(s);
    expect(await verifyArchivedDocument(p.db, d1.id)).toBe(true);
    // another department's handler sees neither the list nor the file
    await seedUser(p.db, { username: 'h2', role: 'handler', region: '511703', department: '511703-STJ' });
    const h2 = await bearer(p.app, 'h2');
    expect((await get(`/api/documents/${d1.id}/pdf`, h2)).statusCode).toBe(404);
    expect((await get(`/api/documents?subjectType=case&subjectId=${c1.id}`, h2)).statusCode).toBe(404);
  }, 60_000);

  it('一次性告知书 lists every missing material; 不予受理决定书 carries the reason and the remedies', async () => {
    const c = await register();
    const r = await post(`/api/cases/${c.id}/corrections`, { materials: ['营业执照副本', '排污口位置图', '环评批复文件'], reason: '申请材料不齐全' });
    expect(r.statusCode, r.body).toBe(200);
    const corr = (await docs('case', c.id)).find((d: any) => d.kind === 'correction_notice');
    expect(corr.docNo).toBe('通川补〔2026〕1号');
    const t1 = (await pdf(corr.id)).text;
    for (const s of ['一次性告知书', '1.营业执照副本', '2.排污口位置图', '3.环评批复文件', '申请材料不齐全', c.caseNo]) expect(t1).toContain(s);
    const rej = await post(`/api/cases/${c.id}/reject`, { reason: '申请事项不属于本机关职权范围' });
    expect(rej.statusCode, rej.body).toBe(200);
    const d = (await docs('case', c.id)).find((x: any) => x.kind === 'rejection_decision');
    expect(rej.json().noticeId).toBe(d.id);
    const t2 = (await pdf(d.id)).text;
    for (const s of ['不予受理决定书', '通川不受〔2026〕1号', '申请事项不属于本机关职权范围', '可在六十日内向达州市人民政府申请行政复议']) expect(t2).toContain(s);
  }, 60_000);

  it('督办通知书, 黄牌/红牌警告通知书, 整改建议书 and 投诉受理回执 hold their fields', async () => {
    const o = (await post('/api/supervision/orders', { departmentCode: DEPT, subject: '群众反映许可办理拖延', instructions: '请调查核实并书面反馈' }, p.sup)).json();
    expect(o.noticeNo).toBe('通川督〔2026〕1号');
    const od = await docs('order', o.id, p.sup);
    expect(od).toMatchObject([{ kind: 'order_notice', docNo: '通川督〔2026〕1号' }]);
    const ot = (await pdf(od[0].id, p.handler)).text; // the department ordered downloads it too
    for (const s of ['督办通知书', o.orderNo, '群众反映许可办理拖延', '请调查核实并书面反馈', '通川区生态环境局', '通川区行政权力电子监察机构']) expect(ot).toContain(s);

    const red = (await post('/api/supervision/red-cards', { departmentCode: DEPT, clause: 11, message: '超标准收取保证金' }, p.sup)).json();
    expect((await post(`/api/supervision/alerts/${red.id}/card-notice`, { requirement: '立即退还保证金' }, p.handler)).statusCode).toBe(403);
    const rc = await post(`/api/supervision/alerts/${red.id}/card-notice`, { requirement: '立即退还保证金', responseDays: 3 }, p.sup);
    expect(rc.statusCode, rc.body).toBe(201);
    expect(rc.json()).toMatchObject({ kind: 'red_card_notice', docNo: '通川红〔2026〕1号' });
    const rt = (await pdf(rc.json().id, p.sup)).text;
    for (const s of ['红牌警告通知书', '超标准收取保证金', '立即退还保证金', '收到本通知书之日起3个工作日内']) expect(rt).toContain(s);

    const now = p.clock.now();
    const [yellow] = await insertAlerts(p.db, [{
      id: newId(), code: 'DEADLINE_WARNING', level: 'yellow', subjectKind: 'department', subjectId: DEPT, step: 'y1', caseId: null, caseNo: null, itemCode: null,
      departmentCode: DEPT, regionCode: '511702', message: '办件临近承诺时限', details: null, manual: false, raisedBy: null, correctionDueAt: null, escalateAt: null,
    } as any], now);
    const yc = await post(`/api/supervision/alerts/${yellow.id}/card-notice`, { requirement: '加快办理' }, p.sup);
    expect(yc.json()).toMatchObject({ kind: 'yellow_card_notice', docNo: '通川黄〔2026〕1号' });
    expect((await pdf(yc.json().id, p.sup)).text).toContain('黄牌警告通知书');
    const hist = (await get(`/api/supervision/alerts/${red.id}`, p.sup)).json().history;
    expect(hist.map((h: any) => h.action)).toContain('card_notice');

    const ra = await post(`/api/supervision/alerts/${red.id}/rectification`, { advice: '建立保证金收退台账', responseDays: 15 }, p.sup);
    expect(ra.statusCode, ra.body).toBe(201);
    const rat = (await pdf(ra.json().id, p.sup)).text;
    for (const s of ['整改建议书', '通川整改〔2026〕1号', '超标准收取保证金', '建立保证金收退台账', '15个工作日']) expect(rat).toContain(s);

    const sub = (await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: {
      kind: 'complaint', realName: true, complainant: { name: '张三', phone: '13800000001' }, regionCode: '511702', departmentCode: DEPT, subject: '窗口推诿', content: '多次往返未办理' } })).json();
    const acc = await post(`/api/supervision/complaints/${sub.id}/decision`, { accept: true }, p.sup);
    expect(acc.statusCode, acc.body).toBe(200);
    const cd = await docs('complaint', sub.id, p.sup);
    expect(cd).toMatchObject([{ kind: 'complaint_receipt', docNo: '通川投受〔2026〕1号', id: acc.json().receiptId }]);
    const ct = (await pdf(cd[0].id, p.sup)).text;
    for (const s of ['投诉受理回执', '张三', sub.complaintNo, '窗口推诿']) expect(ct).toContain(s);
    // the complainant downloads it with the number and query code; a wrong code is a 404
    const pub = (queryCode: string) => p.app.inject({ method: 'POST', url: '/api/public/complaints/receipt', payload: { complaintNo: sub.complaintNo, queryCode } });
    const mine = await pub(sub.queryCode.toLowerCase());
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals((await pdf(cd[0].id, p.sup)).body)).toBe(true);
    expect((await pub('WRONGCODE')).statusCode).toBe(404);
  }, 90_000);

  it('a region overrides a template (new version, audited); an unknown placeholder is refused; others may not edit it', async () => {
    const list = (await get('/api/admin/notice-templates?region=511702', admin)).json();
    const acc = list.templates.find((t: any) => t.kind === 'acceptance_notice');
    expect(acc).toMatchObject({ name: '受理通知书', source: null });
    expect(acc.placeholders).toEqual(expect.arrayContaining(['申请人', '查询码', '承诺期限', '文号']));
    const body = {
      regionCode: '511702', kind: 'acceptance_notice', title: '行政许可受理通知书', authority: '通川区行政审批局', numberPrefix: '通审受',
      paragraphs: ['{申请人}：', '你单位申请的{事项名称}已受理，请妥善保管查询码{查询码}。', '办结期限：{承诺期限}'],
    };
    const bad = await post('/api/admin/notice-templates', { ...body, paragraphs: ['{申请人}的{身份证号}'] }, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('{身份证号}');
    expect(bad.json().error.details).toMatchObject({ field: 'paragraphs' });
    expect((await post('/api/admin/notice-templates', body, otherAdmin)).statusCode).toBe(403);
    expect((await post('/api/admin/notice-templates', body, p.handler)).statusCode).toBe(403);
    const saved = await post('/api/admin/notice-templates', body, admin);
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().version).toBe(1);
    expect((await post('/api/admin/notice-templates', { ...body, note: '再改' }, admin)).json().version).toBe(2);
    const audit = await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'notice.template.save' AND outcome = 'success'`);
    expect(audit[0].n).toBe(2);
    const c = await register('模板测试公司');
    const [d] = await docs('case', c.id);
    expect(d).toMatchObject({ title: '行政许可受理通知书', docNo: '通审受〔2026〕1号' });
    const { text } = await pdf(d.id);
    for (const s of ['行政许可受理通知书', '请妥善保管查询码' + c.queryCode, '通川区行政审批局', '模板测试公司']) expect(text).toContain(s);
    expect(text).not.toContain('请凭办件编号和查询码');
    // a county without its own template keeps the default
    const other = (await get('/api/admin/notice-templates?region=511703', otherAdmin)).json().templates.find((t: any) => t.kind === 'acceptance_notice');
    expect(other).toMatchObject({ source: null, inForce: { title: '受理通知书' } });
    // versions are kept as written
    await expect(p.db.query(`UPDATE notice_templates SET title = 'x'`)).rejects.toThrow(/append-only/);
  }, 60_000);

  it('the applicant downloads their own notices by case number and query code, and no one else\'s', async () => {
    const mine = await register('申请人甲');
    const theirs = await register('申请人乙');
    const pub = (url: string, payload: unknown) => p.app.inject({ method: 'POST', url, payload: payload as any });
    const list = await pub('/api/public/cases/notices', { caseNo: mine.caseNo, queryCode: mine.queryCode.toLowerCase() });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().notices).toMatchObject([{ kind: 'acceptance_notice', kindName: '受理通知书' }]);
    const id = list.json().notices[0].id;
    const dl = await pub('/api/public/cases/notices/download', { caseNo: mine.caseNo, queryCode: mine.queryCode, documentId: id });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(dl.rawPayload);
    expect(text).toContain('申请人甲');
    expect(text).toContain(mine.queryCode);
    const theirDoc = (await docs('case', theirs.id))[0].id;
    expect((await pub('/api/public/cases/notices/download', { caseNo: mine.caseNo, queryCode: mine.queryCode, documentId: theirDoc })).statusCode).toBe(404);
    expect((await pub('/api/public/cases/notices', { caseNo: mine.caseNo, queryCode: theirs.queryCode })).statusCode).toBe(404);
    expect((await pub('/api/public/cases/notices/download', { caseNo: theirs.caseNo, queryCode: 'WRONGCODE1', documentId: theirDoc })).statusCode).toBe(404);
    // a supervision notice is never the applicant's, even with the right code
    const order = (await docs('order', (await post('/api/supervision/orders', { departmentCode: DEPT, caseNo: mine.caseNo, subject: 's', instructions: 'i' }, p.sup)).json().id, p.sup))[0];
    expect((await pub('/api/public/cases/notices/download', { caseNo: mine.caseNo, queryCode: mine.queryCode, documentId: order.id })).statusCode).toBe(404);
  }, 60_000);
});
