import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findItemVersionInForce } from '../../src/services/catalog/item-lookup.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { sampleItem, seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';

/**
 * 盐城 网上运行办法 第十八条(二): 流程时限总和不得超过承诺期限 — a change shortens the promised limit and the
 * step limits in one proposal (the structured step editor sends exactly this); an inconsistent one is refused naming the step.
 */
describe('adjustment changing the promised limit and the flow together', () => {
  let p: TestPlatform;
  const code = '511702-STJ-CF-0007';
  const h: Record<string, { authorization: string }> = {};
  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-03-02T10:00:00+08:00' });
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    await p.db.tx((q) => seedItem(q, p.ctx, { code }));
    await seedUser(p.db, { username: 'handler', role: 'handler', region: '511702', department: '511702-STJ' });
    await seedUser(p.db, { username: 'reviewer', role: 'legal_reviewer', region: '511702' });
    await seedUser(p.db, { username: 'leader', role: 'leader', region: '511702' });
    await seedUser(p.db, { username: 'supervisor', role: 'supervisor', region: '511702' });
    for (const u of ['handler', 'reviewer', 'leader', 'supervisor']) h[u] = await bearer(p.app, u);
  });
  afterAll(() => p.close());

  const call = (user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    p.app.inject({ method, url, headers: h[user], ...(payload !== undefined ? { payload: payload as object } : {}) });
  /** The seeded item (legal 90, promised 60; 立案 5 / 调查取证 30 / 决定 10) with the given limits. */
  const proposal = (promised: number, legal: number, limits: [number, number, number], extra: object[] = []) => {
    const base = sampleItem();
    const steps = (base.flow as { steps: { limitDays: number }[] }).steps.map((s, i) => ({ ...s, limitDays: limits[i]! }));
    // a new step goes before 决定 (the order the editor sends)
    return { ...base, promisedLimitDays: promised, legalLimitDays: legal, flow: { steps: [steps[0], steps[1], ...extra, steps[2]], rollbacks: [['decide', 'investigate']] } };
  };

  it('refuses step limits that pass the promised limit, naming the step, and keeps nothing', async () => {
    // 60 → 30 without touching the steps: 5 + 30 passes 30 at 调查取证
    const r = await call('handler', 'POST', '/api/catalog/adjustments', { kind: 'change', itemCode: code, proposal: proposal(30, 90, [5, 30, 10]), reason: '压缩时限', effectiveOn: '2026-04-01' });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.details.field).toBe('proposal.flow.steps[1].limitDays');
    expect(r.json().error.message).toContain('第2个环节「调查取证」');
    expect(r.json().error.message).toContain('承诺时限30个工作日');
    // a promised limit above the legal one names promisedLimitDays
    const r2 = await call('handler', 'POST', '/api/catalog/adjustments', { kind: 'change', itemCode: code, proposal: proposal(50, 45, [5, 20, 10]), reason: '压缩时限', effectiveOn: '2026-04-01' });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.details.field).toBe('proposal.promisedLimitDays');
    const list = (await call('handler', 'GET', `/api/catalog/adjustments?itemCode=${code}`)).json();
    expect(list.adjustments).toEqual([]);
  });

  it('shortens the promised and legal limits and the steps in one request → approved → version 2 with the new limits', async () => {
    const legalReview = { key: 'legal-review', name: '法制审核', post: '法制科', limitDays: 2, documents: ['法制审核意见书'], riskPoints: ['审核走过场'] };
    const created = await call('handler', 'POST', '/api/catalog/adjustments', {
      kind: 'change', itemCode: code, proposal: proposal(40, 80, [3, 25, 10], [legalReview]), reason: '优化流程，压缩承诺时限', effectiveOn: '2026-04-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    // revising with steps that no longer fit is refused naming the step; the draft keeps its proposal
    const bad = await call('handler', 'PATCH', `/api/catalog/adjustments/${id}`, { proposal: proposal(40, 80, [3, 40, 10], [legalReview]) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('proposal.flow.steps[1].limitDays');
    expect((await call('handler', 'GET', `/api/catalog/adjustments/${id}`)).json().proposal.flow.steps[1].limitDays).toBe(25);

    expect((await call('handler', 'POST', `/api/catalog/adjustments/${id}/submit`)).json().stage).toBe('review');
    // a new step brings its risk points: the supervision office reviews them before the leader (达州意见 三(五))
    expect((await call('reviewer', 'POST', `/api/catalog/adjustments/${id}/review`, { decision: 'pass' })).json().stage).toBe('risk_review');
    expect((await call('supervisor', 'POST', `/api/catalog/adjustments/${id}/stage-review`, { decision: 'pass', reasons: '风险点设置合理' })).json().stage).toBe('approval');
    const ok = await call('leader', 'POST', `/api/catalog/adjustments/${id}/decision`, { decision: 'approve' });
    expect(ok.json()).toMatchObject({ stage: 'approved', resultingVersion: 2 });

    const v2 = await findItemVersionInForce(p.db, code, new Date('2026-04-01T00:00:00+08:00'));
    expect(v2).toMatchObject({ version: 2, promisedLimitDays: 40, legalLimitDays: 80 });
    expect(v2!.flow!.steps.map((s) => [s.name, s.limitDays])).toEqual([['立案', 3], ['调查取证', 25], ['法制审核', 2], ['决定', 10]]);
    expect(v2!.flow!.steps[2]).toMatchObject({ post: '法制科', documents: ['法制审核意见书'], riskPoints: ['审核走过场'] });
    // until then version 1 stays in force with its limits
    expect(await findItemVersionInForce(p.db, code, p.ctx.clock.now())).toMatchObject({ version: 1, promisedLimitDays: 60 });
    const diff = (await call('handler', 'GET', `/api/catalog/items/${code}/diff?from=1&to=2`)).json();
    expect(diff.changes).toContainEqual(expect.objectContaining({ field: 'promisedLimitDays', before: 60, after: 40 }));
  });
});
