import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalPlatform, SCHEME, type EvalPlatform } from './eval-helpers.js';
import { loadFixture } from './fixture.js';

const MARCH = { region: '511700', period: '2026-03' };
const ranks = (body: any) => body.departments.map((d: any) => [d.department, d.score, d.rank]);

describe('evaluation review: approval freezes, publication, appeals (申诉复核), the public hall', () => {
  let p: EvalPlatform;
  const scores = () => p.get('/api/evaluation/v1/scores?period=2026-03&region=511700');
  const hall = async (q = '') => (await p.get(`/api/public/league${q}`, null)).body;
  beforeAll(async () => {
    p = await evalPlatform();
    await loadFixture(p);
    await p.send('PUT', '/api/evaluation/v1/schemes/511700', SCHEME);
  }, 120_000);
  afterAll(() => p.close());

  it('only an ended period is approved, by the region\'s supervisor; approval freezes it', async () => {
    // clock: 2026-04-01 00:00; April has not ended
    expect((await p.send('POST', '/api/evaluation/v1/review/approve', { region: '511700', period: '2026-04' })).status).toBe(409);
    expect((await p.send('POST', '/api/evaluation/v1/review/approve', MARCH, 'leader')).status).toBe(403);
    expect((await p.send('POST', '/api/evaluation/v1/review/approve', MARCH, 'countySup')).status).toBe(403);
    expect((await p.send('POST', '/api/evaluation/v1/review/publish', MARCH)).status).toBe(409); // not approved yet
    const draft = (await scores()).body;
    expect(draft.status).toBe('draft');
    p.at('2026-04-02T09:00:00+08:00');
    const ok = await p.send('POST', '/api/evaluation/v1/review/approve', MARCH);
    expect(ok).toMatchObject({ status: 200, body: { revision: 1, status: 'approved' } });
    expect((await p.send('POST', '/api/evaluation/v1/review/approve', MARCH)).status).toBe(409);
    // data changes after approval: a red card of March for C, a scheme version for March
    await p.alert({ dept: '511703-STJ', level: 'red', raisedAt: '2026-03-20T10:00:00+08:00' });
    await p.send('PUT', '/api/evaluation/v1/schemes/511700', { ...SCHEME, base: 90, effectiveFrom: '2026-03' });
    const frozen = (await scores()).body;
    expect(frozen).toEqual({ ...draft, status: 'approved' });
    expect(Object.keys(frozen.departments[0].indicators)).toEqual(SCHEME.indicators.map((i) => i.code)); // the scheme's order, as the draft
    expect(ranks(frozen)).toEqual([['511703-STJ', 109, 1], ['511702-SJJ', 100, 2], ['511702-STJ', 93.67, 3]]);
    // another period of the region is still a draft, computed now (Q1 starts in January: version 1)
    expect((await p.get('/api/evaluation/v1/scores?period=2026-Q1&region=511700')).body).toMatchObject({ status: 'draft', schemeVersion: 1 });
    const audit = await p.db.query(`SELECT action FROM audit_log WHERE action LIKE 'evaluation.%' AND outcome = 'success' ORDER BY seq`);
    expect(audit.map((a) => a.action)).toContain('evaluation.approve');
  });

  it('the hall shows published periods only: nothing while approved, then the period with its date', async () => {
    expect(await hall()).toMatchObject({ period: null, departments: [] });
    p.at('2026-04-03T10:00:00+08:00'); // a Friday
    const pub = await p.send('POST', '/api/evaluation/v1/review/publish', MARCH);
    expect(pub.status).toBe(200);
    // appeals until 5 working days after publication: Mon 04-06 … but 清明 (04-04–04-06) → Tue 04-07 … Mon 04-13, due at its end
    expect(pub.body.appealDueAt).toBe(new Date('2026-04-14T00:00:00+08:00').toISOString());
    expect((await scores()).body.status).toBe('published');
    const h = await hall();
    expect(h).toMatchObject({ region: '511700', regionName: '达州市', period: '2026-03', publishedAt: new Date('2026-04-03T10:00:00+08:00').toISOString() });
    expect(h.departments.map((d: any) => [d.name, d.score, d.rank])).toEqual([['达川区生态环境局', 109, 1], ['通川区市场监督管理局', 100, 2], ['通川区生态环境局', 93.67, 3]]);
    expect(h.departments[0].indicators.find((i: any) => i.code === 'ON_TIME_RATE')).toMatchObject({ name: '按时办结率', value: 1, contribution: 10 });
    expect((await hall('?region=511700')).period).toBe('2026-03');
    expect((await hall('?region=511702')).period).toBeNull();
  });

  it('a department appeals within the limit; an upheld appeal versions the period (recomputed, approved again)', async () => {
    const appeal = { ...MARCH, department: '511702-STJ', reason: '3 月 6 日红牌系系统误报，已申请撤销' };
    expect((await p.send('POST', '/api/evaluation/v1/appeals', appeal, 'handler')).status).toBe(403);
    expect((await p.send('POST', '/api/evaluation/v1/appeals', { ...appeal, department: '511703-STJ' }, 'deptAdmin')).status).toBe(403);
    expect((await p.send('POST', '/api/evaluation/v1/appeals', { ...appeal, reason: ' ' }, 'deptAdmin')).body.error.details.field).toBe('reason');
    const filed = await p.send('POST', '/api/evaluation/v1/appeals', appeal, 'deptAdmin');
    expect(filed).toMatchObject({ status: 200, body: { status: 'pending', revision: 1, departmentCode: '511702-STJ' } });
    expect((await p.send('POST', '/api/evaluation/v1/appeals', appeal, 'deptAdmin')).status).toBe(409); // one pending at a time
    const mine = await p.get('/api/evaluation/v1/departments/511702-STJ/results', 'deptAdmin');
    expect(mine.body.periods[0]).toMatchObject({ period: '2026-03', status: 'published', departments: 3, row: { score: 93.67, rank: 3 }, appeals: [{ status: 'pending' }] });
    // the appealed card (the yellow turned red) is revoked, and the appeal upheld
    await p.db.query(`UPDATE supervision_alerts SET status = 'revoked' WHERE department_code = '511702-STJ' AND code = 'DEADLINE_WARNING' AND status = 'explained'`);
    expect((await p.send('POST', `/api/evaluation/v1/appeals/${filed.body.id}/decision`, { decision: 'uphold', reason: '属实' }, 'deptAdmin')).status).toBe(403);
    expect((await p.send('POST', `/api/evaluation/v1/appeals/${filed.body.id}/decision`, { decision: 'maybe', reason: '?' })).body.error.details.field).toBe('decision');
    const up = await p.send('POST', `/api/evaluation/v1/appeals/${filed.body.id}/decision`, { decision: 'uphold', reason: '经复核，该红牌系误报' });
    expect(up).toMatchObject({ status: 200, body: { status: 'upheld' } });
    // a draft again, recomputed from today's data by the scheme in effect at March's start (version 2 now: effective from 2026-03, base 90)
    const again = (await scores()).body;
    expect(again).toMatchObject({ status: 'draft', schemeVersion: 2 });
    // A: one red fewer (−6 instead of −8) → 90 + 2 + 6.67 − 6 − 1 − 3 − 5 + 2 = 85.67; C: a second red → 90 + 1 + 10 − 4 = 97
    expect(ranks(again)).toEqual([['511703-STJ', 97, 1], ['511702-SJJ', 90, 2], ['511702-STJ', 85.67, 3]]);
    expect(await hall()).toMatchObject({ period: null }); // the superseded revision is no longer shown
    expect((await p.send('POST', '/api/evaluation/v1/review/approve', MARCH)).body).toMatchObject({ revision: 2, status: 'approved' });
    p.at('2026-04-07T10:00:00+08:00');
    expect((await p.send('POST', '/api/evaluation/v1/review/publish', MARCH)).status).toBe(200);
    expect((await hall()).departments.map((d: any) => d.score)).toEqual([97, 90, 85.67]);
    const review = (await p.get('/api/evaluation/v1/review?region=511700&period=2026-03')).body;
    expect(review).toMatchObject({ status: 'published', revision: 2, scheme: { region: '511700', version: 2 } });
    expect(review.revisions.map((r: any) => [r.revision, r.status])).toEqual([[1, 'superseded'], [2, 'published']]);
    expect(review.appeals).toMatchObject([{ status: 'upheld', departmentName: '通川区生态环境局' }]);
  });

  it('a dismissed appeal changes nothing; after the limit no appeal is taken', async () => {
    const appeal = { ...MARCH, department: '511702-STJ', reason: '再次申诉' };
    const filed = await p.send('POST', '/api/evaluation/v1/appeals', appeal, 'deptAdmin');
    expect(filed.body.revision).toBe(2);
    expect((await p.send('POST', `/api/evaluation/v1/appeals/${filed.body.id}/decision`, { decision: 'dismiss', reason: '理由不成立' })).body.status).toBe('dismissed');
    expect((await p.send('POST', `/api/evaluation/v1/appeals/${filed.body.id}/decision`, { decision: 'uphold', reason: 'x' })).status).toBe(409);
    expect((await scores()).body).toMatchObject({ status: 'published' });
    // published 04-07 (Tue): 5 working days → end of Tue 04-14
    p.at('2026-04-15T00:00:01+08:00');
    const late = await p.send('POST', '/api/evaluation/v1/appeals', appeal, 'deptAdmin');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('申诉期限已过');
  });
});
