import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalPlatform, SCHEME, type EvalPlatform } from './eval-helpers.js';
import { loadFixture } from './fixture.js';

const scores = (p: EvalPlatform, period: string, region: string, who: Parameters<EvalPlatform['get']>[1] = 'sup') =>
  p.get(`/api/evaluation/v1/scores?period=${period}&region=${region}`, who);
const ind = (value: number | null, contribution: number) => ({ value, contribution });

describe('evaluation (interface standard §8): schemes and scores', () => {
  let p: EvalPlatform;
  beforeAll(async () => {
    p = await evalPlatform();
    await loadFixture(p);
  }, 120_000);
  afterAll(() => p.close());

  it('PUT a scheme: versioned, audited; the same content again answers its version', async () => {
    expect(await p.send('PUT', '/api/evaluation/v1/schemes/511700', SCHEME)).toEqual({ status: 200, body: { version: 1 } });
    expect(await p.send('PUT', '/api/evaluation/v1/schemes/511700', SCHEME)).toEqual({ status: 200, body: { version: 1 } });
    const audit = await p.db.query(`SELECT details FROM audit_log WHERE action = 'evaluation.scheme.put' AND outcome = 'success' ORDER BY seq`);
    expect(audit.map((a) => a.details.version)).toEqual([1, 1]);
    const list = await p.get('/api/evaluation/v1/schemes/511700');
    expect(list.body.versions).toHaveLength(1);
    expect(list.body.versions[0]).toMatchObject({ version: 1, effectiveFrom: '2026-01', base: 100, indicators: SCHEME.indicators });
    expect(list.body.catalogue.find((c: any) => c.code === 'ON_TIME_RATE').name).toBe('按时办结率');
    const county = await p.get('/api/evaluation/v1/schemes/511702', 'leader');
    expect(county.body).toMatchObject({ versions: [], inherited: { region: '511700', version: 1 } });
  });

  it('refuses a bad scheme with 400 naming the field', async () => {
    const bad = async (body: unknown, field: string) => {
      const r = await p.send('PUT', '/api/evaluation/v1/schemes/511700', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.details.field).toBe(field);
      expect(r.body.error.message).toContain(field);
    };
    await bad({ ...SCHEME, effectiveFrom: '2026-13' }, 'effectiveFrom');
    await bad({ ...SCHEME, effectiveFrom: '2026/01' }, 'effectiveFrom');
    await bad({ ...SCHEME, indicators: [{ code: 'NO_SUCH_CODE', points: 1 }] }, 'indicators[0].code');
    await bad({ ...SCHEME, indicators: [{ code: 'RED_ALERTS', points: 'ten' }] }, 'indicators[0].points');
    await bad({ ...SCHEME, indicators: [{ code: 'ON_TIME_RATE', points: 10 }, { code: 'RED_ALERTS', points: -2, cap: -5 }] }, 'indicators[1].cap');
    await bad({ ...SCHEME, base: 'hundred' }, 'base');
    expect((await p.get('/api/evaluation/v1/schemes/511700')).body.versions).toHaveLength(1);
  });

  it('who may write and read: the region\'s supervisor or administrator or above; leaders read', async () => {
    expect((await p.send('PUT', '/api/evaluation/v1/schemes/511700', SCHEME, 'countySup')).status).toBe(403);
    expect((await p.send('PUT', '/api/evaluation/v1/schemes/511702', SCHEME, 'leader')).status).toBe(403);
    expect((await p.send('PUT', '/api/evaluation/v1/schemes/520000', SCHEME, 'admin')).status).toBe(404);
    expect((await scores(p, '2026-03', '511702', 'leader')).status).toBe(200);
    expect((await scores(p, '2026-03', '511700', 'leader')).status).toBe(403);
    expect((await scores(p, '2026-03', '511702', 'handler')).status).toBe(403);
    expect((await scores(p, '2026-03', '511702', null)).status).toBe(401);
    expect((await scores(p, '2026-03', '511700', 'admin')).status).toBe(200);
    expect((await scores(p, '2026-03', '520000', 'admin')).status).toBe(404);
    const badPeriod = await scores(p, '2026-3', '511700');
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.error.details.field).toBe('period');
    expect((await p.get('/api/evaluation/v1/scores?period=2026-03')).status).toBe(400);
    expect((await scores(p, '2025-12', '511700')).status).toBe(404); // no scheme in effect yet
  });

  it('scores a month by hand, indicator by indicator; every department of the subtree, ranked', async () => {
    const r = await scores(p, '2026-03', '511700');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ period: '2026-03', region: '511700', schemeVersion: 1, status: 'draft' });
    expect(Object.keys(r.body).sort()).toEqual(['departments', 'period', 'region', 'schemeVersion', 'status']);
    expect(r.body.departments).toEqual([
      // C: 1 concluded (cap 2) + 10 × 1 + (−2) × 1 = 109
      { department: '511703-STJ', score: 109, rank: 1, indicators: {
        CASES_CONCLUDED: ind(1, 1), ON_TIME_RATE: ind(1, 10), RED_ALERTS: ind(1, -2), YELLOW_ALERTS: ind(0, 0),
        ORDERS_OVERDUE: ind(0, 0), COMPLAINTS_UPHELD: ind(0, 0), SATISFACTION: ind(null, 0) } },
      // B: no case, alert, complaint or rating: the base
      { department: '511702-SJJ', score: 100, rank: 2, indicators: {
        CASES_CONCLUDED: ind(0, 0), ON_TIME_RATE: ind(null, 0), RED_ALERTS: ind(0, 0), YELLOW_ALERTS: ind(0, 0),
        ORDERS_OVERDUE: ind(0, 0), COMPLAINTS_UPHELD: ind(0, 0), SATISFACTION: ind(null, 0) } },
      // A: 3 concluded → 3 capped at 2; 2/3 on time → 6.67; 4 red → −8; 1 yellow → −1; 1 order overdue → −3;
      // 1 complaint upheld → −5; (5 + 2) / 2 − 3 = 0.5 → 2. 100 + 2 + 6.67 − 8 − 1 − 3 − 5 + 2 = 93.67
      { department: '511702-STJ', score: 93.67, rank: 3, indicators: {
        CASES_CONCLUDED: ind(3, 2), ON_TIME_RATE: ind(2 / 3, (2 / 3) * 10), RED_ALERTS: ind(4, -8), YELLOW_ALERTS: ind(1, -1),
        ORDERS_OVERDUE: ind(1, -3), COMPLAINTS_UPHELD: ind(1, -5), SATISFACTION: ind(0.5, 2) } },
    ]);
  });

  it('a quarter; a county sees its own subtree', async () => {
    const q1 = await scores(p, '2026-Q1', '511700');
    // February adds A's red alert of 02-28 (−2) and C's rating 1 (1 − 3 = −2, × 4 = −8)
    expect(q1.body.departments.map((d: any) => [d.department, d.score, d.rank])).toEqual([['511703-STJ', 101, 1], ['511702-SJJ', 100, 2], ['511702-STJ', 91.67, 3]]);
    const county = await scores(p, '2026-03', '511702');
    expect(county.body.departments.map((d: any) => [d.department, d.score, d.rank])).toEqual([['511702-SJJ', 100, 1], ['511702-STJ', 93.67, 2]]);
  });

  it('a version change mid-year scores each period by the version in effect at its start; the nearest scheme applies', async () => {
    const v2 = { ...SCHEME, name: '达州市2026年下半年考评细则', effectiveFrom: '2026-07', base: 80 };
    expect((await p.send('PUT', '/api/evaluation/v1/schemes/511700', v2, 'admin')).body).toEqual({ version: 2 });
    expect((await scores(p, '2026-03', '511700')).body).toMatchObject({ schemeVersion: 1, departments: [{ score: 109 }, { score: 100 }, { score: 93.67 }] });
    // April: A4 concluded on time at 04-01 00:00 → 100 + 1 + 10 = 111; the red of 04-01 (−2) and the complaint upheld then (−5) → 104
    expect((await scores(p, '2026-Q2', '511700')).body).toMatchObject({ schemeVersion: 1 });
    expect((await scores(p, '2026-04', '511700')).body.departments.find((d: any) => d.department === '511702-STJ').score).toBe(104);
    const july = await scores(p, '2026-07', '511700');
    expect(july.body).toMatchObject({ schemeVersion: 2, departments: [{ score: 80, rank: 1 }, { score: 80, rank: 1 }, { score: 80, rank: 1 }] });
    expect((await scores(p, '2026-Q3', '511700')).body.schemeVersion).toBe(2);
    // the county 511703 has its own scheme (two versions): it applies there, the city's elsewhere
    const county = { name: '达川区考评细则', effectiveFrom: '2026-01', base: 50, indicators: [{ code: 'ON_TIME_RATE', points: 10 }] };
    expect((await p.send('PUT', '/api/evaluation/v1/schemes/511703', county, 'countySup')).body).toEqual({ version: 1 });
    expect((await p.send('PUT', '/api/evaluation/v1/schemes/511703', { ...county, base: 40 }, 'countySup')).body).toEqual({ version: 2 });
    expect((await scores(p, '2026-03', '511703')).body).toMatchObject({ schemeVersion: 2, departments: [{ department: '511703-STJ', score: 50, rank: 1, indicators: { ON_TIME_RATE: ind(1, 10) } }] });
    expect((await scores(p, '2026-03', '511702')).body.schemeVersion).toBe(1);
  });

  it('the regulations\' indicators: late entry and exchange, orders answered in time, zero-case months unexplained', async () => {
    const B = '511702-SJJ';
    await p.alert({ dept: B, level: 'red', code: 'LATE_ENTRY', raisedAt: '2026-05-06T10:00:00+08:00' });
    await p.alert({ dept: B, level: 'red', code: 'LATE_EXCHANGE', raisedAt: '2026-05-07T10:00:00+08:00' });
    await p.alert({ dept: B, level: 'red', code: 'LATE_EXCHANGE', raisedAt: '2026-05-08T10:00:00+08:00' });
    await p.alert({ dept: B, level: 'yellow', code: 'ZERO_CASES_UNEXPLAINED', raisedAt: '2026-05-06T00:10:00+08:00' });
    const order = (n: number, due: string, answered: string | null) => p.db.query(
      `INSERT INTO supervision_orders (id, order_no, region_code, department_code, subject, instructions, status, response_days, issued_at, due_at, answered_at, updated_at)
       VALUES ($1, $1, '511702', $2, '督办', '请反馈', $3, 5, '2026-04-27T10:00:00+08:00', $4, $5, $4)`, [`ORD-${n}`, B, answered ? 'answered' : 'issued', due, answered]);
    await order(1, '2026-05-08T00:00:00+08:00', '2026-05-07T10:00:00+08:00'); // in time
    await order(2, '2026-05-09T00:00:00+08:00', '2026-05-11T10:00:00+08:00'); // late
    await order(3, '2026-05-12T00:00:00+08:00', null); // unanswered
    await order(4, '2026-06-02T00:00:00+08:00', '2026-05-11T10:00:00+08:00'); // due in June
    const scheme = { name: '通川区考评细则（数据质量）', effectiveFrom: '2026-05', base: 100, indicators: [
      { code: 'LATE_ENTRY', points: -3 }, { code: 'LATE_EXCHANGE', points: -1 }, { code: 'ORDERS_ANSWERED_ON_TIME', points: 6 }, { code: 'ZERO_CASES_UNEXPLAINED', points: -2 }] };
    expect((await p.send('PUT', '/api/evaluation/v1/schemes/511702', scheme)).body).toEqual({ version: 1 });
    const may = await scores(p, '2026-05', '511702');
    // B: −3 − 2 + 6 × 1/3 − 2 = −5 → 95; A: nothing → 100
    expect(may.body.departments).toEqual([
      { department: '511702-STJ', score: 100, rank: 1, indicators: { LATE_ENTRY: ind(0, 0), LATE_EXCHANGE: ind(0, 0), ORDERS_ANSWERED_ON_TIME: ind(null, 0), ZERO_CASES_UNEXPLAINED: ind(0, 0) } },
      { department: B, score: 95, rank: 2, indicators: { LATE_ENTRY: ind(1, -3), LATE_EXCHANGE: ind(2, -2), ORDERS_ANSWERED_ON_TIME: ind(1 / 3, (1 / 3) * 6), ZERO_CASES_UNEXPLAINED: ind(1, -2) } },
    ]);
  });

  it('documents §8 in /api/openapi.json', async () => {
    const doc = (await p.get('/api/openapi.json')).body; // as a supervisor: staff see the whole reference (issue 24 item 11)
    expect(doc.paths['/api/evaluation/v1/schemes/{regionCode}'].put).toBeTruthy();
    expect(doc.paths['/api/evaluation/v1/scores'].get.parameters.map((x: any) => x.name)).toEqual(expect.arrayContaining(['period', 'region']));
  });
});
