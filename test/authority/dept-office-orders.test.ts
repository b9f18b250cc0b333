import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedUser } from '../helpers/factories.js';
import { supPlatform, wire, reg, type SupPlatform } from '../supervision/sup-helpers.js';

// 川 电子监察办法 第六条; 盐城运行办法 第十三条 (部门监察室); 盐城电子监察办法 第二十条 (初审, 审结)
describe('department supervision offices (部门监察室) and the two-stage review of 督办', () => {
  let p: SupPlatform;
  let office: { authorization: string };
  let otherOffice: { authorization: string };
  let sup2: { authorization: string };
  const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string>) => p.app.inject({ method: 'POST', url, headers, payload });
  beforeAll(async () => {
    p = await supPlatform();
    await seedUser(p.db, { username: 'stj_jcs', role: 'dept_supervisor', region: '511702', department: '511702-STJ' });
    await seedUser(p.db, { username: 'other_jcs', role: 'dept_supervisor', region: '511703', department: '511703-STJ' });
    await seedUser(p.db, { username: 'sup2', role: 'supervisor', region: '511700' });
    office = await bearer(p.app, 'stj_jcs');
    otherOffice = await bearer(p.app, 'other_jcs');
    sup2 = await bearer(p.app, 'sup2');
  });
  afterAll(() => p.close());

  it("the office explains and resolves its own department's alerts, not another department's (403)", async () => {
    // a suspension without reason raises SUSPENSION_WITHOUT_REASON on the case of 511702-STJ
    await p.pushAt('2026-03-02T10:00:00+08:00', [reg('JCS-1', '2026-03-02T09:30:00+08:00'),
      wire('JCS-1-sus', 'JCS-1', 'case.suspended', '2026-03-02T09:40:00+08:00', { reason: '', basis: '' })]);
    const [a] = await p.alerts('caseNo=JCS-1&code=SUSPENSION_WITHOUT_REASON');
    expect(a).toBeDefined();
    const list = await p.app.inject({ method: 'GET', url: '/api/supervision/alerts?caseNo=JCS-1', headers: office });
    expect(list.statusCode).toBe(200);
    expect(list.json().alerts.map((x: { id: string }) => x.id)).toContain(a.id);
    const far = await post(`/api/supervision/alerts/${a.id}/actions`, { action: 'resolve', reason: '已核实' }, otherOffice);
    expect([403, 404]).toContain(far.statusCode);
    // the handler explains; the office resolves (it may not decide on its own explanation)
    expect((await post(`/api/supervision/alerts/${a.id}/actions`, { action: 'explain', reason: '系统录入遗漏，已补正暂停理由' }, p.handler)).json().status).toBe('explained');
    const done = await post(`/api/supervision/alerts/${a.id}/actions`, { action: 'resolve', reason: '说明属实，已整改' }, office);
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('resolved');
    // the office may itself explain an alert of its department, and then not decide on that explanation
    await p.pushAt('2026-03-02T10:10:00+08:00', [reg('JCS-2', '2026-03-02T09:50:00+08:00'),
      wire('JCS-2-sus', 'JCS-2', 'case.suspended', '2026-03-02T09:55:00+08:00', { reason: '', basis: '' })]);
    const [b] = await p.alerts('caseNo=JCS-2&code=SUSPENSION_WITHOUT_REASON');
    expect((await post(`/api/supervision/alerts/${b.id}/actions`, { action: 'explain', reason: '已责令补正理由' }, office)).json().status).toBe('explained');
    const own = await post(`/api/supervision/alerts/${b.id}/actions`, { action: 'resolve', reason: '同意' }, office);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('不得审核本人所作的说明');
    expect((await post(`/api/supervision/alerts/${b.id}/actions`, { action: 'resolve', reason: '同意' }, p.sup)).json().status).toBe('resolved');
  });

  it('the office issues 督办 to its own department and reviews it; refused for another department (403, clear message)', async () => {
    const out = await post('/api/supervision/orders', { departmentCode: '511703-STJ', subject: '越权督办', instructions: '请反馈' }, office);
    expect(out.statusCode).toBe(403);
    expect(out.json().error.message).toContain('部门监察室只能向本部门督办');
    const r = await post('/api/supervision/orders', { departmentCode: '511702-STJ', subject: '立案拖延', instructions: '请调查并书面反馈' }, office);
    expect(r.statusCode).toBe(200);
    const o = r.json();
    // another department's office cannot review it
    expect((await post(`/api/supervision/orders/${o.id}/answer`, { findings: '已调查，系承办人请假所致' }, p.handler)).json().status).toBe('answered');
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'accept', reason: '初审通过' }, otherOffice)).statusCode).toBe(403);
    const first = await post(`/api/supervision/orders/${o.id}/review`, { decision: 'accept', reason: '初审通过' }, office);
    expect(first.json().status).toBe('first_reviewed');
    const ledger = await p.app.inject({ method: 'GET', url: '/api/supervision/orders', headers: office });
    expect(ledger.json().orders.map((x: { id: string }) => x.id)).toEqual([o.id]);
    // an order of the region's supervisor is not the office's to review
    const up = (await post('/api/supervision/orders', { departmentCode: '511702-STJ', subject: '上级督办', instructions: '请反馈' }, p.sup)).json();
    await post(`/api/supervision/orders/${up.id}/answer`, { findings: '已整改' }, p.handler);
    expect((await post(`/api/supervision/orders/${up.id}/review`, { decision: 'accept' }, office)).statusCode).toBe(403);
  });

  it('an answer passes 初审 then 审结 (different people), each can return it with a reason; the order shows both', async () => {
    p.at('2026-03-04T09:00:00+08:00');
    const o = (await post('/api/supervision/orders', { departmentCode: '511702-STJ', subject: '证据缺失', instructions: '请补充证据并说明' }, p.sup)).json();
    await post(`/api/supervision/orders/${o.id}/answer`, { findings: '已补充' }, p.handler);
    // the first review returns it: a reason is required
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'return' }, p.sup)).statusCode).toBe(400);
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'return', reason: '未附证据清单' }, p.sup)).json().status).toBe('returned');
    await post(`/api/supervision/orders/${o.id}/answer`, { findings: '已补充证据清单' }, p.handler);
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'accept', reason: '材料齐全' }, p.sup)).json().status).toBe('first_reviewed');
    // the final review (审结) returns it too
    const back = await post(`/api/supervision/orders/${o.id}/review`, { decision: 'return', reason: '整改措施不具体' }, sup2);
    expect(back.json().status).toBe('returned');
    // the department cannot review; an unanswered order cannot be reviewed
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'accept' }, p.handler)).statusCode).toBe(403);
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'accept' }, p.sup)).statusCode).toBe(409);
    await post(`/api/supervision/orders/${o.id}/answer`, { findings: '已建立证据清单制度' }, p.handler);
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'accept', reason: '初审同意' }, p.sup)).json().status).toBe('first_reviewed');
    const fin = await post(`/api/supervision/orders/${o.id}/review`, { decision: 'accept', reason: '审结同意' }, sup2);
    expect(fin.json().status).toBe('accepted');
    const detail = (await p.app.inject({ method: 'GET', url: `/api/supervision/orders/${o.id}`, headers: p.sup })).json();
    const reviews = detail.order.history.filter((h: { stage?: string }) => h.stage).map((h: { action: string; stage: string; by: string; reason: string }) => [h.stage, h.action, h.by, h.reason]);
    expect(reviews).toEqual([
      ['first_review', 'return', 'sup', '未附证据清单'],
      ['first_review', 'first_review', 'sup', '材料齐全'],
      ['final_review', 'return', 'sup2', '整改措施不具体'],
      ['first_review', 'first_review', 'sup', '初审同意'],
      ['final_review', 'accept', 'sup2', '审结同意'],
    ]);
  });
});
