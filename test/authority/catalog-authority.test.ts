import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { sampleItem, seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';
import { findItemVersionInForce } from '../../src/services/catalog/item-lookup.js';

// 达州意见 三(四) (暂停 by the city government); 成都办法 第五条 (涉密 joint review); 川 目录动态调整办法 第四条 (编办);
// 达州意见 三(五) (监察部门审核风险点); 川 平台办法 第六条 (涉密事项不进入目录)
describe('catalog adjustments approved by the offices and the level the regulations name', () => {
  let p: TestPlatform;
  const h: Record<string, { authorization: string }> = {};
  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-03-02T10:00:00+08:00' });
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    for (const c of ['511702-STJ-CF-0001', '511702-STJ-CF-0002', '511702-STJ-CF-0003', '511702-STJ-CF-0004']) await p.db.tx((q) => seedItem(q, p.ctx, { code: c, name: `事项${c.slice(-2)}` }));
    const users: [string, string, string, string?][] = [
      ['handler', 'handler', '511702', '511702-STJ'], ['reviewer', 'legal_reviewer', '511702'], ['leader', 'leader', '511702'],
      ['cityleader', 'leader', '511700'], ['jc', 'supervisor', '511702'], ['bm', 'secrecy_officer', '511702'], ['bb', 'staffing_reviewer', '511702'],
      ['citybm', 'secrecy_officer', '511700'],
    ];
    for (const [u, role, region, department] of users) await seedUser(p.db, { username: u, role: role as never, region, department });
    for (const [u] of users) h[u] = await bearer(p.app, u);
  });
  afterAll(() => p.close());

  const call = (user: string, url: string, payload?: unknown) =>
    p.app.inject({ method: payload === undefined ? 'GET' : 'POST', url, headers: h[user], ...(payload !== undefined ? { payload: payload as object } : {}) });
  const file = async (body: Record<string, unknown>) => {
    const r = await call('handler', '/api/catalog/adjustments', { effectiveOn: '2026-03-03', ...body });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    expect((await call('handler', `/api/catalog/adjustments/${id}/submit`, {})).statusCode).toBe(200);
    return id;
  };
  const proposalOf = (code: string, extra: Record<string, unknown>) => {
    const x = { ...sampleItem({ name: `事项${code.slice(-2)}` } as never), ...extra };
    delete (x as { code?: string }).code;
    return x;
  };

  it("a county item's suspension is approved by the city government: the county leader is refused (403), the city leader approves", async () => {
    const id = await file({ kind: 'suspend', itemCode: '511702-STJ-CF-0001', reason: '长期未发生，拟暂停' });
    expect((await call('reviewer', `/api/catalog/adjustments/${id}/review`, { decision: 'pass' })).json().stage).toBe('approval');
    const county = await call('leader', `/api/catalog/adjustments/${id}/decision`, { decision: 'approve' });
    expect(county.statusCode).toBe(403);
    expect(county.json().error.message).toContain('须报经市人民政府同意');
    const city = await call('cityleader', `/api/catalog/adjustments/${id}/decision`, { decision: 'approve' });
    expect(city.statusCode, city.body).toBe(200);
    expect(city.json().stage).toBe('approved');
    // a change stays with the county's own government: the city leader is not its approver
    const chg = await file({ kind: 'change', itemCode: '511702-STJ-CF-0002', reason: '更新办公地点', proposal: proposalOf('511702-STJ-CF-0002', { location: '通川区政务服务中心四楼' }) });
    await call('reviewer', `/api/catalog/adjustments/${chg}/review`, { decision: 'pass' });
    expect((await call('cityleader', `/api/catalog/adjustments/${chg}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await call('leader', `/api/catalog/adjustments/${chg}/decision`, { decision: 'approve' })).json().stage).toBe('approved');
  });

  it('marking an item confidential needs both the supervision and the secrecy office (two approvals) before the leader', async () => {
    const id = await file({ kind: 'change', itemCode: '511702-STJ-CF-0003', reason: '经认定涉及国家秘密', proposal: proposalOf('511702-STJ-CF-0003', { confidential: true }) });
    const detail = (await call('handler', `/api/catalog/adjustments/${id}`)).json();
    expect(detail.stages.map((s: { name: string }) => s.name)).toEqual(['法制审核', '涉密联合审查', '领导审定']);
    await call('reviewer', `/api/catalog/adjustments/${id}/review`, { decision: 'pass' });
    // the leader cannot decide before the joint review; the department and another level's secrecy office cannot review
    expect((await call('leader', `/api/catalog/adjustments/${id}/decision`, { decision: 'approve' })).statusCode).toBe(409);
    expect((await call('handler', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass' })).statusCode).toBe(403);
    const far = await call('citybm', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass' });
    expect(far.statusCode).toBe(403);
    expect(far.json().error.message).toContain('联合审查');
    const one = await call('bm', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass', reasons: '经审查属于国家秘密' });
    expect(one.json().stage).toBe('secrecy');
    expect((await call('bm', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass' })).statusCode).toBe(409);
    const two = await call('jc', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass', reasons: '同意不纳入电子监察' });
    expect(two.json().stage).toBe('approval');
    expect((await call('leader', `/api/catalog/adjustments/${id}/decision`, { decision: 'approve' })).json().stage).toBe('approved');
    const passes = two.json().history.filter((x: { action: string }) => x.action === 'secrecy_pass');
    expect(passes.map((x: { byName: string; side: string; note: string }) => [x.byName, x.side, x.note])).toEqual([['bm', 'secrecy', '经审查属于国家秘密'], ['jc', 'supervision', '同意不纳入电子监察']]);
  });

  it('a confidential item is refused on the workbench with a clear Chinese error and hidden from the hall', async () => {
    p.clock.set(new Date('2026-03-03T09:00:00+08:00'));
    expect((await findItemVersionInForce(p.db, '511702-STJ-CF-0003', p.clock.now()))?.confidential).toBe(true);
    const r = await call('handler', '/api/cases', { itemCode: '511702-STJ-CF-0003', counterparty: { kind: 'person', name: '王小明', idNumber: '11010519491231002X' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('涉密事项');
    expect(r.json().error.details).toMatchObject({ field: 'itemCode', code: 'CONFIDENTIAL_ITEM' });
    expect((await p.app.inject({ method: 'GET', url: '/api/public/catalog/items/511702-STJ-CF-0003' })).statusCode).toBe(404);
    const list = (await p.app.inject({ method: 'GET', url: '/api/public/catalog/items?region=511702' })).json();
    expect(list.items.map((i: { code: string }) => i.code)).not.toContain('511702-STJ-CF-0003');
    expect(list.items.map((i: { code: string }) => i.code)).toContain('511702-STJ-CF-0004');
  });

  it('an addition passes 法制审核 → 编办审核 → 风险点审核 → 领导审定 in order, each recorded; a returned stage sends it back', async () => {
    const flow = { steps: [
      { key: 'register', name: '立案', post: '承办科室', limitDays: 5 },
      { key: 'investigate', name: '调查取证', post: '执法人员', limitDays: 30, riskControls: [{ point: '随意取证', grade: 'high', measures: '两人执法', checks: ['two_officers'] }] },
    ], rollbacks: [] };
    const id = await file({ kind: 'add', departmentCode: '511702-STJ', reason: '新法设定新处罚', proposal: proposalOf('x', { name: '对拒不改正的处罚', flow }) });
    expect((await call('handler', `/api/catalog/adjustments/${id}`)).json().stages.map((s: { stage: string }) => s.stage))
      .toEqual(['review', 'staffing', 'risk_review', 'approval']);
    // out of order: the supervision office cannot review the risk points while the legal office has not passed it
    expect((await call('jc', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass' })).statusCode).toBe(409);
    expect((await call('reviewer', `/api/catalog/adjustments/${id}/review`, { decision: 'pass', reasons: '合法' })).json().stage).toBe('staffing');
    expect((await call('jc', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass' })).statusCode).toBe(403);
    expect((await call('bb', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass', reasons: '职能相符' })).json().stage).toBe('risk_review');
    // the supervision office returns it: a reason is required, and the request goes back to the department
    expect((await call('jc', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'return' })).statusCode).toBe(400);
    const back = await call('jc', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'return', reasons: '风险点缺少法制审核监察点' });
    expect(back.json()).toMatchObject({ stage: 'returned', returnReasons: '风险点缺少法制审核监察点' });
    // resubmitted, it passes every stage again in order
    await call('handler', `/api/catalog/adjustments/${id}/submit`, {});
    await call('reviewer', `/api/catalog/adjustments/${id}/review`, { decision: 'pass' });
    await call('bb', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass' });
    expect((await call('jc', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass', reasons: '风险点设置合理' })).json().stage).toBe('approval');
    const ok = await call('leader', `/api/catalog/adjustments/${id}/decision`, { decision: 'approve' });
    expect(ok.json().stage).toBe('approved');
    const trail = ok.json().history.map((x: { action: string; byName: string }) => `${x.action}:${x.byName}`);
    expect(trail).toEqual(['create:handler', 'submit:handler', 'review_pass:reviewer', 'staffing_pass:bb', 'risk_review_return:jc', 'submit:handler',
      'review_pass:reviewer', 'staffing_pass:bb', 'risk_review_pass:jc', 'approve:leader']);
  });
});
