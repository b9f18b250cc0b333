import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { recordset, rowsParam, rowsWithTexts, type Columns } from '../../src/store/recordset.js';
import { freshDb } from '../helpers/db.js';

const COLS: Columns = [['id', 'text'], ['n', 'int4'], ['doc', 'json'], ['meta', 'jsonb']];

describe('rows as one parameter, a json column beside them', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
    await db.exec('CREATE TABLE rs_probe (id text PRIMARY KEY, n int4, doc json NOT NULL, meta jsonb)');
  });
  afterAll(() => db.close());

  it('stores each JSON text as it is, with its own row, whatever the text holds', async () => {
    const docs = [
      { name: '王五', note: 'quote " backslash \\ slash / tab \t newline \n', nested: { list: [1, null, '〔2026〕'] } },
      { empty: '', control: '\u0001\u0002', emoji: '😀' },
      [],
    ];
    const rows = docs.map((d, i) => [`r${i}`, i, JSON.stringify(d), i === 1 ? null : { k: i }]);
    await db.query(`INSERT INTO rs_probe (id, n, doc, meta) SELECT id, n, doc, meta FROM ${recordset(1, COLS, 'x', 2)}`, rowsWithTexts(COLS, rows));
    const back = await db.query<{ id: string; n: number; doc: unknown; text: string; meta: unknown }>('SELECT id, n, doc, doc::text AS text, meta FROM rs_probe ORDER BY id');
    expect(back.map((r) => r.doc)).toEqual(docs);
    expect(back.map((r) => r.text)).toEqual(docs.map((d) => JSON.stringify(d)));
    expect(back.map((r) => [r.id, r.n, r.meta])).toEqual([['r0', 0, { k: 0 }], ['r1', 1, null], ['r2', 2, { k: 2 }]]);
  });

  it('an empty batch inserts nothing; a text that is not JSON is refused and nothing is stored', async () => {
    await db.query(`INSERT INTO rs_probe (id, n, doc, meta) SELECT id, n, doc, meta FROM ${recordset(1, COLS, 'x', 2)}`, rowsWithTexts(COLS, []));
    const bad = [['b0', 0, '{"ok":true}', null], ['b1', 1, '{not json', null]];
    await expect(db.query(`INSERT INTO rs_probe (id, n, doc, meta) SELECT id, n, doc, meta FROM ${recordset(1, COLS, 'x', 2)}`, rowsWithTexts(COLS, bad)))
      .rejects.toThrow(/json/i);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rs_probe'))[0].n).toBe(3);
  });

  it('names a json column without its texts parameter, and a value that is not text', () => {
    expect(() => recordset(1, COLS)).toThrow(/texts parameter/);
    expect(() => recordset(1, [['id', 'text']], 'x', 2)).toThrow(/texts parameter/);
    expect(() => rowsWithTexts(COLS, [['x', 1, { not: 'text' }, null]])).toThrow(/doc must be JSON text/);
    expect(rowsParam([[1]]).toText()).toBe('[[1]]');
  });
});
