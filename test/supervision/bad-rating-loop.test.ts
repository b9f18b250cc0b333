import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentFacts } from '../../src/store/evaluation/facts.store.js';
import { reg, step, supPlatform, wire, DEPT, type SupPlatform } from './sup-helpers.js';

/**
 * 好差评 as a closed loop (四川电子监察办法 第十条(三)、第十一条(三); 国办发〔2019〕51号) on the drill
 * clock: 差评 → task → 回访核实 → 整改 → 反馈 → 复核; an overdue step raises BAD_RATING_OVERDUE at
 * its working-day instant; a contested 差评 upheld and accepted; one rating per case; reason required.
 */
describe('the 差评 loop', () => {
  let p: SupPlatform;
  const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = p.sup) => p.app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers: Record<string, string> = p.sup) => p.app.inject({ method: 'GET', url, headers });
  const rate = (body: Record<string, unknown>) => p.app.inject({ method: 'POST', url: '/api/public/ratings', payload: body });
  /** A concluded case (terminated) on Monday 2026-03-02, with its query code. */
  async function concluded(caseNo: string): Promise<string> {
    await p.pushAt('2026-03-02T10:05:00+08:00', [reg(caseNo, '2026-03-02T10:00:00+08:00')]);
    await p.pushAt('2026-03-02T11:05:00+08:00', [step(caseNo, 'register', '2026-03-02T11:00:00+08:00'), wire(`${caseNo}-t`, caseNo, 'case.terminated', '2026-03-02T11:01:00+08:00', { reason: '申请人撤回' })]);
    return (await p.db.query('SELECT query_code FROM cases WHERE case_no = $1', [caseNo]))[0].query_code;
  }
  const task = async (id: string) => (await get(`/api/supervision/rating-tasks/${id}`, p.handler)).json();
  const taskOf = async (caseNo: string) => (await p.db.query(`SELECT id FROM bad_rating_tasks WHERE subject_no = $1`, [caseNo]))[0].id as string;
  const overdue = async () => (await p.alerts('code=BAD_RATING_OVERDUE&limit=100')).filter((a: any) => a.detailedStatus !== 'withdrawn' && a.status !== 'withdrawn');

  beforeAll(async () => { p = await supPlatform('2026-03-02T09:00:00+08:00'); });
  afterAll(() => p.close());

  it('a 差评 needs a reason; a real-name one a phone; one rating per case (一事一评)', async () => {
    const qc = await concluded('BR-1');
    const noReason = await rate({ caseNo: 'BR-1', queryCode: qc, rating: 'dissatisfied' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details).toMatchObject({ field: 'reason' });
    const noPhone = await rate({ caseNo: 'BR-1', queryCode: qc, rating: 'dissatisfied', reason: '态度差', realName: true, rater: { name: '王小明' } });
    expect(noPhone.json().error.details).toMatchObject({ field: 'rater.phone' });
    expect((await rate({ caseNo: 'BR-1', queryCode: qc, rating: 'satisfied', indicators: { speed: 3 } })).statusCode).toBe(400);
    expect(await p.db.query('SELECT 1 FROM satisfaction_ratings WHERE case_no = $1', ['BR-1'])).toEqual([]);
    const ok = await rate({
      caseNo: 'BR-1', queryCode: qc, rating: 'dissatisfied', reason: '窗口人员态度生硬，材料被退回三次', indicators: { attitude: 1, efficiency: 2, openness: 3, integrity: 4 },
      channel: 'window', realName: true, rater: { name: '王小明', phone: '13800000001' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ caseNo: 'BR-1', level: 2, levelName: '不满意', taskNo: expect.stringMatching(/^CP20260302\d{4}$/) });
    const again = await rate({ caseNo: 'BR-1', queryCode: qc, rating: 'very_satisfied' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('一事一评');
    expect(await p.db.query('SELECT rating, channel, real_name, indicators FROM satisfaction_ratings WHERE case_no = $1', ['BR-1']))
      .toEqual([{ rating: 2, channel: 'window', real_name: true, indicators: { attitude: 1, efficiency: 2, openness: 3, integrity: 4 } }]);
  });

  it('回访核实 → 整改 → 反馈 → 复核, with the overdue visit raised at its working-day instant', async () => {
    const id = await taskOf('BR-1');
    let t = await task(id);
    expect(t.task).toMatchObject({ status: 'visit', statusName: '待回访核实', departmentCode: DEPT, realName: true });
    // visit: 5 working days from Monday 03-02 → end of Monday 03-09; 整改: 15 → end of Monday 03-23
    expect(t.steps.find((s: any) => s.step === 'visit').dueAt).toBe(new Date('2026-03-10T00:00:00+08:00').toISOString());
    expect(t.task.rectifyDueAt).toBe(new Date('2026-03-24T00:00:00+08:00').toISOString());
    // a real-name 差评 is visited before its 整改
    const early = await post(`/api/supervision/rating-tasks/${id}/rectify`, { content: '已整改' }, p.handler);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('回访');
    expect((await get('/api/supervision/rating-tasks?open=true', p.handler)).json().tasks.map((x: any) => x.id)).toEqual([id]);

    await p.sweep('2026-03-09T23:59:00+08:00');
    expect(await overdue()).toEqual([]);
    const s = await p.sweep('2026-03-10T00:01:00+08:00');
    expect(s.ratingTasksOverdue).toBe(1);
    await p.sweep('2026-03-10T00:02:00+08:00'); // raised once
    const a = await overdue();
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ level: 'yellow', subjectKind: 'rating_task', subjectId: id, step: 'visit', departmentCode: DEPT });
    expect(a[0].message).toContain('回访核实');

    // the supervisor does not visit; the department does, saying who, when, how and what
    expect((await post(`/api/supervision/rating-tasks/${id}/visit`, { method: 'phone', contact: '王小明', content: 'x' })).statusCode).toBe(403);
    expect((await post(`/api/supervision/rating-tasks/${id}/visit`, { method: 'phone', contact: '王小明', content: 'x', at: '2026-03-11T09:00:00+08:00' }, p.handler)).statusCode).toBe(400);
    p.at('2026-03-10T10:00:00+08:00');
    const v = await post(`/api/supervision/rating-tasks/${id}/visit`, { method: 'phone', contact: '王小明（申请人）', content: '核实属实：窗口人员未一次性告知材料', at: '2026-03-10T09:30:00+08:00' }, p.handler);
    expect(v.json()).toMatchObject({ status: 'rectify', visitedAt: new Date('2026-03-10T09:30:00+08:00').toISOString() });
    p.at('2026-03-12T10:00:00+08:00');
    expect((await post(`/api/supervision/rating-tasks/${id}/rectify`, { content: '对窗口人员批评教育，推行一次性告知制度', attachments: [{ name: '整改报告.pdf' }] }, p.handler)).json().status).toBe('feedback');
    expect((await post(`/api/supervision/rating-tasks/${id}/feedback`, { method: 'phone', contact: '王小明', content: '已电话告知整改情况，申请人表示认可' }, p.handler)).json().status).toBe('review');
    // the department does not review itself; the supervisor returns, the 整改 is redone, then passes
    expect((await post(`/api/supervision/rating-tasks/${id}/review`, { decision: 'pass', content: 'x' }, p.handler)).statusCode).toBe(403);
    expect((await post(`/api/supervision/rating-tasks/${id}/review`, { decision: 'return', content: '整改措施未落实到人' })).json().status).toBe('rectify');
    p.at('2026-03-13T10:00:00+08:00');
    await post(`/api/supervision/rating-tasks/${id}/rectify`, { content: '明确责任人并建立台账' }, p.handler);
    await post(`/api/supervision/rating-tasks/${id}/feedback`, { method: 'sms', content: '短信告知整改结果' }, p.handler);
    const pass = await post(`/api/supervision/rating-tasks/${id}/review`, { decision: 'pass', content: '整改到位，同意办结' });
    expect(pass.json()).toMatchObject({ status: 'closed', statusName: '已办结' });
    t = await task(id);
    expect(t.actions.map((x: any) => x.action)).toEqual(['open', 'visit', 'rectify', 'feedback', 'review_return', 'rectify', 'feedback', 'review_pass']);
    expect(t.actions[1]).toMatchObject({ actorName: 'handler', method: 'phone', contact: '王小明（申请人）', content: '核实属实：窗口人员未一次性告知材料' });
    expect(t.actions[0]).toMatchObject({ actorName: 'system', content: '窗口人员态度生硬，材料被退回三次' });
    // nothing more once closed; the actions are append-only
    expect((await post(`/api/supervision/rating-tasks/${id}/contest`, { content: 'x', attachments: [{ name: 'a.pdf' }] }, p.handler)).statusCode).toBe(409);
    await expect(p.db.query(`UPDATE bad_rating_actions SET content = 'x'`)).rejects.toThrow(/append-only/);
    await expect(p.db.query(`UPDATE bad_rating_tasks SET rating = 1`)).rejects.toThrow(/append-only/);
    // after the step was done, no more overdue alerts are raised for it (a later sweep)
    await p.sweep('2026-03-30T00:01:00+08:00');
    expect(await overdue()).toHaveLength(1);
  });

  it('a contested 差评: upheld, the loop continues; accepted, it is excluded from the evaluation', async () => {
    p.at('2026-04-01T09:00:00+08:00');
    const qc2 = await concluded('BR-2');
    const qc3 = await concluded('BR-3');
    p.at('2026-04-01T09:10:00+08:00');
    expect((await rate({ caseNo: 'BR-2', queryCode: qc2, rating: 'very_dissatisfied', reason: '办理太慢' })).statusCode).toBe(200);
    expect((await rate({ caseNo: 'BR-3', queryCode: qc3, rating: 'very_dissatisfied', reason: '不予受理不合理', channel: 'sms' })).statusCode).toBe(200);
    const t2 = await taskOf('BR-2');
    const t3 = await taskOf('BR-3');
    // anonymous: no one to visit, the task starts at 整改
    expect((await task(t2)).task).toMatchObject({ status: 'rectify', realName: false });
    expect((await post(`/api/supervision/rating-tasks/${t2}/contest`, { content: '已按时办结' }, p.handler)).json().error.details).toMatchObject({ field: 'attachments' });
    expect((await post(`/api/supervision/rating-tasks/${t2}/contest`, { content: '办件在承诺时限内办结，评价与事实不符', attachments: [{ name: '办理记录.pdf' }] }, p.handler)).json().status).toBe('contested');
    expect((await post(`/api/supervision/rating-tasks/${t2}/contest-decision`, { decision: 'uphold', content: 'x' }, p.handler)).statusCode).toBe(403);
    const up = await post(`/api/supervision/rating-tasks/${t2}/contest-decision`, { decision: 'uphold', content: '办理虽未超时，但多次要求补正，差评成立' });
    expect(up.json()).toMatchObject({ status: 'rectify', excluded: null });

    await post(`/api/supervision/rating-tasks/${t3}/contest`, { content: '不予受理有明确法律依据', attachments: [{ name: '法律依据.pdf' }] }, p.handler);
    // 整改 limit 15 working days from Wed 04-01 (清明 04-04–06; 04-07 is the first working day after): overdue while contested
    const due3 = new Date((await task(t3)).task.rectifyDueAt);
    await p.sweep(new Date(due3.getTime() - 60_000).toISOString());
    expect((await overdue()).map((a: any) => a.subjectId)).not.toContain(t3);
    await p.sweep(new Date(due3.getTime() + 60_000).toISOString());
    expect((await overdue()).filter((a: any) => a.subjectId === t3).map((a: any) => a.step)).toEqual(['rectify']);
    const acc = await post(`/api/supervision/rating-tasks/${t3}/contest-decision`, { decision: 'accept', content: '不予受理符合规定，申诉成立' });
    expect(acc.json()).toMatchObject({ status: 'excluded', excluded: true });
    // the contest's alert is withdrawn, the rating stays on record
    expect((await overdue()).map((a: any) => a.subjectId)).not.toContain(t3);
    expect(await p.db.query(`SELECT rating FROM satisfaction_ratings WHERE case_no = 'BR-3'`)).toEqual([{ rating: 1 }]);
    // evaluation: SATISFACTION leaves the accepted one out; BR-2's 整改 limit is in April
    const f = (await departmentFacts(p.db, '5117', new Date('2026-04-01T00:00:00+08:00'), new Date('2026-05-01T00:00:00+08:00'))).get(DEPT)!;
    expect(f).toMatchObject({ ratingCount: 1, ratingSum: 1, badRatingsDue: 1, badRatingsRectifiedOnTime: 0 });
    const m = (await departmentFacts(p.db, '5117', new Date('2026-03-01T00:00:00+08:00'), new Date('2026-04-01T00:00:00+08:00'))).get(DEPT)!;
    expect(m).toMatchObject({ ratingCount: 1, ratingSum: 2, badRatingsDue: 1, badRatingsRectifiedOnTime: 1 });
  });

  it('the console rates add up to a hand count', async () => {
    p.at('2026-04-20T09:00:00+08:00');
    const good = await concluded('BR-4');
    expect((await rate({ caseNo: 'BR-4', queryCode: good, rating: 'very_satisfied', channel: 'hall' })).statusCode).toBe(200);
    const mid = await concluded('BR-5');
    expect((await rate({ caseNo: 'BR-5', queryCode: mid, rating: 'neutral' })).statusCode).toBe(200);
    const r = (await get('/api/supervision/ratings?region=511700')).json();
    // by hand: BR-1 不满意 (real-name, visited, rectified 03-12 before 03-24, closed), BR-2 非常不满意 (upheld, open),
    // BR-3 非常不满意 (申诉成立), BR-4 非常满意, BR-5 基本满意
    expect(r.summary).toMatchObject({
      total: 5, good: 1, neutral: 1, bad: 3, excluded: 1, counted: 2, realNameBad: 1, visited: 1, rectified: 1, rectifiedOnTime: 1, closed: 1,
      goodRate: 0.2, rectifiedRate: 0.5, onTimeRate: 0.5, visitRate: 1,
    });
    expect(r.ratings.map((x: any) => x.caseNo)).toEqual(['BR-5', 'BR-4', 'BR-3', 'BR-2', 'BR-1']);
    expect(r.ratings.find((x: any) => x.caseNo === 'BR-1')).toMatchObject({ channel: 'window', realName: true, departmentName: expect.any(String), taskStatus: 'closed' });
    expect((await get('/api/supervision/ratings?level=bad')).json().ratings).toHaveLength(3);
    // a department sees its own; the public does not
    expect((await get('/api/supervision/ratings', p.handler)).json().summary.total).toBe(5);
    expect((await p.app.inject({ method: 'GET', url: '/api/supervision/ratings' })).statusCode).toBe(401);
  });

  it('the 整改 limit is a region setting (a lower region only shortens); a concluded complaint is rated once', async () => {
    const put = (region: string, body: Record<string, unknown>) => p.app.inject({ method: 'PUT', url: `/api/supervision/settings/regions/${region}`, headers: p.sup, payload: body });
    expect((await put('511700', { badRatingRectifyDays: 10, reason: '市级要求 10 个工作日内整改' })).statusCode).toBe(200);
    expect((await put('511702', { badRatingRectifyDays: 12, reason: '放宽' })).statusCode).toBe(409);
    p.at('2026-05-11T09:00:00+08:00');
    const sub = (await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: {
      kind: 'complaint', realName: true, complainant: { name: '张三', phone: '13800000002' }, regionCode: '511702', departmentCode: DEPT, subject: '办事拖延', content: '两周无人处理' } })).json();
    expect((await post(`/api/supervision/complaints/${sub.id}/decision`, { accept: true, notice: '已受理' })).statusCode).toBe(200);
    expect((await post(`/api/supervision/complaints/${sub.id}/conclude`, { result: '已督促办理', upheld: true })).statusCode).toBe(200);
    const rc = (body: Record<string, unknown>) => p.app.inject({ method: 'POST', url: '/api/public/complaints/ratings', payload: { complaintNo: sub.complaintNo, queryCode: sub.queryCode, ...body } });
    expect((await rc({ rating: 'dissatisfied' })).json().error.details).toMatchObject({ field: 'reason' });
    const ok = await rc({ rating: 'dissatisfied', reason: '处理结果未解决问题' });
    expect(ok.statusCode).toBe(200);
    expect((await rc({ rating: 'satisfied' })).statusCode).toBe(409);
    const id = (await p.db.query(`SELECT id FROM bad_rating_tasks WHERE subject_no = $1`, [sub.complaintNo]))[0].id;
    const t = (await task(id)).task;
    // the complainant was real-name: the visit comes first; 整改 10 working days from Mon 05-11 → end of Mon 05-25
    expect(t).toMatchObject({ status: 'visit', realName: true, subjectKind: 'complaint', departmentCode: DEPT });
    expect(t.rectifyDueAt).toBe(new Date('2026-05-26T00:00:00+08:00').toISOString());
  });
});
