import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { issueQueuedCaseNotices } from '../../src/services/documents/exchange-notices.js';
import { caseNoticeQueueOf } from '../../src/store/case-notice-queue.store.js';
import { seedItem } from '../helpers/catalog-factory.js';
import { DEPT, supPlatform, wire, type SupPlatform } from '../supervision/sup-helpers.js';

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, '');
}

/**
 * 不予许可决定书 (行政许可法 第三十八条; 盐城电子监察办法 第十一条) on the workbench, and the notices of cases
 * that arrive by the exchange (成都暂行办法 第九条(二)(三); 达州意见 三(七)), issued after the push, once.
 */
describe('the 不予许可决定书 and the notices of exchange cases', () => {
  let p: SupPlatform;
  const get = (url: string, headers: Record<string, string> = p.handler) => p.app.inject({ method: 'GET', url, headers });
  const post = (url: string, payload: unknown, headers: Record<string, string> = p.handler) => p.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
  const docs = async (caseId: string) => (await get(`/api/documents?subjectType=case&subjectId=${caseId}`)).json().documents as any[];
  const pdf = async (id: string) => {
    const r = await get(`/api/documents/${id}/pdf`);
    expect(r.statusCode).toBe(200);
    return pdfText(r.rawPayload);
  };
  const register = async (itemCode: string, name: string) => {
    const r = await post('/api/cases', { itemCode, counterparty: { kind: 'organization', name, idNumber: '91350100M000100Y43' }, channel: 'window' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; caseNo: string; queryCode: string };
  };
  const caseId = async (caseNo: string) => (await p.db.query<{ id: string }>('SELECT id FROM cases WHERE department_code = $1 AND case_no = $2', [DEPT, caseNo]))[0].id;

  beforeAll(async () => {
    p = await supPlatform();
    await seedItem(p.db, p.ctx, { code: 'L-TEST-001', category: 'license', name: '排污许可证核发', remedies: '可在六十日内向通川区人民政府申请行政复议，或在六个月内向通川区人民法院提起行政诉讼', discretion: [] } as any);
    await seedItem(p.db, p.ctx, { code: 'L-TEST-002', category: 'license', name: '建设项目环评审批', remedies: undefined, discretion: [] } as any);
    await p.db.query(`UPDATE departments SET name = '通川区生态环境局' WHERE code = $1`, [DEPT]);
  }, 60_000);
  afterAll(() => p.close());

  it('a licence denied on the workbench gets its 不予许可决定书 in the same transaction: reason, basis, number, remedies', async () => {
    const c = await register('L-TEST-001', '某某化工有限公司');
    const d = await post(`/api/cases/${c.id}/decide`, { outcome: 'denied', legalBasis: '《排污许可管理条例》第十二条', reason: '污染物排放不符合总量控制要求', documentNo: '通环许不〔2026〕3号' });
    expect(d.statusCode, d.body).toBe(200);
    const denial = (await docs(c.id)).find((x) => x.kind === 'denial_decision');
    expect(denial).toMatchObject({ id: d.json().noticeId, kindName: '不予许可决定书', docNo: '通川不许〔2026〕1号' });
    const t = await pdf(denial.id);
    for (const s of ['不予许可决定书', '通川不许〔2026〕1号', '某某化工有限公司', '排污许可证核发', c.caseNo, '污染物排放不符合总量控制要求', '《排污许可管理条例》第十二条', '通环许不〔2026〕3号',
      '向通川区人民政府申请行政复议', '向通川区人民法院提起行政诉讼', '通川区生态环境局']) expect(t).toContain(s);
    // the applicant downloads it in the hall with the number and the query code
    const list = await p.app.inject({ method: 'POST', url: '/api/public/cases/notices', payload: { caseNo: c.caseNo, queryCode: c.queryCode } });
    const mine = list.json().notices.find((n: any) => n.kind === 'denial_decision');
    expect(mine).toMatchObject({ kindName: '不予许可决定书', docNo: '通川不许〔2026〕1号' });
    const dl = await p.app.inject({ method: 'POST', url: '/api/public/cases/notices/download', payload: { caseNo: c.caseNo, queryCode: c.queryCode, documentId: mine.id } });
    expect(dl.statusCode).toBe(200);
    expect(await pdfText(dl.rawPayload)).toContain('污染物排放不符合总量控制要求');
  }, 60_000);

  it('an item without remedies of its own prints the statutory ones with the review body and the limits', async () => {
    const c = await register('L-TEST-002', '张三建材有限公司');
    expect((await post(`/api/cases/${c.id}/decide`, { outcome: 'denied', legalBasis: '《环境影响评价法》第二十二条', reason: '选址位于饮用水源保护区', documentNo: '通环评不〔2026〕1号' })).statusCode).toBe(200);
    const t = await pdf((await docs(c.id)).find((x) => x.kind === 'denial_decision').id);
    for (const s of ['六十日内向通川区人民政府申请行政复议', '六个月内向有管辖权的人民法院提起行政诉讼']) expect(t).toContain(s);
    // an approval has no such document
    const ok = await register('L-TEST-002', '李四建材有限公司');
    expect((await post(`/api/cases/${ok.id}/decide`, { outcome: 'approved', legalBasis: '《环境影响评价法》第二十二条', documentNo: '通环评〔2026〕2号' })).statusCode).toBe(200);
    expect((await docs(ok.id)).map((x) => x.kind)).toEqual(['acceptance_notice']);
  }, 60_000);

  it('an exchange case gets its notices after the push, each once, even when the events are sent again', async () => {
    const at = (h: string) => `2026-03-02T${h}:00+08:00`;
    const reg = (no: string, item = 'L-TEST-001') => wire(`${no}-reg`, no, 'case.registered', at('09:30'), { itemCode: item, counterparty: { kind: 'organization', name: '对接企业有限公司' }, channel: 'window' });
    const events = [
      reg('EX-1'),
      wire('EX-1-corr', 'EX-1', 'correction.requested', at('09:40'), { materials: ['营业执照副本', '监测报告'], reason: '材料不全' }),
      reg('EX-2'),
      wire('EX-2-rej', 'EX-2', 'case.rejected', at('09:45'), { reason: '不属于本机关职权范围' }),
      reg('EX-3', 'P-TEST-001'), // a penalty case is opened (立案), not accepted: no 受理通知书
    ];
    await p.pushAt(at('09:50'), events);
    const ex1 = await caseId('EX-1');
    // nothing issued in the push itself: the notices are queued
    expect(await docs(ex1)).toEqual([]);
    expect((await caseNoticeQueueOf(p.db, ex1)).map((r) => [r.type, r.done_at])).toEqual([['case.registered', null], ['correction.requested', null]]);
    expect(await issueQueuedCaseNotices(p.ctx)).toBe(5);
    const d1 = await docs(ex1);
    expect(d1.map((x) => x.kind)).toEqual(['acceptance_notice', 'correction_notice']);
    const acc = await pdf(d1[0].id);
    const code = (await p.db.query('SELECT query_code FROM cases WHERE id = $1', [ex1]))[0].query_code;
    for (const s of ['受理通知书', '对接企业有限公司', 'EX-1', code, '排污许可证核发']) expect(acc).toContain(s);
    expect(await pdf(d1[1].id)).toContain('2.监测报告');
    expect(d1[0].issuedByName).toBe('李明');
    const d2 = await docs(await caseId('EX-2'));
    expect(d2.map((x) => x.kind)).toEqual(['acceptance_notice', 'rejection_decision']);
    expect(await pdf(d2[1].id)).toContain('不属于本机关职权范围');
    expect(await docs(await caseId('EX-3'))).toEqual([]);
    expect((await caseNoticeQueueOf(p.db, await caseId('EX-3')))[0]).toMatchObject({ document_id: null });
    expect((await caseNoticeQueueOf(p.db, await caseId('EX-3')))[0].done_at).not.toBeNull();

    // sent again (the system retries): duplicates, nothing queued, nothing issued twice
    const again = await p.pushAt(at('10:00'), events);
    expect(again.duplicates).toBe(5);
    expect(await issueQueuedCaseNotices(p.ctx)).toBe(0);
    expect((await docs(ex1)).map((x) => x.kind)).toEqual(['acceptance_notice', 'correction_notice']);
    const n = await p.db.query(`SELECT count(*)::int AS n FROM archived_documents WHERE subject_type = 'case' AND subject_id = $1`, [ex1]);
    expect(n[0].n).toBe(2);

    // a denial pushed later gets its 不予许可决定书 from the queue too
    await p.pushAt(at('10:10'), [wire('EX-1-dec', 'EX-1', 'case.decided', at('10:05'), { outcome: 'denied', legalBasis: '《排污许可管理条例》第十二条', reason: '总量指标不足', documentNo: '通环许不〔2026〕9号' })]);
    expect(await issueQueuedCaseNotices(p.ctx)).toBe(1);
    const denial = (await docs(ex1)).find((x) => x.kind === 'denial_decision');
    expect(await pdf(denial.id)).toContain('总量指标不足');
    // the applicant of an exchange case finds them in the hall with the number and the query code
    const hall = await p.app.inject({ method: 'POST', url: '/api/public/cases/notices', payload: { caseNo: 'EX-1', queryCode: code } });
    expect(hall.json().notices.map((x: any) => x.kind)).toEqual(['acceptance_notice', 'correction_notice', 'denial_decision']);
  }, 90_000);
});
