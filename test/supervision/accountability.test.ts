import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { bearer, seedUser } from '../helpers/factories.js';
import { DEPT, OFFICER, supPlatform, type SupPlatform } from './sup-helpers.js';

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  return (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, '');
}

describe('accountability (问责): entries from alerts, with their notices, in a register per region', () => {
  let p: SupPlatform;
  let farSup: { authorization: string };
  const post = (url: string, payload: unknown, headers: Record<string, string> = p.sup) => p.app.inject({ method: 'POST', url, headers, payload: payload as any });
  const get = (url: string, headers: Record<string, string> = p.sup) => p.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    p = await supPlatform();
    await p.db.query(`UPDATE departments SET name = '通川区生态环境局' WHERE code = $1`, [DEPT]);
    await seedUser(p.db, { username: 'farsup', role: 'supervisor', region: '510400' });
    farSup = await bearer(p.app, 'farsup');
  }, 60_000);
  afterAll(() => p.close());

  it('an entry from a red alert with its 函询通知书; served, replied, closed; the register lists it', async () => {
    const red = (await post('/api/supervision/red-cards', { departmentCode: DEPT, clause: 1, message: '无法定依据实施审批' })).json();
    const body = {
      kind: 'inquiry', targetKind: 'officer', departmentCode: DEPT, officerId: OFFICER.id, alertIds: [red.id],
      reason: '红牌报警：无法定依据实施审批', requirement: '书面说明情况并提出整改措施', replyDays: 5,
    };
    // out of scope: a supervisor of another city, and the department itself
    const far = await post('/api/supervision/accountability', body, farSup);
    expect(far.statusCode).toBe(403);
    expect((await post('/api/supervision/accountability', body, p.handler)).statusCode).toBe(403);
    expect((await post('/api/supervision/accountability', { ...body, officerId: 'nobody' })).json().error.details).toMatchObject({ field: 'officerId' });
    expect((await post('/api/supervision/accountability', { ...body, evaluationPeriods: [{ regionCode: '511700', period: '2026-Q1' }] })).json().error.details).toMatchObject({ field: 'evaluationPeriods' });
    const r = await post('/api/supervision/accountability', body);
    expect(r.statusCode, r.body).toBe(201);
    const { entry, document } = r.json();
    expect(entry).toMatchObject({ kind: 'inquiry', kindName: '函询', targetKind: 'officer', targetName: OFFICER.name, status: 'draft', alertIds: [red.id], regionCode: '511702' });
    expect(entry.replyDueAt).toBeTruthy();
    expect(document).toMatchObject({ kind: 'inquiry_notice', kindName: '函询通知书', docNo: '通川函〔2026〕1号' });
    const dl = await get(`/api/documents/${document.id}/pdf`);
    expect(dl.statusCode).toBe(200);
    const text = await pdfText(dl.rawPayload);
    for (const s of ['函询通知书', '通川函〔2026〕1号', OFFICER.name, '通川区生态环境局', '无法定依据实施审批', '书面说明情况并提出整改措施', '5个工作日']) expect(text).toContain(s);
    // the alert's history names it
    const hist = (await get(`/api/supervision/alerts/${red.id}`)).json().history;
    expect(hist.find((h: any) => h.action === 'accountability')).toMatchObject({ details: { entryId: entry.id } });

    // 拟办 → 已送达 → 已回复 → 已办结
    expect((await post(`/api/supervision/accountability/${entry.id}/reply`, { text: '说明' }, p.handler)).statusCode).toBe(409);
    expect((await post(`/api/supervision/accountability/${entry.id}/serve`, {}, p.handler)).statusCode).toBe(403);
    expect((await post(`/api/supervision/accountability/${entry.id}/serve`, {})).json().status).toBe('served');
    expect((await post(`/api/supervision/accountability/${entry.id}/reply`, { text: '' }, p.handler)).statusCode).toBe(400);
    expect((await post(`/api/supervision/accountability/${entry.id}/reply`, { text: '系承办人误用事项，已纠正并组织学习' }, p.handler)).json()).toMatchObject({ status: 'replied' });
    const rect = await post(`/api/supervision/accountability/${entry.id}/rectification`, { advice: '建立事项依据核对制度', responseDays: 20 });
    expect(rect.statusCode, rect.body).toBe(201);
    expect(rect.json()).toMatchObject({ kind: 'rectification_advice' });
    expect((await post(`/api/supervision/accountability/${entry.id}/close`, { text: '整改到位，予以办结' })).json()).toMatchObject({ status: 'closed', conclusion: '整改到位，予以办结' });
    expect((await post(`/api/supervision/accountability/${entry.id}/close`, { text: '再次' })).statusCode).toBe(409);

    const detail = (await get(`/api/supervision/accountability/${entry.id}`)).json();
    expect(detail.actions.map((a: any) => a.action)).toEqual(['create', 'document', 'serve', 'reply', 'document', 'close']);
    expect(detail.documents.map((d: any) => d.kind)).toEqual(['inquiry_notice', 'rectification_advice']);
    expect(detail.alerts).toMatchObject([{ id: red.id, level: 'red' }]);
    expect((await get(`/api/supervision/accountability/${entry.id}`, farSup)).statusCode).toBe(404);

    // the register: the city's supervisor sees it (filters), the department its own, another city nothing
    const reg = (await get('/api/supervision/accountability?region=511700&kind=inquiry')).json();
    expect(reg.entries.map((e: any) => e.entryNo)).toEqual([entry.entryNo]);
    expect(reg.summary).toMatchObject({ total: 1, closed: 1 });
    expect((await get('/api/supervision/accountability?kind=interview')).json().entries).toEqual([]);
    expect((await get(`/api/supervision/accountability?alertId=${red.id}`)).json().entries).toHaveLength(1);
    expect((await get('/api/supervision/accountability', p.handler)).json().entries).toHaveLength(1);
    expect((await get('/api/supervision/accountability', farSup)).json().entries).toEqual([]);

    // facts stay as written: only the status columns change, actions are append-only
    await expect(p.db.query(`UPDATE accountability_entries SET reason = 'x' WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    await expect(p.db.query(`DELETE FROM accountability_actions`)).rejects.toThrow(/append-only/);
  }, 90_000);

  it('约谈, 告诫, 通报批评 and 追究建议 against a department each bring their notice', async () => {
    const kinds = [['interview', '约谈通知书', '通川约'], ['admonition', '告诫书', '通川诫'], ['circular', '通报批评决定书', '通川通报'], ['liability_proposal', '责任追究建议书', '通川追责']] as const;
    for (const [kind, name, prefix] of kinds) {
      const r = await post('/api/supervision/accountability', { kind, targetKind: 'department', departmentCode: DEPT, reason: '报警案件督办不及时', requirement: '限期整改' });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().document).toMatchObject({ kindName: name, docNo: `${prefix}〔2026〕1号` });
      expect(r.json().entry.targetName).toBe('通川区生态环境局');
      const text = await pdfText((await get(`/api/documents/${r.json().document.id}/pdf`)).rawPayload);
      expect(text).toContain(name);
      expect(text).toContain('报警案件督办不及时');
    }
    const audit = await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'accountability.create' AND outcome = 'success'`);
    expect(audit[0].n).toBe(5);
  }, 60_000);
});
