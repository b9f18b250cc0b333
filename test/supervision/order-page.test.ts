import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, bearer } from '../helpers/factories.js';
import { reg, supPlatform, wire, type SupPlatform } from './sup-helpers.js';

/** 督办 issued on an alert: the alert's history shows it (with the order to follow), and the order has a page of its own. */
describe('a 督办 on an alert', () => {
  let p: SupPlatform;
  beforeAll(async () => { p = await supPlatform(); });
  afterAll(() => p.close());

  it('stands in the alert’s history with its order number; GET /api/supervision/orders/:id gives the order, its alert, deadline and answer', async () => {
    // a step done out of order raises PROCEDURE_VIOLATION, named by the step's Chinese name
    await p.pushAt('2026-03-02T10:05:00+08:00', [reg('OP-1', '2026-03-02T10:00:00+08:00'), wire('OP-1-x', 'OP-1', 'step.completed', '2026-03-02T10:01:00+08:00', { step: 'decide', opinion: { verdict: 'agree', text: '同意' } })]);
    const [alert] = await p.alerts('caseNo=OP-1&code=PROCEDURE_VIOLATION');
    expect(alert.message).toBe('程序违规: 应办理环节「立案」, 却完成了「决定」');
    expect(alert.message).not.toMatch(/[a-z]{3}/);
    const issued = await p.app.inject({ method: 'POST', url: '/api/supervision/orders', headers: p.sup, payload: { departmentCode: '511702-STJ', alertId: alert.id, subject: '程序违规 · OP-1', instructions: '请说明跳过立案的原因' } });
    expect(issued.statusCode, issued.body).toBe(200);
    const order = issued.json();

    const detail = (await p.app.inject({ method: 'GET', url: `/api/supervision/alerts/${alert.id}`, headers: p.sup })).json();
    const line = detail.history.find((h: any) => h.action === 'order');
    expect(line).toMatchObject({ reason: '程序违规 · OP-1', details: { orderId: order.id, orderNo: order.orderNo } });
    expect(line.fromStatus).toBe(line.toStatus);

    const page = await p.app.inject({ method: 'GET', url: `/api/supervision/orders/${order.id}`, headers: p.sup });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ order: { id: order.id, orderNo: order.orderNo, status: 'issued', dueAt: order.dueAt, answer: null, overdue: false }, alert: { id: alert.id, code: 'PROCEDURE_VIOLATION', caseNo: 'OP-1' } });
    // the department it was issued to reads it and answers; the answer is on the page
    await p.app.inject({ method: 'POST', url: `/api/supervision/orders/${order.id}/answer`, headers: p.handler, payload: { findings: '承办人误操作，已纠正' } });
    const mine = await p.app.inject({ method: 'GET', url: `/api/supervision/orders/${order.id}`, headers: p.handler });
    expect(mine.json().order).toMatchObject({ status: 'answered', answer: { findings: '承办人误操作，已纠正' } });
    // another department's handler gets the same answer as for an order that does not exist
    await seedUser(p.db, { username: 'other', role: 'handler', region: '511703', department: '511703-STJ' });
    const other = await p.app.inject({ method: 'GET', url: `/api/supervision/orders/${order.id}`, headers: await bearer(p.app, 'other') });
    expect(other.statusCode).toBe(404);
    expect((await p.app.inject({ method: 'GET', url: '/api/supervision/orders/nope', headers: p.sup })).statusCode).toBe(404);
  });
});
