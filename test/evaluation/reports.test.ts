import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledReports } from '../../src/services/evaluation/report.service.js';
import { evalPlatform, SCHEME, type EvalPlatform } from './eval-helpers.js';
import { loadFixture } from './fixture.js';

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/**
 * The fixture of fixture.ts, March 2026 in 达州市 (511700), counted by hand:
 *  received (accepted in March): A1 A2 A5 A4 of 511702-STJ, C1 of 511703-STJ → 4 + 1 = 5 (A3 was accepted in February)
 *  handled (accepted before April, not concluded before March): A1 A2 A3 A4 A5 + C1 → 6
 *  concluded in March: A1 A3 A2 + C1 → 4; on time A1 A3 C1 → 3 (A2 late): 75%; early (before the warning instant,
 *    60-day items) A1 A3 C1 → 3; conclusion rate 4/6 = 66.67%
 *  alerts of March, withdrawn and revoked left out: 511702-STJ red 4 yellow 1, 511703-STJ red 1 → red 5, yellow 1;
 *    by code: 超承诺时限 red 2, 临近时限 red 1 yellow 1, 督办逾期 red 1, 公开异常 red 1; explained (this test adds one) 1 of 6
 *  complaints (all against 511702-STJ) received in March 2, concluded 2, upheld 1 (the third is of April)
 *  ratings in March: 5 and 2 → 2, mean 3.5, satisfied (4–5) 1 → 50%
 *  zero cases: 511702-SJJ, explained (this test files it)
 *  scores: as review.test.ts: 511703-STJ 109 (1), 511702-SJJ 100 (2), 511702-STJ 93.67 (3)
 */
