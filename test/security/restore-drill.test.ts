import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app.js';
import { cliActor } from '../../src/cli/admin.commands.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Actor } from '../../src/domain/org/policy.js';
import { checkpointNow } from '../../src/services/audit/checkpoint-admin.service.js';
import { loadCheckpointKey } from '../../src/services/audit/checkpoint-key.js';
import { verifyRecords } from '../../src/services/audit/verify-records.js';
import { unpackArchive } from '../../src/services/backup/archive.js';
import { backupPlatform, checkArchive, restorePlatform } from '../../src/services/backup/backup.service.js';
import { ensureCalendarSeeded } from '../../src/services/calendar/seed.js';
import { caseDetail } from '../../src/services/cases/case-read.service.js';
import { verifyEvidence } from '../../src/services/cases/evidence.service.js';
import { loadDemo } from '../../src/services/demo/index.js';
import { openPglite, openPostgres, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { backend } from '../helpers/db.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { testPlatform } from '../helpers/app.js';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratch-db.js';

/**
 * The restore drill (GB/T 22239-2019 8.1.4.9 数据备份恢复): a platform with the demonstration data,
 * evidence files, alerts, audit records and a signed checkpoint is backed up, destroyed (data dir
 * and evidence deleted, or the database dropped), restored; then `audit verify` and `evidence
 * verify` pass, every case reads as before, and new records continue the sequences.
 * PGlite run: PGlite → PGlite. PostgreSQL run: PostgreSQL → PostgreSQL, PostgreSQL → PGlite,
 * and that PGlite → PostgreSQL again.
 */

const KEY = 'a3'.repeat(32);
const keyOf = () => loadCheckpointKey({ checkpointKey: KEY, checkpointKeyFile: null, databaseUrl: null, dataDir: '/nonexistent' }, false);
const READ_AT = new Date('2026-03-20T03:00:00Z');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(300, 7)]);
const reader: Actor = {
  kind: 'user', userId: 'drill-reader', username: 'drill-reader', name: 'drill-reader', sessionId: null,
  grants: [{ role: 'supervisor', regionCode: null, departmentCode: null }], departmentCode: null, regionCode: null, officerId: null, sourceIp: null,
};
const serverUrl = process.env.DATABASE_URL ?? null;
const scratches: ScratchDatabase[] = [];
const dirs: string[] = [];
const tmpDir = (name: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `xq-drill-${name}-`));
  dirs.push(d);
  return d;
};

interface Target { config: Config; open(): Promise<Db> }
async function newTarget(kind: 'pglite' | 'postgres', name: string): Promise<Target> {
  const dataDir = tmpDir(name);
  if (kind === 'postgres') {
    const s = await createScratchDatabase(serverUrl!, 'xq_drill');
    scratches.push(s);
    const config = loadConfig({ dataDir, logLevel: 'silent', sweepIntervalMs: 0 }, { DATABASE_URL: s.url, XINGQUAN_CHECKPOINT_KEY: KEY });
    return { config, open: () => openPostgres(s.url, 4) };
  }
  const config = loadConfig({ dataDir, logLevel: 'silent', sweepIntervalMs: 0 }, { XINGQUAN_CHECKPOINT_KEY: KEY });
  return { config, open: () => openPglite(path.join(dataDir, 'pg')) };
}

/** Every case as the case read service gives it, on a fixed clock. */
async function readAllCases(db: Db, config: Config): Promise<Record<string, string>> {
  const ctx = await createContext({ db, config, clock: new ManualClock(READ_AT), wallClock: new ManualClock(READ_AT), log: pino({ level: 'silent' }) });
  const ids = (await db.query<{ id: string }>('SELECT id FROM cases ORDER BY id')).map((r) => r.id);
  const out: Record<string, string> = {};
  for (const id of ids) out[id] = JSON.stringify(await caseDetail(ctx, reader, id));
  return out;
}

