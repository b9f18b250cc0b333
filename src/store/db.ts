import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { lockDataDir } from './data-dir-lock.js';
import { JsonbRows } from './recordset.js';

/**
 * The one data-access layer: plain parameterised SQL ($1, $2 …) that runs unchanged on
 * the embedded PGlite and on a PostgreSQL server. Types are read the same way on both:
 * int8 and numeric as JS numbers, date as 'YYYY-MM-DD' strings, timestamptz as Date,
 * json/jsonb as values.
 */
export interface Queryable {
  /**
   * `prepare`: a statement run again and again with different parameters (the ingest path). The
   * PostgreSQL driver keeps it prepared on each connection: the server parses it once and, after
   * a few executions, plans it once (a generic plan) instead of on every call. A generic plan
   * made while a table was nearly empty (a scan where an index will be wanted) lasts until the
   * table is next analysed, which invalidates it: PostgreSQL's autovacuum does that soon after a
   * table starts to fill, so autovacuum must stay on (the server's default). PGlite ignores the
   * option.
   */
  query<T = Row>(sql: string, params?: unknown[], opts?: QueryOptions): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type Row = Record<string, any>;
export interface QueryOptions {
  prepare?: boolean;
  /**
   * A write whose answer nobody reads (it resolves to no rows). In a transaction on a
   * PostgreSQL server it is sent at once and not waited for: it travels with the statements
   * that follow, in one round trip where they follow at once, and the next statement that is
   * waited for, or the commit, waits for it first and fails with its error. Elsewhere it runs
   * as any statement does.
   */
  defer?: boolean;
}

const statementNames = new Map<string, string>();
/** A prepared statement's name: derived from its text, so the same text has the same name on every connection. */
const statementName = (sql: string): string => {
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `xq_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`));
  return name;
};

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite on a data dir: records the port served in the dir's lock (data-dir-lock.ts). */
  noteHolder?(extra: { port: number }): void;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (v: string) => (v === null ? null : Number(v));
const asString = (v: string) => v;

/** Opens PGlite in memory, or on `dataDir` after taking its lock (one process per data dir: refuses naming the holder). */
export async function openPglite(dataDir: string | null, opts: { loadDataDir?: Blob } = {}): Promise<Db> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const lock = dataDir ? lockDataDir(dataDir) : null;
  const pgl = await PGlite.create({
    dataDir: dataDir ?? undefined,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asString },
  }).catch((e) => {
    lock?.release();
    throw e;
  });
  const wrap = (q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query<T>(sql, params?.map((p) => (p instanceof JsonbRows ? p.toText() : p)) as any[]);
      return r.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pgl);
  return {
    kind: 'pglite',
    ...base,
    tx: (fn) => pgl.transaction((t) => fn(wrap(t as any))),
    close: async () => {
      try {
        await pgl.close();
      } finally {
        lock?.release();
      }
    },
    ...(lock ? { noteHolder: (extra: { port: number }) => lock.note(extra) } : {}),
    // exposed for tests that clone a migrated template
    ...({ dumpDataDir: () => pgl.dumpDataDir('none') } as object),
  };
}

const pgTypes = {
  getTypeParser(oid: number, format?: any) {
    if (oid === INT8 || oid === NUMERIC) return toNumber as any;
    if (oid === DATE) return asString as any;
    return pg.types.getTypeParser(oid, format);
  },
};

export async function openPostgres(url: string, max = 10): Promise<Db> {
  // pipeline: a statement is sent as soon as it is issued, not after the answer to the one before
  // (deferred writes travel with what follows them)
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes as any, pipeline: true } as pg.PoolConfig);
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  await pool.query('SELECT 1');
  /** In a transaction, `pending` holds its deferred writes (sent, not yet answered). */
  const wrap = (c: pg.Pool | pg.PoolClient, pending?: Promise<unknown>[]): Queryable => ({
    async query<T>(sql: string, params?: unknown[], opts?: QueryOptions) {
      const values = params?.map((p) => (p instanceof JsonbRows ? p.toBinary() : p)) as any[];
      const sent = opts?.prepare ? c.query({ name: statementName(sql), text: sql, values }) : c.query(sql, values);
      if (pending && (opts?.defer || pending.length)) sent.catch(() => undefined); // its error is thrown below or by settle
      if (pending && opts?.defer) {
        pending.push(sent);
        return [];
      }
      if (pending) await settle(pending);
      return (await sent).rows as T[];
    },
    async exec(sql: string) {
      if (pending) await settle(pending);
      await c.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async tx(fn) {
      const client = await pool.connect();
      // BEGIN is a deferred statement too: the transaction's first statement goes out with it
      const begin = client.query('BEGIN');
      begin.catch(() => undefined);
      const pending: Promise<unknown>[] = [begin];
      try {
        const out = await fn(wrap(client, pending));
        // the commit goes out behind the deferred writes; should one of them have failed, the
        // server has aborted the transaction and answers the commit with a rollback
        const commit = client.query('COMMIT');
        commit.catch(() => undefined);
        await settle(pending);
        await commit;
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Waits for the deferred writes sent so far, in order; throws the first one's error. */
async function settle(pending: Promise<unknown>[]): Promise<void> {
  for (const p of pending.splice(0)) await p;
}

export async function openDb(cfg: { databaseUrl: string | null; dataDir: string }): Promise<Db> {
  if (cfg.databaseUrl) return openPostgres(cfg.databaseUrl);
  return openPglite(path.join(cfg.dataDir, 'pg'));
}

/**
 * Runs `fn` inside a savepoint of the open transaction `q`: when it throws, what it wrote is
 * rolled back and the error is rethrown, and the transaction goes on (one bad entry of an
 * import never spoils the others).
 */
export async function inSavepoint<T>(q: Queryable, fn: () => Promise<T>): Promise<T> {
  await q.query('SAVEPOINT entry');
  try {
    const out = await fn();
    await q.query('RELEASE SAVEPOINT entry');
    return out;
  } catch (e) {
    await q.query('ROLLBACK TO SAVEPOINT entry');
    throw e;
  }
}
