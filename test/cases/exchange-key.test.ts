import { afterEach, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../src/services/admin/api-key.service.js';
import { casePlatform, registered, system, type CasePlatform } from './case-helpers.js';

/**
 * A push whose key this process looked up less than a minute ago is not looked up again before
 * its body is read: its transaction checks the key with the batch's cases (case_ingest_open).
 * A key revoked meanwhile stores nothing, wherever it was revoked.
 */
describe('the department key of a push, checked in its transaction', () => {
  let p: CasePlatform;
  afterEach(async () => p?.close());

  const stored = async () => (await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events'))[0].n;
  const pushAudits = async () => p.db.query<{ outcome: string; details: any }>(`SELECT outcome, details FROM audit_log WHERE action = 'exchange.push' ORDER BY seq`);
  const keyId = async () => (await p.db.query<{ id: string }>(`SELECT id FROM api_keys WHERE department_code = '511702-STJ'`))[0].id;

  it('refuses a key revoked by another process within the minute, storing nothing', async () => {
    p = await casePlatform();
    expect((await p.push([registered('K-1')])).status).toBe(200);
    // revoked in the database, as another server process would: this process still holds the key's lookup
    await p.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [await keyId()]);
    const before = await stored();
    const r = await p.push([registered('K-2')]);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
    expect(await stored()).toBe(before);
    expect(await p.db.query(`SELECT 1 FROM cases WHERE case_no = 'K-2'`)).toEqual([]);
    // the refusal came from the push's transaction, which leaves its record of the failure
    expect((await pushAudits()).map((a) => [a.outcome, a.details?.error ?? null])).toEqual([['success', null], ['failure', 'UNAUTHENTICATED']]);
    // the §5 reads look the key up every time
    const read = await p.app.inject({ method: 'GET', url: '/api/exchange/v1/alerts', headers: { authorization: `Bearer ${p.key}` } });
    expect(read.statusCode).toBe(401);
  });

  it('refuses a key revoked in this process before the body is read, and looks a key up again after a minute', async () => {
    p = await casePlatform();
    expect((await p.push([registered('K-3')])).status).toBe(200);
    await revokeApiKey(p.ctx, system, await keyId());
    const r = await p.push([registered('K-4')]);
    expect(r.status).toBe(401);
    // refused by the key's lookup, before any transaction: no record of a failed push
    expect((await pushAudits()).map((a) => a.outcome)).toEqual(['success']);

    // the other department's key: looked up, then a minute later looked up again (its last use written again)
    const used = async () => (await p.db.query<{ t: Date }>(`SELECT last_used_at AS t FROM api_keys WHERE department_code = '511703-STJ'`))[0].t;
    const other = (no: string) => ({ ...registered(no, '2026-03-02T10:00:00+08:00', 'P-OTHER-001') });
    expect((await p.push([other('K-5')], p.otherKey)).status).toBe(200);
    const first = await used();
    p.wallClock.set(new Date(p.wallClock.now().getTime() + 61_000));
    expect((await p.push([other('K-6')], p.otherKey)).status).toBe(200);
    expect((await used()).getTime()).toBeGreaterThan(first.getTime());
  });
});
