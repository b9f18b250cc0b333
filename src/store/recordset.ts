import { isoText } from '../domain/iso-text.js';

/**
 * Many rows as one `jsonb` parameter: an array of rows, each row an array of its values in
 * column order, unpacked on the server by jsonb_array_elements. One JSON.stringify in Node
 * instead of one escaped array per column; nested values of jsonb columns travel as they are
 * instead of as strings inside strings; no column names repeated in every row. Same SQL on
 * PGlite and PostgreSQL. Dates become ISO text.
 *
 * A `jsontext` column (at most one per recordset) is the exception: a text column holding JSON
 * text the platform made whole (a case's state, a clock's explanation; migration 0580: stored as
 * sent, unchecked). Its values travel beside the rows as one text parameter, joined by U+0001 (which JSON text
 * never holds unescaped), and are zipped back to their rows with ROWS FROM. Inside the jsonb rows
 * each would be built into jsonb only to be printed back (for 250 case states, two thirds of the
 * statement's server time), and as strings inside the rows Node would escape every quote of them.
 */
export type Columns = readonly (readonly [name: string, sqlType: string, ...rest: unknown[]])[];

const field = (i: number, type: string): string => {
  if (type === 'jsonb') return `nullif(r->${i}, 'null')`;
  if (type === 'jsontext') return 'j';
  if (type === 'text') return `r->>${i}`;
  return `(r->>${i})::${type}`;
};

/**
 * `(SELECT r->>0 AS "a", (r->>1)::timestamptz AS "b", … FROM jsonb_array_elements($n::jsonb) r) AS alias`.
 * Positional rows beat jsonb_to_recordset's named ones on PostgreSQL 15: a quarter fewer bytes,
 * a tenth of the planning time and less execution time for a 500-row batch. With a jsontext
 * column, `texts` is the parameter that holds its values (rowsWithTexts).
 */
export function recordset(param: number, cols: Columns, alias = 'x', texts?: number): string {
  const json = cols.filter(([, t]) => t === 'jsontext').length;
  if (json > 1 || (json === 1) !== (texts !== undefined)) throw new Error('recordset: a texts parameter goes with exactly one jsontext column');
  const from = texts === undefined
    ? `jsonb_array_elements($${param}::jsonb) AS r`
    : `ROWS FROM (jsonb_array_elements($${param}::jsonb), unnest(string_to_array($${texts}::text, chr(1)))) AS t(r, j)`;
  return `(SELECT ${cols.map(([n, t], i) => `${field(i, t)} AS "${n}"`).join(', ')} FROM ${from}) AS ${alias}`;
}

/**
 * The parameters of a recordset with a jsontext column: the rows (that column left null
 * in them) and its JSON texts. Takes the rows over (it nulls that column in them).
 */
export function rowsWithTexts(cols: Columns, rows: unknown[][]): [JsonbRows, string] {
  const j = cols.findIndex(([, t]) => t === 'jsontext');
  const texts = rows.map((r) => {
    const text = r[j];
    if (typeof text !== 'string') throw new TypeError(`rowsWithTexts: ${cols[j][0]} must be JSON text`);
    r[j] = null;
    return text;
  });
  // as a string: given as bytes (text's binary input) the driver sent them no faster, and the
  // process spent some 0.8 ms more per pushed batch on its other threads (bench/ingest)
  return [rowsParam(rows), texts.join('\u0001')];
}

/** The column names, comma-separated (for INSERT … (cols) SELECT cols FROM recordset). */
export const columnList = (cols: Columns, prefix = ''): string => cols.map(([n]) => `${prefix}${n}`).join(', ');

/**
 * Rows bound as one jsonb parameter; each driver encodes it its own way (db.ts): PGlite takes the
 * JSON text, the PostgreSQL driver the binary jsonb form. The binary form is written piece by
 * piece into one buffer: a single JSON.stringify of a large batch comes back as a string V8 must
 * first flatten, which costs more than building it.
 *
 * With `rawTail` k, the last k values of each row are JSON texts already made (an event's actor
 * and data, made for its content hash) or null: they go into the parameter as they are, not as
 * strings, and are not serialised a second time (the rest of the row is one JSON.stringify, its
 * closing bracket dropped). Such a text must be valid JSON; were it not, the server would refuse
 * the statement (and with it the transaction).
 */
export class JsonbRows {
  /** Each row its values in the recordset's column order. */
  constructor(readonly rows: readonly (readonly unknown[])[], readonly rawTail = 0) {}
  toText(): string {
    if (!this.rawTail) return JSON.stringify(this.rows);
    return `[${this.rows.map((r) => `${this.head(r)},${this.tail(r).join(',')}]`).join(',')}]`;
  }
  /** jsonb's binary input: version byte 1, then the UTF-8 JSON text. */
  toBinary(): Buffer {
    const w = new Utf8Out();
    w.byte(1);
    w.byte(0x5b); // [
    for (let k = 0; k < this.rows.length; k++) {
      const r = this.rows[k];
      if (k) w.byte(0x2c); // ,
      if (!this.rawTail) {
        w.text(JSON.stringify(r));
        continue;
      }
      w.text(this.head(r));
      for (const t of this.tail(r)) {
        w.byte(0x2c);
        w.text(t);
      }
      w.byte(0x5d); // ]
    }
    w.byte(0x5d);
    return w.done();
  }
  /** The row's JSON up to its raw values: `[a,b,…` (JSON.stringify's, without the closing bracket). */
  private head(r: readonly unknown[]): string {
    const s = JSON.stringify(r.slice(0, r.length - this.rawTail));
    return s.slice(0, -1);
  }
  private tail(r: readonly unknown[]): string[] {
    if (r.length <= this.rawTail) throw new TypeError('JsonbRows: a row needs a value before its raw ones');
    const out: string[] = [];
    for (let i = r.length - this.rawTail; i < r.length; i++) {
      const v = r[i];
      if (v !== null && typeof v !== 'string') throw new TypeError('JsonbRows: a raw value must be JSON text or null');
      out.push(v ?? 'null');
    }
    return out;
  }
}

/** Where Utf8Out writes before copying out (grown as needed, kept: fresh memory costs a page fault per page). */
let scratch = Buffer.allocUnsafe(1 << 16);

/**
 * UTF-8 bytes written one piece after the other, then copied out. Each text is written with
 * room for any text of its length (3 bytes a UTF-16 unit): Buffer.byteLength, which reads each
 * text once more, costs twice the write for Chinese text. One writer at a time (synchronous).
 */
class Utf8Out {
  private o = 0;
  private room(n: number) {
    if (this.o + n <= scratch.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.o + n, 2 * scratch.length));
    scratch.copy(grown, 0, 0, this.o);
    scratch = grown;
  }
  byte(c: number): void {
    this.room(1);
    scratch[this.o++] = c;
  }
  text(s: string): void {
    this.room(3 * s.length);
    this.o += scratch.write(s, this.o);
  }
  done(): Buffer {
    const out = Buffer.allocUnsafe(this.o);
    scratch.copy(out, 0, 0, this.o);
    return out;
  }
}

export const rowsParam = (rows: readonly (readonly unknown[])[], rawTail = 0): JsonbRows => new JsonbRows(rows, rawTail);

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
