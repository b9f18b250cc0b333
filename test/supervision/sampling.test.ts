import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawSample, periodBounds, sampleCount } from '../../src/domain/supervision/sampling.js';
import { EXPORT_LISTS } from '../../src/services/exports/export-lists.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { lifecycle, OTHER_DEPT } from '../cases/case-helpers.js';
import { DEPT, supPlatform, type SupPlatform } from './sup-helpers.js';

/**
 * 抽查与回访 (川办发〔2014〕2号 电子监察办法 第十一条(三)(四); 达州意见 四(三)): reproducible draws, scope,
 * checklists, visits, findings turned into alerts and accountability entries, the quarterly ledger.
 */
describe('sampling and follow-up visits (抽查与回访)', () => {
  let p: SupPlatform;
  let farSup: { authorization: string };
  let countySup: { authorization: string };
  const post = (url: string, payload: unknown, headers: Record<string, string> = p.sup) => p.app.inject({ method: 'POST', url, headers, payload: payload as any });
  const get = (url: string, headers: Record<string, string> = p.sup) => p.app.inject({ method: 'GET', url, headers });
  const NOS = Array.from({ length: 12 }, (_, i) => `SMP-${String(i + 1).padStart(2, '0')}`);
  const draw = (body: Record<string, unknown>, headers?: Record<string, string>) =>
    post('/api/supervision/sampling/draws', { departmentCode: DEPT, period: '2026-03', size: { kind: 'count', value: 5 }, ...body }, headers);

  beforeAll(async () => {
    p = await supPlatform();
    // twelve concluded cases of 通川区生态环境局 in March 2026
    for (const no of NOS) await p.pushAt('2026-03-02T12:00:00+08:00', lifecycle(no));
    await p.db.query(`UPDATE departments SET name = '通川区生态环境局' WHERE code = $1`, [DEPT]);
    await seedUser(p.db, { username: 'farsup', role: 'supervisor', region: '510400' });
    await seedUser(p.db, { username: 'countysup', role: 'supervisor', region: '511702' });
    farSup = await bearer(p.app, 'farsup');
    countySup = await bearer(p.app, 'countysup');
    p.at('2026-04-07T09:00:00+08:00');
  }, 120_000);
  afterAll(() => p.close());

  it('the pure draw: same seed same sample, another seed another; sizes and periods', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `c${i}`);
    expect(drawSample(ids, 7, 's1')).toEqual(drawSample([...ids].reverse(), 7, 's1'));
    expect(drawSample(ids, 7, 's1')).not.toEqual(drawSample(ids, 7, 's2'));
    expect(new Set(drawSample(ids, 7, 's1')).size).toBe(7);
    expect(sampleCount(12, { kind: 'percent', value: 25 })).toBe(3);
    expect(sampleCount(12, { kind: 'percent', value: 1 })).toBe(1);
    expect(sampleCount(3, { kind: 'count', value: 10 })).toBe(3);
    expect(periodBounds('2026-Q2')).toEqual({ from: new Date('2026-04-01T00:00:00+08:00'), to: new Date('2026-07-01T00:00:00+08:00') });
    expect(periodBounds('2026-13')).toBeNull();
  });

  it('a draw made twice with one seed is the same sample; another seed differs; the seed and criteria are stored', async () => {
    const a = await draw({ seed: 'quarter-check-1' });
    expect(a.statusCode, a.body).toBe(201);
    const b = (await draw({ seed: 'quarter-check-1' })).json();
    const c = (await draw({ seed: 'another-seed' })).json();
    expect(a.json().caseIds).toHaveLength(5);
    expect(b.caseIds).toEqual(a.json().caseIds);
    expect(c.caseIds).not.toEqual(a.json().caseIds);
    expect(a.json()).toMatchObject({ seed: 'quarter-check-1', population: 12, period: '2026-03', sizeKind: 'count', sizeValue: 5, drawnByName: 'sup', regionCode: '511702' });
    expect(b.populationHash).toBe(a.json().populationHash);
    const stored = await p.db.query('SELECT seed, criteria, case_ids, drawn_by_name FROM sampling_draws WHERE id = $1', [a.json().id]);
    expect(stored[0]).toMatchObject({ seed: 'quarter-check-1', drawn_by_name: 'sup', criteria: { departmentCode: DEPT, period: '2026-03', status: 'concluded' } });
    // no seed given: one is made and recorded; a percentage rounds up
    const r = (await draw({ size: { kind: 'percent', value: 25 } })).json();
    expect(r.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(r.caseIds).toHaveLength(3);
    // audited
    const audit = await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sampling.draw' AND outcome = 'success'`);
    expect(audit[0].n).toBe(4);
    // bad input names the field
    expect((await draw({ period: '2026-3' })).json().error.message).toMatch(/^body\.period: /);
    expect((await draw({ period: '2026-02' })).json().error.message).toContain('没有已办结的办件');
    expect((await draw({ departmentCode: 'NOPE' })).json().error.details).toMatchObject({ field: 'departmentCode' });
  }, 60_000);

  it('a supervisor samples only departments of their region subtree (403 otherwise); others do not see the draws', async () => {
    expect((await draw({ seed: 'x' }, farSup)).statusCode).toBe(403);
    expect((await draw({ departmentCode: OTHER_DEPT, seed: 'x' }, countySup)).statusCode).toBe(403);
    expect((await draw({ seed: 'x' }, p.handler)).statusCode).toBe(403);
    const denied = await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sampling.draw' AND outcome = 'denied'`);
    expect(denied[0].n).toBe(3);
    const own = (await get('/api/supervision/sampling/draws')).json().draws;
    expect(own.length).toBeGreaterThan(0);
    expect((await get('/api/supervision/sampling/draws', farSup)).json().draws).toEqual([]);
    expect((await get(`/api/supervision/sampling/draws/${own[0].id}`, farSup)).statusCode).toBe(404);
    // the county supervisor of 通川区 works on the city's draw of its department; the far one may not
    const caseId = own[0].caseIds[0];
    expect((await post(`/api/supervision/sampling/draws/${own[0].id}/cases/${caseId}/visits`, { method: 'phone', partyName: '王小明', answer: '满意', satisfied: true }, farSup)).statusCode).toBe(404);
  }, 60_000);

  it('checklist answers, a visit, a finding raising an alert and another an accountability entry', async () => {
    const d = (await draw({ seed: 'checklist' })).json();
    const caseId = d.caseIds[0];
    const base = `/api/supervision/sampling/draws/${d.id}/cases/${caseId}`;
    const detail = (await get(base)).json();
    expect(detail.category).toBe('penalty');
    expect(detail.checklist.map((c: any) => c.label)).toContain('调查取证两人以上、持证执法');
    const keys: string[] = detail.checklist.map((c: any) => c.key);
    const all = (result: string) => keys.map((key) => ({ key, result, remark: '' }));
    // every check answered; a 不符合 states why; an unknown key is refused
    expect((await post(`${base}/checks`, { answers: all('conform').slice(1) })).json().error.details).toMatchObject({ field: 'answers' });
    expect((await post(`${base}/checks`, { answers: [...all('conform').slice(1), { key: keys[0], result: 'nonconform' }] })).json().error.message).toContain('须写明情况');
    expect((await post(`${base}/checks`, { answers: [...all('conform'), { key: 'made-up', result: 'na' }] })).statusCode).toBe(400);
    const first = await post(`${base}/checks`, { answers: all('conform') });
    expect(first.statusCode, first.body).toBe(201);
    // a re-check: two 不符合 and one 不适用; the latest is the one in force
    const answers = all('conform');
    answers[1] = { key: keys[1], result: 'nonconform', remark: '调查笔录仅一名执法人员签名' };
    answers[3] = { key: keys[3], result: 'nonconform', remark: '无法制审核意见' };
    answers[7] = { key: keys[7], result: 'na', remark: '不予处罚，无执行' };
    const second = await post(`${base}/checks`, { answers, summary: '程序存在瑕疵' });
    expect(second.json()).toMatchObject({ nonconforming: 2, checkedByName: 'sup' });
    const after = (await get(base)).json();
    expect(after.checks).toHaveLength(2);
    expect(after.latest.answers[1]).toMatchObject({ resultName: '不符合', remark: '调查笔录仅一名执法人员签名' });
    expect((await get(`/api/supervision/sampling/draws/${d.id}`)).json().cases[0]).toMatchObject({ checked: true, nonconforming: 2 });

    // 回访
    expect((await post(`${base}/visits`, { method: 'fax', partyName: '王小明', answer: '满意', satisfied: true })).statusCode).toBe(400);
    expect((await post(`${base}/visits`, { method: 'phone', partyName: '王小明', answer: '满意', satisfied: true, visitedAt: '2027-01-01T00:00:00+08:00' })).json().error.details).toMatchObject({ field: 'visitedAt' });
    p.at('2026-04-07T10:00:00+08:00');
    expect((await post(`${base}/visits`, { method: 'phone', partyName: '王小明', answer: '满意', satisfied: true, visitedAt: '2026-04-07T08:30:00+08:00' })).json().error.message).toContain('早于抽取时间');
    const visit = await post(`${base}/visits`, { method: 'phone', partyName: '王小明', answer: '执法人员未出示证件，对处理结果不满意', satisfied: false, visitedAt: '2026-04-07T09:30:00+08:00' });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json()).toMatchObject({ methodName: '电话', visitorName: 'sup', satisfied: false });

    // a finding on a check that conformed is refused; on a 不符合 it raises SAMPLING_FINDING on the case
    expect((await post(`${base}/findings`, { description: 'x', checkKeys: [keys[0]], outcome: 'alert' })).json().error.details).toMatchObject({ field: 'checkKeys' });
    const fa = await post(`${base}/findings`, { description: '调查取证仅一人、无法制审核', checkKeys: [keys[1], keys[3]], outcome: 'alert', level: 'red' });
    expect(fa.statusCode, fa.body).toBe(201);
    expect(fa.json().alert).toMatchObject({ code: 'SAMPLING_FINDING', level: 'red', caseNo: after.case.caseNo, manual: true });
    const found = await p.alerts(`code=SAMPLING_FINDING&caseNo=${after.case.caseNo}`);
    expect(found.map((a: any) => a.id)).toEqual([fa.json().alert.id]);
    expect((await get(`/api/supervision/alerts/${fa.json().alert.id}`, p.handler)).statusCode).toBe(200); // the department sees it to answer
    expect((await post(`${base}/findings`, { description: '再次', checkKeys: [keys[1]], outcome: 'alert' })).statusCode).toBe(409);

    // from the visit: an accountability entry against the department, linked both ways
    const fe = await post(`${base}/findings`, {
      description: '当事人反映执法人员未出示证件', visitId: visit.json().id, outcome: 'accountability',
      accountability: { kind: 'inquiry', requirement: '书面说明情况', replyDays: 5, alertIds: [fa.json().alert.id] },
    });
    expect(fe.statusCode, fe.body).toBe(201);
    expect(fe.json().entry).toMatchObject({ kind: 'inquiry', departmentCode: DEPT, samplingFindingId: fe.json().finding.id, alertIds: [fa.json().alert.id] });
    expect(fe.json().finding).toMatchObject({ outcome: 'accountability', accountabilityId: fe.json().entry.id, visitId: visit.json().id });
    expect(fe.json().document).toMatchObject({ kind: 'inquiry_notice' });
    expect((await get(`/api/supervision/accountability/${fe.json().entry.id}`)).json().entry.samplingFindingId).toBe(fe.json().finding.id);
    // the far supervisor cannot turn anything into anything
    expect((await post(`${base}/findings`, { description: 'x', visitId: visit.json().id, outcome: 'alert' }, farSup)).statusCode).toBe(404);
    const findings = (await get(base)).json().findings;
    expect(findings.map((f: any) => [f.outcome, f.alertLevel, f.entryNo])).toEqual([['alert', 'red', null], ['accountability', null, fe.json().entry.entryNo]]);

    // every write audited; the records are append-only
    const acts = await p.db.query(`SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'sampling.%' AND outcome = 'success' GROUP BY action ORDER BY action`);
    expect(Object.fromEntries(acts.map((r: any) => [r.action, r.n]))).toMatchObject({ 'sampling.check': 2, 'sampling.visit': 1, 'sampling.finding': 2 });
    await expect(p.db.query(`UPDATE sampling_checks SET nonconforming = 0`)).rejects.toThrow(/append-only/);
    await expect(p.db.query(`DELETE FROM sampling_visits`)).rejects.toThrow(/append-only/);
    await expect(p.db.query(`UPDATE sampling_draws SET seed = 'other'`)).rejects.toThrow(/append-only/);
    await expect(p.db.query(`DELETE FROM sampling_findings`)).rejects.toThrow(/append-only/);
  }, 90_000);

  it("the quarterly ledger's counts against a hand count; refused outside the region; the export list", async () => {
    // the draws so far are all of 2026-03; one more of the quarter itself, with work on two of its cases
    const q = (await draw({ period: '2026-Q1', seed: 'ledger', size: { kind: 'count', value: 4 } })).json();
    const [c1, c2] = q.caseIds;
    const detail = (await get(`/api/supervision/sampling/draws/${q.id}/cases/${c1}`)).json();
    const keys: string[] = detail.checklist.map((c: any) => c.key);
    const answers = (bad: number) => keys.map((key, i) => ({ key, result: i < bad ? 'nonconform' : 'conform', remark: i < bad ? '问题' : '' }));
    await post(`/api/supervision/sampling/draws/${q.id}/cases/${c1}/checks`, { answers: answers(3) });
    await post(`/api/supervision/sampling/draws/${q.id}/cases/${c1}/checks`, { answers: answers(1) }); // the re-check is the one counted
    await post(`/api/supervision/sampling/draws/${q.id}/cases/${c2}/checks`, { answers: answers(0) });
    await post(`/api/supervision/sampling/draws/${q.id}/cases/${c2}/visits`, { method: 'visit', partyName: '王小明', answer: '满意', satisfied: true });
    await post(`/api/supervision/sampling/draws/${q.id}/cases/${c2}/visits`, { method: 'sms', partyName: '王小明', answer: '未回复', satisfied: false });
    const f = await post(`/api/supervision/sampling/draws/${q.id}/cases/${c1}/findings`, { description: '立案未审批', checkKeys: [keys[0]], outcome: 'alert' });
    expect(f.statusCode, f.body).toBe(201);

    // the hand count, from the rows themselves
    const draws = await p.db.query<{ id: string; case_ids: string[] | string }>(`SELECT id, case_ids FROM sampling_draws WHERE department_code = $1`, [DEPT]);
    const sampled = draws.reduce((s, d) => s + (typeof d.case_ids === 'string' ? JSON.parse(d.case_ids) : d.case_ids).length, 0);
    const checks = await p.db.query<{ draw_id: string; case_id: string; nonconforming: number }>(`SELECT draw_id, case_id, nonconforming FROM sampling_checks ORDER BY checked_at, rec_seq`);
    const latest = new Map<string, number>();
    for (const c of checks) latest.set(`${c.draw_id}/${c.case_id}`, c.nonconforming);
    const visits = await p.db.query<{ satisfied: boolean }>('SELECT satisfied FROM sampling_visits');
    const findings = await p.db.query<{ alert_id: string | null; accountability_id: string | null }>('SELECT alert_id, accountability_id FROM sampling_findings');
    const expected = {
      draws: draws.length, casesSampled: sampled, casesChecked: latest.size, nonconformingChecks: [...latest.values()].reduce((s, n) => s + n, 0),
      casesNonconforming: [...latest.values()].filter((n) => n > 0).length, visits: visits.length, visitsUnsatisfied: visits.filter((v) => !v.satisfied).length,
      findings: findings.length, alerts: findings.filter((x) => x.alert_id).length, accountability: findings.filter((x) => x.accountability_id).length,
    };
    // and the figures this test wrote, by hand: 5 earlier draws of 2026-03 (5+5+5+3+5 cases) and this one of 4
    expect(expected).toEqual({ draws: 6, casesSampled: 27, casesChecked: 3, nonconformingChecks: 3, casesNonconforming: 2, visits: 3, visitsUnsatisfied: 2, findings: 3, alerts: 2, accountability: 1 });

    const ledger = await get('/api/supervision/sampling/ledger?region=511700&quarter=2026-Q1');
    expect(ledger.statusCode, ledger.body).toBe(200);
    expect(ledger.json().rows).toHaveLength(1);
    expect(ledger.json().rows[0]).toMatchObject({ departmentCode: DEPT, departmentName: '通川区生态环境局', ...expected });
    expect(ledger.json().totals).toEqual(expected);
    // another quarter is empty; outside the region refused; bad quarter named
    expect((await get('/api/supervision/sampling/ledger?region=511700&quarter=2026-Q2')).json().rows).toEqual([]);
    expect((await get('/api/supervision/sampling/ledger?region=511700&quarter=2026-Q1', farSup)).statusCode).toBe(403);
    expect((await get('/api/supervision/sampling/ledger?region=511700&quarter=2026-Q1', countySup)).statusCode).toBe(403);
    expect((await get('/api/supervision/sampling/ledger?region=511702&quarter=2026-Q1', countySup)).json().totals).toEqual(expected);
    expect((await get('/api/supervision/sampling/ledger?region=511700&quarter=2026-5')).statusCode).toBe(400);

    // the server-side export builds the same rows with the requester's scope
    const supActor = { kind: 'user', userId: 'u', username: 'sup', name: 'sup', grants: [{ role: 'supervisor', regionCode: '511700', departmentCode: null }], sessionId: null, departmentCode: null, regionCode: '511700', officerId: null, sourceIp: null } as const;
    const l = EXPORT_LISTS['sampling-ledger'];
    const rows = await l.rows(p.ctx, supActor as any, l.filters.parse({ region: '511700', quarter: '2026-Q1' }));
    expect(l.columns.map((c) => c.value(rows[0]))).toEqual(['通川区', '通川区生态环境局', 6, 27, 3, 3, 2, 3, 2, 3, 2, 1]);
  }, 90_000);
});
