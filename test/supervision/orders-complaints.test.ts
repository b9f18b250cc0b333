import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reg, step, supPlatform, wire, type SupPlatform } from './sup-helpers.js';

describe('supervision orders (督办), complaints (投诉举报) and satisfaction', () => {
  let p: SupPlatform;
  const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = p.sup) => p.app.inject({ method: 'POST', url, headers, payload });
  beforeAll(async () => { p = await supPlatform(); });
  afterAll(() => p.close());

  it('an order unanswered at its deadline raises SUPERVISION_ORDER_OVERDUE (red); answer, return, accept', async () => {
    p.at('2026-03-02T10:00:00+08:00');
    const r = await post('/api/supervision/orders', { departmentCode: '511702-STJ', subject: '群众反映立案拖延', instructions: '请调查并书面反馈' });
    expect(r.statusCode).toBe(200);
    const o = r.json();
    // default 5 working days (盐城 第十四条): Monday 03-02 → end of Monday 03-09
    expect(o.dueAt).toBe(new Date('2026-03-10T00:00:00+08:00').toISOString());
    expect((await post('/api/supervision/orders', { departmentCode: '511702-STJ', subject: 'x', instructions: 'y', responseDays: 25 })).statusCode).toBe(400);
    await p.sweep('2026-03-09T23:00:00+08:00');
    let overdue = await p.alerts('code=SUPERVISION_ORDER_OVERDUE');
    expect(overdue).toEqual([]);
    const s = await p.sweep('2026-03-10T00:30:00+08:00');
    expect(s.ordersOverdue).toBe(1);
    await p.sweep('2026-03-10T00:31:00+08:00');
    overdue = await p.alerts('code=SUPERVISION_ORDER_OVERDUE');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ level: 'red', subjectKind: 'order', subjectId: o.id, departmentCode: '511702-STJ' });
    // the supervisor cannot answer; the department can
    expect((await post(`/api/supervision/orders/${o.id}/answer`, { findings: 'x' })).statusCode).toBe(403);
    const ans = await post(`/api/supervision/orders/${o.id}/answer`, { findings: '已调查，系承办人请假所致，已批评教育', attachments: [{ name: '调查报告.pdf' }] }, p.handler);
    expect(ans.json().status).toBe('answered');
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'return' })).json().error.details).toMatchObject({ field: 'reason' });
    const ret = await post(`/api/supervision/orders/${o.id}/review`, { decision: 'return', reason: '未附整改措施', responseDays: 3 });
    expect(ret.json()).toMatchObject({ status: 'returned' });
    expect(new Date(ret.json().dueAt) > new Date(o.dueAt)).toBe(true);
    await post(`/api/supervision/orders/${o.id}/answer`, { findings: '整改措施：建立立案台账' }, p.handler);
    // 盐城 第二十条: 初审, then 审结
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'accept' })).json().status).toBe('first_reviewed');
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'accept' })).json().status).toBe('accepted');
    const ledger = await p.app.inject({ method: 'GET', url: '/api/supervision/orders?region=511700', headers: p.sup });
    expect(ledger.json().summary).toMatchObject({ total: 1, accepted: 1 });
    const mine = await p.app.inject({ method: 'GET', url: '/api/supervision/orders', headers: p.handler });
    expect(mine.json().orders).toHaveLength(1);
  });

  it('an extension is limited to 10 working days (四川 第九条)', async () => {
    const o = (await post('/api/supervision/orders', { departmentCode: '511702-STJ', subject: '复杂事项', instructions: '调查', responseDays: 20 })).json();
    expect((await post(`/api/supervision/orders/${o.id}/extend`, { workingDays: 6, reason: '情况复杂' })).statusCode).toBe(200);
    const over = await post(`/api/supervision/orders/${o.id}/extend`, { workingDays: 5, reason: '再延' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details).toMatchObject({ field: 'workingDays' });
  });

  it('a public complaint: number and query code; no decision in 5 working days → COMPLAINT_ACCEPTANCE_OVERDUE', async () => {
    p.at('2026-03-16T09:00:00+08:00');
    const sub = await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: {
      kind: 'complaint', realName: true, complainant: { name: '张三', phone: '13800000000' }, regionCode: '511702', departmentCode: '511702-STJ',
      subject: '办事拖延', content: '申请提交两周无人处理' } });
    expect(sub.statusCode).toBe(200);
    const { complaintNo, queryCode, id } = sub.json();
    expect(queryCode).toMatch(/^[2-9A-Z]{8}$/);
    const follow = (code: string) => p.app.inject({ method: 'POST', url: '/api/public/complaints/follow', payload: { complaintNo, queryCode: code } });
    expect((await follow(queryCode)).json()).toMatchObject({ complaintNo, status: 'submitted' });
    expect((await follow('WRONGCODE')).statusCode).toBe(404);
    await p.sweep('2026-03-23T23:00:00+08:00');
    expect(await p.alerts('code=COMPLAINT_ACCEPTANCE_OVERDUE')).toEqual([]);
    await p.sweep('2026-03-24T00:10:00+08:00');
    const al = await p.alerts('code=COMPLAINT_ACCEPTANCE_OVERDUE');
    expect(al).toMatchObject([{ level: 'red', subjectId: id }]);
    // not accepting a real-name complaint needs a written notice to the complainant (成都办法 第十一条)
    const no = await post(`/api/supervision/complaints/${id}/decision`, { accept: false, reason: '不属于受理范围' });
    expect(no.json().error.details).toMatchObject({ field: 'notice' });
    const ok = await post(`/api/supervision/complaints/${id}/decision`, { accept: true });
    expect(ok.json().status).toBe('accepted');
    const tr = await post(`/api/supervision/complaints/${id}/transfer`, { departmentCode: '511702-STJ', workingDays: 10 });
    expect(tr.json().status).toBe('transferred');
    expect((await post(`/api/supervision/complaints/${id}/conclude`, { result: '已督促办理并办结' }, p.handler)).json().status).toBe('concluded');
    expect((await follow(queryCode)).json()).toMatchObject({ status: 'concluded', result: '已督促办理并办结' });
  });

  it('anonymous complaints and consultations; staff entry', async () => {
    const anon = await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { kind: 'report', realName: false, regionCode: '511702', subject: '举报', content: '窗口人员索要好处费' } });
    expect(anon.statusCode).toBe(200);
    const noName = await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { kind: 'complaint', realName: true, regionCode: '511702', subject: 'x', content: 'y' } });
    expect(noName.json().error.details).toMatchObject({ field: 'complainant.name' });
    const cons = (await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { kind: 'consultation', realName: false, regionCode: '511702', subject: '咨询', content: '办理排污许可需要哪些材料？' } })).json();
    await p.sweep('2026-04-30T00:00:00+08:00');
    expect((await p.alerts('code=COMPLAINT_ACCEPTANCE_OVERDUE')).map((a: any) => a.subjectId)).not.toContain(cons.id);
    expect((await post(`/api/supervision/complaints/${cons.id}/conclude`, { result: '请见办事指南' })).json().status).toBe('concluded');
    const staff = await post('/api/supervision/complaints', { kind: 'complaint', realName: false, regionCode: '511702', subject: '来电', content: '电话投诉' });
    expect(staff.json().complaintNo).toMatch(/^TS511702/);
    const list = await p.app.inject({ method: 'GET', url: '/api/supervision/complaints?status=submitted', headers: p.sup });
    expect(list.json().complaints.map((c: any) => c.source)).toContain('staff');
  });

  it('satisfaction of a concluded case, once; the public league table', async () => {
    const c = 'SAT-1';
    await p.pushAt('2026-04-30T10:05:00+08:00', [reg(c, '2026-04-30T10:00:00+08:00')]);
    const qc = (await p.db.query('SELECT query_code FROM cases WHERE case_no = $1', [c]))[0].query_code;
    const rate = (body: Record<string, unknown>) => p.app.inject({ method: 'POST', url: '/api/public/ratings', payload: body });
    expect((await rate({ caseNo: c, queryCode: qc, rating: 'satisfied' })).statusCode).toBe(409); // not concluded yet
    await p.pushAt('2026-04-30T11:05:00+08:00', [step(c, 'register', '2026-04-30T11:00:00+08:00'), wire(`${c}-t`, c, 'case.terminated', '2026-04-30T11:01:00+08:00', { reason: '当事人已整改' })]);
    expect((await rate({ caseNo: c, queryCode: 'BADCODE1', rating: 'satisfied' })).statusCode).toBe(404);
    expect((await rate({ caseNo: c, queryCode: qc, rating: 'very_satisfied', comment: '高效' })).statusCode).toBe(200);
    expect((await rate({ caseNo: c, queryCode: qc, rating: 'dissatisfied' })).statusCode).toBe(409);
    expect(await p.db.query('SELECT rating, department_code FROM satisfaction_ratings WHERE case_no = $1', [c])).toEqual([{ rating: 5, department_code: '511702-STJ' }]);
    // the hall's league shows published evaluation periods only (test/evaluation/review.test.ts): none here
    const league = (await p.app.inject({ method: 'GET', url: '/api/public/league?region=511700' })).json();
    expect(league).toMatchObject({ period: null, departments: [] });
  });
});
