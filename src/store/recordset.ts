import { isoText } from '../domain/iso-text.js';

/**
 * Many rows as one `jsonb` parameter: an array of rows, each row an array of its values in
 * column order, unpacked on the server by jsonb_array_elements. One JSON.stringify in Node
 * instead of one escaped array per column; nested values of jsonb columns travel as they are
 * instead of as strings inside strings; no column names repeated in every row. Same SQL on
 * PGlite and PostgreSQL. Dates become ISO text.
 *
 * A `json` column (at most one per recordset) is the exception: its values are JSON texts that
 * the server stores as they are, so they travel beside the rows as one text parameter, joined
 * by U+0001 (which JSON text never holds unescaped), and are zipped back to their rows with
 * ROWS FROM. Inside the jsonb rows each would be built into jsonb only to be printed back (for
 * 250 case states, two thirds of the statement's server time), and as strings inside the rows
 * Node would escape every quote of them.
 */
export type Columns = readonly (readonly [name: string, sqlType: string, ...rest: unknown[]])[];

const field = (i: number, type: string): string => {
  if (type === 'jsonb') return `nullif(r->${i}, 'null')`;
  if (type === 'json') return 'j::json';
  if (type === 'text') return `r->>${i}`;
  return `(r->>${i})::${type}`;
};

/**
 * `(SELECT r->>0 AS "a", (r->>1)::timestamptz AS "b", … FROM jsonb_array_elements($n::jsonb) r) AS alias`.
 * Positional rows beat jsonb_to_recordset's named ones on PostgreSQL 15: a quarter fewer bytes,
 * a tenth of the planning time and less execution time for a 500-row batch. With a json
 * column, `texts` is the parameter that holds its values (rowsWithTexts).
 */
export function recordset(param: number, cols: Columns, alias = 'x', texts?: number): string {
  const json = cols.filter(([, t]) => t === 'json').length;
  if (json > 1 || (json === 1) !== (texts !== undefined)) throw new Error('recordset: a texts parameter goes with exactly one json column');
  const from = texts === undefined
    ? `jsonb_array_elements($${param}::jsonb) AS r`
    : `ROWS FROM (jsonb_array_elements($${param}::jsonb), unnest(string_to_array($${texts}::text, chr(1)))) AS t(r, j)`;
  return `(SELECT ${cols.map(([n, t], i) => `${field(i, t)} AS "${n}"`).join(', ')} FROM ${from}) AS ${alias}`;
}

/**
 * The parameters of a recordset with a json column: the rows (that column left null in them)
 * and its JSON texts joined by U+0001. Takes the rows over (it nulls that column in them).
 */
export function rowsWithTexts(cols: Columns, rows: unknown[][]): [JsonbRows, string] {
  const j = cols.findIndex(([, t]) => t === 'json');
  const texts = rows.map((r) => {
    const text = r[j];
    if (typeof text !== 'string') throw new TypeError(`rowsWithTexts: ${cols[j][0]} must be JSON text`);
    r[j] = null;
    return text;
  });
  return [rowsParam(rows), texts.join('\u0001')];
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
  /** Each row its values in the recordset's column order. */
  constructor(readonly rows: readonly (readonly unknown[])[]) {}
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

export const rowsParam = (rows: readonly (readonly unknown[])[]): JsonbRows => new JsonbRows(rows);

/**
 * A copy with every Date replaced by its ISO text (same JSON). JSON.stringify calls each
 * Date's toJSON through a slow path; a folded case state carries some twenty of them.
 */
export function datesAsText(v: unknown): unknown {
  if (v instanceof Date) return isoText(v);
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
