import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findItemVersionInForce } from '../../src/services/catalog/item-lookup.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { sampleItem, seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';

describe('adjustment workflow (动态调整) over HTTP', () => {
  let p: TestPlatform;
  let code: string;
  const h: Record<string, { authorization: string }> = {};
  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-03-02T10:00:00+08:00' });
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    code = (await p.db.tx((q) => seedItem(q, p.ctx, { code: '511702-STJ-CF-0001' }))).code;
    await seedUser(p.db, { username: 'handler', role: 'handler', region: '511702', department: '511702-STJ' });
    await seedUser(p.db, { username: 'reviewer', role: 'legal_reviewer', region: '511702' });
    await seedUser(p.db, { username: 'cityreviewer', role: 'legal_reviewer', region: '511700' });
    await seedUser(p.db, { username: 'leader', role: 'leader', region: '511702' });
    await seedUser(p.db, { username: 'cityleader', role: 'leader', region: '511700' });
    await seedUser(p.db, { username: 'staffing', role: 'staffing_reviewer', region: '511702' });
    await seedUser(p.db, { username: 'jc', role: 'supervisor', region: '511702' });
    for (const u of ['handler', 'reviewer', 'cityreviewer', 'leader', 'cityleader', 'staffing', 'jc']) h[u] = await bearer(p.app, u);
  });
  afterAll(() => p.close());

  const call = (user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    p.app.inject({ method, url, headers: h[user], ...(payload !== undefined ? { payload: payload as any } : {}) });

  it('runs draft → review (return with reasons) → revise → review → leader approval → takes effect on its date', async () => {
    const proposal = { ...sampleItem({ code: undefined } as any), promisedLimitDays: 50 };
    delete (proposal as any).code;
    const created = await call('handler', 'POST', '/api/catalog/adjustments', {
      kind: 'change', itemCode: code, proposal, reason: '法律修订，承诺时限压缩', legalBasis: [{ law: '中华人民共和国环境保护法', article: '第六十三条' }],
      lawChangedOn: '2026-02-20', effectiveOn: '2026-04-01', attachments: [{ name: '修订说明.pdf', id: 'att-1' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json().stage).toBe('draft');

    // a second open request on the same item is refused
    const dup = await call('handler', 'POST', '/api/catalog/adjustments', { kind: 'suspend', itemCode: code, reason: '暂停', effectiveOn: '2026-04-01' });
    expect(dup.statusCode).toBe(409);

    // the leader cannot approve before the legal review; the handler cannot review
    expect((await call('leader', 'POST', `/api/catalog/adjustments/${id}/decision`, { decision: 'approve' })).statusCode).toBe(409);
    expect((await call('handler', 'POST', `/api/catalog/adjustments/${id}/review`, { decision: 'pass' })).statusCode).toBe(403);

    const sub = await call('handler', 'POST', `/api/catalog/adjustments/${id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ stage: 'review', late: false, daysAfterChange: 10 });

    const got = await call('reviewer', 'GET', `/api/catalog/adjustments/${id}`);
    const review = got.json().deadlines.find((d: any) => d.stage === 'review');
    // 盐城 第十七条(三): 3 working days after Monday 2026-03-02 → end of Thursday 2026-03-05
    expect(review.dueAt).toBe('2026-03-05T16:00:00.000Z');
    expect(review.open).toBe(true);

    // not the same government: the city's reviewer may not review the district's request
    expect((await call('cityreviewer', 'POST', `/api/catalog/adjustments/${id}/review`, { decision: 'pass' })).statusCode).toBe(403);
    // returning needs reasons
    expect((await call('reviewer', 'POST', `/api/catalog/adjustments/${id}/review`, { decision: 'return' })).statusCode).toBe(400);
    const ret = await call('reviewer', 'POST', `/api/catalog/adjustments/${id}/review`, { decision: 'return', reasons: '缺少流程图调整说明' });
    expect(ret.json()).toMatchObject({ stage: 'returned', returnReasons: '缺少流程图调整说明' });

    const rev = await call('handler', 'PATCH', `/api/catalog/adjustments/${id}`, { reason: '法律修订，承诺时限压缩；已补充流程说明' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json().stage).toBe('draft');
    p.clock.set(new Date('2026-03-03T09:00:00+08:00'));
    expect((await call('handler', 'POST', `/api/catalog/adjustments/${id}/submit`)).json().stage).toBe('review');
    const pass = await call('reviewer', 'POST', `/api/catalog/adjustments/${id}/review`, { decision: 'pass', reasons: '同意' });
    expect(pass.json().stage).toBe('approval');

    const appr = await call('leader', 'POST', `/api/catalog/adjustments/${id}/decision`, { decision: 'approve' });
    expect(appr.statusCode, appr.body).toBe(200);
    expect(appr.json()).toMatchObject({ stage: 'approved', resultingVersion: 2 });
    const after = (await call('handler', 'GET', `/api/catalog/adjustments/${id}`)).json();
    expect(after.deadlines.every((d: any) => !d.open)).toBe(true);
    expect(after.history.map((x: any) => x.action)).toEqual(['create', 'submit', 'review_return', 'revise', 'submit', 'review_pass', 'approve']);

    // the current version stays in force until the new one's date
    const now = await findItemVersionInForce(p.db, code, p.ctx.clock.now());
    expect(now).toMatchObject({ version: 1, promisedLimitDays: 60 });
    const later = await findItemVersionInForce(p.db, code, new Date('2026-04-01T00:00:00+08:00'));
    expect(later).toMatchObject({ version: 2, promisedLimitDays: 50 });
    const item = (await call('handler', 'GET', `/api/catalog/items/${code}`)).json();
    expect(item.current.version).toBe(1);
    expect(item.pending.version).toBe(2);
    const diff = (await call('handler', 'GET', `/api/catalog/items/${code}/diff?from=1&to=2`)).json();
    expect(diff.changes).toContainEqual(expect.objectContaining({ field: 'promisedLimitDays', before: 60, after: 50 }));

    const audit = await p.db.query(`SELECT action, outcome FROM audit_log WHERE target = $1 ORDER BY seq`, [`adjustment:${id}`]);
    expect(audit.filter((a) => a.outcome === 'success').map((a) => a.action)).toEqual([
      'catalog.adjustment.create', 'catalog.adjustment.submit', 'catalog.adjustment.review_return', 'catalog.adjustment.revise',
      'catalog.adjustment.submit', 'catalog.adjustment.review_pass', 'catalog.adjustment.approve',
    ]);
    expect(audit.some((a) => a.outcome === 'denied')).toBe(true);
  });

  it('flags a request filed more than 20 days after the law changed (川 第三条)', async () => {
    const r = await call('handler', 'POST', '/api/catalog/adjustments', {
      kind: 'add', departmentCode: '511702-STJ', reason: '新法设定新处罚', lawChangedOn: '2026-01-15', effectiveOn: '2026-05-01',
      proposal: sampleItem({ name: '对拒绝环境监督检查的处罚' } as any),
    });
    expect(r.statusCode, r.body).toBe(201);
    const sub = (await call('handler', 'POST', `/api/catalog/adjustments/${r.json().id}/submit`)).json();
    expect(sub).toMatchObject({ late: true, daysAfterChange: 47 });
    const list = (await call('leader', 'GET', '/api/catalog/adjustments?stage=review')).json();
    const row = list.adjustments.find((a: any) => a.id === r.json().id);
    expect(row.late).toBe(true);
    expect(row.deadlines[0]).toMatchObject({ stage: 'review', open: true });
    // approve it: a new code is appended after the department's last penalty code
    await call('reviewer', 'POST', `/api/catalog/adjustments/${r.json().id}/review`, { decision: 'pass' });
    // an addition passes the staffing office (川 第四条) and, carrying risk points, the supervision office (达州 三(五))
    await call('staffing', 'POST', `/api/catalog/adjustments/${r.json().id}/stage-review`, { decision: 'pass' });
    await call('jc', 'POST', `/api/catalog/adjustments/${r.json().id}/stage-review`, { decision: 'pass' });
    const ok = (await call('leader', 'POST', `/api/catalog/adjustments/${r.json().id}/decision`, { decision: 'approve' })).json();
    expect(ok.itemCode).toBe('511702-STJ-CF-0002');
  });

  it('refuses an invalid proposal naming the field, and a suspension of a non-existent item', async () => {
    const bad = await call('handler', 'POST', '/api/catalog/adjustments', {
      kind: 'add', departmentCode: '511702-STJ', reason: 'x', effectiveOn: '2026-05-01',
      proposal: sampleItem({ name: '坏提案', promisedLimitDays: 100, legalLimitDays: 90 } as any),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/proposal\.promisedLimitDays/);
    const none = await call('handler', 'POST', '/api/catalog/adjustments', { kind: 'suspend', itemCode: 'NOPE-1', reason: 'x', effectiveOn: '2026-05-01' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toMatch(/itemCode/);
  });

  it('suspends an item from its date through the workflow and a rejected request changes nothing', async () => {
    const c = (await p.db.tx((q) => seedItem(q, p.ctx, { name: '待暂停事项', code: '511702-STJ-CF-0050' }))).code;
    const r = (await call('handler', 'POST', '/api/catalog/adjustments', { kind: 'suspend', itemCode: c, reason: '长期未发生，暂停', effectiveOn: '2026-03-10' })).json();
    await call('handler', 'POST', `/api/catalog/adjustments/${r.id}/submit`);
    await call('reviewer', 'POST', `/api/catalog/adjustments/${r.id}/review`, { decision: 'pass' });
    // 达州意见 三(四): a county's suspension is agreed by the city government
    expect((await call('cityleader', 'POST', `/api/catalog/adjustments/${r.id}/decision`, { decision: 'approve' })).json().stage).toBe('approved');
    expect((await findItemVersionInForce(p.db, c, new Date('2026-03-09T23:00:00+08:00')))?.status).toBe('in_force');
    expect((await findItemVersionInForce(p.db, c, new Date('2026-03-10T00:00:00+08:00')))?.status).toBe('suspended');

    const r2 = (await call('handler', 'POST', '/api/catalog/adjustments', { kind: 'cancel', itemCode: code, reason: '拟取消', effectiveOn: '2026-06-01' })).json();
    await call('handler', 'POST', `/api/catalog/adjustments/${r2.id}/submit`);
    await call('reviewer', 'POST', `/api/catalog/adjustments/${r2.id}/review`, { decision: 'pass' });
    await call('staffing', 'POST', `/api/catalog/adjustments/${r2.id}/stage-review`, { decision: 'pass' });
    expect((await call('leader', 'POST', `/api/catalog/adjustments/${r2.id}/decision`, { decision: 'reject' })).statusCode).toBe(400);
    expect((await call('leader', 'POST', `/api/catalog/adjustments/${r2.id}/decision`, { decision: 'reject', reasons: '依据不足' })).json().stage).toBe('rejected');
    expect((await findItemVersionInForce(p.db, code, new Date('2026-07-01T00:00:00+08:00')))?.status).toBe('in_force');
  });
});
