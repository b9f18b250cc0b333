import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { backend, freshDb } from '../helpers/db.js';

/** Deferred writes (QueryOptions.defer): not waited for in a PostgreSQL transaction, never lost or silently failed. */
describe('deferred writes', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
    await db.exec('CREATE TABLE defer_t (id int PRIMARY KEY, note text)');
  });
  afterAll(() => db.close());
  const ids = async () => (await db.query<{ id: number }>('SELECT id FROM defer_t ORDER BY id')).map((r) => r.id);

  it('are seen by the statements after them and committed with the transaction', async () => {
    const seen = await db.tx(async (q) => {
      await q.query('INSERT INTO defer_t VALUES ($1, $2)', [1, 'a'], { defer: true });
      await q.query('INSERT INTO defer_t VALUES ($1, $2)', [2, 'b'], { prepare: true, defer: true });
      return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM defer_t'))[0].n;
    });
    expect(seen).toBe(2);
    await db.tx(async (q) => {
      await q.query('INSERT INTO defer_t VALUES ($1, $2)', [3, 'c'], { defer: true }); // nothing after it but the commit
    });
    expect(await ids()).toEqual([1, 2, 3]);
  });

  it('fail the statement after them with their own error, and nothing of the transaction is kept', async () => {
    await expect(db.tx(async (q) => {
      await q.query('INSERT INTO defer_t VALUES ($1, $2)', [10, 'kept?']);
      await q.query('INSERT INTO defer_t VALUES ($1, $2)', [1, 'duplicate'], { defer: true });
      await q.query('SELECT 1');
    })).rejects.toThrow(/duplicate key value violates unique constraint "defer_t_pkey"/);
    expect(await ids()).toEqual([1, 2, 3]);
  });

  it('fail the commit when nothing follows them', async () => {
    await expect(db.tx(async (q) => {
      await q.query('INSERT INTO defer_t VALUES ($1, $2)', [11, 'kept?']);
      await q.query('INSERT INTO defer_t VALUES ($1, $2)', [2, 'duplicate'], { defer: true });
    })).rejects.toThrow(/duplicate key value violates unique constraint "defer_t_pkey"/);
    expect(await ids()).toEqual([1, 2, 3]);
    // the connection is fine afterwards
    expect(await db.tx((q) => q.query<{ x: number }>('SELECT 1 AS x'))).toEqual([{ x: 1 }]);
  });

  it.skipIf(backend !== 'postgres')('are not waited for in a PostgreSQL transaction', async () => {
    await db.tx(async (q) => {
      const t = performance.now();
      await q.query('SELECT pg_sleep(0.3)', [], { defer: true });
      expect(performance.now() - t).toBeLessThan(150);
      await q.query('SELECT 1');
      expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    });
  });
});