async function counts(db: Db): Promise<Record<string, number>> {
  const tables = ['cases', 'case_events', 'evidence_files', 'supervision_alerts', 'supervision_alert_actions', 'audit_log', 'audit_checkpoints', 'complaints', 'users', 'upstream_outbox'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await db.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${t}`))[0].n;
  return out;
}

describe(`restore drill (${backend})`, () => {
  let source: Target;
  let archive = '';
  let before: Record<string, string> = {};
  let beforeCounts: Record<string, number> = {};
  let maxSeq = 0;
  let maxAudit = 0;

  beforeAll(async () => {
    source = await newTarget(backend, 'source');
    const db = await source.open();
    await migrate(db);
    await ensureCalendarSeeded(db, new Date('2026-01-01T00:00:00Z'));
    const p = await testPlatform({ db, clockStart: '2026-03-16T09:00:00+08:00', config: { dataDir: source.config.dataDir, checkpointKey: KEY, databaseUrl: source.config.databaseUrl } });
    try {
      expect(await loadDemo(p.ctx)).toBe(true);
      // evidence on two open cases, uploaded by a handler of each case's department
      const open = await db.query<{ id: string; region_code: string; department_code: string }>(
        `SELECT id, region_code, department_code FROM cases WHERE status = 'open' ORDER BY id LIMIT 2`);
      expect(open).toHaveLength(2);
      for (const [i, c] of open.entries()) {
        await seedUser(db, { username: `drill-h${i}`, role: 'handler', region: c.region_code, department: c.department_code });
        const h = await bearer(p.app, `drill-h${i}`);
        const b = '----xqdrill';
        const payload = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="现场照片${i}.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from([i]), Buffer.from(`\r\n--${b}--\r\n`)]);
        const up = await p.app.inject({ method: 'POST', url: `/api/cases/${c.id}/evidence`, headers: { ...h, 'content-type': `multipart/form-data; boundary=${b}` }, payload });
        expect(up.statusCode, up.body).toBe(201);
      }
      await checkpointNow(p.ctx, cliActor);
    } finally {
      await p.close();
    }
  }, 300_000);

  afterAll(async () => {
    for (const s of scratches) await s.drop().catch(() => undefined);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('backs up the platform into one archive with a signed, hashed manifest', async () => {
    const db = await source.open();
    try {
      beforeCounts = await counts(db);
      expect(beforeCounts.cases).toBeGreaterThan(10);
      expect(beforeCounts.evidence_files).toBe(2);
      expect(beforeCounts.supervision_alerts).toBeGreaterThan(0);
      expect(beforeCounts.audit_checkpoints).toBeGreaterThan(0);
      archive = path.join(tmpDir('archive'), 'drill.tar.gz');
      const r = await backupPlatform({ db, dataDir: source.config.dataDir, key: keyOf(), out: archive, now: new Date() });
      expect(r.manifest.signature?.keyId).toBe(keyOf()!.id);
      expect(r.manifest.evidence).toHaveLength(2);
      expect(r.manifest.evidenceProblems).toEqual([]);
      expect(r.manifest.source).toBe(backend);
      expect(Object.fromEntries(r.manifest.tables.map((t) => [t.table, t.rows])).cases).toBe(beforeCounts.cases);
      // the reads after the backup's own audit record: that record is in the archive
      before = await readAllCases(db, source.config);
      beforeCounts = await counts(db);
      maxSeq = (await db.query<{ m: number }>('SELECT max(seq)::bigint AS m FROM case_events'))[0].m;
      maxAudit = (await db.query<{ m: number }>('SELECT max(seq)::bigint AS m FROM audit_log'))[0].m;
      // nothing secret from outside the database is in it
      const names = await unpackArchive(archive, tmpDir('peek'));
      const text = names.filter((n) => n !== 'manifest.json' && !n.startsWith('evidence/')).map((n) => fs.readFileSync(path.join(dirs.at(-1)!, n), 'utf8')).join('\n');
      expect(text).not.toContain(KEY);
    } finally {
      await db.close();
    }
    // refuses to overwrite an archive
    const again = await source.open();
    try {
      await expect(backupPlatform({ db: again, dataDir: source.config.dataDir, key: keyOf(), out: archive, now: new Date() })).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      await again.close();
    }
  }, 300_000);

  it('a tampered archive is refused before anything is touched (service and CLI)', async () => {
    // re-pack the archive with one byte of one table changed, the manifest unchanged
    const unpacked = tmpDir('tamper');
    const names = await unpackArchive(archive, unpacked);
    const victim = names.find((n) => n.endsWith('-cases.ndjson'))!;
    const f = path.join(unpacked, victim);
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('"open"', '"clos"'));
    const bad = path.join(tmpDir('bad'), 'tampered.tar.gz');
    // re-packed with node-tar's own create(), as an operator might: the format is plain tar.gz
    await tar.c({ gzip: true, portable: true, file: bad, cwd: unpacked }, names);
    const target = await newTarget('pglite', 'tamper-target');
    await expect(restorePlatform({ archive: bad, target: target.config, key: keyOf(), force: false, now: new Date() }))
      .rejects.toThrow(/part altered.*cases\.ndjson/);
    expect(fs.readdirSync(target.config.dataDir)).toEqual([]); // not a file made
    // a manifest rewritten to match: its signature no longer holds
    const m = JSON.parse(fs.readFileSync(path.join(unpacked, 'manifest.json'), 'utf8'));
    const part = m.tables.find((t: { file: string }) => t.file === victim);
    const bytes = fs.readFileSync(f);
    Object.assign(part, { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), sm3: createHash('sm3').update(bytes).digest('hex') });
    fs.writeFileSync(path.join(unpacked, 'manifest.json'), JSON.stringify(m));
    const forged = path.join(path.dirname(bad), 'forged.tar.gz');
    await tar.c({ gzip: true, portable: true, file: forged, cwd: unpacked }, names);
    await expect(checkArchive(forged, keyOf())).rejects.toThrow(/manifest signature does not match/);
    // the CLI says so and exits non-zero
    const run = promisify(execFile);
    const cli = path.resolve('src/cli/main.ts');
    const r = await run(process.execPath, ['--import', 'tsx', cli, 'restore', bad, '--data-dir', target.config.dataDir], {
      env: { ...process.env, DATABASE_URL: '', XINGQUAN_CHECKPOINT_KEY: KEY }, cwd: path.resolve('.'),
    }).then(() => ({ code: 0, stderr: '' }), (e) => ({ code: e.code as number, stderr: String(e.stderr) }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('备份文件校验失败，未做任何改动');
    expect(fs.readdirSync(target.config.dataDir)).toEqual([]);
  }, 120_000);

  async function drill(target: Target): Promise<void> {
    const r = await restorePlatform({ archive, target: target.config, key: keyOf(), force: false, now: new Date() });
    expect(r.audit.problems).toEqual([]);
    expect(r.audit.anchor).not.toBeNull();
    expect(r.evidence).toEqual({ checked: 2, problems: 0 });
    expect(r.ok).toBe(true);
    const db = await target.open();
    try {
      // audit verify and evidence verify, as the CLI runs them
      const v = await verifyRecords(db, keyOf());
      expect(v.ok, JSON.stringify(v.problems)).toBe(true);
      expect((await verifyEvidence(db, target.config.dataDir)).problems).toEqual([]);
      // every case reads the same, byte for byte
      const after = await readAllCases(db, target.config);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const id of Object.keys(before)) expect(after[id], id).toBe(before[id]);
      const c = await counts(db);
      expect(c).toEqual({ ...beforeCounts, audit_log: beforeCounts.audit_log + 1 }); // + the restore's own record
      // sequences continue: a new case event and a new audit record take the next numbers
      const p = await testPlatform({ db, clockStart: '2026-03-20T09:00:00+08:00', config: { dataDir: target.config.dataDir, checkpointKey: KEY, databaseUrl: target.config.databaseUrl } });
      try {
        const [ev] = await db.query<{ id: string; case_id: string }>('SELECT id, case_id FROM evidence_files ORDER BY uploaded_at, id LIMIT 1');
        const h = await bearer(p.app, 'drill-h0');
        const got = await p.app.inject({ method: 'GET', url: `/api/cases/${ev.case_id}/evidence/${ev.id}`, headers: h });
        expect(got.statusCode).toBe(200); // the restored evidence file is served (re-hashed on download)
        expect(Buffer.from(got.rawPayload).subarray(0, PNG.length).equals(PNG)).toBe(true);
        const b = '----xqdrill2';
        const payload = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="补充.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from('after'), Buffer.from(`\r\n--${b}--\r\n`)]);
        const up = await p.app.inject({ method: 'POST', url: `/api/cases/${ev.case_id}/evidence`, headers: { ...h, 'content-type': `multipart/form-data; boundary=${b}` }, payload });
        expect(up.statusCode, up.body).toBe(201);
        const [m] = await db.query<{ m: number }>('SELECT max(seq)::bigint AS m FROM case_events');
        expect(m.m).toBeGreaterThan(maxSeq);
        const [a] = await db.query<{ m: number }>('SELECT max(seq)::bigint AS m FROM audit_log');
        expect(a.m).toBeGreaterThan(maxAudit + 1);
        // and the chain still holds after the new records
        expect((await verifyRecords(db, keyOf())).ok).toBe(true);
      } finally {
        await p.app.close();
      }
    } finally {
      await db.close();
    }
    // a second restore into the now non-empty target is refused without --force
    await expect(restorePlatform({ archive, target: target.config, key: keyOf(), force: false, now: new Date() }))
      .rejects.toMatchObject({ code: 'CONFLICT' });
  }

  it(`destroys the source, restores into a fresh ${backend} database, and everything verifies`, async () => {
    // destroy: the database (dropped, or its data dir deleted) and the evidence files
    if (backend === 'postgres') await scratches[0].drop();
    fs.rmSync(source.config.dataDir, { recursive: true, force: true });
    await drill(await newTarget(backend, 'restored'));
  }, 300_000);

  it.runIf(backend === 'postgres')('cross-restores: the PostgreSQL backup into PGlite, and a backup of that PGlite into PostgreSQL', async () => {
    const lite = await newTarget('pglite', 'cross-lite');
    await drill(lite);
    // back up the restored PGlite and restore it into PostgreSQL: the cases still read the same
    const db = await lite.open();
    const second = path.join(tmpDir('archive2'), 'from-pglite.tar.gz');
    try {
      await backupPlatform({ db, dataDir: lite.config.dataDir, key: keyOf(), out: second, now: new Date() });
    } finally {
      await db.close();
    }
    const pgTarget = await newTarget('postgres', 'cross-pg');
    const r = await restorePlatform({ archive: second, target: pgTarget.config, key: keyOf(), force: false, now: new Date() });
    expect(r.ok, JSON.stringify(r.audit.problems)).toBe(true);
    expect(r.manifest.source).toBe('pglite');
    const back = await pgTarget.open();
    try {
      const after = await readAllCases(back, pgTarget.config);
      for (const id of Object.keys(before)) {
        if (JSON.parse(before[id]).evidenceFiles.length === 0) expect(after[id], id).toBe(before[id]); // the evidence cases gained a file in the drill
      }
    } finally {
      await back.close();
    }
  }, 300_000);

  it(`--force replaces a ${backend} target that holds data (a PGlite data dir and the evidence dir kept aside)`, async () => {
    const t = await newTarget(backend, 'force');
    const first = await restorePlatform({ archive, target: t.config, key: keyOf(), force: false, now: new Date() });
    expect(first.ok).toBe(true);
    const r = await restorePlatform({ archive, target: t.config, key: keyOf(), force: true, now: new Date('2026-03-21T00:00:00Z') });
    expect(r.ok).toBe(true);
    expect(r.audit.problems).toEqual([]);
    expect(r.setAside).toHaveLength(backend === 'postgres' ? 1 : 2); // PostgreSQL: the database emptied in the restoring transaction
    for (const s of r.setAside) expect(fs.existsSync(s)).toBe(true);
  }, 300_000);
});
