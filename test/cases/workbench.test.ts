import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setOfficerPosts } from '../../src/store/org.store.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { casePlatform, DEPT, OTHER_DEPT, type CasePlatform } from './case-helpers.js';

const ID = '11010519491231002X'; // GB 11643 example number

describe('workbench (same path as the exchange)', () => {
  let p: CasePlatform;
  let h: { authorization: string };
  let other: { authorization: string };
  beforeAll(async () => {
    p = await casePlatform();
    await p.db.query(`INSERT INTO officers (id, name, department_code, certificate_no, valid_until) VALUES ('o-1', '李明', $1, '51170220260017', '2028-12-31')`, [DEPT]);
    await setOfficerPosts(p.db, new Map([['o-1', ['承办科室', '执法人员', '分管领导']]])); // every post of the test flow
    const uid = await seedUser(p.db, { username: 'handler1', role: 'handler', region: '511702', department: DEPT });
    await p.db.query(`UPDATE users SET officer_id = 'o-1' WHERE id = $1`, [uid]);
    await seedUser(p.db, { username: 'handler2', role: 'handler', region: '511703', department: OTHER_DEPT });
    h = await bearer(p.app, 'handler1');
    other = await bearer(p.app, 'handler2');
  });
  afterAll(() => p.close());

  const post = (url: string, payload: unknown, headers = h) => p.app.inject({ method: 'POST', url, headers, payload: payload as any });
  const get = (url: string, headers = h) => p.app.inject({ method: 'GET', url, headers });
  const register = async () => {
    const r = await post('/api/cases', { itemCode: 'P-TEST-001', counterparty: { kind: 'person', name: '王小明', idNumber: ID }, channel: 'window' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; caseNo: string; queryCode: string };
  };

  it('registers a case with a server case number and query code, attributed to the officer', async () => {
    const c = await register();
    expect(c.caseNo).toMatch(/^511702-STJ-20260302-/);
    expect(c.queryCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/); // 50 bits (§3 v2: at least 40)
    const d = (await get(`/api/cases/${c.id}`)).json();
    expect(d.events[0]).toMatchObject({ type: 'case.registered', source: 'workbench', actor: { id: 'o-1', name: '李明', certificateNo: '51170220260017' } });
    expect(d.queryCode).toBe(c.queryCode); // the code it printed is the case's
    expect(d.events[0].data.queryCode).toBeUndefined(); // kept on the case only, not in the event
    expect(d.currentStep).toBe('register');
    expect(d.clocks.map((k: any) => k.kind)).toEqual(['legal', 'promised', 'step']);
    expect(d.allowedActions).toContain('completeStep');
    expect(d.light).toBe('green');
  });

  it('validates the counterparty check digits and the item', async () => {
    const bad = await post('/api/cases', { itemCode: 'P-TEST-001', counterparty: { kind: 'person', name: '王小明', idNumber: '110105194912310021' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('counterparty.idNumber');
    const org = await post('/api/cases', { itemCode: 'P-TEST-001', counterparty: { kind: 'organization', name: '某公司', idNumber: '91350100M000100Y42' } });
    expect(org.json().error.details.field).toBe('counterparty.idNumber');
    const unknown = await post('/api/cases', { itemCode: 'NOPE', counterparty: { kind: 'organization', name: '某公司', idNumber: '91350100M000100Y43' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.field).toBe('itemCode');
  });

  it('enforces step order, opinions with reasons, one-time corrections, rollbacks and decisions', async () => {
    const c = await register();
    const u = (x: string) => `/api/cases/${c.id}/${x}`;
    expect((await post(u('complete-step'), { step: 'investigate', opinion: { verdict: 'agree', text: '' } })).statusCode).toBe(409);
    const neg = await post(u('complete-step'), { step: 'register', opinion: { verdict: 'disagree', text: ' ' } });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.details.field).toBe('opinion.text');
    expect((await post(u('complete-step'), { step: 'register', opinion: { verdict: 'agree', text: '同意立案' } })).statusCode).toBe(200);
    expect((await post(u('corrections'), { materials: ['营业执照', '现场照片'], reason: '材料不全' })).statusCode).toBe(200);
    expect((await post(u('corrections'), { materials: ['身份证'], reason: '又缺' })).statusCode).toBe(409);
    expect((await post(u('return'), { toStep: 'register', reason: '重新立案' })).statusCode).toBe(409);
    expect((await post(u('complete-step'), { step: 'investigate', opinion: { verdict: 'agree', text: '查实' } })).statusCode).toBe(200);
    // decide step needs evidence (evidenceRequired) and a legal basis
    const noEvidence = await post(u('decide'), { outcome: 'penalty', legalBasis: '环境保护法第六十三条', documentNo: '通环罚〔2026〕1号', penalty: { kind: 'fine', amount: 50000, circumstance: '一般' } });
    expect(noEvidence.statusCode).toBe(409);
    expect((await post(u('return'), { toStep: 'investigate', reason: '证据不足' })).statusCode).toBe(200);
    const d = (await get(`/api/cases/${c.id}`)).json();
    expect(d.currentStep).toBe('investigate');
    expect(d.state.returns).toHaveLength(1);
  });

  it('suspends with reason and basis, resumes, extends, and the clocks follow', async () => {
    const c = await register();
    const u = (x: string) => `/api/cases/${c.id}/${x}`;
    const before = (await get(`/api/cases/${c.id}`)).json().dueAt;
    expect((await post(u('suspend'), { reason: '等待检测', basis: '' })).statusCode).toBe(400);
    expect((await post(u('suspend'), { reason: '等待检测', basis: '行政处罚法第XX条' })).statusCode).toBe(200);
    expect((await post(u('complete-step'), { step: 'register', opinion: { verdict: 'agree', text: 'x' } })).statusCode).toBe(409);
    p.clock.set(new Date('2026-03-06T12:00:00+08:00'));
    expect((await post(u('resume'), {})).statusCode).toBe(200);
    expect((await post(u('extend'), { workingDays: 10, reason: '案情复杂', approvedBy: '张局长' })).statusCode).toBe(200);
    const d = (await get(`/api/cases/${c.id}`)).json();
    expect(d.status).toBe('open');
    expect(new Date(d.dueAt).getTime()).toBeGreaterThan(new Date(before).getTime());
    const promised = d.clocks.find((k: any) => k.kind === 'promised');
    expect(promised.extensionDays).toBe(10);
  });

  it('lists my cases and my department\'s with lights; refuses other departments', async () => {
    const mine = (await get('/api/cases?scope=mine')).json();
    expect(mine.total).toBeGreaterThanOrEqual(3);
    expect(mine.cases[0]).toHaveProperty('light');
    expect(mine.cases[0]).toHaveProperty('daysLeft');
    // names a handler reads, from the item version the case is judged by
    const open = mine.cases.find((c: any) => c.currentStep === 'register');
    expect(open).toMatchObject({ itemName: '对未依法取得排污许可证排放污染物的处罚', currentStepName: '立案' });
    const theirs = (await get('/api/cases?scope=department', other)).json();
    expect(theirs.total).toBe(0);
    const id = mine.cases[0].id;
    expect((await get(`/api/cases/${id}`, other)).statusCode).toBe(404);
    expect((await post(`/api/cases/${id}/terminate`, { reason: 'x' }, other)).statusCode).toBe(404);
    const reg = await post('/api/cases', { department: DEPT, itemCode: 'P-TEST-001', counterparty: { kind: 'person', name: '王小明', idNumber: ID } }, other);
    expect(reg.statusCode).toBe(403);
  });

  it('rejects with a reason, concluding the case (no light)', async () => {
    const c = await register();
    expect((await post(`/api/cases/${c.id}/reject`, { reason: '' })).statusCode).toBe(400);
    expect((await post(`/api/cases/${c.id}/reject`, { reason: '不属于本机关职责' })).statusCode).toBe(200);
    const d = (await get(`/api/cases/${c.id}`)).json();
    expect(d).toMatchObject({ status: 'concluded', conclusion: 'rejected', light: 'none' });
    expect(d.clocks.every((k: any) => !k.open)).toBe(true);
  });
});