describe('supervision reports (监察报告): figures, PDF and Excel, archive, approval, schedule', () => {
  let p: EvalPlatform;
  let id: string;
  const MARCH = { region: '511700', kind: 'monthly', period: '2026-03' };
  const file = async (rid: string, q: string, who: keyof EvalPlatform['h'] = 'sup') => {
    const res = await p.app.inject({ method: 'GET', url: `/api/supervision/reports/${rid}/file?${q}`, headers: p.h[who] });
    return { status: res.statusCode, body: res.rawPayload, headers: res.headers, json: () => res.json() };
  };
  beforeAll(async () => {
    p = await evalPlatform();
    await loadFixture(p);
    await p.send('PUT', '/api/evaluation/v1/schemes/511700', SCHEME);
    await p.db.query(`UPDATE supervision_alerts SET response = '{"kind": "explain", "text": "系统故障"}'::jsonb WHERE code = 'DEADLINE_WARNING' AND level = 'red'`);
    await p.db.query(`INSERT INTO zero_case_explanations (department_code, month, explanation, signed_by, filed_by, filed_at, version)
      VALUES ('511702-SJJ', '2026-03', '本月无申请事项', '李局长', NULL, '2026-04-01T02:00:00Z', 1)`);
  }, 180_000);
  afterAll(() => p.close());

  it('refuses a period not yet ended, a bad period, and anyone but the region\'s supervisor', async () => {
    expect((await p.send('POST', '/api/supervision/reports', { ...MARCH, period: '2026-04' })).status).toBe(409);
    expect((await p.send('POST', '/api/supervision/reports', { ...MARCH, period: '2026-3' })).body.error.details).toMatchObject({ field: 'period' });
    expect((await p.send('POST', '/api/supervision/reports', { ...MARCH, kind: 'weekly' })).status).toBe(400);
    expect((await p.send('POST', '/api/supervision/reports', MARCH, 'leader')).status).toBe(403);
    expect((await p.send('POST', '/api/supervision/reports', MARCH, 'countySup')).status).toBe(403);
    expect((await p.send('POST', '/api/supervision/reports', { region: '511700', kind: 'subject', period: '2026-03-01~2026-03-31' })).body.error.details).toMatchObject({ field: 'subject' });
  });

  it('generates a draft whose figures are the hand counts and add up', async () => {
    const r = await p.send('POST', '/api/supervision/reports', MARCH);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: true, report: { status: 'draft', revision: 1, title: '达州市电子监察工作月报（2026年3月）', docNo: null } });
    id = r.body.report.id;
    const d = (await p.get(`/api/supervision/reports/${id}`)).body;
    const f = d.figures;
    expect(f.totals).toMatchObject({ received: 5, handled: 6, concluded: 4, onTime: 3, early: 3, yellow: 1, red: 5, explained: 1,
      ordersIssued: 0, complaints: 2, complaintsConcluded: 2, complaintsUpheld: 1, ratings: 2, ratingSum: 7, satisfied: 1 });
    expect(f.totals.ratios).toEqual({ onTime: 0.75, early: 0.75, conclusion: 0.6667, ordersAnswered: null, explained: 0.1667, satisfied: 0.5, meanRating: 3.5 });
    const byDept = Object.fromEntries(f.departments.map((x: any) => [x.code, [x.received, x.concluded, x.onTime, x.yellow, x.red, x.complaints, x.ratios.onTime]]));
    expect(byDept).toEqual({ '511702-SJJ': [0, 0, 0, 0, 0, 0, null], '511702-STJ': [4, 3, 2, 1, 4, 2, 0.6667], '511703-STJ': [1, 1, 1, 0, 1, 0, 1] });
    // every total is the sum of the department rows
    for (const k of Object.keys(f.totals).filter((k) => k !== 'ratios')) expect(f.departments.reduce((n: number, x: any) => n + x[k], 0)).toBe(f.totals[k]);
    expect(f.byCode.map((c: any) => [c.name, c.yellow, c.red])).toEqual([['超承诺时限', 0, 2], ['临近时限', 1, 1], ['公开异常', 0, 1], ['督办逾期', 0, 1]]);
    expect(f.byCode.reduce((n: number, c: any) => n + c.yellow + c.red, 0)).toBe(6);
    expect(f.zeroCaseDepartments).toEqual([{ code: '511702-SJJ', name: '通川区市场监督管理局', explained: true }]);
    expect(f.scores.departments.map((s: any) => [s.code, s.score, s.rank])).toEqual([['511703-STJ', 109, 1], ['511702-SJJ', 100, 2], ['511702-STJ', 93.67, 3]]);
    expect(d.documents.map((x: any) => [x.format, x.status, x.intact])).toEqual([['pdf', 'draft', true], ['xlsx', 'draft', true]]);
  });

  it('the PDF holds its Chinese text, the figures and a chart; the Excel reads back the same figures', async () => {
    const pdf = await file(id, 'format=pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.body);
    for (const s of ['达州市电子监察工作月报（2026年3月）', '一、总体情况', '二、各部门办件情况', '三、预警报警情况', '五、零办件与预警说明', '六、考评得分与排名',
      '共受理办件 5 件', '办结 4 件', '按时办结 3 件', '按时办结率 75%', '黄灯预警 1 次、红灯报警 5 次', '收到投诉 2 件', '平均 3.50 分', '满意率 50%',
      '通川区生态环境局', '66.67%', '图1 各部门办结与亮灯情况', '本月无申请事项', '93.67', '草稿']) {
      expect(text, s).toContain(s);
    }
    const xlsx = await file(id, 'format=xlsx');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['概况', '各部门', '预警类型', '零办件说明', '考评排名']));
    const depts = wb.getWorksheet('各部门')!;
    const header = (depts.getRow(1).values as any[]).slice(1);
    const rows = [] as Record<string, unknown>[];
    depts.eachRow((row, n) => { if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, (row.values as any[])[i + 1]]))); });
    expect(rows.find((r) => r['部门'] === '合计')).toMatchObject({ 受理: 5, 办结: 4, 按时办结: 3, 按时办结率: '75%', 黄灯: 1, 红灯: 5, 投诉: 2 });
    expect(rows.find((r) => r['部门代码'] === '511702-STJ')).toMatchObject({ 受理: 4, 办结: 3, 按时办结: 2, 按时办结率: '66.67%' });
    const ranks: unknown[][] = [];
    wb.getWorksheet('考评排名')!.eachRow((row, n) => { if (n > 1) ranks.push((row.values as any[]).slice(1)); });
    expect(ranks).toEqual([[1, '达川区生态环境局', 109], [2, '通川区市场监督管理局', 100], [3, '通川区生态环境局', 93.67]]);
  });

  it('the archived report\'s hash verifies; bytes changed behind the database\'s back are refused (EVIDENCE_ALTERED)', async () => {
    const d = (await p.get(`/api/supervision/reports/${id}`)).body;
    const pdf = await file(id, 'format=pdf');
    const archived = d.documents.find((x: any) => x.format === 'pdf');
    expect(createHash('sha256').update(pdf.body).digest('hex')).toBe(archived.sha256);
    expect(pdf.headers['x-content-sha256']).toBe(archived.sha256);
    // a second report, tampered with
    const t = await p.send('POST', '/api/supervision/reports', { region: '511700', kind: 'subject', period: '2026-03-01~2026-03-15', subject: '超时办件' });
    expect(t.status).toBe(200);
    const tid = t.body.report.id;
    expect(t.body.report.title).toBe('达州市电子监察专题分析报告：超时办件');
    const doc = (await p.get(`/api/supervision/reports/${tid}`)).body.documents.find((x: any) => x.format === 'xlsx');
    await p.db.tx(async (q) => {
      await q.query(`ALTER TABLE archived_documents DISABLE TRIGGER archived_documents_append_only`);
      await q.query(`UPDATE archived_documents SET content = convert_to('改过', 'UTF8') WHERE id = $1`, [doc.id]);
      await q.query(`ALTER TABLE archived_documents ENABLE TRIGGER archived_documents_append_only`);
    });
    const bad = await file(tid, 'format=xlsx');
    expect(bad.status).toBe(409);
    expect(bad.json().error.code).toBe('EVIDENCE_ALTERED');
    expect((await p.get(`/api/supervision/reports/${tid}`)).body.documents.find((x: any) => x.id === doc.id).intact).toBe(false);
  });

  it('a county supervisor cannot read another county\'s report, nor the city\'s; a leader reads but does not approve', async () => {
    const tc = await p.send('POST', '/api/supervision/reports', { region: '511702', kind: 'monthly', period: '2026-03' });
    expect(tc.status).toBe(200);
    const tcId = tc.body.report.id;
    expect(tc.body.report.title).toBe('通川区电子监察工作月报（2026年3月）');
    expect((await p.get(`/api/supervision/reports/${tcId}`, 'countySup')).status).toBe(404);
    expect((await file(tcId, 'format=pdf', 'countySup')).status).toBe(404);
    expect((await p.get(`/api/supervision/reports/${id}`, 'countySup')).status).toBe(404);
    expect((await p.get('/api/supervision/reports', 'countySup')).body.reports).toEqual([]);
    expect((await p.get(`/api/supervision/reports/${tcId}`, 'leader')).status).toBe(200);
    expect((await p.send('POST', `/api/supervision/reports/${tcId}/approve`, {}, 'leader')).status).toBe(403);
    expect((await p.get('/api/supervision/reports', 'handler')).status).toBe(403);
    // the county's figures are its own departments only
    const f = (await p.get(`/api/supervision/reports/${tcId}`, 'leader')).body.figures;
    expect(f.totals).toMatchObject({ received: 4, concluded: 3, onTime: 2, red: 4 });
  });

  it('draft → approved (numbered, new archived documents, same figures) → published; regenerating supersedes a draft, not a published report', async () => {
    // regenerate the draft: revision 2, revision 1 superseded, its documents kept
    const again = await p.send('POST', '/api/supervision/reports', MARCH);
    expect(again.body.report).toMatchObject({ revision: 2, status: 'draft' });
    const old = (await p.get(`/api/supervision/reports/${id}`)).body;
    expect(old.status).toBe('superseded');
    expect(old.documents.every((x: any) => x.intact)).toBe(true);
    id = again.body.report.id;
    expect((await p.send('POST', `/api/supervision/reports/${id}/publish`, {})).status).toBe(409); // not approved yet
    p.at('2026-04-03T10:00:00+08:00');
    const ok = await p.send('POST', `/api/supervision/reports/${id}/approve`, {});
    expect(ok).toMatchObject({ status: 200, body: { status: 'approved', docNo: '达州市监报〔2026〕1号', approvedBy: 'sup' } });
    expect((await p.send('POST', `/api/supervision/reports/${id}/approve`, {})).status).toBe(409);
    const d = (await p.get(`/api/supervision/reports/${id}`)).body;
    expect(d.documents.map((x: any) => [x.format, x.status, x.current])).toEqual([['pdf', 'draft', false], ['xlsx', 'draft', false], ['pdf', 'approved', true], ['xlsx', 'approved', true]]);
    expect(d.documents.find((x: any) => x.status === 'approved' && x.format === 'pdf').docNo).toBe('达州市监报〔2026〕1号');
    const text = await pdfText((await file(id, 'format=pdf')).body);
    expect(text).toContain('达州市监报〔2026〕1号');
    expect(text).toContain('已审定');
    expect(text).toContain('共受理办件 5 件');
    const draftPdf = d.documents.find((x: any) => x.status === 'draft' && x.format === 'pdf');
    expect(await pdfText((await file(id, `document=${draftPdf.id}`)).body)).toContain('草稿');
    const pub = await p.send('POST', `/api/supervision/reports/${id}/publish`, {});
    expect(pub.body).toMatchObject({ status: 'published', publishedBy: 'sup' });
    expect((await p.send('POST', '/api/supervision/reports', MARCH)).status).toBe(409);
    const list = (await p.get('/api/supervision/reports?region=511700', 'sup')).body.reports;
    expect(list.find((r: any) => r.kind === 'monthly')).toMatchObject({ status: 'published', docNo: '达州市监报〔2026〕1号', headline: { received: 5, concluded: 4, onTimeRate: 0.75, yellow: 1, red: 5 } });
    const audit = await p.db.query(`SELECT action FROM audit_log WHERE action LIKE 'report.%' AND outcome = 'success' ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['report.generate', 'report.approve', 'report.publish']));
  });

  it('the leader\'s overview gives the report\'s figures for the same period', async () => {
    const o = await p.get('/api/supervision/overview?region=511700&period=2026-03', 'sup');
    expect(o.status).toBe(200);
    expect(o.body.totals).toMatchObject({ received: 5, concluded: 4, onTime: 3, red: 5, yellow: 1, complaints: 2, ratings: 2 });
    expect(o.body.totals.ratios).toMatchObject({ onTime: 0.75, conclusion: 0.6667, satisfied: 0.5, meanRating: 3.5 });
    expect(o.body.running).toBe(false);
    expect(o.body.latestPublished).toMatchObject({ period: '2026-03', status: 'published' });
    expect((await p.get('/api/supervision/overview?region=511700&period=2026-03', 'countySup')).status).toBe(403);
    const leader = await p.get('/api/supervision/overview?region=511702&period=2026-03', 'leader');
    expect(leader.body.totals).toMatchObject({ received: 4, concluded: 3 });
  });

  it('the engine generates the ended month\'s and quarter\'s drafts once the explanations are due (仁和 二(六): the 3rd), once', async () => {
    // clock 2026-04-03 10:00: the 3rd has not ended
    expect(await runScheduledReports(p.ctx)).toBe(0);
    p.at('2026-04-04T00:00:00+08:00');
    // 511700 (sup): March exists (published), its Q1 made; 511703 (countySup): March and Q1 made
    expect(await runScheduledReports(p.ctx)).toBe(3);
    expect(await runScheduledReports(p.ctx)).toBe(0);
    const all = (await p.get('/api/supervision/reports', 'sup')).body.reports.map((r: any) => [r.region, r.kind, r.period, r.status]);
    expect(all).toEqual(expect.arrayContaining([['511700', 'quarterly', '2026-Q1', 'draft'], ['511703', 'monthly', '2026-03', 'draft'], ['511703', 'quarterly', '2026-Q1', 'draft']]));
    const gen = (await p.get('/api/supervision/reports?region=511703', 'countySup')).body.reports;
    expect(gen.map((r: any) => r.generatedBy)).toEqual(['电子监察引擎', '电子监察引擎']);
  });
  it('scores people and posts from the findings attributed to them (盐城 第二十二条), by the scheme\'s alert indicators, for a month and a year', async () => {
    await p.db.query(`INSERT INTO officers (id, name, department_code) VALUES ('off-1', '张三', '511702-STJ'), ('off-2', '李四', '511702-STJ'), ('off-3', '王五', '511703-STJ')`);
    const attributed = async (dept: string, level: 'red' | 'yellow', officer: [string, string], post: string, code?: string, status?: string) => {
      const aid = `att-${officer[0]}-${Math.random().toString(36).slice(2)}`;
      await p.db.query(
        `INSERT INTO supervision_alerts (id, code, level, subject_kind, subject_id, department_code, region_code, status, message, raised_at, updated_at,
           responsible_officer_id, responsible_officer_name, responsible_post)
         VALUES ($1, $2, $3, 'department', $1, $4, $5, $6, '测试预警', $7, $7, $8, $9, $10)`,
        [aid, code ?? (level === 'red' ? 'DEADLINE_OVERDUE' : 'DEADLINE_WARNING'), level, dept, dept.slice(0, 6), status ?? 'open', new Date('2026-03-20T10:00:00+08:00'), officer[0], officer[1], post]);
    };
    await attributed('511702-STJ', 'red', ['off-1', '张三'], '承办科室');
    await attributed('511702-STJ', 'red', ['off-1', '张三'], '承办科室', 'SUPERVISION_ORDER_OVERDUE');
    await attributed('511702-STJ', 'yellow', ['off-1', '张三'], '承办科室');
    await attributed('511702-STJ', 'red', ['off-2', '李四'], '审核科室');
    await attributed('511702-STJ', 'red', ['off-2', '李四'], '审核科室', undefined, 'withdrawn');
    await attributed('511703-STJ', 'yellow', ['off-9', '赵六'], '窗口');
    // SCHEME: base 100, red −2 (cap 30), yellow −1, orders overdue −3; rates and satisfaction are not a person's
    const r = await p.get('/api/evaluation/v1/people?region=511700&period=2026-03');
    expect(r.status).toBe(200);
    expect(r.body.scheme.indicators.map((i: any) => i.code)).toEqual(['RED_ALERTS', 'YELLOW_ALERTS', 'ORDERS_OVERDUE']);
    const people = r.body.people.map((x: any) => [x.name, x.departmentName, x.red, x.yellow, x.score, x.rank]);
    expect(people).toEqual([
      ['王五', '达川区生态环境局', 0, 0, 100, 1], ['赵六', '达川区生态环境局', 0, 1, 99, 2], ['李四', '通川区生态环境局', 1, 0, 98, 3], ['张三', '通川区生态环境局', 2, 1, 92, 4],
    ]);
    const posts = Object.fromEntries(r.body.posts.map((x: any) => [`${x.department}/${x.post}`, [x.red, x.yellow, x.ordersOverdue, x.score]]));
    expect(posts).toMatchObject({ '511702-STJ/承办科室': [2, 1, 1, 92], '511702-STJ/审核科室': [1, 0, 0, 98], '511703-STJ/窗口': [0, 1, 0, 99] });
    // the year: the same findings (none attributed outside March)
    expect((await p.get('/api/evaluation/v1/people?region=511700&period=2026')).body.people.map((x: any) => x.score)).toEqual([100, 99, 98, 92]);
    // drill down to a county: its own people only; another county's supervisor is refused the city
    expect((await p.get('/api/evaluation/v1/people?region=511703&period=2026-03', 'countySup')).body.people.map((x: any) => x.name)).toEqual(['王五', '赵六']);
    expect((await p.get('/api/evaluation/v1/people?region=511700&period=2026-03', 'countySup')).status).toBe(403);
    expect((await p.get('/api/evaluation/v1/people?region=511700&period=2026-13')).status).toBe(400);
  });
});
