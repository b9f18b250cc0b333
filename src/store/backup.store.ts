import type { Queryable } from './db.js';

/**
 * The SQL of backup and restore: a logical copy of every table of the platform's schema, the
 * same on PGlite and PostgreSQL (so a backup of one restores into the other). Rows travel as
 * the database's own JSON text of each row (`to_json`), read back with `json_populate_recordset`:
 * no value passes through a JavaScript number or date, so every value comes back as it was
 * (timestamps to the microsecond, numerics and bigints exactly, jsonb as stored).
 */

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface TableInfo {
  name: string;
  /** Tables it references (foreign keys), itself left out. */
  refs: string[];
  /** It references itself (a tree such as regions): its rows are loaded in one statement. */
  selfRef: boolean;
}

/** The platform's tables (schema_migrations aside), parents before the tables that reference them. */
export async function listTables(q: Queryable): Promise<TableInfo[]> {
  const rows = await q.query<{ name: string; refs: string[] | null; self_ref: boolean }>(
    `SELECT c.relname::text AS name,
            array_agg(DISTINCT f.relname::text) FILTER (WHERE f.oid IS NOT NULL AND f.oid <> c.oid) AS refs,
            coalesce(bool_or(f.oid = c.oid), false) AS self_ref
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f'
       LEFT JOIN pg_class f ON f.oid = k.confrelid
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
      GROUP BY c.relname ORDER BY c.relname`);
  // (relname is of type name: cast to text, an array of which both drivers read as an array)
  const byName = new Map(rows.map((r) => [r.name, { name: r.name, refs: r.refs ?? [], selfRef: r.self_ref }]));
  const out: TableInfo[] = [];
  const seen = new Set<string>();
  const visit = (t: TableInfo, path: string[]) => {
    if (seen.has(t.name)) return;
    if (path.includes(t.name)) throw new Error(`backup: foreign keys form a cycle: ${[...path, t.name].join(' → ')}`);
    for (const r of t.refs) {
      const p = byName.get(r);
      if (p) visit(p, [...path, t.name]);
    }
    seen.add(t.name);
    out.push(t);
  };
  for (const t of byName.values()) visit(t, []);
  return out;
}

/** The migrations applied to this database, in order; [] when it was never migrated. */
export async function appliedMigrations(q: Queryable): Promise<string[]> {
  const [t] = await q.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!t.t) return [];
  return (await q.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
}

export async function countRows(q: Queryable, table: string): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${ident(table)}`);
  return r.n;
}

/** Makes the rest of this transaction read one consistent snapshot (the first statement of the transaction). */
export async function snapshotReadOnly(q: Queryable): Promise<void> {
  await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
}

/** Each row of `table` as its JSON text, `batch` rows at a time (in a transaction: a cursor). */
export async function* tableRowsAsJson(q: Queryable, table: string, batch = 2000): AsyncGenerator<string[]> {
  await q.query(`DECLARE xq_backup_rows NO SCROLL CURSOR FOR SELECT to_json(t)::text AS j FROM ${ident(table)} t`);
  try {
    for (;;) {
      const rows = await q.query<{ j: string }>(`FETCH ${batch} FROM xq_backup_rows`);
      if (!rows.length) return;
      yield rows.map((r) => r.j);
    }
  } finally {
    await q.query('CLOSE xq_backup_rows');
  }
}

/** Inserts rows given as the JSON texts `tableRowsAsJson` read, exactly as they were. */
export async function insertJsonRows(q: Queryable, table: string, rows: string[]): Promise<void> {
  if (!rows.length) return;
  await q.query(`INSERT INTO ${ident(table)} SELECT * FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`, [`[${rows.join(',')}]`]);
}

export interface SequenceState { name: string; lastValue: number; isCalled: boolean }

/** Every sequence of the schema with its position (bigserial keys: the next row continues after it). */
export async function readSequences(q: Queryable): Promise<SequenceState[]> {
  const names = await q.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY c.relname`);
  const out: SequenceState[] = [];
  for (const { name } of names) {
    const [s] = await q.query<{ last_value: number; is_called: boolean }>(`SELECT last_value, is_called FROM ${ident(name)}`);
    out.push({ name, lastValue: s.last_value, isCalled: s.is_called });
  }
  return out;
}

export async function setSequence(q: Queryable, s: SequenceState): Promise<void> {
  await q.query('SELECT setval($1::regclass, $2::bigint, $3::boolean)', [ident(s.name), s.lastValue, s.isCalled]);
}

/**
 * Turns the table's own triggers off or on (in the restoring transaction): the append-only
 * guards and the upstream outbox triggers (0640, 0740) must neither refuse nor repeat the load.
 * Foreign keys (system triggers) stay on. Needs the table's owner, not a superuser.
 */
export async function setUserTriggers(q: Queryable, table: string, enabled: boolean): Promise<void> {
  await q.query(`ALTER TABLE ${ident(table)} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
}

/** Empties the tables (restore --force over a database of the same schema), its triggers being off. */
export async function truncateTables(q: Queryable, tables: string[]): Promise<void> {
  if (tables.length) await q.query(`TRUNCATE ${tables.map(ident).join(', ')}`);
}

/** The content addresses (SHA-256) of the evidence files the database refers to. */
export async function evidenceHashes(q: Queryable): Promise<string[]> {
  return (await q.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM evidence_files ORDER BY sha256')).map((r) => r.sha256);
}
