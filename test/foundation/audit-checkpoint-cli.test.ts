import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAdminCommands } from '../../src/cli/admin.commands.js';
import { registerAuditCommands } from '../../src/cli/audit.commands.js';
import { canonicalJson } from '../../src/domain/canonical-json.js';
import { appendAudit } from '../../src/store/audit.store.js';
import { openDb, type Db } from '../../src/store/db.js';
import { backend } from '../helpers/db.js';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratch-db.js';

/**
 * The drills of an anchored chain, run as a database superuser with the triggers disabled:
 * `xingquan audit verify` catches a truncated end of the audit log, a record rewritten with its
 * hashes recomputed, and a deleted or edited case event, naming where.
 */
describe('xingquan audit checkpoint / export / verify', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-ckpt-'));
  const dataDir = path.join(dir, 'data');
  const keyFile = path.join(dir, 'checkpoint.key');
  const exported = path.join(dir, 'checkpoints.json');
  const serverUrl = process.env.DATABASE_URL;
  let scratch: ScratchDatabase | null = null;
  let out: string[] = [];

  const run = async (...args: string[]): Promise<number> => {
    out = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
    process.exitCode = undefined;
    const program = new Command().exitOverride();
    registerAdminCommands(program);
    registerAuditCommands(program);
    try {
      await program.parseAsync(['node', 'xingquan', ...args, ...(backend === 'pglite' ? ['--data-dir', dataDir] : [])]);
      return Number(process.exitCode ?? 0);
    } finally {
      log.mockRestore();
      process.exitCode = undefined;
    }
  };
  const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const db = await openDb({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir });
    try { return await fn(db); } finally { await db.close(); }
  };
  /** As a superuser: the tables' triggers are off for these statements only. */
  const tamper = (tables: string[], sql: string) => withDb((db) => db.exec(
    `${tables.map((t) => `ALTER TABLE ${t} DISABLE TRIGGER ALL;`).join('\n')}\n${sql}\n${tables.map((t) => `ALTER TABLE ${t} ENABLE TRIGGER ALL;`).join('\n')}`));
  const entry = (i: number) => ({ actorId: 'u1', actorName: '张三', role: 'handler', regionCode: '511702', action: `case.step${i}`, target: `case:${i}`,
    sourceIp: null, outcome: 'success' as const });
  const event = (db: Db, i: number) => db.query(
    `INSERT INTO case_events (department_code, event_id, case_id, case_no, type, occurred_at, received_at, actor, data, source, content_hash)
     VALUES ('511702-STJ', $1, 'c1', 'TC-1', 'step.completed', $2, $2, '{"id":"o-17","name":"李明"}', $3, 'exchange', $4)`,
    [`e${i}`, new Date(Date.UTC(2026, 2, 2, 2, i)), JSON.stringify({ step: `s${i}`, opinion: { verdict: 'agree', text: '同意' } }), 'h'.repeat(64)]);

  beforeAll(async () => {
    if (serverUrl) {
      scratch = await createScratchDatabase(serverUrl, 'xq_ckpt');
      process.env.DATABASE_URL = scratch.url;
    }
    fs.writeFileSync(keyFile, `${createHash('sm3').update('test key').digest('hex')}\n`, { mode: 0o600 });
    process.env.XINGQUAN_CHECKPOINT_KEY_FILE = keyFile;
    expect(await run('audit', 'verify')).toBe(0); // migrates
    await withDb(async (db) => {
      for (let i = 1; i <= 3; i++) await db.tx((q) => appendAudit(q, new Date(), entry(i)));
      for (let i = 1; i <= 4; i++) await event(db, i);
    });
  }, 90_000);
  afterAll(async () => {
    delete process.env.XINGQUAN_CHECKPOINT_KEY_FILE;
    if (serverUrl) {
      process.env.DATABASE_URL = serverUrl;
      await scratch?.drop();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes signed checkpoints on demand and exports them to a file', { timeout: 60_000 }, async () => {
    expect(await run('audit', 'checkpoint')).toBe(0);
    expect(out[0]).toMatch(/checkpoint written\) #1: 审计记录至 #3/);
    await withDb(async (db) => {
      for (let i = 4; i <= 6; i++) await db.tx((q) => appendAudit(q, new Date(), entry(i)));
      for (let i = 5; i <= 8; i++) await event(db, i);
    });
    expect(await run('audit', 'checkpoint')).toBe(0);
    // the CLI's own checkpoint was audited as #4, so #2 covers up to #7
    expect(out[0]).toMatch(/#2: 审计记录至 #7/);
    expect(await run('audit', 'checkpoint', 'export', '--out', exported)).toBe(0);
    const file = JSON.parse(fs.readFileSync(exported, 'utf8'));
    expect(file.checkpoints.map((c: any) => c.n)).toEqual([1, 2]);
    expect(JSON.parse(file.checkpoints[1].body)).toMatchObject({ alg: 'HMAC-SM3', n: 2, audit: { seq: 7 }, tables: { case_events: { rows: 8 } } });
    expect(await run('audit', 'verify', '--checkpoints', exported)).toBe(0);
    expect(out.join('\n')).toContain('records intact');
  });

  it('catches the last audit records deleted (truncation), naming the first one missing', { timeout: 60_000 }, async () => {
    const saved = await withDb((db) => db.query('SELECT * FROM audit_log WHERE seq >= 6 ORDER BY seq'));
    // as a superuser with every trigger off for the session (session_replication_role = replica)
    await withDb((db) => db.exec('SET session_replication_role = replica; DELETE FROM audit_log WHERE seq >= 6; RESET session_replication_role;'));
    expect(await withDb((db) => db.query('SELECT max(seq)::int AS m FROM audit_log'))).toEqual([{ m: 5 }]);
    expect(await run('audit', 'verify')).toBe(1);
    expect(out[0]).toContain('audit chain intact'); // the chain alone cannot see it
    expect(out.join('\n')).toMatch(/\[audit: missing\]: 审计记录 #6 起已被删除 \(audit records from #6 on were removed: checkpoint #2 recorded #7\)/);
    // put back (the next drill starts from a whole chain)
    await withDb((db) => db.tx(async (q) => {
      for (const r of saved) {
        await q.query(`INSERT INTO audit_log (seq, at, actor_id, actor_name, role, region_code, action, target, source_ip, outcome, details, prev_hash, hash, sm3)
          VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`, [r.seq, r.at, r.actor_id, r.actor_name, r.role, r.region_code, r.action, r.target,
          r.source_ip, r.outcome, r.details === null ? null : JSON.stringify(r.details), r.prev_hash, r.hash, r.sm3]);
      }
    }));
    expect(await run('audit', 'verify')).toBe(0);
  });

  it('catches a record rewritten with its hashes recomputed, naming the checkpoint interval it lies in', { timeout: 60_000 }, async () => {
    // the forger knows the algorithm: rewrites #5 and recomputes #5 onwards so the chain is whole again
    const rows = await withDb((db) => db.query('SELECT * FROM audit_log ORDER BY seq'));
    let prev = rows[3].hash as string;
    const sets: string[] = [];
    for (const r of rows.slice(4)) {
      const actorName = r.seq === 5 ? '李四' : r.actor_name;
      const body = canonicalJson({ seq: r.seq, at: r.at.toISOString(), actorId: r.actor_id, actorName, role: r.role, regionCode: r.region_code, action: r.action,
        target: r.target, sourceIp: r.source_ip, outcome: r.outcome, details: r.details ?? null });
      const h = (alg: string) => createHash(alg).update(prev).update('\n').update(body).digest('hex');
      sets.push(`UPDATE audit_log SET actor_name = '${actorName}', prev_hash = '${prev}', hash = '${h('sha256')}', sm3 = '${h('sm3')}' WHERE seq = ${r.seq};`);
      prev = h('sha256');
    }
    await tamper(['audit_log'], sets.join('\n'));
    expect(await run('audit', 'verify')).toBe(1);
    expect(out[0]).toContain('audit chain intact');
    expect(out.join('\n')).toMatch(/\[audit: altered\]: 审计记录 #4–#7 中有记录被改写或删除/);
  });

  it('catches a deleted case event and an edited one, naming the table and the range', { timeout: 60_000 }, async () => {
    await tamper(['case_events'], `DELETE FROM case_events WHERE event_id = 'e6';`);
    expect(await run('audit', 'verify')).toBe(1);
    expect(out.join('\n')).toMatch(/\[case_events: missing\]: case_events seq 5–8: 1 条记录被删除 \(1 record\(s\) removed since checkpoint #2\)；缺 seq 6 \(absent: seq 6\)/);
    await tamper(['case_events'], `UPDATE case_events SET data = jsonb_set(data, '{opinion,verdict}', '"disagree"') WHERE event_id = 'e2';`);
    expect(await run('audit', 'verify')).toBe(1);
    expect(out.join('\n')).toMatch(/\[case_events: altered\]: case_events seq 1–4: 有记录被修改或调换顺序/);
  });

  it('checks the stored checkpoints against the exported file: removed or forged checkpoints are caught', { timeout: 60_000 }, async () => {
    await tamper(['audit_checkpoints'], 'DELETE FROM audit_checkpoints WHERE n = 2;');
    expect(await run('audit', 'verify', '--checkpoints', exported)).toBe(1);
    expect(out.join('\n')).toContain('checkpoint #2 of the export is missing from the database');
    // a checkpoint made without the key does not verify
    await tamper(['audit_checkpoints'], `INSERT INTO audit_checkpoints (n, at, reason, audit_seq, audit_hash, key_id, body, prev_mac, mac)
      SELECT 2, at, reason, audit_seq, audit_hash, key_id, replace(body, '"n":1', '"n":2'), mac, repeat('f', 64) FROM audit_checkpoints WHERE n = 1;`);
    expect(await run('audit', 'verify')).toBe(1);
    expect(out.join('\n')).toContain('checkpoint #2 is not signed by this key, or was altered');
  });
});
