import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/services/ids.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { evalPlatform, SCHEME, type EvalPlatform } from './eval-helpers.js';
import { loadFixture } from './fixture.js';

const A = '511702-STJ', B = '511702-SJJ', C = '511703-STJ';
const MARCH = { region: '511700', period: '2026-03' };
// version 2 from March: base 90, the explanations indicator, 函询 for the last place
const V2 = { ...SCHEME, base: 90, effectiveFrom: '2026-03', indicators: [...SCHEME.indicators, { code: 'ALERTS_EXPLAINED_ON_TIME', points: 10 }],
  accountability: { kind: 'inquiry', lowest: 1 } };

/**
 * Trends across a scheme version change, the drill-down by region, the explanations-on-time
 * indicator (仁和 二(六)), person scores withheld until approved, and 函询 for the last place once.
 * Every figure below is counted by hand from fixture.ts and the alerts added here.
 */
let p: EvalPlatform;
async function attributed(level: 'red' | 'yellow', at: string): Promise<void> {
  const id = newId();
  await p.db.query(
    `INSERT INTO supervision_alerts (id, code, level, subject_kind, subject_id, department_code, region_code, status, message, raised_at, updated_at,
       responsible_officer_id, responsible_officer_name, responsible_post)
     VALUES ($1, 'DEADLINE_WARNING', $2, 'department', $1, $3, '511702', 'open', '测试预警', $4, $4, 'O-ZS', '张三', '承办科室')`, [id, level, A, new Date(at)]);
}

