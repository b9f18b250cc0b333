import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlerts } from '../../src/store/supervision/alert.store.js';
import { insertEntry, type AccountabilityEntry } from '../../src/store/supervision/accountability.store.js';
import { insertRating, type RatingRow } from '../../src/store/supervision/rating.store.js';
import { insertPersonalRead } from '../../src/store/personal-data.store.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';

/**
 * Issue 24 item 7: exports run on the server, are registered and audited, and exporting supervision
 * or personal data needs a leader's approval (川办发〔2014〕2号 电子监察办法 第十五条).
 */
describe('audited and approved exports (第十五条)', () => {
  let p: TestPlatform;
  let handler: { authorization: string };
  let leader: { authorization: string };
  let leaderElsewhere: { authorization: string };
  let selfLeader: { authorization: string };
  const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) => p.app.inject({ method, url, headers, payload: payload as any });
  const audit = (action: string, target: string) =>
    p.db.query<{ outcome: string; details: any; actor_name: string }>('SELECT outcome, details, actor_name FROM audit_log WHERE action = $1 AND target = $2 ORDER BY seq', [action, target]);

  beforeAll(async () => {
    p = await testPlatform();
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区市场监管局', '511702');
    await seedDepartment(p.db, '511702-JYJ', '通川区教育局', '511702');
    await seedDepartment(p.db, '510411-STJ', '仁和区市场监管局', '510411');
    const al = (id: string, caseNo: string, dept: string, region: string, level: 'red' | 'yellow') =>
      ({ id, code: 'DEADLINE_OVERDUE' as const, level, subjectKind: 'case' as const, subjectId: caseNo, step: null, caseNo, departmentCode: dept, regionCode: region, message: `办件 ${caseNo} 超承诺时限` });
    await raiseAlerts(p.db, [
      al('ex-a1', 'EX-1', '511702-STJ', '511702', 'red'), al('ex-a2', 'EX-2', '511702-STJ', '511702', 'yellow'),
      al('ex-a3', 'EX-3', '511702-JYJ', '511702', 'red'), al('ex-a4', 'EX-4', '510411-STJ', '510411', 'red'),
    ], new Date('2026-03-02T01:00:00Z'));
    await seedUser(p.db, { username: 'ex_handler', role: 'handler', region: '511702', department: '511702-STJ' });
    await seedUser(p.db, { username: 'ex_leader', role: 'leader', region: '511702' });
    await seedUser(p.db, { username: 'ex_leader_pzh', role: 'leader', region: '510400' });
    await seedUser(p.db, { username: 'ex_self', role: 'leader', region: '511702' });
    handler = await bearer(p.app, 'ex_handler');
    leader = await bearer(p.app, 'ex_leader');
    leaderElsewhere = await bearer(p.app, 'ex_leader_pzh');
    selfLeader = await bearer(p.app, 'ex_self');
  }, 60_000);
  afterAll(() => p.close());

  it('an export of alerts is pending, and its download is refused (and audited) before approval', async () => {
    const noPurpose = await call('POST', '/api/exports', handler, { list: 'alerts', filters: {} });
    expect(noPurpose.statusCode).toBe(400);
    const res = await call('POST', '/api/exports', handler, { list: 'alerts', filters: { level: 'red' }, purpose: '月度整改通报' });
    expect(res.statusCode, res.body).toBe(201);
    const req = res.json();
    expect(req).toMatchObject({ list: 'alerts', status: 'pending', approvalRequired: true, purpose: '月度整改通报', regionCode: '511702', departmentCode: '511702-STJ' });
    const dl = await call('GET', `/api/exports/${req.id}/file`, handler);
    expect(dl.statusCode).toBe(403);
    expect(dl.json().error.message).toMatch(/尚未经单位分管领导批准/);
    expect((await audit('export.download', req.id)).map((r) => r.outcome)).toEqual(['denied']);
    expect((await audit('export.request', 'alerts')).at(-1)?.details).toMatchObject({ id: req.id, filters: { level: 'red' }, status: 'pending' });
  });

  it('the requester may not approve it; a leader of another region may not; the leader of the unit does, and the file holds the rows in scope only', async () => {
    // the requester holds the leader role too: still no self-approval
    const own = (await call('POST', '/api/exports', selfLeader, { list: 'alerts', filters: {}, purpose: '自查' })).json();
    const self = await call('POST', `/api/exports/${own.id}/decision`, selfLeader, { approve: true, reason: '同意' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toMatch(/不得审批本人/);
    // the handler's request
    const req = (await call('POST', '/api/exports', handler, { list: 'alerts', filters: {}, purpose: '整改台账' })).json();
    const elsewhere = await call('POST', `/api/exports/${req.id}/decision`, leaderElsewhere, { approve: true, reason: '同意' });
    expect(elsewhere.statusCode).toBe(403);
    expect((await call('GET', '/api/exports/approvals?status=pending', leaderElsewhere)).json().exports.map((e: any) => e.id)).not.toContain(req.id);
    expect((await call('GET', '/api/exports/approvals?status=pending', leader)).json().exports.map((e: any) => e.id)).toContain(req.id);
    const byHandler = await call('POST', `/api/exports/${req.id}/decision`, handler, { approve: true, reason: '同意' });
    expect(byHandler.statusCode).toBe(403);
    const ok = await call('POST', `/api/exports/${req.id}/decision`, leader, { approve: true, reason: '同意, 仅用于整改' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decisionReason: '同意, 仅用于整改' });
    expect((await call('POST', `/api/exports/${req.id}/decision`, leader, { approve: false, reason: '再议' })).statusCode).toBe(409);

    const dl = await call('GET', `/api/exports/${req.id}/file`, handler);
    expect(dl.statusCode, dl.body).toBe(200);
    expect(dl.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(dl.rawPayload as any);
    const ws = wb.getWorksheet('预警报警')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('办件编号');
    const col = header.indexOf('办件编号') + 1;
    const caseNos: string[] = [];
    ws.eachRow((row, n) => { if (n > 1) caseNos.push(String(row.getCell(col).value)); });
    // the handler's department only (not the other department of the region, nor another region)
    expect(caseNos.sort()).toEqual(['EX-1', 'EX-2']);
    expect(ws.getRow(2).getCell(header.indexOf('部门') + 1).value).toBe('通川区市场监管局');

    const [rec] = (await audit('export.download', req.id)).filter((r) => r.outcome === 'success');
    expect(rec.details).toMatchObject({ list: 'alerts', rows: 2 });
    expect(rec.actor_name).toBe('ex_handler');
    const reg = await p.db.query<{ row_count: number; account_name: string }>('SELECT row_count, account_name FROM export_downloads WHERE request_id = $1', [req.id]);
    expect(reg).toEqual([{ row_count: 2, account_name: 'ex_handler' }]);
    const mine = (await call('GET', '/api/exports', handler)).json().exports.find((e: any) => e.id === req.id);
    expect(mine).toMatchObject({ status: 'approved', downloads: 1, lastRowCount: 2, decidedByName: 'ex_leader' });
    // the refusals are in the audit log too: the leader of another region, the handler, then the approval
    expect((await audit('export.approve', req.id)).map((r) => `${r.actor_name}:${r.outcome}`)).toEqual(['ex_leader_pzh:denied', 'ex_handler:denied', 'ex_leader:success']);
    expect((await audit('export.approve', own.id)).map((r) => r.outcome)).toEqual(['denied']);
    // only the requester downloads
    expect((await call('GET', `/api/exports/${req.id}/file`, leader)).statusCode).toBe(403);
  });

  it('a refused request cannot be downloaded; an approval expires after 7 days', async () => {
    const req = (await call('POST', '/api/exports', handler, { list: 'alerts', filters: {}, purpose: '外报' })).json();
    expect((await call('POST', `/api/exports/${req.id}/decision`, leader, { approve: false, reason: '' })).statusCode).toBe(400);
    const no = await call('POST', `/api/exports/${req.id}/decision`, leader, { approve: false, reason: '不得对外提供监察数据' });
    expect(no.json()).toMatchObject({ status: 'refused', decisionReason: '不得对外提供监察数据' });
    const dl = await call('GET', `/api/exports/${req.id}/file`, handler);
    expect(dl.statusCode).toBe(403);
    expect(dl.json().error.message).toMatch(/未获批准/);
    expect(await p.db.query('SELECT 1 FROM export_downloads WHERE request_id = $1', [req.id])).toEqual([]);

    const later = (await call('POST', '/api/exports', handler, { list: 'alerts', filters: {}, purpose: '季度检查' })).json();
    await call('POST', `/api/exports/${later.id}/decision`, leader, { approve: true, reason: '同意' });
    p.clock.set(new Date(p.clock.now().getTime() + 8 * 86400_000));
    const late = await call('GET', `/api/exports/${later.id}/file`, handler);
    expect(late.statusCode).toBe(403);
    expect(late.json().error.message).toMatch(/过期/);
    expect((await call('GET', '/api/exports', handler)).json().exports.find((e: any) => e.id === later.id).status).toBe('expired');
  });

  it('a public list exports at once, still registered and audited; a list one may not read is refused', async () => {
    const req = (await call('POST', '/api/exports', handler, { list: 'departments', filters: {} })).json();
    expect(req).toMatchObject({ status: 'approved', approvalRequired: false });
    const dl = await call('GET', `/api/exports/${req.id}/file`, handler);
    expect(dl.statusCode, dl.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(dl.rawPayload as any);
    const rows = wb.getWorksheet('部门')!.rowCount - 1;
    expect(rows).toBeGreaterThan(0);
    const [rec] = await audit('export.download', req.id);
    expect(rec).toMatchObject({ outcome: 'success', details: { list: 'departments', rows } });
    expect(await p.db.query('SELECT row_count FROM export_downloads WHERE request_id = $1', [req.id])).toEqual([{ row_count: rows }]);
    // a handler does not read the audit trail, so cannot export it
    const audits = await call('POST', '/api/exports', handler, { list: 'audit', filters: {}, purpose: '检查' });
    expect(audits.statusCode).toBe(403);
  });

  it('lists which exports need approval: supervision and personal data do, the public lists do not (第十五条)', async () => {
    const { lists } = (await call('GET', '/api/exports/lists', handler)).json();
    const needs = Object.fromEntries(lists.map((l: { key: string; approvalRequired: boolean }) => [l.key, l.approvalRequired]));
    expect(needs).toEqual({
      alerts: true, orders: true, statistics: true, 'daily-log': true, patrols: true, evaluation: true, audit: true, cases: true, complaints: true, users: true,
      ratings: true, accountability: true, 'personal-data-reads': true, 'sampling-ledger': true,
      catalog: false, regions: false, departments: false,
    });
    expect(lists.find((l: any) => l.key === 'audit').allowed).toBe(false);
    expect(lists.find((l: any) => l.key === 'alerts').allowed).toBe(true);
  });

  it('the supervision registers (daily log, patrols, evaluation) need their filters and their permission; a city-level request needs a city leader', async () => {
    await seedUser(p.db, { username: 'ex_sup', role: 'supervisor', region: '511700' });
    const sup = await bearer(p.app, 'ex_sup');
    expect((await call('POST', '/api/exports', sup, { list: 'daily-log', filters: {}, purpose: '日志存档' })).statusCode).toBe(400);
    const ok = await call('POST', '/api/exports', sup, { list: 'daily-log', filters: { date: '2026-03-02' }, purpose: '日志存档' });
    expect(ok.json()).toMatchObject({ status: 'pending', filtersText: '日期：2026-03-02' });
    expect((await call('POST', '/api/exports', sup, { list: 'evaluation', filters: { region: '511700', period: '2026-13x' }, purpose: '考评通报' })).statusCode).toBe(400);
    const ev = (await call('POST', '/api/exports', sup, { list: 'evaluation', filters: { region: '511700', period: '2026-02' }, purpose: '考评通报' })).json();
    expect(ev.status).toBe('pending');
    // a leader of the city approves (the county's leader does not cover a city-level request)
    expect((await call('POST', `/api/exports/${ev.id}/decision`, leader, { approve: true, reason: '同意' })).statusCode).toBe(403);
    await seedUser(p.db, { username: 'ex_leader_city', role: 'leader', region: '511700' });
    const city = await bearer(p.app, 'ex_leader_city');
    expect((await call('POST', `/api/exports/${ev.id}/decision`, city, { approve: true, reason: '同意' })).statusCode).toBe(200);
    const dl = await call('GET', `/api/exports/${ev.id}/file`, sup);
    // built at download by the list's own service: here no scheme is in force, and its answer passes through
    expect(dl.statusCode).toBe(404);
    expect(dl.json().error.message).toMatch(/无适用的考评细则/);
    expect((await call('POST', '/api/exports', handler, { list: 'patrols', filters: { from: '2026-03-02', to: '2026-03-06' }, purpose: '查看' })).statusCode).toBe(403);
  });

  /** Requests an export, checks it waits for approval, has `approver` approve it, downloads it and reads the sheet back as rows keyed by header. */
  async function approvedSheet(requester: { authorization: string }, list: string, filters: Record<string, string>, approver: { authorization: string }, sheet: string) {
    const res = await call('POST', '/api/exports', requester, { list, filters, purpose: '专项检查' });
    expect(res.statusCode, res.body).toBe(201);
    const req = res.json();
    expect(req).toMatchObject({ list, status: 'pending', approvalRequired: true });
    expect((await call('GET', `/api/exports/${req.id}/file`, requester)).statusCode).toBe(403);
    const ok = await call('POST', `/api/exports/${req.id}/decision`, approver, { approve: true, reason: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    const dl = await call('GET', `/api/exports/${req.id}/file`, requester);
    expect(dl.statusCode, dl.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(dl.rawPayload as any);
    const ws = wb.getWorksheet(sheet)!;
    expect(ws, `sheet ${sheet}`).toBeTruthy();
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Record<string, string>[] = [];
    ws.eachRow((row, n) => { if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value == null ? '' : String(row.getCell(i + 1).value)]))); });
    return { req, header, rows, text: JSON.stringify(rows) };
  }

  it('好差评 exports after approval, in scope, in Chinese, the rater only masked', async () => {
    const rating = (id: string, caseNo: string, dept: string, region: string, level: number, realName: boolean): RatingRow => ({
      id, subjectKind: 'case', caseId: `case-${id}`, caseNo, complaintId: null, complaintNo: null, departmentCode: dept, regionCode: region, rating: level,
      indicators: { attitude: level, efficiency: 4 }, reason: level <= 2 ? '窗口推诿，多次往返' : null, comment: '评价内容', channel: 'window', realName,
      raterName: realName ? '张三丰' : null, raterPhone: realName ? '13812345678' : null, ratedAt: new Date('2026-03-03T02:00:00Z'),
    });
    await insertRating(p.db, rating('rt-1', 'RT-1', '511702-STJ', '511702', 1, true));
    await insertRating(p.db, rating('rt-2', 'RT-2', '511702-JYJ', '511702', 5, false));
    await insertRating(p.db, rating('rt-3', 'RT-3', '510411-STJ', '510411', 2, true));
    await seedUser(p.db, { username: 'ex_sup_tc', role: 'supervisor', region: '511702' });
    const sup = await bearer(p.app, 'ex_sup_tc');

    const all = await approvedSheet(sup, 'ratings', {}, leader, '好差评');
    expect(all.rows.map((r) => r['对象']).sort()).toEqual(['RT-1', 'RT-2']);
    const bad = all.rows.find((r) => r['对象'] === 'RT-1')!;
    expect(bad).toMatchObject({ '部门': '通川区市场监管局', '评价': '非常不满意', '渠道': '窗口评价器', '实名': '实名', '评价人（脱敏）': '张**', '联系电话（脱敏）': '138****5678', '差评理由': '窗口推诿，多次往返' });
    expect(bad['分项评价']).toContain('服务态度 1');
    expect(all.rows.find((r) => r['对象'] === 'RT-2')).toMatchObject({ '评价': '非常满意', '实名': '匿名', '评价人（脱敏）': '' });
    // never the rater as given, nor a raw code
    expect(all.text).not.toMatch(/张三丰|13812345678|very_|window|attitude|511702-/);
    // filtered: 差评 only, named in Chinese on the request
    const f = (await call('POST', '/api/exports', sup, { list: 'ratings', filters: { level: 'bad' }, purpose: '差评整改' })).json();
    expect(f.filtersText).toBe('级别：差评');
    // the department's handler: its own department's ratings only
    const own = await approvedSheet(handler, 'ratings', {}, leader, '好差评');
    expect(own.rows.map((r) => r['对象'])).toEqual(['RT-1']);
  });

  it('问责台账 exports after approval, in scope, with its kinds and states in Chinese', async () => {
    const entry = (id: string, dept: string, region: string, kind: AccountabilityEntry['kind'], status: AccountabilityEntry['status']): AccountabilityEntry => ({
      id, entryNo: `问责-${id}`, regionCode: region, kind, targetKind: 'department', departmentCode: dept, postId: null, officerId: null, targetName: `对象${id}`,
      reason: '红牌报警未整改', requirement: '书面说明', replyDueAt: new Date('2026-03-10T09:00:00Z'), alertIds: [], orderIds: [], evaluationPeriods: [],
      status, reply: null, repliedAt: null, closedAt: null, conclusion: null, createdById: null, createdByName: '监察员甲',
      createdAt: new Date('2026-03-03T02:00:00Z'), updatedAt: new Date('2026-03-03T02:00:00Z'),
    });
    await insertEntry(p.db, entry('ac-1', '511702-STJ', '511702', 'inquiry', 'served'));
    await insertEntry(p.db, entry('ac-2', '511702-JYJ', '511702', 'circular', 'draft'));
    await insertEntry(p.db, entry('ac-3', '510411-STJ', '510411', 'interview', 'served'));
    const sup = await bearer(p.app, 'ex_sup_tc');
    const all = await approvedSheet(sup, 'accountability', {}, leader, '问责台账');
    expect(all.rows.map((r) => r['编号']).sort()).toEqual(['问责-ac-1', '问责-ac-2']);
    expect(all.rows.find((r) => r['编号'] === '问责-ac-1')).toMatchObject({ '问责方式': '函询', '状态': '已送达', '对象类别': '部门', '部门': '通川区市场监管局', '地区': '通川区', '事由': '红牌报警未整改' });
    expect(all.rows.find((r) => r['编号'] === '问责-ac-2')).toMatchObject({ '问责方式': '通报批评', '状态': '拟办' });
    expect(all.text).not.toMatch(/inquiry|circular|served|draft|department|511702/);
    const f = (await call('POST', '/api/exports', sup, { list: 'accountability', filters: { kind: 'inquiry', status: 'served' }, purpose: '问责统计' })).json();
    expect(f.filtersText).toBe('类型：函询；状态：已送达');
    expect((await call('POST', '/api/exports', sup, { list: 'accountability', filters: { kind: 'fine' }, purpose: '问责统计' })).statusCode).toBe(400);
    // the department: its own entries only
    const own = await approvedSheet(handler, 'accountability', {}, leader, '问责台账');
    expect(own.rows.map((r) => r['编号'])).toEqual(['问责-ac-1']);
  });

  it('个人信息查阅记录: the audit administrator exports them after a leader of the province approves; a regional auditor and a handler may not', async () => {
    const read = (ref: string, kind: 'case' | 'complaint', dept: string, region: string, fields: string[]) =>
      insertPersonalRead(p.db, { at: new Date('2026-03-03T03:00:00Z'), actorId: 'u-1', actorName: '经办人乙', actorKind: 'user', subjectKind: kind, subjectRef: ref, departmentCode: dept, regionCode: region, fields, purpose: '电话回访' });
    await read('PR-1', 'case', '511702-STJ', '511702', ['name', 'phone']);
    await read('PR-2', 'complaint', '510411-STJ', '510411', ['address']);
    await seedUser(p.db, { username: 'ex_auditor', role: 'audit_admin' });
    await seedUser(p.db, { username: 'ex_auditor_tc', role: 'audit_admin', region: '511702' });
    await seedUser(p.db, { username: 'ex_leader_prov', role: 'leader' });
    const auditor = await bearer(p.app, 'ex_auditor');
    const prov = await bearer(p.app, 'ex_leader_prov');
    // the list is the audit administrator's (三员分立): others cannot export it
    expect((await call('POST', '/api/exports', handler, { list: 'personal-data-reads', filters: {}, purpose: '检查' })).statusCode).toBe(403);
    const regional = await bearer(p.app, 'ex_auditor_tc');
    expect((await call('POST', '/api/exports', regional, { list: 'personal-data-reads', filters: {}, purpose: '检查' })).statusCode).toBe(403);
    expect((await call('GET', '/api/exports/lists', regional)).json().lists.find((l: any) => l.key === 'personal-data-reads').allowed).toBe(false);
    // an auditor of the whole platform: a county's leader does not cover the request, the province's does
    const req = (await call('POST', '/api/exports', auditor, { list: 'personal-data-reads', filters: { subject: 'PR-1' }, purpose: '季度审计' })).json();
    expect(req).toMatchObject({ status: 'pending', filtersText: '对象：PR-1' });
    expect((await call('POST', `/api/exports/${req.id}/decision`, leader, { approve: true, reason: '同意' })).statusCode).toBe(403);
    const all = await approvedSheet(auditor, 'personal-data-reads', {}, prov, '个人信息查阅记录');
    expect(all.rows.map((r) => r['对象']).sort()).toEqual(['PR-1', 'PR-2']);
    expect(all.rows.find((r) => r['对象'] === 'PR-1')).toMatchObject({ '查阅人': '经办人乙', '类别': '案件当事人', '部门': '通川区市场监管局', '地区': '通川区', '字段': '姓名、电话', '用途': '电话回访' });
    expect(all.rows.find((r) => r['对象'] === 'PR-2')).toMatchObject({ '类别': '投诉人', '字段': '地址' });
    expect(all.text).not.toMatch(/complaint|address|phone|511702-/);
  });

  it('the cases export takes 待受理 (online applications) as a status', async () => {
    const r = (await call('POST', '/api/exports', handler, { list: 'cases', filters: { status: 'submitted' }, purpose: '网上申请清单' })).json();
    expect(r).toMatchObject({ status: 'pending', filtersText: '状态：待受理' });
  });

  it('the register is history: its facts cannot be changed or deleted', async () => {
    await expect(p.db.query(`UPDATE export_downloads SET row_count = 0`)).rejects.toThrow(/append-only/);
    await expect(p.db.query(`UPDATE export_requests SET purpose = 'x'`)).rejects.toThrow(/append-only/);
    await expect(p.db.query(`DELETE FROM export_requests`)).rejects.toThrow(/append-only/);
  });
});
