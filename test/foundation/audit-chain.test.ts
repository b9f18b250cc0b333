import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit, type AuditEntry } from '../../src/store/audit.store.js';
import type { Db } from '../../src/store/db.js';
import { freshDb } from '../helpers/db.js';

const entry: AuditEntry = { actorId: 'u1', actorName: '张三', role: 'system_admin', regionCode: '510000', action: 'test.append', target: null, sourceIp: null, outcome: 'success' };

describe('the audit chain under concurrent writers', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(() => db.close());

  it('transactions appending at once still make one linear chain', async () => {
    // each transaction appends, then stays open a moment: the others wait for the chain's lock
    // and must then extend the record committed meanwhile, not the head they could see before
    await Promise.all(Array.from({ length: 8 }, (_, i) => db.tx(async (q) => {
      await appendAudit(q, new Date(), { ...entry, target: `t${i}` });
      await q.query('SELECT pg_sleep(0.02)');
      await appendAudit(q, new Date(), { ...entry, target: `t${i}-2` });
    })));
    const rows = await db.query<{ seq: number; target: string }>(`SELECT seq, target FROM audit_log WHERE action = 'test.append' ORDER BY seq`);
    expect(rows).toHaveLength(16);
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
    // a transaction's two records are next to each other: the lock is held until its commit
    for (let k = 0; k < rows.length; k += 2) expect(rows[k + 1].target).toBe(`${rows[k].target}-2`);
  });
});