describe('evaluation: trends, drill-down, person scores review, accountability of the lowest', () => {
  let own: { authorization: string }, cityLeader: { authorization: string };
  beforeAll(async () => {
    p = await evalPlatform();
    await loadFixture(p);
    // February alerts, to be explained by Tue 2026-03-03 (24:00 China time)
    const a1 = await p.alert({ dept: A, level: 'yellow', raisedAt: '2026-02-10T10:00:00+08:00' });
    const c1 = await p.alert({ dept: C, level: 'red', raisedAt: '2026-02-11T10:00:00+08:00' });
    const act = (id: string, at: string, action = 'explain') => p.db.query(
      `INSERT INTO supervision_alert_actions (alert_id, at, action, from_status, to_status, reason) VALUES ($1, $2, $3, 'open', 'explained', '说明')`, [id, new Date(at), action]);
    await act(a1, '2026-03-03T20:00:00+08:00'); // on time
    await act(c1, '2026-03-04T09:00:00+08:00'); // late
    // a yellow card of A in March names 张三 (承办科室); the account zhangsan is that person
    await p.db.query(`INSERT INTO officers (id, name, department_code) VALUES ('O-ZS', '张三', $1), ('O-LS', '李四', $1)`, [A]);
    await attributed('yellow', '2026-03-06T12:00:00+08:00');
    await seedUser(p.db, { username: 'zhangsan', role: 'handler', region: '511702', department: A });
    await p.db.query(`UPDATE users SET officer_id = 'O-ZS' WHERE username = 'zhangsan'`);
    own = await bearer(p.app, 'zhangsan');
    await seedUser(p.db, { username: 'cityLeader', role: 'leader', region: '511700' });
    cityLeader = await bearer(p.app, 'cityLeader');
    expect((await p.send('PUT', '/api/evaluation/v1/schemes/511700', SCHEME)).body.version).toBe(1);
    expect((await p.send('PUT', '/api/evaluation/v1/schemes/511700', V2)).body.version).toBe(2);
    p.at('2026-04-02T09:00:00+08:00');
  }, 120_000);
  afterAll(() => p.close());

  it('the explanations-on-time indicator: alerts due in the period, explained by the 3rd (hand count)', async () => {
    const s = (await p.get('/api/evaluation/v1/scores?period=2026-03&region=511700')).body;
    expect(s.schemeVersion).toBe(2);
    const row = (d: string) => s.departments.find((x: any) => x.department === d);
    // A: due in March the Feb 28 red and the Feb 10 yellow; only the yellow explained by 03-03 → 1/2 → +5
    expect(row(A).indicators.ALERTS_EXPLAINED_ON_TIME).toEqual({ value: 0.5, contribution: 5 });
    // C: one due, explained on 03-04 → 0; B: none due → null
    expect(row(C).indicators.ALERTS_EXPLAINED_ON_TIME).toEqual({ value: 0, contribution: 0 });
    expect(row(B).indicators.ALERTS_EXPLAINED_ON_TIME).toEqual({ value: null, contribution: 0 });
    // A: 90 + 2 + 6.67 − 8 − 2 (two yellows) − 3 − 5 + 2 + 5 = 87.67; B 90; C: 90 + 1 + 10 − 2 = 99
    expect(s.departments.map((d: any) => [d.department, d.score, d.rank])).toEqual([[C, 99, 1], [B, 90, 2], [A, 87.67, 3]]);
  });

  it('trends over January–March follow the scheme version of each period (v1, then v2 from March)', async () => {
    expect((await p.get('/api/evaluation/v1/trends?region=511700&kind=week')).body.error.details.field).toBe('kind');
    expect((await p.get('/api/evaluation/v1/trends?region=511700&count=99')).body.error.details.field).toBe('count');
    expect((await p.get('/api/evaluation/v1/trends?region=511703&department=511702-STJ', 'countySup')).body.error.details.field).toBe('department');
    expect((await p.get('/api/evaluation/v1/trends?region=511700', 'countySup')).status).toBe(403);
    const t = (await p.get(`/api/evaluation/v1/trends?region=511700&department=${A}&count=3`)).body; // last ended month at 04-02: March
    expect(t).toMatchObject({ regionName: '达州市', departmentName: '通川区生态环境局', kind: 'month' });
    // Feb (v1, base 100): A 100 − 2 (red 02-28) − 1 (yellow 02-10) = 97; B 100; C 100 − 8 (rating 1) − 2 (red 02-11) = 90 → mean 95.67
    expect(t.points.map((x: any) => [x.period, x.schemeVersion, x.status, x.score, x.rank, x.average, x.departments])).toEqual([
      ['2026-01', 1, 'draft', 100, 1, 100, 3],
      ['2026-02', 1, 'draft', 97, 2, 95.67, 3],
      ['2026-03', 2, 'draft', 87.67, 3, 92.22, 3], // (87.67 + 90 + 99) / 3 = 92.223…
    ]);
    expect(t.points[2].label).toBe('2026年3月');
    const q = (await p.get('/api/evaluation/v1/trends?region=511700&kind=quarter&count=2&until=2026-Q1')).body;
    expect(q.points.map((x: any) => [x.period, x.schemeVersion])).toEqual([['2025-Q4', null], ['2026-Q1', 1]]);
  });

  it('drill-down: child regions\' averages (each department weighs the same) add up to the region\'s', async () => {
    const top = (await p.get('/api/evaluation/v1/drill?region=511700&period=2026-03')).body;
    expect(top).toMatchObject({ at: '511700', atName: '达州市', departments: 3, scoreSum: 276.67, average: 92.22, path: [{ code: '511700', name: '达州市' }] });
    // 通川区: (87.67 + 90) / 2 = 88.835 → 88.84; 达川区: 99
    expect(top.children.map((c: any) => [c.code, c.name, c.departments, c.scoreSum, c.average])).toEqual([['511702', '通川区', 2, 177.67, 88.84], ['511703', '达川区', 1, 99, 99]]);
    expect(top.children.reduce((s: number, c: any) => s + c.scoreSum, 0) + top.own.reduce((s: number, d: any) => s + d.score, 0)).toBeCloseTo(top.scoreSum, 2);
    const county = (await p.get('/api/evaluation/v1/drill?region=511700&period=2026-03&at=511702')).body;
    expect(county.path.map((x: any) => x.name)).toEqual(['达州市', '通川区']);
    expect(county.own.map((d: any) => [d.name, d.score, d.rank])).toEqual([['通川区市场监督管理局', 90, 2], ['通川区生态环境局', 87.67, 3]]);
    // a county's supervisor reads their county, never above it
    expect((await p.get('/api/evaluation/v1/drill?region=511700&period=2026-03&at=511703', 'countySup')).status).toBe(403);
    const mine = (await p.get('/api/evaluation/v1/drill?region=511703&period=2026-03', 'countySup')).body;
    expect(mine.own.map((d: any) => [d.department, d.score])).toEqual([[C, 99]]);
    expect((await p.get('/api/evaluation/v1/drill?region=511703&period=2026-03&at=511702', 'countySup')).body.error.details.field).toBe('at');
  });

  it('person scores are withheld from all but the supervisors until approved, then frozen; each person sees their own', async () => {
    const url = '/api/evaluation/v1/people?region=511700&period=2026-03';
    const draft = (await p.get(url)).body;
    expect(draft.status).toBe('draft');
    // 张三: 90 − 1 (one yellow) = 89; 李四 90
    expect(draft.people.filter((x: any) => x.department === A).map((x: any) => [x.name, x.score, x.rank])).toEqual([['李四', 90, 1], ['张三', 89, 2]]);
    const asLeader = async (u: string) => (await p.app.inject({ method: 'GET', url: u, headers: cityLeader })).json();
    expect(await asLeader(url)).toMatchObject({ withheld: true, people: [], posts: [] });
    expect((await p.get('/api/evaluation/v1/people?region=511702&period=2026-03', 'leader')).body).toMatchObject({ withheld: true, people: [] });
    const before = await p.app.inject({ method: 'GET', url: '/api/evaluation/v1/people/me', headers: own });
    expect(before.json().periods).toEqual([]);

    const ok = await p.send('POST', '/api/evaluation/v1/review/approve', MARCH);
    expect(ok).toMatchObject({ status: 200, body: { revision: 1 } });
    // after approval a new alert of 张三 changes nothing: the figures are frozen
    await attributed('red', '2026-03-20T10:00:00+08:00');
    const led = await asLeader(`${url}&department=${A}`);
    expect(led).toMatchObject({ status: 'approved', withheld: false });
    expect(led.people.map((x: any) => [x.name, x.score])).toEqual([['李四', 90], ['张三', 89]]);
    const me = (await p.app.inject({ method: 'GET', url: '/api/evaluation/v1/people/me', headers: own })).json();
    expect(me.periods.map((x: any) => [x.period, x.name, x.score, x.rank, x.status])).toEqual([['2026-03', '张三', 89, 2, 'approved']]);
    expect(JSON.stringify(me)).not.toContain('李四');
    // never in the public hall, published or not
    await p.send('POST', '/api/evaluation/v1/review/publish', MARCH);
    const hall = await p.app.inject({ method: 'GET', url: '/api/public/league?region=511700' });
    expect(hall.json().period).toBe('2026-03');
    expect(hall.body).not.toContain('张三');
    expect(hall.body).not.toContain('O-ZS');
  });

  it('the last place gets one 函询 proposed on approval, linked to the period; re-approval after an appeal adds none', async () => {
    const entries = () => p.db.query(`SELECT department_code, kind, status, reason, evaluation_periods FROM accountability_entries ORDER BY created_at`);
    let e = await entries();
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ department_code: A, kind: 'inquiry', status: 'draft', evaluation_periods: [{ regionCode: '511700', period: '2026-03' }] });
    expect(e[0].reason).toContain('得分 87.67 分，第 3 名（共 3 个部门）');
    // its 函询 notice issued with it
    const docs = await p.db.query(`SELECT count(*)::int AS n FROM archived_documents WHERE subject_type = 'accountability'`);
    expect(docs[0].n).toBe(1);
    // an appeal upheld, the period approved again: A is still last and already has its entry
    const filed = await p.send('POST', '/api/evaluation/v1/appeals', { ...MARCH, department: A, reason: '红牌误报' }, 'deptAdmin');
    expect(filed.status).toBe(200);
    expect((await p.send('POST', `/api/evaluation/v1/appeals/${filed.body.id}/decision`, { decision: 'uphold', reason: '复核属实' })).status).toBe(200);
    const again = await p.send('POST', '/api/evaluation/v1/review/approve', MARCH);
    expect(again.body).toMatchObject({ revision: 2, accountability: [] });
    e = await entries();
    expect(e).toHaveLength(1);
    // a scheme naming those below 95 too: the next approval proposes for B (90), not again for A
    await p.send('PUT', '/api/evaluation/v1/schemes/511700', { ...V2, accountability: { kind: 'interview', below: 95 } });
    await p.db.query(`UPDATE evaluation_results SET status = 'superseded', superseded_at = now() WHERE region_code = '511700' AND period = '2026-03' AND status <> 'superseded'`);
    const third = await p.send('POST', '/api/evaluation/v1/review/approve', MARCH);
    expect(third.body.accountability).toHaveLength(1);
    e = await entries();
    expect(e.map((x: any) => [x.department_code, x.kind])).toEqual([[A, 'inquiry'], [B, 'interview']]);
  });
});
