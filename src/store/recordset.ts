/**
 * Many rows as one `jsonb` parameter, unpacked on the server by jsonb_to_recordset. One
 * JSON.stringify in Node instead of one escaped array per column, and nested values
 * (json/jsonb columns) travel as they are instead of as strings inside strings. Same SQL
 * on PGlite and PostgreSQL. Rows are objects keyed by column name; Dates become ISO text.
 */
export type Columns = readonly (readonly [name: string, sqlType: string, ...rest: unknown[]])[];

/** `jsonb_to_recordset($n::jsonb) AS alias("a" text, "b" timestamptz, …)` (about twice as fast as json_to_recordset on PostgreSQL 15) */
export function recordset(param: number, cols: Columns, alias = 'x'): string {
  return `jsonb_to_recordset($${param}::jsonb) AS ${alias}(${cols.map(([n, t]) => `"${n}" ${t}`).join(', ')})`;
}

/** The column names, comma-separated (for INSERT … (cols) SELECT cols FROM recordset). */
export const columnList = (cols: Columns, prefix = ''): string => cols.map(([n]) => `${prefix}${n}`).join(', ');

/**
 * Rows bound as one jsonb parameter; each driver encodes it its own way (db.ts): PGlite takes
 * the JSON text, the PostgreSQL driver the binary jsonb form. The binary form is written row by
 * row into one buffer: a single JSON.stringify of a large batch comes back as a string V8 must
 * first flatten, which costs more than building it.
 */
export class JsonbRows {
  constructor(readonly rows: readonly object[]) {}
  toText(): string {
    return JSON.stringify(this.rows);
  }
  /** jsonb's binary input: version byte 1, then the UTF-8 JSON text. */
  toBinary(): Buffer {
    const parts = this.rows.map((r) => JSON.stringify(r));
    let n = 3 + parts.length;
    for (const p of parts) n += Buffer.byteLength(p);
    const b = Buffer.allocUnsafe(n);
    let o = 0;
    b[o++] = 1;
    b[o++] = 0x5b; // [
    for (let i = 0; i < parts.length; i++) {
      if (i) b[o++] = 0x2c; // ,
      o += b.write(parts[i], o);
    }
    b[o++] = 0x5d; // ]
    return b.subarray(0, o);
  }
}

export const rowsParam = (rows: readonly object[]): JsonbRows => new JsonbRows(rows);

/** Date → ISO text, remembering the last Date (a batch shares its received-at instant). */
export function isoMemo(): (d: Date | null) => string | null {
  let last: Date | null = null;
  let text = '';
  return (d) => {
    if (d === null) return null;
    if (d !== last) {
      last = d;
      text = d.toISOString();
    }
    return text;
  };
}

/**
 * A copy with every Date replaced by its ISO text (same JSON). JSON.stringify calls each
 * Date's toJSON through a slow path; a folded case state carries some twenty of them.
 */
export function datesAsText(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(datesAsText);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = datesAsText(x);
    }
    return out;
  }
  return v;
}
