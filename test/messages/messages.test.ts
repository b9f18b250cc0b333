import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/services/messages/notify.js';
import { remindOrdersDue } from '../../src/services/messages/reminders.js';
import { newId } from '../../src/services/ids.js';
import { insertAlerts } from '../../src/store/supervision/alert.store.js';
import { seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { casePlatform, DEPT, type CasePlatform } from '../cases/case-helpers.js';

const FLOW = {
  steps: [
    { key: 'register', name: '立案', post: '承办科室', limitDays: 2 },
    { key: 'review', name: '法制审核', post: '法制审核员', limitDays: 5 },
  ],
  rollbacks: [],
};
const officer = { id: 'o-h', name: '李明', certificateNo: '51170220260001' };

/** 消息中心: who hears of what, in the transaction of the event; one's own messages only. */
describe('messages of alerts, orders and approvals', () => {
  let p: CasePlatform;
  const h: Record<string, { authorization: string }> = {};
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    p = await casePlatform();
    await seedItem(p.db, p.ctx, { code: 'P-REVIEW-001', flow: FLOW } as any);
    await seedUser(p.db, { username: 'sys', role: 'system_admin' });
    const imp = await p.app.inject({ method: 'POST', url: '/api/admin/import', headers: await bearer(p.app, 'sys'), payload: { officers: [
      { ...officer, department: DEPT, validUntil: '2028-12-31', posts: ['承办科室'] },
    ] } });
    expect(imp.json().refused).toEqual([]);
    ids.jb = await seedUser(p.db, { username: 'jb', role: 'handler', region: '511702', department: DEPT });
    await p.db.query(`UPDATE users SET officer_id = 'o-h' WHERE id = $1`, [ids.jb]);
    ids.jb2 = await seedUser(p.db, { username: 'jb2', role: 'handler', region: '511702', department: DEPT });
    ids.bm = await seedUser(p.db, { username: 'bm', role: 'department_admin', region: '511702', department: DEPT });
    ids.jc = await seedUser(p.db, { username: 'jc', role: 'supervisor', region: '511702' });
    for (const u of ['jb', 'jb2', 'bm', 'jc']) h[u] = await bearer(p.app, u);
  });
  afterAll(() => p.close());

  const inbox = async (u: string, q = '') => {
    const r = await p.app.inject({ method: 'GET', url: `/api/messages${q}`, headers: h[u] });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { messages: any[]; unread: number; total: number; nextBefore: string | null };
  };
  const unread = async (u: string) => (await p.app.inject({ method: 'GET', url: '/api/messages/unread-count', headers: h[u] })).json().unread as number;

  it('a red card on a case the handler is responsible for reaches the handler and the department administrator, and the unread count moves', async () => {
    expect(await unread('jb')).toBe(0);
    // the handler's officer completes a step given to another post: POST_MISMATCH (red), attributed to 李明
    const r = await p.push([
      { eventId: 'M1-1', caseNo: 'M-1', type: 'case.registered', occurredAt: '2026-03-02T10:00:00+08:00', actor: officer,
        data: { itemCode: 'P-REVIEW-001', counterparty: { kind: 'person', name: '王小明' }, channel: 'window' } },
      { eventId: 'M1-2', caseNo: 'M-1', type: 'step.completed', occurredAt: '2026-03-02T10:10:00+08:00', actor: officer, data: { step: 'register', opinion: { verdict: 'agree', text: '同意' } } },
      { eventId: 'M1-3', caseNo: 'M-1', type: 'step.completed', occurredAt: '2026-03-02T10:20:00+08:00', actor: officer, data: { step: 'review', opinion: { verdict: 'agree', text: '同意' } } },
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const alert = (await p.app.inject({ method: 'GET', url: '/api/supervision/alerts?caseNo=M-1&code=POST_MISMATCH', headers: h.jc })).json().alerts[0];
    expect(alert.level).toBe('red');
    expect(await unread('jb')).toBe(1);
    const mine = await inbox('jb');
    expect(mine.messages).toHaveLength(1);
    expect(mine.messages[0]).toMatchObject({ kind: 'alert_red', kindName: '红牌预警', title: '您负责的办件 M-1 亮红牌', link: `/supervision/alerts/${alert.id}`, readAt: null });
    expect(mine.messages[0].body).toContain('法制审核员');
    // a red card goes to the department's administrators too; another handler of the department hears nothing
    expect((await inbox('bm')).messages.map((m) => m.title)).toEqual(['本部门办件 M-1 亮红牌']);
    expect(await unread('jb2')).toBe(0);
  });

  it('only one\'s own messages: another cannot mark them, and marking one\'s own moves the count', async () => {
    const m = (await inbox('jb')).messages[0];
    const other = await p.app.inject({ method: 'POST', url: '/api/messages/read', headers: h.jb2, payload: { ids: [m.id] } });
    expect(other.json()).toMatchObject({ changed: 0, unread: 0 });
    expect(await unread('jb')).toBe(1);
    const own = await p.app.inject({ method: 'POST', url: '/api/messages/read', headers: h.jb, payload: { ids: [m.id] } });
    expect(own.json()).toMatchObject({ changed: 1, unread: 0 });
    expect((await inbox('jb')).messages[0].readAt).not.toBeNull();
    expect((await inbox('jb', '?unread=true')).messages).toEqual([]);
    const bad = await p.app.inject({ method: 'POST', url: '/api/messages/read', headers: h.jb, payload: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('已读');
    const anon = await p.app.inject({ method: 'GET', url: '/api/messages' });
    expect(anon.statusCode).toBe(401);
  });

  it('a transaction that rolls back leaves no message (the alert and its message go together)', async () => {
    const before = await unread('jb');
    await expect(p.db.tx(async (q) => {
      await insertAlerts(q, [{ id: newId(), code: 'MANUAL_RED_CARD', level: 'red', subjectKind: 'case', subjectId: 'rolled-back', step: null, caseNo: 'M-X',
        departmentCode: DEPT, regionCode: '511702', message: '人工红牌', responsible: { officerId: 'o-h', officerName: '李明', post: null } }], p.clock.now());
      await notify(q, p.clock.now(), [ids.jb], { kind: 'approval', title: '不应出现', body: '回滚', link: '/', subjectKind: null, subjectId: null, dedupeKey: 'rolled-back' });
      const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE recipient_id = $1', [ids.jb]);
      expect(n).toBe(before + 2 + 1); // visible inside the transaction (one read before)
      throw new Error('the event fails');
    })).rejects.toThrow('the event fails');
    expect(await unread('jb')).toBe(before);
    const [{ n }] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE dedupe_key = 'rolled-back' OR body = '人工红牌'`);
    expect(n).toBe(0);
  });

  it('a message that cannot be written never undoes the event (savepoint): the rest of the transaction commits', async () => {
    const warned: string[] = [];
    const log = { warn: (_o: object, msg: string) => { warned.push(msg); } };
    const written = await p.db.tx(async (q) => {
      const bad = await notify(q, p.clock.now(), [ids.jb2], { kind: 'no_such_kind' as any, title: '坏', body: '坏', link: '/', subjectKind: null, subjectId: null, dedupeKey: 'bad-kind' }, log);
      const good = await notify(q, p.clock.now(), [ids.jb2], { kind: 'approval', title: '目录调整待审定', body: '调整理由', link: '/admin/catalog', subjectKind: null, subjectId: null, dedupeKey: 'after-bad' }, log);
      return [bad, good];
    });
    expect(written).toEqual([0, 1]);
    expect(warned).toEqual(['message not written; the event stands']);
    expect((await inbox('jb2')).messages.map((m) => m.title)).toEqual(['目录调整待审定']);
    await p.app.inject({ method: 'POST', url: '/api/messages/read', headers: h.jb2, payload: { all: true } });
  });

  it('a 督办 reaches the department\'s handlers and administrator at once, and again when it falls due (once)', async () => {
    const o = await p.app.inject({ method: 'POST', url: '/api/supervision/orders', headers: h.jc, payload: { departmentCode: DEPT, caseNo: 'M-1', subject: '越岗办理', instructions: '核查并整改' } });
    expect(o.statusCode, o.body).toBeLessThan(300);
    for (const u of ['jb', 'jb2', 'bm']) {
      const first = (await inbox(u)).messages[0];
      expect(first).toMatchObject({ kind: 'order', title: '督办：越岗办理', link: `/supervision/orders/${o.json().id}` });
      expect(first.body).toContain('核查并整改');
    }
    expect((await inbox('jc')).messages).toEqual([]); // the supervisor who issued it
    expect(await remindOrdersDue(p.ctx)).toBe(0); // not yet within a day of its deadline
    p.clock.set(new Date(new Date(o.json().dueAt).getTime() - 3_600_000));
    expect(await remindOrdersDue(p.ctx)).toBe(3);
    expect(await remindOrdersDue(p.ctx)).toBe(0); // once per deadline
    expect((await inbox('jb2')).messages[0]).toMatchObject({ kind: 'order_due', kindName: '督办即将到期' });
  });

  it('a yellow card reaches only its responsible officer; when it turns red (overdue correction) the officer and the administrator are told', async () => {
    const id = newId();
    await p.db.tx((q) => insertAlerts(q, [{ id, code: 'MANUAL_RED_CARD', level: 'yellow', subjectKind: 'case', subjectId: 'case-y', step: 'y', caseNo: 'M-Y',
      departmentCode: DEPT, regionCode: '511702', message: '限期更正 (correct it)', responsible: { officerId: 'o-h', officerName: '李明', post: null },
      correctionDueAt: new Date(p.clock.now().getTime() + 60_000) }], p.clock.now()));
    expect((await inbox('jb')).messages[0]).toMatchObject({ kind: 'alert_yellow', title: '您负责的办件 M-Y 亮黄牌', link: `/supervision/alerts/${id}` });
    expect((await inbox('bm')).messages.some((m) => m.subjectId === id)).toBe(false);
    p.clock.set(new Date(p.clock.now().getTime() + 120_000));
    const sw = await p.app.inject({ method: 'POST', url: '/api/supervision/sweep', headers: h.jc, payload: {} });
    expect(sw.statusCode, sw.body).toBe(200);
    const turned = (u: string) => inbox(u).then((x) => x.messages.filter((m) => m.subjectId === id && m.kind === 'alert_red'));
    expect((await turned('jb')).map((m) => m.title)).toEqual(['您负责的办件 M-Y 黄牌逾期未更正，已转为红牌']);
    expect((await turned('bm')).map((m) => m.title)).toEqual(['本部门办件 M-Y 黄牌逾期未更正，已转为红牌']);
  });

  it('pages through one\'s messages, and marks all read', async () => {
    const all = await inbox('jb');
    const p1 = await inbox('jb', '?limit=1');
    expect(p1.messages).toHaveLength(1);
    expect(p1.nextBefore).toBe(p1.messages[0].id);
    const p2 = await inbox('jb', `?limit=1&before=${p1.nextBefore}`);
    expect(p2.messages[0].id).toBe(all.messages[1].id);
    expect(all.unread).toBeGreaterThan(0);
    const r = await p.app.inject({ method: 'POST', url: '/api/messages/read', headers: h.jb, payload: { all: true } });
    expect(r.json()).toMatchObject({ changed: all.unread, unread: 0 });
    expect(await unread('bm')).toBeGreaterThan(0); // another's stay unread
  });
});
