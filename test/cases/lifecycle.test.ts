import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, getCaseByNo } from '../../src/store/case.store.js';
import { setOfficerPosts } from '../../src/store/org.store.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { casePlatform, DEPT, registered, type CasePlatform } from './case-helpers.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

describe('a case from registration to closing, lights over time, alerts (§5)', () => {
  let p: CasePlatform;
  let h: { authorization: string };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-life-'));
  beforeAll(async () => {
    p = await casePlatform('2026-03-02T10:00:00+08:00', { dataDir });
    const uid = await seedUser(p.db, { username: 'h1', role: 'handler', region: '511702', department: DEPT });
    // the handler's officer holds every post of the test flow (a step given to a post needs its holder)
    await p.db.query(`INSERT INTO officers (id, name, department_code) VALUES ('o-h1', 'h1', $1)`, [DEPT]);
    await setOfficerPosts(p.db, new Map([['o-h1', ['承办科室', '执法人员', '分管领导']]]));
    await p.db.query(`UPDATE users SET officer_id = 'o-h1' WHERE id = $1`, [uid]);
    h = await bearer(p.app, 'h1');
  });
  afterAll(async () => { await p.close(); fs.rmSync(dataDir, { recursive: true, force: true }); });
  const post = (url: string, payload: unknown) => p.app.inject({ method: 'POST', url, headers: h, payload: payload as any });

  it('runs the whole flow: steps, evidence, decision in the band, execution, fee, close', async () => {
    const reg = await post('/api/cases', { itemCode: 'P-TEST-001', counterparty: { kind: 'organization', name: '某化工厂', idNumber: '91350100M000100Y43' } });
    const { id } = reg.json();
    const u = (x: string) => `/api/cases/${id}/${x}`;
    expect((await post(u('complete-step'), { step: 'register', opinion: { verdict: 'agree', text: '立案' } })).statusCode).toBe(200);
    expect((await post(u('complete-step'), { step: 'investigate', opinion: { verdict: 'agree', text: '查实' } })).statusCode).toBe(200);
    const b = '----x';
    const body = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="笔录.pdf"\r\n\r\n`), PDF, Buffer.from(`\r\n--${b}--\r\n`)]);
    const up = await p.app.inject({ method: 'POST', url: u('evidence'), headers: { ...h, 'content-type': `multipart/form-data; boundary=${b}` }, payload: body });
    expect(up.statusCode, up.body).toBe(201);
    const decide = { outcome: 'penalty', legalBasis: '环境保护法第六十三条', reason: '超标', documentNo: '通环罚〔2026〕9号', penalty: { kind: 'fine', amount: 150000, circumstance: '一般' } };
    expect((await post(u('decide'), decide)).json().error.details.field).toBe('penalty.amount');
    expect((await post(u('decide'), { ...decide, penalty: { ...decide.penalty, amount: 50000 } })).statusCode).toBe(200);
    expect((await post(u('executions'), { amount: 40000, receiptNo: 'R1', paidAt: '2026-03-03T10:00:00+08:00' })).json().error.details.field).toBe('amount');
    expect((await post(u('executions'), { amount: 50000, receiptNo: 'R1', paidAt: '2026-03-03T10:00:00+08:00' })).statusCode).toBe(200);
    expect((await post(u('fees'), { feeCode: 'F9', amount: 0 })).statusCode).toBe(400);
    expect((await post(u('fees'), { feeCode: 'F1', amount: 0 })).statusCode).toBe(200);
    expect((await post(u('evidence-removal'), { evidenceId: up.json().id, reason: '错传' })).statusCode).toBe(409);
    expect((await post(u('close'), {})).statusCode).toBe(200);
    const c = (await getCase(p.db, id))!;
    expect(c.status).toBe('concluded');
    expect(c.conclusion).toBe('closed');
    expect(c.nextCheckAt).toBeNull();
    expect(c.state.executions).toHaveLength(1);
    expect(c.state.fees).toHaveLength(1);
    expect(Object.keys(c.state.evidence)).toEqual([up.json().id]);
  });

  it('lists recompute the light as time passes (yellow from warnAt, red from dueAt)', async () => {
    await p.push([registered('L-1', '2026-03-02T10:00:00+08:00')]);
    const c = (await getCaseByNo(p.db, DEPT, 'L-1'))!;
    const list = async (light: string) => (await p.app.inject({ method: 'GET', url: `/api/cases?scope=department&light=${light}&caseNo=L-1`, headers: h })).json();
    expect((await list('green')).total).toBe(1);
    p.clock.set(new Date(c.warnAt!.getTime() + 1000));
    expect((await list('yellow')).total).toBe(1);
    expect((await list('yellow')).cases[0].light).toBe('yellow');
    p.clock.set(new Date(c.dueAt!.getTime() + 1000));
    const red = await list('red');
    expect(red.total).toBe(1);
    expect(red.cases[0].daysLeft).toBeLessThanOrEqual(0);
    const ex = await p.app.inject({ method: 'GET', url: '/api/exchange/v1/cases/L-1', headers: { authorization: `Bearer ${p.key}` } });
    expect(ex.json()).toMatchObject({ caseNo: 'L-1', status: 'open', light: 'red', currentStep: 'register' });
    expect(ex.json().dueAt).toBe(c.dueAt!.toISOString());
  });

  it('a calendar move refreshes the projection through the clockMoved hook', async () => {
    await p.push([registered('M-1', '2026-03-02T10:00:00+08:00')]);
    const c = (await getCaseByNo(p.db, DEPT, 'M-1'))!;
    await p.db.query('UPDATE cases SET due_at = NULL, light = $2 WHERE id = $1', [c.id, 'none']);
    await p.db.tx(async (q) => {
      for (const f of p.ctx.hooks.clockMoved) await f(q, [{ ownerKind: 'case', ownerId: c.id, kind: 'promised', fromDueAt: c.dueAt!, toDueAt: c.dueAt!, calendarVersion: 1 }]);
    });
    const after = (await getCaseByNo(p.db, DEPT, 'M-1'))!;
    expect(after.dueAt).toEqual(c.dueAt);
    expect(after.light).not.toBe('none');
  });

  it('a calendar edit moves the open case\'s deadlines and its projection (§1 recompute → clockMoved)', async () => {
    const { editDay } = await import('../../src/services/calendar/calendar-admin.service.js');
    const { calendarJobsIdle } = await import('../../src/services/calendar/recompute.js');
    await p.push([registered('CAL-1', '2026-03-02T10:00:00+08:00')]);
    const before = (await getCaseByNo(p.db, DEPT, 'CAL-1'))!;
    expect(before.stepDueAt!.toISOString()).toBe('2026-03-09T16:00:00.000Z'); // register: 5 working days → end of Mon 03-09
    await editDay(p.ctx, { kind: 'system', name: 'test' }, { date: '2026-03-05', kind: 'holiday', name: '临时休假', source: 'test' });
    await calendarJobsIdle(p.ctx);
    const after = (await getCaseByNo(p.db, DEPT, 'CAL-1'))!;
    expect(after.stepDueAt!.toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(after.dueAt!.getTime()).toBeGreaterThan(before.dueAt!.getTime());
  });

  it('serves the alerts supervision raised, in the §5 shape, for the key\'s department only', async () => {
    await p.push([registered('A-1', '2026-03-02T10:00:00+08:00', 'NO-SUCH-ITEM')]);
    const res = await p.app.inject({ method: 'GET', url: '/api/exchange/v1/alerts?caseNo=A-1', headers: { authorization: `Bearer ${p.key}` } });
    expect(res.statusCode).toBe(200);
    const alerts = res.json().alerts;
    expect(alerts.map((a: any) => a.code)).toContain('UNLISTED_POWER');
    const a = alerts.find((x: any) => x.code === 'UNLISTED_POWER');
    expect(a).toMatchObject({ level: 'red', caseNo: 'A-1', status: 'open' });
    expect(Object.keys(a).sort()).toEqual(['caseNo', 'code', 'id', 'level', 'message', 'raisedAt', 'status', 'step']);
    const other = await p.app.inject({ method: 'GET', url: '/api/exchange/v1/alerts?caseNo=A-1', headers: { authorization: `Bearer ${p.otherKey}` } });
    expect(other.json().alerts).toEqual([]);
    const user = await p.app.inject({ method: 'GET', url: '/api/exchange/v1/alerts', headers: h });
    expect(user.statusCode).toBe(403);
  });

  it('an appealed alert reads "explained" to the department system, as it does to supervisors (§5)', async () => {
    await p.push([registered('A-2', '2026-03-02T10:00:00+08:00', 'NO-SUCH-ITEM')]);
    const read = async () => (await p.app.inject({ method: 'GET', url: '/api/exchange/v1/alerts?caseNo=A-2', headers: { authorization: `Bearer ${p.key}` } }))
      .json().alerts.find((x: any) => x.code === 'UNLISTED_POWER');
    const a = await read();
    // 盐城 电子监察办法 第二十五条(三): the department appeals on the ground of a system failure
    const res = await p.app.inject({ method: 'POST', url: `/api/supervision/alerts/${a.id}/actions`, headers: h,
      payload: { action: 'appeal', ground: 'system_failure', reason: '事项目录同步故障' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await read()).status).toBe('explained');
  });
});
