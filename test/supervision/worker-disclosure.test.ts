import { afterEach, describe, expect, it } from 'vitest';
import { startSupervisionWorker } from '../../src/engine/supervision-worker.js';
import { clearItemAlert } from '../../src/services/supervision/item-alerts.js';
import { onSupervisionClocksMoved } from '../../src/services/supervision/register.js';
import { seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { reg, supPlatform, type SupPlatform } from './sup-helpers.js';

describe('background worker and DISCLOSURE_INCOMPLETE', () => {
  let p: SupPlatform;
  afterEach(() => p?.close());

  it('the worker sweeps on the drill clock: moving the clock raises what fell due', async () => {
    p = await supPlatform();
    await p.pushAt('2026-03-02T10:05:00+08:00', [reg('W-1', '2026-03-02T10:00:00+08:00')]);
    const errors: unknown[] = [];
    const log = { ...p.ctx.log, info: () => undefined, error: (o: unknown) => errors.push(o) } as any;
    const stop = startSupervisionWorker({ ...p.ctx, log, config: { ...p.ctx.config, sweepIntervalMs: 30 } });
    try {
      p.at('2026-03-10T00:30:00+08:00');
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await p.codes('W-1')).length === 0) await new Promise((r) => setTimeout(r, 50));
      expect(errors).toEqual([]);
      expect(await p.codes('W-1')).toEqual(['STEP_OVERDUE:register']);
    } finally {
      await stop();
    }
  });

  it('only supervisors and administrators may sweep', async () => {
    p = await supPlatform();
    const res = await p.app.inject({ method: 'POST', url: '/api/supervision/sweep', headers: p.handler, payload: {} });
    expect(res.statusCode).toBe(403);
    const bad = await p.app.inject({ method: 'POST', url: '/api/supervision/sweep', headers: p.sup, payload: { at: 'yesterday' } });
    expect(bad.statusCode).toBe(400);
    const ok = await p.app.inject({ method: 'POST', url: '/api/supervision/sweep', headers: p.sup, payload: { at: '2026-03-03T00:00:00+08:00' } });
    expect(ok.json()).toMatchObject({ at: new Date('2026-03-03T00:00:00+08:00').toISOString(), casesChecked: 0 });
    await seedUser(p.db, { username: 'sysadmin', role: 'system_admin', region: null });
    const admin = await bearer(p.app, 'sysadmin');
    expect((await p.app.inject({ method: 'POST', url: '/api/supervision/sweep', headers: admin, payload: {} })).statusCode).toBe(200);
    expect((await p.app.inject({ method: 'GET', url: '/api/supervision/alerts?status=open', headers: admin })).statusCode).toBe(200);
    // the administrator configures the order response period (四川 第九条: 20 working days)
    const put = (payload: Record<string, unknown>, headers = admin) => p.app.inject({ method: 'PUT', url: '/api/supervision/settings', headers, payload });
    expect((await put({ orderResponseDays: 20 }, p.sup)).statusCode).toBe(403);
    expect((await put({ orderResponseDays: 25 })).statusCode).toBe(400);
    expect((await put({ orderResponseDays: 20 })).json().orderResponseDays).toBe(20);
    p.at('2026-03-02T10:00:00+08:00');
    const o = (await p.app.inject({ method: 'POST', url: '/api/supervision/orders', headers: p.sup, payload: { departmentCode: '511702-STJ', subject: 's', instructions: 'i' } })).json();
    expect(o.responseDays).toBe(20);
  });

  it('a published item lacking remedies raises DISCLOSURE_INCOMPLETE; completing it withdraws the alert', async () => {
    p = await supPlatform();
    await seedItem(p.db, p.ctx, { code: 'P-NOREM-001', remedies: '' } as any);
    const open = await p.alerts('code=DISCLOSURE_INCOMPLETE');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ level: 'red', itemCode: 'P-NOREM-001', subjectKind: 'item', status: 'open' });
    await p.db.tx((q) => clearItemAlert(q, p.ctx, 'P-NOREM-001'));
    expect((await p.alerts('code=DISCLOSURE_INCOMPLETE'))[0]).toMatchObject({ detailedStatus: 'withdrawn' });
  });

  it('a calendar change that moves an order’s or a complaint’s clock moves its stored deadline', async () => {
    p = await supPlatform();
    p.at('2026-03-02T10:00:00+08:00');
    const o = (await p.app.inject({ method: 'POST', url: '/api/supervision/orders', headers: p.sup, payload: { departmentCode: '511702-STJ', subject: 's', instructions: 'i' } })).json();
    const c = (await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { kind: 'complaint', realName: false, regionCode: '511702', subject: 's', content: 'c' } })).json();
    const later = new Date('2026-03-11T00:00:00+08:00');
    const move = (ownerKind: string, ownerId: string, kind: string) => ({ ownerKind, ownerId, kind, fromDueAt: new Date(o.dueAt), toDueAt: later, calendarVersion: 2 });
    await p.db.tx((q) => onSupervisionClocksMoved(q, [move('order', o.id, 'response'), move('complaint', c.id, 'acceptance')]));
    expect((await p.db.query('SELECT due_at FROM supervision_orders WHERE id = $1', [o.id]))[0].due_at.toISOString()).toBe(later.toISOString());
    expect((await p.db.query('SELECT acceptance_due_at FROM complaints WHERE id = $1', [c.id]))[0].acceptance_due_at.toISOString()).toBe(later.toISOString());
    // the sweep now judges by the moved deadline
    expect((await p.sweep('2026-03-10T12:00:00+08:00')).ordersOverdue).toBe(0);
    expect((await p.sweep('2026-03-11T00:30:00+08:00'))).toMatchObject({ ordersOverdue: 1, complaintsOverdue: 1 });
  });
});
