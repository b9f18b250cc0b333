import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { casePlatform, DEPT, OTHER_DEPT, type CasePlatform } from './case-helpers.js';

const ID = '11010519491231002X'; // GB 11643 example number

/** A flow whose second step, 法制审核, is given to the 法制审核员 post. */
const REVIEW_FLOW = {
  steps: [
    { key: 'register', name: '立案', post: '承办科室', limitDays: 5 },
    { key: 'review', name: '法制审核', post: '法制审核员', limitDays: 5 },
    { key: 'decide', name: '决定', post: '分管领导', limitDays: 10 },
  ],
  rollbacks: [],
};

describe('attribution and posts on the workbench (可信记录: who did what, at which post)', () => {
  let p: CasePlatform;
  let h: { authorization: string };
  let fz: { authorization: string };
  let sys: { authorization: string };
  let deptAdmin: { authorization: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    p = await casePlatform();
    await seedItem(p.db, p.ctx, { code: 'P-REVIEW-001', flow: REVIEW_FLOW } as any);
    ids.sys = await seedUser(p.db, { username: 'sys', role: 'system_admin' });
    sys = await bearer(p.app, 'sys');
    // §2 v2: officers[].posts name the flow posts they hold
    const imp = await p.app.inject({ method: 'POST', url: '/api/admin/import', headers: sys, payload: { officers: [
      { id: 'o-h', name: '李明', department: DEPT, certificateNo: '51170220260001', validUntil: '2028-12-31', posts: ['承办科室', '执法人员', '分管领导'] },
      { id: 'o-r', name: '王芳', department: DEPT, certificateNo: '51170220260002', validUntil: '2028-12-31', posts: ['法制审核员'] },
      { id: 'o-x', name: '王敏', department: DEPT, certificateNo: '51170220260003', validUntil: '2028-12-31' },
      { id: 'o-y', name: '陈强', department: OTHER_DEPT },
      { id: 'o-bad', name: '坏岗', department: DEPT, posts: [''] },
    ] } });
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json().loaded.officers).toBe(4);
    expect(imp.json().refused[0].error).toMatch(/^officers\[4\] posts\[0\]/);
    ids.jb = await seedUser(p.db, { username: 'jb', role: 'handler', region: '511702', department: DEPT });
    ids.fz = await seedUser(p.db, { username: 'fz', role: 'legal_reviewer', region: '511702', department: DEPT });
    ids.gly = await seedUser(p.db, { username: 'gly', role: 'department_admin', region: '511702', department: DEPT });
    ids.other = await seedUser(p.db, { username: 'jb2', role: 'handler', region: '511702', department: DEPT });
    deptAdmin = await bearer(p.app, 'gly');
    for (const [user, officer] of [['jb', 'o-h'], ['fz', 'o-r']]) {
      const r = await p.app.inject({ method: 'PATCH', url: `/api/admin/users/${ids[user]}`, headers: deptAdmin, payload: { officerId: officer } });
      expect(r.statusCode, r.body).toBe(200);
    }
    h = await bearer(p.app, 'jb');
    fz = await bearer(p.app, 'fz');
  });
  afterAll(() => p.close());

  const post = (url: string, payload: unknown, headers = h) => p.app.inject({ method: 'POST', url, headers, payload: payload as any });
  const get = (url: string, headers = h) => p.app.inject({ method: 'GET', url, headers });
  const register = async (itemCode = 'P-REVIEW-001') => {
    const r = await post('/api/cases', { itemCode, counterparty: { kind: 'person', name: '王小明', idNumber: ID }, channel: 'window' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; caseNo: string };
  };
  const agree = (step: string) => ({ step, opinion: { verdict: 'agree', text: '同意' } });

  it('keeps the imported posts on the officer', async () => {
    const o = (await get('/api/org/officers/o-h', sys)).json();
    expect(o.posts).toEqual(['分管领导', '执法人员', '承办科室'].sort());
    expect((await get('/api/org/officers/o-x', sys)).json().posts).toEqual([]);
    const created = await post('/api/org/officers', { id: 'o-z', name: '赵六', department: DEPT, posts: ['执法人员', ' 执法人员 '] }, sys);
    expect(created.statusCode, created.body).toBe(201);
    expect((await get('/api/org/officers/o-z', sys)).json().posts).toEqual(['执法人员']);
    const patched = await p.app.inject({ method: 'PATCH', url: '/api/org/officers/o-z', headers: sys, payload: { posts: ['承办科室'] } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await get('/api/org/officers/o-z', sys)).json().posts).toEqual(['承办科室']);
  });

  it('shows the acting officer, account and post on the case page', async () => {
    const c = await register();
    expect((await post(`/api/cases/${c.id}/complete-step`, agree('register'))).statusCode).toBe(200);
    const d = (await get(`/api/cases/${c.id}`)).json();
    const step = d.events.find((e: any) => e.type === 'step.completed');
    expect(step.actor).toEqual({ accountId: ids.jb, certificateNo: '51170220260001', id: 'o-h', name: '李明', officerId: 'o-h', post: '承办科室', username: 'jb' });
    expect(d.events[0].actor).toMatchObject({ id: 'o-h', name: '李明', username: 'jb', post: '承办科室' });
    expect(JSON.stringify(d.events)).not.toContain('王敏');
  });

  it('refuses a handler on the 法制审核 step given to the 法制审核员, and the legal reviewer completes it', async () => {
    const c = await register();
    expect((await post(`/api/cases/${c.id}/complete-step`, agree('register'))).statusCode).toBe(200);
    const refused = await post(`/api/cases/${c.id}/complete-step`, agree('review'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/不能办理「法制审核」环节：该环节由「法制审核员」岗位办理/);
    expect(refused.json().error.details).toMatchObject({ field: 'step', post: '法制审核员' });
    const done = await post(`/api/cases/${c.id}/complete-step`, agree('review'), fz);
    expect(done.statusCode, done.body).toBe(200);
    const d = (await get(`/api/cases/${c.id}`)).json();
    expect(d.currentStep).toBe('decide');
    expect(d.events.at(-1).actor).toMatchObject({ id: 'o-r', name: '王芳', post: '法制审核员', username: 'fz' });
    // the legal reviewer completes steps only: other commands stay with the handlers
    expect((await post(`/api/cases/${c.id}/suspend`, { reason: '等待', basis: '依据' }, fz)).statusCode).toBe(403);
  });

  it('refuses an account with no officer on a step given to a post; steps with no post stay open', async () => {
    const noOfficer = await bearer(p.app, 'jb2');
    const c = await register();
    const r = await post(`/api/cases/${c.id}/complete-step`, agree('register'), noOfficer);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('未关联执法人员');
    await seedItem(p.db, p.ctx, { code: 'P-OPEN-001', flow: { steps: [{ key: 'only', name: '办理', limitDays: 5 }], rollbacks: [] } } as any);
    const open = await register('P-OPEN-001');
    const legalOnOpen = await post(`/api/cases/${open.id}/complete-step`, agree('only'), fz);
    expect(legalOnOpen.statusCode).toBe(403);
    expect(legalOnOpen.json().error.message).toContain('由本部门经办人办理');
    expect((await post(`/api/cases/${open.id}/complete-step`, agree('only'), noOfficer)).statusCode).toBe(200);
  });

  it('lets a department name a post that stands in for another (audited)', async () => {
    const c = await register();
    expect((await post(`/api/cases/${c.id}/complete-step`, agree('register'))).statusCode).toBe(200);
    const url = `/api/org/departments/${DEPT}/stand-ins`;
    expect((await post(url, { post: '法制审核员', standIn: '不存在' }, deptAdmin)).statusCode).toBe(400);
    expect((await post(url, { post: '法制审核员', standIn: '分管领导' }, h)).statusCode).toBe(403);
    const add = await post(url, { post: '法制审核员', standIn: '分管领导' }, deptAdmin);
    expect(add.statusCode, add.body).toBe(201);
    expect((await get(url, deptAdmin)).json().standIns).toMatchObject([{ post: '法制审核员', standIn: '分管领导', createdBy: ids.gly }]);
    const done = await post(`/api/cases/${c.id}/complete-step`, agree('review'));
    expect(done.statusCode, done.body).toBe(200);
    expect((await get(`/api/cases/${c.id}`)).json().events.at(-1).actor).toMatchObject({ id: 'o-h', post: '分管领导' });
    const del = await p.app.inject({ method: 'DELETE', url: `${url}?post=${encodeURIComponent('法制审核员')}&standIn=${encodeURIComponent('分管领导')}`, headers: deptAdmin });
    expect(del.statusCode, del.body).toBe(200);
    const audit = await p.db.query(`SELECT action FROM audit_log WHERE action LIKE 'org.standin.%' AND outcome = 'success' ORDER BY seq`);
    expect(audit.map((a: any) => a.action)).toEqual(['org.standin.add', 'org.standin.remove']);
  });

  it('links an account only to an officer of its department that no other account holds', async () => {
    const patch = (id: string, officerId: string) => p.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: deptAdmin, payload: { officerId } });
    const taken = await patch(ids.other, 'o-h');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain('已关联账户 jb');
    const elsewhere = await p.app.inject({ method: 'PATCH', url: `/api/admin/users/${ids.other}`, headers: sys, payload: { officerId: 'o-y' } });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details.field).toBe('officerId');
    const created = await p.app.inject({ method: 'POST', url: '/api/admin/users', headers: sys, payload: { username: 'jb3', name: '王敏', department: DEPT, officerId: 'o-r' } });
    expect(created.statusCode).toBe(409);
    expect((await patch(ids.other, 'o-x')).statusCode).toBe(200);
  });
});
