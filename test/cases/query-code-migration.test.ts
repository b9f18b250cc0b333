import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePlatform, registered, type CasePlatform } from './case-helpers.js';

const MIGRATION = readFileSync(new URL('../../src/store/migrations/0600_query_codes_platform_made.sql', import.meta.url), 'utf8');

/** Migration 0600: a case whose 查询码 a sender chose (before §3 v2) gets one the platform makes. */
describe('query codes chosen by senders before v2', () => {
  let p: CasePlatform;
  beforeAll(async () => { p = await casePlatform(); });
  afterAll(() => p.close());

  it('replaces a code taken from a pushed registration, and keeps the platform\'s and the demo\'s', async () => {
    expect((await p.push([registered('MG-1'), registered('MG-2'), registered('MG-3')])).body.accepted).toBe(3);
    const ids = Object.fromEntries((await p.db.query<{ case_no: string; id: string }>(`SELECT case_no, id FROM cases WHERE case_no LIKE 'MG-%'`)).map((r) => [r.case_no, r.id]));
    // as stored before v2: the registration's data carried the sender's code, and the case took it
    const legacy = async (caseNo: string, eventId: string, code: string) => {
      await p.db.query(
        `INSERT INTO case_events (department_code, event_id, case_id, case_no, type, occurred_at, received_at, actor, data, source, content_hash)
         VALUES ('511702-STJ', $1, $2, $3, 'case.registered', now(), now(), '{}'::jsonb, $4::jsonb, 'exchange', 'x')`,
        [eventId, ids[caseNo], caseNo, JSON.stringify({ itemCode: 'P-TEST-001', queryCode: code })]);
      await p.db.query(`UPDATE cases SET query_code = $1 WHERE case_no = $2`, [code, caseNo]);
    };
    await legacy('MG-1', 'MG-1-legacy', 'ABCD');
    await legacy('MG-2', 'demo-MG-2-1', 'DEMO0002');
    const before = (await p.db.query<{ query_code: string }>(`SELECT query_code FROM cases WHERE case_no = 'MG-3'`))[0].query_code;
    await p.db.query(MIGRATION);
    const codes = Object.fromEntries((await p.db.query<{ case_no: string; query_code: string }>(`SELECT case_no, query_code FROM cases WHERE case_no LIKE 'MG-%'`)).map((r) => [r.case_no, r.query_code]));
    expect(codes['MG-1']).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(codes['MG-2']).toBe('DEMO0002');
    expect(codes['MG-3']).toBe(before);
  });
});
