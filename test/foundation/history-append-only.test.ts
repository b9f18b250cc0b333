import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_TABLES } from '../../src/store/audit-checkpoint.store.js';
import { raiseAlerts } from '../../src/store/supervision/alert.store.js';
import { reg, step, supPlatform, type SupPlatform } from '../supervision/sup-helpers.js';

/**
 * History is append-only beyond the audit log (migration 0640): case events, alert facts and
 * actions, orders and their answers, complaints, ratings, patrols and zero-case explanations.
 */
describe('append-only history', () => {
  let p: SupPlatform;
  const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = p.sup) => p.app.inject({ method: 'POST', url, headers, payload });
  let alertId: string;
  beforeAll(async () => {
    p = await supPlatform();
    await p.pushAt('2026-03-02T10:00:00+08:00', [reg('AO-1', '2026-03-02T10:00:00+08:00'), step('AO-1', 'register', '2026-03-02T10:05:00+08:00')]);
    alertId = 'al-append-only';
    await raiseAlerts(p.db, [{ id: alertId, code: 'STEP_OVERDUE', level: 'yellow', subjectKind: 'case', subjectId: 'AO-1', step: 'investigate', caseNo: 'AO-1',
      departmentCode: '511702-STJ', regionCode: '511702', message: '调查取证环节超时' }], new Date('2026-03-03T00:00:00Z'));
  }, 60_000);
  afterAll(() => p.close());

  it('refuses UPDATE, DELETE and TRUNCATE of case events', async () => {
    const [e] = await p.db.query<{ seq: number }>('SELECT seq FROM case_events ORDER BY seq LIMIT 1');
    await expect(p.db.query(`UPDATE case_events SET data = '{}' WHERE seq = $1`, [e.seq])).rejects.toThrow(/case_events is append-only/);
    await expect(p.db.query('DELETE FROM case_events WHERE seq = $1', [e.seq])).rejects.toThrow(/case_events is append-only/);
    await expect(p.db.query('TRUNCATE case_events')).rejects.toThrow(/append-only/);
    expect(await p.db.query('SELECT count(*)::int AS n FROM case_events')).toEqual([{ n: 2 }]);
  });

  it("refuses a change of an alert's facts and its deletion; its status may change", async () => {
    await expect(p.db.query(`UPDATE supervision_alerts SET message = '无事' WHERE id = $1`, [alertId])).rejects.toThrow(/only its status may change, not message/);
    await expect(p.db.query(`UPDATE supervision_alerts SET department_code = '511703-STJ', raised_at = now() WHERE id = $1`, [alertId]))
      .rejects.toThrow(/not department_code, raised_at/);
    await expect(p.db.query('DELETE FROM supervision_alerts WHERE id = $1', [alertId])).rejects.toThrow(/supervision_alerts is append-only/);
    await expect(p.db.query('TRUNCATE supervision_alerts CASCADE')).rejects.toThrow(/append-only/);
    // the status columns are the allow-list
    await p.db.query(`UPDATE supervision_alerts SET status = 'explained', response = '{"kind":"explain"}', updated_at = now() WHERE id = $1`, [alertId]);
    expect((await p.db.query('SELECT status, message FROM supervision_alerts WHERE id = $1', [alertId]))[0]).toEqual({ status: 'explained', message: '调查取证环节超时' });
  });

  it('protects a column added later without naming it', async () => {
    await p.db.exec('ALTER TABLE supervision_alerts ADD COLUMN later_note text');
    await expect(p.db.query(`UPDATE supervision_alerts SET later_note = '法制审核员' WHERE id = $1`, [alertId])).rejects.toThrow(/not later_note/);
    await p.db.exec('ALTER TABLE supervision_alerts DROP COLUMN later_note');
  });

  it('refuses changes of alert actions', async () => {
    const res = await post(`/api/supervision/alerts/${alertId}/actions`, { action: 'return', reason: '说明不充分' });
    expect(res.statusCode).toBe(200);
    const [a] = await p.db.query<{ id: number }>('SELECT id FROM supervision_alert_actions WHERE alert_id = $1', [alertId]);
    await expect(p.db.query(`UPDATE supervision_alert_actions SET reason = 'x' WHERE id = $1`, [a.id])).rejects.toThrow(/supervision_alert_actions is append-only/);
    await expect(p.db.query('DELETE FROM supervision_alert_actions WHERE id = $1', [a.id])).rejects.toThrow(/append-only/);
  });

  it("keeps every change of an order as a row of its own; the answer and the order's facts cannot be rewritten", async () => {
    const o = (await post('/api/supervision/orders', { departmentCode: '511702-STJ', subject: '立案拖延', instructions: '请调查并书面反馈' })).json();
    expect((await post(`/api/supervision/orders/${o.id}/answer`, { findings: '已调查，已整改' }, p.handler)).json().status).toBe('answered');
    expect((await post(`/api/supervision/orders/${o.id}/review`, { decision: 'return', reason: '未附整改措施', responseDays: 3 })).json().status).toBe('returned');
    const acts = await p.db.query(`SELECT action, actor_name, from_status, to_status, reason, details->>'late' AS late FROM supervision_order_actions WHERE order_id = $1 ORDER BY id`, [o.id]);
    expect(acts).toEqual([
      { action: 'answer', actor_name: 'handler', from_status: 'issued', to_status: 'answered', reason: null, late: 'false' },
      { action: 'return', actor_name: 'sup', from_status: 'answered', to_status: 'returned', reason: '未附整改措施', late: null },
    ]);
    const [answer] = await p.db.query(`SELECT details->'answer'->>'findings' AS findings FROM supervision_order_actions WHERE order_id = $1 AND action = 'answer'`, [o.id]);
    expect(answer.findings).toBe('已调查，已整改');
    await expect(p.db.query(`UPDATE supervision_order_actions SET details = '{}' WHERE order_id = $1`, [o.id])).rejects.toThrow(/append-only/);
    await expect(p.db.query(`UPDATE supervision_orders SET instructions = '无' WHERE id = $1`, [o.id])).rejects.toThrow(/not instructions/);
    // the history kept on the row may only grow
    await expect(p.db.query(`UPDATE supervision_orders SET history = '[]' WHERE id = $1`, [o.id])).rejects.toThrow(/history may only grow/);
    await expect(p.db.query('DELETE FROM supervision_orders WHERE id = $1', [o.id])).rejects.toThrow(/append-only/);
  });

  it('keeps every change of a complaint as a row of its own', async () => {
    const sub = (await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: {
      kind: 'complaint', realName: false, regionCode: '511702', departmentCode: '511702-STJ', subject: '办事拖延', content: '两周无人处理' } })).json();
    expect((await post(`/api/supervision/complaints/${sub.id}/decision`, { accept: true })).json().status).toBe('accepted');
    expect(await p.db.query('SELECT action, from_status, to_status FROM complaint_actions WHERE complaint_id = $1', [sub.id]))
      .toEqual([{ action: 'accept', from_status: 'submitted', to_status: 'accepted' }]);
    await expect(p.db.query(`UPDATE complaints SET content = '无' WHERE id = $1`, [sub.id])).rejects.toThrow(/not content/);
    await expect(p.db.query('DELETE FROM complaint_actions')).rejects.toThrow(/append-only/);
  });

  it('files a zero-case explanation again as a new version; the latest is shown and the first is kept', async () => {
    const body = { departmentCode: '511702-STJ', month: '2026-01', explanation: '本月无办件', signedBy: '王局长' };
    expect((await post('/api/supervision/zero-explanations', body, p.handler)).json()).toMatchObject({ version: 1 });
    expect((await post('/api/supervision/zero-explanations', { ...body, explanation: '更正：本月无申请' }, p.handler)).json()).toMatchObject({ version: 2 });
    const list = (await p.app.inject({ method: 'GET', url: '/api/supervision/zero-explanations?month=2026-01', headers: p.handler })).json().explanations;
    expect(list).toMatchObject([{ explanation: '更正：本月无申请', version: 2 }]);
    expect(await p.db.query('SELECT explanation FROM zero_case_explanations ORDER BY version')).toEqual([{ explanation: '本月无办件' }, { explanation: '更正：本月无申请' }]);
    await expect(p.db.query(`UPDATE zero_case_explanations SET explanation = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('refuses TRUNCATE of every history table', async () => {
    for (const t of HISTORY_TABLES) await expect(p.db.query(`TRUNCATE ${t.table} CASCADE`), t.table).rejects.toThrow(/append-only/);
    await expect(p.db.query('TRUNCATE audit_checkpoints')).rejects.toThrow(/append-only/);
  });

  it("the checkpoints leave out exactly the columns the triggers let change", async () => {
    const rows = await p.db.query<{ t: string; args: string }>(
      `SELECT c.relname AS t, encode(g.tgargs, 'escape') AS args FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname LIKE '%\\_status\\_only'`);
    const triggers = Object.fromEntries(rows.map((r) => [r.t, r.args.split('\\000').filter(Boolean).sort()]));
    const tables = Object.fromEntries(HISTORY_TABLES.filter((t) => t.mutable.length).map((t) => [t.table, [...t.mutable].sort()]));
    expect(triggers).toEqual(tables);
  });
});
