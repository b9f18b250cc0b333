import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { recordset, rowsParam, rowsWithTexts, type Columns } from '../../src/store/recordset.js';
import { freshDb } from '../helpers/db.js';

const COLS: Columns = [['id', 'text'], ['n', 'int4'], ['doc', 'jsontext'], ['meta', 'jsonb']];

describe('rows as one parameter, a column of JSON texts beside them', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
    await db.exec('CREATE TABLE rs_probe (id text PRIMARY KEY, n int4, doc text NOT NULL, meta jsonb)');
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
    const back = await db.query<{ id: string; n: number; doc: string; parsed: unknown; meta: unknown }>('SELECT id, n, doc, doc::json AS parsed, meta FROM rs_probe ORDER BY id');
    expect(back.map((r) => r.doc)).toEqual(docs.map((d) => JSON.stringify(d)));
    expect(back.map((r) => r.parsed)).toEqual(docs);
    expect(back.map((r) => [r.id, r.n, r.meta])).toEqual([['r0', 0, { k: 0 }], ['r1', 1, null], ['r2', 2, { k: 2 }]]);
  });

  it('an empty batch inserts nothing; a batch with a bad row is refused and nothing of it is stored', async () => {
    await db.query(`INSERT INTO rs_probe (id, n, doc, meta) SELECT id, n, doc, meta FROM ${recordset(1, COLS, 'x', 2)}`, rowsWithTexts(COLS, []));
    const bad = [['b0', 0, '{"ok":true}', null], ['b1', 'not a number', '{}', null]];
    await expect(db.query(`INSERT INTO rs_probe (id, n, doc, meta) SELECT id, n, doc, meta FROM ${recordset(1, COLS, 'x', 2)}`, rowsWithTexts(COLS, bad)))
      .rejects.toThrow(/integer/i);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rs_probe'))[0].n).toBe(3);
  });

  it('names a jsontext column without its texts parameter, and a value that is not text', () => {
    expect(() => recordset(1, COLS)).toThrow(/texts parameter/);
    expect(() => recordset(1, [['id', 'text']], 'x', 2)).toThrow(/texts parameter/);
    expect(() => rowsWithTexts(COLS, [['x', 1, { not: 'text' }, null]])).toThrow(/doc must be JSON text/);
    expect(rowsParam([[1]]).toText()).toBe('[[1]]');
  });
});

describe('parameters written as bytes', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
    await db.exec('CREATE TABLE rs_raw (id text PRIMARY KEY, actor jsonb, data jsonb, doc text NOT NULL)');
  });
  afterAll(() => db.close());

  const RAW_COLS: Columns = [['id', 'text'], ['doc', 'jsontext'], ['actor', 'jsonb'], ['data', 'jsonb']];
  // long enough to grow the writer's buffer, with two-byte, four-byte (emoji) and escaped characters
  const long = { text: '行政处罚决定书〔2026〕'.repeat(4000), emoji: '😀'.repeat(2000), esc: '"\\\n\u0001' };

  it('stores JSON texts given as they are (raw) as the values they are, and jsontext exactly as sent', async () => {
    const docs = ['{"b":1,  "a":[2]}', JSON.stringify(long), '[]'];
    const rows = [
      ['r0', docs[0], '{"id":"o-1","name":"王五"}', JSON.stringify(long)],
      ['r1', docs[1], null, '{"z":null,"a":{"k":[1,2.5,"〔〕"]}}'],
      ['r2', docs[2], '"just a string"', null],
    ];
    const [param, texts] = rowsWithTexts(RAW_COLS, rows.map((r) => [...r]));
    const raw = rowsParam(param.rows, 2);
    // the two encodings of the same rows are the same JSON (PGlite takes the text, PostgreSQL the bytes)
    expect(raw.toBinary().subarray(1).toString('utf8')).toBe(raw.toText());
    expect(raw.toBinary()[0]).toBe(1);
    expect(JSON.parse(raw.toText())).toEqual(rows.map((r) => [r[0], null, r[2] === null ? null : JSON.parse(r[2]), r[3] === null ? null : JSON.parse(r[3])]));
    await db.query(`INSERT INTO rs_raw (id, actor, data, doc) SELECT id, actor, data, doc FROM ${recordset(1, RAW_COLS, 'x', 2)}`, [raw, texts]);
    const back = await db.query<{ id: string; actor: unknown; data: unknown; doc: string }>('SELECT * FROM rs_raw ORDER BY id');
    expect(back).toEqual([
      { id: 'r0', actor: { id: 'o-1', name: '王五' }, data: long, doc: docs[0] },
      { id: 'r1', actor: null, data: { z: null, a: { k: [1, 2.5, '〔〕'] } }, doc: docs[1] },
      { id: 'r2', actor: 'just a string', data: null, doc: docs[2] },
    ]);
  });

  it('refuses a raw value that is not text, and the statement as a whole when a raw text is not JSON', async () => {
    expect(() => rowsParam([['x', 5]], 1).toBinary()).toThrow(/raw value must be JSON text/);
    expect(() => rowsParam([['x', 5]], 1).toText()).toThrow(/raw value must be JSON text/);
    expect(() => rowsParam([['{}']], 1).toText()).toThrow(/a value before its raw ones/);
    const [param, texts] = rowsWithTexts(RAW_COLS, [['bad', '{}', '{"ok":true}', '{not json']]);
    await expect(db.query(`INSERT INTO rs_raw (id, actor, data, doc) SELECT id, actor, data, doc FROM ${recordset(1, RAW_COLS, 'x', 2)}`, [rowsParam(param.rows, 2), texts]))
      .rejects.toThrow(/json/i);
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM rs_raw WHERE id = 'bad'`))[0].n).toBe(0);
  });
});
