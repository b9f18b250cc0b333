/**
 * Many rows as one `json` parameter, unpacked on the server by json_to_recordset. One
 * JSON.stringify in Node instead of one escaped array per column, and nested values
 * (json/jsonb columns) travel as they are instead of as strings inside strings. Same SQL
 * on PGlite and PostgreSQL. Rows are objects keyed by column name; Dates become ISO text.
 */
export type Columns = readonly (readonly [name: string, sqlType: string, ...rest: unknown[]])[];

/** `json_to_recordset($n::json) AS alias("a" text, "b" timestamptz, …)` */
export function recordset(param: number, cols: Columns, alias = 'x'): string {
  return `json_to_recordset($${param}::json) AS ${alias}(${cols.map(([n, t]) => `"${n}" ${t}`).join(', ')})`;
}

/** The column names, comma-separated (for INSERT … (cols) SELECT cols FROM recordset). */
export const columnList = (cols: Columns, prefix = ''): string => cols.map(([n]) => `${prefix}${n}`).join(', ');

export const rowsParam = (rows: readonly object[]): string => JSON.stringify(rows);

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
