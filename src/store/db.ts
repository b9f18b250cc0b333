import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
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
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (v: string) => (v === null ? null : Number(v));
const asString = (v: string) => v;

export async function openPglite(dataDir: string | null, opts: { loadDataDir?: Blob } = {}): Promise<Db> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pgl = await PGlite.create({
    dataDir: dataDir ?? undefined,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asString },
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
    close: () => pgl.close(),
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
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes as any });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  await pool.query('SELECT 1');
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[], opts?: QueryOptions) {
      const values = params?.map((p) => (p instanceof JsonbRows ? p.toBinary() : p)) as any[];
      const r = opts?.prepare ? await c.query({ name: statementName(sql), text: sql, values }) : await c.query(sql, values);
      return r.rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
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

export async function openDb(cfg: { databaseUrl: string | null; dataDir: string }): Promise<Db> {
  if (cfg.databaseUrl) return openPostgres(cfg.databaseUrl);
  return openPglite(path.join(cfg.dataDir, 'pg'));
}
