import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { casePlatform, DEPT, type CasePlatform } from '../cases/case-helpers.js';

const ID = '11010519491231002X';
const FLOW = {
  steps: [
    { key: 'register', name: '立案', post: '承办科室', limitDays: 2 },
    { key: 'review', name: '法制审核', post: '法制审核员', limitDays: 5 },
    { key: 'decide', name: '决定', post: '分管领导', limitDays: 10 },
  ],
  rollbacks: [],
};
const officers = {
  h: { id: 'o-h', name: '李明', certificateNo: '51170220260001' },
  r: { id: 'o-r', name: '王芳', certificateNo: '51170220260002' },
  x: { id: 'o-x', name: '王敏', certificateNo: '51170220260003' },
};

/** POST_MISMATCH (§4 v2) through the exchange, and who every alert, action, order and answer names (盐城电子监察办法 第二十二条). */
describe('POST_MISMATCH and the attribution of findings', () => {
  let p: CasePlatform;
  let jc: { authorization: string };
  let h: { authorization: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    p = await casePlatform();
    await seedItem(p.db, p.ctx, { code: 'P-REVIEW-001', flow: FLOW } as any);
    await seedUser(p.db, { username: 'sys', role: 'system_admin' });
    const sys = await bearer(p.app, 'sys');
    const imp = await p.app.inject({ method: 'POST', url: '/api/admin/import', headers: sys, payload: { officers: [
      { ...officers.h, department: DEPT, validUntil: '2028-12-31', posts: ['承办科室', '执法人员'] },
      { ...officers.r, department: DEPT, validUntil: '2028-12-31', posts: ['法制审核员'] },
      { ...officers.x, department: DEPT, validUntil: '2028-12-31' },
    ] } });
    expect(imp.json().refused).toEqual([]);
    ids.jb = await seedUser(p.db, { username: 'jb', role: 'handler', region: '511702', department: DEPT });
    await p.db.query(`UPDATE users SET officer_id = 'o-h' WHERE id = $1`, [ids.jb]);
    ids.jc = await seedUser(p.db, { username: 'jc', role: 'supervisor', region: '511702' });
    jc = await bearer(p.app, 'jc');
    h = await bearer(p.app, 'jb');
  });
  afterAll(() => p.close());

  const push = (no: string, reviewer: { id: string; name: string }) => p.push([
    { eventId: `${no}-1`, caseNo: no, type: 'case.registered', occurredAt: '2026-03-02T10:00:00+08:00', actor: officers.h,
      data: { itemCode: 'P-REVIEW-001', counterparty: { kind: 'person', name: '王小明' }, channel: 'window' } },
    { eventId: `${no}-2`, caseNo: no, type: 'step.completed', occurredAt: '2026-03-02T10:10:00+08:00', actor: officers.h, data: { step: 'register', opinion: { verdict: 'agree', text: '同意' } } },
    { eventId: `${no}-3`, caseNo: no, type: 'step.completed', occurredAt: '2026-03-02T10:20:00+08:00', actor: reviewer, data: { step: 'review', opinion: { verdict: 'agree', text: '同意' } } },
  ]);
  const alertsOf = async (caseNo: string, code?: string) =>
    (await p.app.inject({ method: 'GET', url: `/api/supervision/alerts?caseNo=${caseNo}${code ? `&code=${code}` : ''}`, headers: jc })).json().alerts as any[];

  it('raises POST_MISMATCH 越岗办理 (red) on a step completed outside the officer\'s posts, attributed to that officer and post', async () => {
    const r = await push('PM-1', officers.h);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.accepted).toBe(3);
    const [a, ...more] = await alertsOf('PM-1', 'POST_MISMATCH');
    expect(more).toEqual([]);
    // the §5 fields, then the attribution
    expect(a).toMatchObject({ code: 'POST_MISMATCH', level: 'red', caseNo: 'PM-1', step: 'review', status: 'open' });
    expect(typeof a.id).toBe('string');
    expect(typeof a.raisedAt).toBe('string');
    expect(a.message).toContain('法制审核员');
    expect(a).toMatchObject({ responsibleOfficerId: 'o-h', responsibleOfficerName: '李明', responsiblePost: '法制审核员' });
    const ex = await p.app.inject({ method: 'GET', url: '/api/exchange/v1/alerts?caseNo=PM-1', headers: { authorization: `Bearer ${p.key}` } });
    expect(ex.json().alerts.map((x: any) => x.code)).toContain('POST_MISMATCH');
  });

  it('raises nothing for the post holder, or for an officer with no posts listed', async () => {
    expect((await push('PM-2', officers.r)).body.accepted).toBe(3);
    expect(await alertsOf('PM-2', 'POST_MISMATCH')).toEqual([]);
    expect((await push('PM-3', officers.x)).body.accepted).toBe(3);
    expect(await alertsOf('PM-3', 'POST_MISMATCH')).toEqual([]);
  });

  it('attributes a late step to its post and to the officer who last acted; the explanation names the officer and post', async () => {
    const reg = await p.app.inject({ method: 'POST', url: '/api/cases', headers: h, payload: { itemCode: 'P-REVIEW-001', counterparty: { kind: 'person', name: '王小明', idNumber: ID }, channel: 'window' } });
    expect(reg.statusCode, reg.body).toBe(201);
    p.clock.set(new Date('2026-03-09T12:00:00+08:00')); // register's 2 working days are long past
    expect((await p.app.inject({ method: 'POST', url: '/api/supervision/sweep', headers: jc, payload: {} })).statusCode).toBe(200);
    const late = (await alertsOf(reg.json().caseNo, 'STEP_OVERDUE'))[0];
    expect(late).toMatchObject({ step: 'register', responsibleOfficerId: 'o-h', responsibleOfficerName: '李明', responsiblePost: '承办科室' });
    const ex = await p.app.inject({ method: 'POST', url: `/api/supervision/alerts/${late.id}/actions`, headers: h, payload: { action: 'explain', reason: '当事人补充材料' } });
    expect(ex.statusCode, ex.body).toBe(200);
    const d = (await p.app.inject({ method: 'GET', url: `/api/supervision/alerts/${late.id}`, headers: jc })).json();
    expect(d.history.at(-1)).toMatchObject({ action: 'explain', actorId: ids.jb, actorOfficerId: 'o-h', actorPost: '承办科室' });
    expect(d.response).toMatchObject({ byAccountId: ids.jb, byOfficerId: 'o-h', byPost: '承办科室' });
  });

  it('records who issued a supervision order and who answered it', async () => {
    const o = await p.app.inject({ method: 'POST', url: '/api/supervision/orders', headers: jc, payload: { departmentCode: DEPT, caseNo: 'PM-1', subject: '越岗办理', instructions: '核查并整改' } });
    expect(o.statusCode, o.body).toBeLessThan(300);
    expect(o.json()).toMatchObject({ issuedByAccountId: ids.jc, issuedByOfficerId: null });
    const a = await p.app.inject({ method: 'POST', url: `/api/supervision/orders/${o.json().id}/answer`, headers: h, payload: { findings: '已整改' } });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().answeredBy).toEqual({ accountId: ids.jb, name: 'jb', officerId: 'o-h', post: null });
  });
});
