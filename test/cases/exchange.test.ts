import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCaseByNo } from '../../src/store/case.store.js';
import { casePlatform, ev, registered, stepDone, type CasePlatform } from './case-helpers.js';

describe('exchange push (§3)', () => {
  let p: CasePlatform;
  beforeAll(async () => { p = await casePlatform(); });
  afterAll(() => p.close());

  const count = async () => (await p.db.query('SELECT count(*)::int AS n FROM case_events'))[0].n as number;

  it('stores a registration and its steps, and projects the case', async () => {
    const r = await p.push([registered('C-1'), stepDone('C-1', 'register', '2026-03-02T11:00:00+08:00')]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ accepted: 2, duplicates: 0, conflicts: [], rejected: [] });
    const c = await getCaseByNo(p.db, '511702-STJ', 'C-1');
    expect(c!.status).toBe('open');
    expect(c!.currentStep).toBe('investigate');
    expect(c!.item?.code).toBe('P-TEST-001');
    expect(c!.state.acceptedAt).toBeInstanceOf(Date);
    // promised 60 working days from Mon 2026-03-02 (Mon–Fri at least)
    expect(c!.dueAt!.getTime()).toBeGreaterThan(new Date('2026-05-20T00:00:00+08:00').getTime());
    expect(c!.light).toBe('green');
    const clocks = await p.db.query(`SELECT kind FROM deadline_clocks WHERE owner_kind = 'case' AND owner_id = $1 ORDER BY kind`, [c!.id]);
    expect(clocks.map((x) => x.kind)).toEqual(['legal', 'promised', 'step']);
  });

  it('rejects per event with index and code, storing the valid ones', async () => {
    const before = await count();
    const r = await p.push([
      registered('C-2'),
      ev('bad-1', 'C-2', 'step.completed', '2026-03-02T11:00:00+08:00', { step: 'register' }),
      ev('u-1', 'C-NOPE', 'case.suspended', '2026-03-02T11:00:00+08:00', { reason: 'x', basis: 'y' }),
      ev('bad-2', 'C-2', 'case.extended', 'yesterday', { workingDays: 3, reason: 'r', approvedBy: 'a' }),
      { ...stepDone('C-2', 'register', '2026-03-02T11:00:00+08:00'), department: '511703-STJ' },
      stepDone('C-2', 'register', '2026-03-02T11:30:00+08:00'),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected.map((x: any) => [x.index, x.code])).toEqual([[1, 'INVALID_EVENT'], [2, 'UNKNOWN_CASE'], [3, 'INVALID_EVENT'], [4, 'DEPARTMENT_MISMATCH']]);
    expect(r.body.rejected[0].message).toContain('data.opinion');
    expect(r.body.rejected[2].message).toContain('occurredAt');
    expect(r.body.rejected[0].eventId).toBe('bad-1');
    expect(await count()).toBe(before + 2);
  });

  it('refuses a case of a confidential item (CONFIDENTIAL_ITEM) but accepts an unknown item', async () => {
    const { seedItem } = await import('../helpers/catalog-factory.js');
    await seedItem(p.db, p.ctx, { code: 'P-SECRET-1', confidential: true } as any);
    const r = await p.push([registered('C-S', undefined, 'P-SECRET-1'), registered('C-U', undefined, 'NO-SUCH-ITEM')]);
    expect(r.body.rejected.map((x: any) => x.code)).toEqual(['CONFIDENTIAL_ITEM']);
    expect(r.body.accepted).toBe(1);
    expect(await getCaseByNo(p.db, '511702-STJ', 'C-S')).toBeNull();
    const u = await getCaseByNo(p.db, '511702-STJ', 'C-U');
    expect(u!.itemVersion).toBeNull();
    expect(u!.status).toBe('open');
  });

  it('treats an identical resend as a duplicate and different content as a kept conflict', async () => {
    await p.push([registered('C-3')]);
    const before = await count();
    const again = await p.push([registered('C-3')]);
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, conflicts: [], rejected: [] });
    const changed = registered('C-3');
    (changed.data as any).counterparty.name = '张三';
    const conflict = await p.push([changed]);
    expect(conflict.status).toBe(200);
    expect(conflict.body).toEqual({ accepted: 0, duplicates: 0, conflicts: [{ index: 0, eventId: 'C-3-reg' }], rejected: [] });
    expect(await count()).toBe(before);
    const kept = await p.db.query('SELECT event_id, data FROM case_event_conflicts WHERE event_id = $1', ['C-3-reg']);
    expect(kept).toHaveLength(1);
    // personal data is stored sealed, the rows keep the masked forms (GB/T 22239-2019 8.1.4.8)
    expect(kept[0].data.counterparty.name).toBe('张*');
    const c = await getCaseByNo(p.db, '511702-STJ', 'C-3');
    expect(c!.state.counterparty!.name).toBe('王**'); // the original stands
    expect(c!.state.counterparty!.sealed).not.toBe(kept[0].data.counterparty.sealed);
  });

  it('hands conflicts to the observers (DATA_MODIFIED)', async () => {
    const seen: string[][] = [];
    const obs = { onCaseChanged: async (ch: any) => { seen.push(ch.conflicts.map((x: any) => x.eventId)); } };
    p.ctx.hooks.caseChanged.push(obs);
    try {
      await p.push([registered('C-4')]);
      const changed = registered('C-4');
      (changed.data as any).channel = 'online';
      await p.push([changed]);
      expect(seen.at(-1)).toEqual(['C-4-reg']);
    } finally {
      p.ctx.hooks.caseChanged.splice(p.ctx.hooks.caseChanged.indexOf(obs), 1);
    }
  });

  it('accepts a full batch of 1,000 events above the general 1 MiB body limit (≤ 5 MiB, §3)', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => {
      if (i < 500) return registered(`BIG-${i}`);
      const e = stepDone(`BIG-${i - 500}`, 'register', '2026-03-02T11:00:00+08:00');
      (e.data as any).opinion.text = '经审查同意立案。'.repeat(100);
      return e;
    });
    expect(Buffer.byteLength(JSON.stringify({ events: batch }))).toBeGreaterThan(1024 * 1024);
    const r = await p.push(batch);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(1000);
  });

  it('offers a batch observer every case of one push in one call, and stores the nextCheckAt it returns', async () => {
    const calls: string[][] = [];
    const at = new Date('2026-04-01T00:00:00Z');
    const obs = {
      onCaseChanged: async () => { throw new Error('not used when onCasesChanged exists'); },
      onCasesChanged: async (chs: any[]) => { calls.push(chs.map((c) => c.after.caseNo).sort()); return chs.map(() => ({ nextCheckAt: at })); },
    };
    p.ctx.hooks.caseChanged.push(obs);
    try {
      const r = await p.push([registered('OB-1'), registered('OB-2'), stepDone('OB-1', 'register', '2026-03-02T11:00:00+08:00')]);
      expect(r.body.accepted).toBe(3);
    } finally {
      p.ctx.hooks.caseChanged.splice(p.ctx.hooks.caseChanged.indexOf(obs), 1);
    }
    expect(calls).toEqual([['OB-1', 'OB-2']]);
    const c = await getCaseByNo(p.db, '511702-STJ', 'OB-2');
    expect(c!.nextCheckAt!.getTime()).toBeLessThanOrEqual(at.getTime());
  });

  it('lets a batch observer read ahead before the events are stored, and hands it the events with their stored seqs', async () => {
    const seen: { previews: { caseIds: string[]; events: number; stored: number }[]; prepared: unknown[]; seqs: [string, number][] } = { previews: [], prepared: [], seqs: [] };
    const token = { read: 'ahead' };
    const obs = {
      onCaseChanged: async () => { throw new Error('not used when onCasesChanged exists'); },
      prepareCases: (preview: any) => {
        // called before the insert is answered; its reads run after the insert, in the same transaction
        const stored = preview.q.query(`SELECT count(*)::int AS n FROM case_events WHERE case_no LIKE 'RA-%'`);
        seen.previews.push({ caseIds: [...preview.caseIds].sort(), events: preview.events.length, stored: -1 });
        stored.then((r: any) => { seen.previews[seen.previews.length - 1].stored = r[0].n; }, () => undefined);
        return token;
      },
      onCasesChanged: async (chs: any[], prepared?: unknown) => {
        seen.prepared.push(prepared);
        for (const c of chs) for (const e of c.newEvents) seen.seqs.push([e.eventId, e.seq]);
        return chs.map(() => undefined);
      },
    };
    p.ctx.hooks.caseChanged.push(obs);
    try {
      // two events of one instant: the fold orders them by arrival (seq)
      const r = await p.push([
        registered('RA-1'), registered('RA-2'),
        stepDone('RA-1', 'register', '2026-03-02T11:00:00+08:00'),
        ev('RA-1-sup', 'RA-1', 'case.suspended', '2026-03-02T11:00:00+08:00', { reason: '等待检测', basis: '《行政处罚法》' }),
      ]);
      expect(r.body.accepted).toBe(4);
    } finally {
      p.ctx.hooks.caseChanged.splice(p.ctx.hooks.caseChanged.indexOf(obs), 1);
    }
    const ids = (await p.db.query(`SELECT id FROM cases WHERE case_no IN ('RA-1', 'RA-2') ORDER BY id`)).map((x) => x.id);
    expect(seen.previews).toEqual([{ caseIds: ids, events: 4, stored: 4 }]);
    expect(seen.prepared).toEqual([token]);
    const stored = await p.db.query(`SELECT event_id, seq FROM case_events WHERE case_no LIKE 'RA-%' ORDER BY event_id`);
    expect(seen.seqs.sort((a, b) => a[0].localeCompare(b[0]))).toEqual(stored.map((x) => [x.event_id, x.seq]));
    const c = await getCaseByNo(p.db, '511702-STJ', 'RA-1');
    expect(c!.status).toBe('suspended');
    expect(c!.currentStep).toBe('investigate');
  });

  it('hands the observers the stored seqs when one insert is numbered with gaps (another insert took numbers meanwhile)', async () => {
    const seqs: [string, number][] = [];
    const obs = {
      onCaseChanged: async () => undefined,
      onCasesChanged: async (chs: any[]) => {
        for (const c of chs) for (const e of c.newEvents) seqs.push([e.eventId, e.seq]);
        return chs.map(() => undefined);
      },
    };
    p.ctx.hooks.caseChanged.push(obs);
    // every other number goes elsewhere, as when concurrent pushes insert at the same moment
    await p.db.exec('ALTER SEQUENCE case_events_seq_seq INCREMENT BY 2');
    try {
      const r = await p.push([registered('RB-1'), stepDone('RB-1', 'register', '2026-03-02T11:00:00+08:00'), registered('RB-2')]);
      expect(r.body.accepted).toBe(3);
    } finally {
      await p.db.exec('ALTER SEQUENCE case_events_seq_seq INCREMENT BY 1');
      p.ctx.hooks.caseChanged.splice(p.ctx.hooks.caseChanged.indexOf(obs), 1);
    }
    const stored = (await p.db.query(`SELECT event_id, seq FROM case_events WHERE case_no LIKE 'RB-%' ORDER BY seq`)).map((x) => [x.event_id, x.seq]);
    expect(stored[1][1] - stored[0][1]).toBe(2);
    expect(seqs.sort((a, b) => a[1] - b[1])).toEqual(stored);
  });

  it('answers 400 / 401 / 413 and stores nothing', async () => {
    const before = await count();
    const bad = await p.app.inject({ method: 'POST', url: '/api/exchange/v1/events', headers: { authorization: `Bearer ${p.key}`, 'content-type': 'application/json' }, payload: '{"events": [' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_JSON');
    // a large batch is parsed a group of events at a time (events-body.ts): same answers
    const large = JSON.stringify({ events: Array.from({ length: 400 }, (_, i) => registered(`L-${i}`)) });
    expect(large.length).toBeGreaterThan(64 * 1024);
    for (const payload of [large.replace('{"eventId":"L-7-reg"', '{"__proto__":{"admin":true},"eventId":"L-7-reg"'), large.slice(0, -3)]) {
      expect(payload).not.toBe(large);
      const r = await p.app.inject({ method: 'POST', url: '/api/exchange/v1/events', headers: { authorization: `Bearer ${p.key}`, 'content-type': 'application/json' }, payload });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('BAD_JSON');
    }
    const noEvents = await p.app.inject({ method: 'POST', url: '/api/exchange/v1/events', headers: { authorization: `Bearer ${p.key}` }, payload: { items: [] } });
    expect(noEvents.statusCode).toBe(400);
    const tooMany = await p.push(Array.from({ length: 1001 }, (_, i) => registered(`M-${i}`)));
    expect(tooMany.status).toBe(400);
    const unauth = await p.push([registered('C-X')], 'xqk_not-a-key');
    expect(unauth.status).toBe(401);
    const big = 'x'.repeat(5 * 1024 * 1024);
    const huge = await p.push([{ ...registered('C-BIG'), data: { itemCode: 'P-TEST-001', counterparty: { kind: 'person', name: big }, channel: 'window' } }]);
    expect(huge.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('places a late event at its time and refolds the case', async () => {
    await p.push([registered('C-5'), stepDone('C-5', 'register', '2026-03-03T10:00:00+08:00')]);
    const inOrder = await p.push([ev('C-5-ext', 'C-5', 'case.extended', '2026-03-04T10:00:00+08:00', { workingDays: 5, reason: '复杂', approvedBy: '局长' })]);
    expect(inOrder.body.accepted).toBe(1);
    const before = (await getCaseByNo(p.db, '511702-STJ', 'C-5'))!;
    // a late event, earlier than the stored ones: the case folds again from its events
    const late = await p.push([ev('C-5-late', 'C-5', 'correction.requested', '2026-03-02T15:00:00+08:00', { materials: ['营业执照'], reason: '缺' })]);
    expect(late.body.accepted).toBe(1);
    const c = (await getCaseByNo(p.db, '511702-STJ', 'C-5'))!;
    expect(c.state.corrections.map((x) => x.at.toISOString())).toEqual(['2026-03-02T07:00:00.000Z']);
    expect(c.state.extensionDays).toBe(5);
    expect(c.state.eventCount).toBe(4);
    expect(c.state.lastEventAt!.toISOString()).toBe('2026-03-04T02:00:00.000Z');
    expect(c.dueAt).toEqual(before.dueAt);
    expect(c.currentStep).toBe('investigate');
  });

  it('keeps a concluded case\'s clocks closed, also when a late event refolds it (§1)', async () => {
    const clocks = async (no: string) => {
      const c = (await getCaseByNo(p.db, '511702-STJ', no))!;
      return p.db.query<{ kind: string; open: boolean }>(`SELECT kind, open FROM deadline_clocks WHERE owner_kind = 'case' AND owner_id = $1 ORDER BY kind`, [c.id]);
    };
    // concluded in a later push than the one that stored its clocks: the stored clocks are closed
    await p.push([registered('C-7')]);
    expect((await clocks('C-7')).map((k) => k.open)).toEqual([true, true, true]);
    await p.push([ev('C-7-end', 'C-7', 'case.terminated', '2026-03-06T10:00:00+08:00', { reason: '撤回申请' })]);
    expect(await clocks('C-7')).toEqual([{ kind: 'legal', open: false }, { kind: 'promised', open: false }]);
    // registered and concluded in one push: written closed at once
    await p.push([registered('C-8'), ev('C-8-end', 'C-8', 'case.terminated', '2026-03-03T10:00:00+08:00', { reason: '撤回申请' })]);
    expect(await clocks('C-8')).toEqual([{ kind: 'legal', open: false }, { kind: 'promised', open: false }]);
    // a late suspension refolds the concluded case: its deadlines follow the facts, and stay closed
    await p.push([ev('C-7-susp', 'C-7', 'case.suspended', '2026-03-03T10:00:00+08:00', { reason: '等待鉴定', basis: '法规' }),
      ev('C-7-res', 'C-7', 'case.resumed', '2026-03-05T10:00:00+08:00', {})]);
    expect(await clocks('C-7')).toEqual([{ kind: 'legal', open: false }, { kind: 'promised', open: false }]);
  });

  it('reads a case as of an instant (§5) and refuses other departments', async () => {
    await p.push([registered('C-6'), ev('C-6-close', 'C-6', 'case.terminated', '2026-03-05T10:00:00+08:00', { reason: '撤回申请' })]);
    const get = (url: string, k = p.key) => p.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${k}` } });
    const then = await get('/api/exchange/v1/cases/C-6?asOf=' + encodeURIComponent('2026-03-03T10:00:00+08:00'));
    expect(then.statusCode).toBe(200);
    expect(then.json()).toMatchObject({ caseNo: 'C-6', itemCode: 'P-TEST-001', status: 'open', light: 'green', currentStep: 'register' });
    const late = await get('/api/exchange/v1/cases/C-6?asOf=2026-03-12T10:00:00%2B08:00');
    expect(late.json()).toMatchObject({ status: 'concluded', light: 'none' });
    // step 'register' has 5 working days: as of its due instant the case itself is still green (promised 60)
    const other = await get('/api/exchange/v1/cases/C-6', p.otherKey);
    expect(other.statusCode).toBe(404);
    const alerts = await get('/api/exchange/v1/alerts?caseNo=C-6');
    expect(alerts.statusCode).toBe(200);
    expect(Array.isArray(alerts.json().alerts)).toBe(true);
  });
});
