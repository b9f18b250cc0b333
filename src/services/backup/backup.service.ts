import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { appendAudit, type AuditEntry } from '../../store/audit.store.js';
import {
  appliedMigrations, countRows, evidenceHashes, insertJsonRows, listTables, readSequences, setSequence, setUserTriggers,
  snapshotReadOnly, tableRowsAsJson, truncateTables, type SequenceState,
} from '../../store/backup.store.js';
import { lockDataDir } from '../../store/data-dir-lock.js';
import { openDb, openPglite, openPostgres, type Db } from '../../store/db.js';
import { listMigrations, migrate, migrationsDir } from '../../store/migrate.js';
import { actorAudit } from '../audit.service.js';
import type { CheckpointKey } from '../audit/checkpoint-key.js';
import { verifyRecords, type RecordsVerdict } from '../audit/verify-records.js';
import { evidenceDir, evidencePath, verifyEvidence } from '../cases/evidence.service.js';
import { ArchiveWriter, unpackArchive } from './archive.js';

// 川办 建设和使用管理办法 第十一条: 按信息系统安全等级保护第三级实施安全防护 (GB/T 22239-2019 8.1.4.9 数据备份恢复)
/**
 * Backup and restore of a whole platform (数据备份恢复, GB/T 22239-2019 8.1.4.9): one .tar.gz holding
 * a manifest, a logical copy of every table (read in one consistent snapshot) and the evidence
 * files the database refers to. The same format on PGlite and PostgreSQL, so either restores
 * into either. Secrets kept outside the database (the checkpoint key, TOTP/seal keys in the
 * environment) are NOT in the archive: the operator keeps them apart, and `audit verify` after a
 * restore needs the same checkpoint key.
 */

export const FORMAT = 'xingquan-backup';
export const FORMAT_VERSION = 1;
const MANIFEST = 'manifest.json';

export interface PartHash { file: string; bytes: number; sha256: string; sm3: string }
export interface TablePart extends PartHash { table: string; rows: number }

export interface BackupManifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  platformVersion: string;
  source: 'pglite' | 'postgres';
  /** The migrations the database had: a restore builds exactly this schema, loads, then migrates on. */
  schema: { migrations: string[]; latest: string | null };
  /** In load order (parents first). */
  tables: TablePart[];
  sequences: SequenceState[];
  evidence: PartHash[];
  /** Evidence files the database names but the disk did not hold intact at backup time. */
  evidenceProblems: { sha256: string; problem: 'missing' | 'changed' }[];
  notIncluded: string[];
  /** HMAC-SM3 of the manifest (without this field) with the checkpoint key, when one was configured. */
  signature: { alg: 'HMAC-SM3'; keyId: string; mac: string } | null;
}

const NOT_INCLUDED = [
  '审计检查点密钥 (checkpoint key: XINGQUAN_CHECKPOINT_KEY or its key file) — kept by the operator apart from backups',
  '个人信息封存密钥 (seal key: XINGQUAN_SEAL_KEY or its key file, <dataDir>.seal.key) — without it the sealed personal data cannot be read',
  '其他环境变量中的密钥 (keys in the environment: XINGQUAN_ADMIN_TOTP_SECRET, upstream key)',
  '证据上传的临时文件 (evidence uploads in progress: <dataDir>/evidence/tmp)',
];

export const platformVersion = (): string => {
  try {
    return JSON.parse(fs.readFileSync(path.join(migrationsDir, '..', '..', '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

const hashes = () => {
  const sha = createHash('sha256');
  const sm3 = createHash('sm3');
  return { update(b: Buffer | string) { sha.update(b); sm3.update(b); }, digest: () => ({ sha256: sha.digest('hex'), sm3: sm3.digest('hex') }) };
};

async function hashFile(file: string): Promise<{ bytes: number; sha256: string; sm3: string }> {
  const h = hashes();
  let bytes = 0;
  for await (const c of fs.createReadStream(file)) { h.update(c as Buffer); bytes += (c as Buffer).length; }
  return { bytes, ...h.digest() };
}

const signedBody = (m: BackupManifest) => JSON.stringify({ ...m, signature: null });
const macOf = (key: Buffer, body: string) => createHmac('sm3', key).update(body).digest('hex');

const systemActor = { kind: 'system' as const, name: 'cli' };

async function audit(db: Db, now: Date, action: string, target: string | null, details: Record<string, unknown>, outcome: AuditEntry['outcome'] = 'success'): Promise<void> {
  await db.tx((q) => appendAudit(q, now, { ...actorAudit(systemActor), action, target, outcome, details }));
}


export interface BackupResult { file: string; bytes: number; sha256: string; manifest: BackupManifest }

/**
 * Writes the backup of `db` and the evidence under `dataDir` to `out` (refused if it exists).
 * Records the backup in the audit trail first, so that the archive holds its own record.
 */
export async function backupPlatform(o: { db: Db; dataDir: string; key: CheckpointKey | null; out: string; now: Date }): Promise<BackupResult> {
  const out = path.resolve(o.out);
  if (fs.existsSync(out)) throw new AppError('CONFLICT', `备份文件已存在，不覆盖 (the backup file exists; not overwritten): ${out}`);
  const migrations = await appliedMigrations(o.db);
  if (!migrations.length) throw new AppError('VALIDATION', '数据库尚未初始化，没有可备份的内容 (the database was never migrated: nothing to back up)');
  await audit(o.db, o.now, 'platform.backup', path.basename(out), { file: out });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'xingquan-backup-'));
  try {
    // one snapshot: every table as of the same instant (PostgreSQL: REPEATABLE READ; PGlite: one process)
    const { tables, sequences, shas } = await o.db.tx(async (q) => {
      await snapshotReadOnly(q);
      const tables: TablePart[] = [];
      const list = await listTables(q);
      fs.mkdirSync(path.join(staging, 'db'));
      for (const [i, t] of list.entries()) {
        const file = `db/${String(i + 1).padStart(3, '0')}-${t.name}.ndjson`;
        const fd = fs.openSync(path.join(staging, file), 'wx', 0o600);
        const h = hashes();
        let rows = 0;
        let bytes = 0;
        try {
          for await (const batch of tableRowsAsJson(q, t.name)) {
            const text = Buffer.from(`${batch.join('\n')}\n`, 'utf8');
            fs.writeSync(fd, text);
            h.update(text);
            rows += batch.length;
            bytes += text.length;
          }
        } finally {
          fs.closeSync(fd);
        }
        tables.push({ table: t.name, rows, file, bytes, ...h.digest() });
      }
      return { tables, sequences: await readSequences(q), shas: await evidenceHashes(q) };
    });
    const evidence: PartHash[] = [];
    const evidenceProblems: BackupManifest['evidenceProblems'] = [];
    for (const sha of shas) {
      const p = evidencePath(o.dataDir, sha);
      if (!fs.existsSync(p)) { evidenceProblems.push({ sha256: sha, problem: 'missing' }); continue; }
      const h = await hashFile(p);
      if (h.sha256 !== sha) { evidenceProblems.push({ sha256: sha, problem: 'changed' }); continue; }
      evidence.push({ file: `evidence/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`, ...h });
    }
    const manifest: BackupManifest = {
      format: FORMAT, formatVersion: FORMAT_VERSION, createdAt: o.now.toISOString(), platformVersion: platformVersion(),
      source: o.db.kind, schema: { migrations, latest: migrations.at(-1) ?? null },
      tables, sequences, evidence, evidenceProblems, notIncluded: NOT_INCLUDED, signature: null,
    };
    if (o.key) manifest.signature = { alg: 'HMAC-SM3', keyId: o.key.id, mac: macOf(o.key.key, signedBody(manifest)) };

    const partial = `${out}.partial-${process.pid}`;
    const w = new ArchiveWriter(partial, o.now);
    try {
      await w.addBuffer(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
      for (const t of tables) await w.addFile(t.file, path.join(staging, t.file), t.bytes);
      for (const e of evidence) {
        const h = hashes();
        await w.addFile(e.file, evidencePath(o.dataDir, e.sha256), e.bytes, (b) => h.update(b));
        if (h.digest().sha256 !== e.sha256) throw new AppError('CONFLICT', `证据文件在备份过程中被改动 (an evidence file changed during the backup): ${e.sha256}`);
      }
      await w.finish();
      fs.renameSync(partial, out);
    } catch (e) {
      w.abort();
      fs.rmSync(partial, { force: true });
      throw e;
    }
    const whole = await hashFile(out);
    return { file: out, bytes: whole.bytes, sha256: whole.sha256, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

export interface CheckedArchive {
  manifest: BackupManifest;
  /** Where it was unpacked (a temporary directory the caller removes). */
  dir: string;
  /** Notes for the operator (an unsigned manifest, a signature not checked for want of the key). */
  warnings: string[];
}

const refuse = (why: string) => new AppError('VALIDATION', `备份文件校验失败，未做任何改动 (backup refused, nothing was changed): ${why}`);

/**
 * Unpacks the archive into a temporary directory and checks it whole: the manifest's format,
 * every part present with its size, SHA-256 and SM3, no part that the manifest does not list,
 * its schema known to this platform version, and its signature when the key is at hand.
 * Nothing outside the temporary directory is touched; it throws (and removes it) on any doubt.
 */
export async function checkArchive(archive: string, key: CheckpointKey | null): Promise<CheckedArchive> {
  if (!fs.existsSync(archive)) throw new AppError('NOT_FOUND', `备份文件不存在 (backup file not found): ${archive}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingquan-restore-'));
  try {
    const names = await unpackArchive(archive, dir);
    if (names[0] !== MANIFEST) throw refuse('manifest.json is not the first entry');
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));
    } catch {
      throw refuse('manifest.json is not JSON');
    }
    if (manifest.format !== FORMAT || manifest.formatVersion !== FORMAT_VERSION) throw refuse(`unknown format ${manifest.format} v${manifest.formatVersion}`);
    const parts: PartHash[] = [...manifest.tables, ...manifest.evidence];
    const listed = new Set(parts.map((p) => p.file));
    for (const n of names) if (n !== MANIFEST && !listed.has(n)) throw refuse(`part not in the manifest: ${n}`);
    if (names.length !== listed.size + 1) throw refuse('a part appears twice, or is missing');
    for (const p of parts) {
      const f = path.join(dir, p.file);
      if (!fs.existsSync(f)) throw refuse(`part missing: ${p.file}`);
      const h = await hashFile(f);
      if (h.bytes !== p.bytes || h.sha256 !== p.sha256 || h.sm3 !== p.sm3) throw refuse(`part altered (SHA-256/SM3 differ): ${p.file}`);
    }
    for (const e of manifest.evidence) if (!e.file.endsWith(`/${e.sha256}`)) throw refuse(`evidence part not at its address: ${e.file}`);
    const known = new Set(listMigrations().map((m) => m.name));
    const unknown = manifest.schema.migrations.filter((m) => !known.has(m));
    if (unknown.length) throw refuse(`备份来自更新的平台版本 (taken by a newer platform version: migrations ${unknown.join(', ')} unknown here)`);
    const warnings: string[] = [];
    if (!manifest.signature) warnings.push('备份清单未签名 (the manifest is unsigned: no checkpoint key was configured at backup)');
    else if (!key) warnings.push(`未配置检查点密钥，清单签名未核对 (no checkpoint key here: the manifest's signature by key ${manifest.signature.keyId} was not checked)`);
    else if (key.id !== manifest.signature.keyId) {
      throw refuse(`清单由另一把检查点密钥签名 (signed by checkpoint key ${manifest.signature.keyId}; the key here is ${key.id}): restore with the key the platform had`);
    } else {
      const want = Buffer.from(macOf(key.key, signedBody(manifest)), 'hex');
      const got = Buffer.from(manifest.signature.mac, 'hex');
      if (want.length !== got.length || !timingSafeEqual(want, got)) throw refuse('manifest signature does not match (清单签名不符)');
    }
    if (manifest.evidenceProblems.length) warnings.push(`备份时已有 ${manifest.evidenceProblems.length} 个证据文件缺失或被改动 (evidence files missing or changed at backup time)`);
    return { manifest, dir, warnings };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Target: the database and evidence directory named by the configuration. */
export type RestoreTarget = Pick<Config, 'databaseUrl' | 'dataDir'>;

export interface RestoreResult {
  manifest: BackupManifest;
  warnings: string[];
  /** Where a replaced (--force) PGlite data dir or evidence dir was moved, to be removed by the operator. */
  setAside: string[];
  audit: RecordsVerdict;
  evidence: { checked: number; problems: number };
  ok: boolean;
}

async function dbHoldsData(db: Db): Promise<{ migrations: string[]; rows: number }> {
  const migrations = await appliedMigrations(db);
  let rows = 0;
  if (migrations.length) for (const t of await listTables(db)) rows += await countRows(db, t.name);
  return { migrations, rows };
}

function dirHoldsFiles(dir: string, skip: string[] = []): boolean {
  if (!fs.existsSync(dir)) return false;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(e.name)) continue;
    if (!e.isDirectory() || dirHoldsFiles(path.join(dir, e.name))) return true;
  }
  return false;
}

async function readLines(file: string, each: (batch: string[]) => Promise<void>, whole: boolean): Promise<void> {
  let batch: string[] = [];
  let size = 0;
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line) continue;
    batch.push(line);
    size += line.length;
    if (!whole && (batch.length >= 1000 || size >= 4 * 1024 * 1024)) { await each(batch); batch = []; size = 0; }
  }
  if (batch.length) await each(batch);
}

/** Builds the backup's schema in `db`, loads every row exactly, puts the sequences back, then migrates on. */
async function loadDatabase(db: Db, a: CheckedArchive, replace: boolean): Promise<void> {
  const m = a.manifest;
  await migrate(db, migrationsDir, new Set(m.schema.migrations));
  const tables = await listTables(db);
  const have = new Set(tables.map((t) => t.name));
  for (const t of m.tables) if (!have.has(t.table)) throw refuse(`table ${t.table} is not in the schema of migrations up to ${m.schema.latest}`);
  const parts = new Map(m.tables.map((t) => [t.table, t]));
  await db.tx(async (q) => {
    // the table's own triggers off while loading: append-only guards would refuse nothing here
    // (inserts), but the upstream outbox triggers (0740) would queue every loaded row again
    for (const t of tables) await setUserTriggers(q, t.name, false);
    if (replace) await truncateTables(q, tables.map((t) => t.name));
    for (const t of tables) {
      const part = parts.get(t.name);
      if (!part) continue; // a table the backup's schema did not have
      // a table referring to itself (regions) in one statement: foreign keys are checked at its end
      await readLines(path.join(a.dir, part.file), (rows) => insertJsonRows(q, t.name, rows), t.selfRef);
      const n = await countRows(q, t.name);
      if (n !== part.rows) throw new AppError('INTERNAL', `restore: ${t.name} holds ${n} rows, the backup ${part.rows}`);
    }
    for (const s of m.sequences) await setSequence(q, s);
    for (const t of tables) await setUserTriggers(q, t.name, true);
  });
  await migrate(db); // the migrations this version has beyond the backup's
}

function moveTree(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    fs.cpSync(from, to, { recursive: true });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

/**
 * Restores an archive into the configured target. The archive is checked whole first (nothing is
 * touched if it fails). A target holding data is refused unless `force`: a PGlite data dir and the
 * evidence dir are then moved aside (named in the result), a PostgreSQL database of the backup's
 * schema is emptied. The database is loaded in one transaction (PostgreSQL) or into a new data dir
 * put in place only when complete (PGlite). Afterwards the audit chain and the history tables are
 * verified against the signed checkpoints, and every evidence file is re-hashed.
 */
export async function restorePlatform(o: { archive: string; target: RestoreTarget; key: CheckpointKey | null; force: boolean; now: Date }): Promise<RestoreResult> {
  const a = await checkArchive(path.resolve(o.archive), o.key);
  const setAside: string[] = [];
  const stamp = o.now.toISOString().replace(/[:.]/g, '-');
  const evDir = evidenceDir(o.target.dataDir);
  const evStaging = `${evDir}.restoring-${process.pid}`;
  try {
    const known = new Set(a.manifest.schema.migrations);
    const busy: string[] = [];
    if (dirHoldsFiles(evDir, ['tmp'])) busy.push(`证据目录非空 (evidence dir holds files): ${evDir}`);
    if (o.target.databaseUrl) {
      const db = await openPostgres(o.target.databaseUrl, 2);
      try {
        const t = await dbHoldsData(db);
        const newer = t.migrations.filter((x) => !known.has(x));
        if (newer.length) {
          throw new AppError('CONFLICT', `目标数据库的结构比备份新，请恢复到一个新建的空数据库 (the target database has migrations the backup lacks: ${newer.join(', ')}; restore into a new, empty database)`);
        }
        if (t.rows) busy.push(`目标数据库已有 ${t.rows} 行数据 (the target database holds ${t.rows} rows)`);
        if (busy.length && !o.force) throw new AppError('CONFLICT', `恢复目标非空，未做任何改动；确认覆盖请加 --force (target not empty, nothing changed; --force to replace): ${busy.join('; ')}`);
        await stageEvidence(a, evStaging);
        await loadDatabase(db, a, t.rows > 0);
      } finally {
        await db.close();
      }
    } else {
      const pgDir = path.join(o.target.dataDir, 'pg');
      if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length) {
        const db = await openPglite(pgDir);
        try {
          const t = await dbHoldsData(db);
          if (t.rows) busy.push(`数据目录已有 ${t.rows} 行数据 (the data dir holds ${t.rows} rows): ${pgDir}`);
        } finally {
          await db.close();
        }
      }
      if (busy.length && !o.force) throw new AppError('CONFLICT', `恢复目标非空，未做任何改动；确认覆盖请加 --force (target not empty, nothing changed; --force to replace): ${busy.join('; ')}`);
      const staging = `${pgDir}.restoring-${process.pid}`;
      fs.rmSync(staging, { recursive: true, force: true });
      await stageEvidence(a, evStaging);
      const db = await openPglite(staging);
      try {
        await loadDatabase(db, a, false);
      } catch (e) {
        await db.close();
        fs.rmSync(staging, { recursive: true, force: true });
        throw e;
      }
      await db.close();
      const lock = lockDataDir(pgDir); // refuses while a server holds the data dir
      try {
        if (fs.existsSync(pgDir)) {
          if (busy.length) { fs.renameSync(pgDir, `${pgDir}.replaced-${stamp}`); setAside.push(`${pgDir}.replaced-${stamp}`); }
          else fs.rmSync(pgDir, { recursive: true, force: true });
        }
        fs.renameSync(staging, pgDir);
      } finally {
        lock.release();
      }
    }
    if (fs.existsSync(evDir)) {
      if (dirHoldsFiles(evDir, ['tmp'])) { fs.renameSync(evDir, `${evDir}.replaced-${stamp}`); setAside.push(`${evDir}.replaced-${stamp}`); }
      else fs.rmSync(evDir, { recursive: true, force: true });
    }
    fs.renameSync(evStaging, evDir);
  } finally {
    fs.rmSync(a.dir, { recursive: true, force: true });
    fs.rmSync(evStaging, { recursive: true, force: true });
  }
  // the integrity checks on what was restored, and the restore's own audit record
  const db = await openDb(o.target);
  try {
    const verdict = await verifyRecords(db, o.key);
    const ev = await verifyEvidence(db, o.target.dataDir);
    const ok = verdict.ok && ev.problems.length === 0;
    await audit(db, o.now, 'platform.restore', path.basename(o.archive), {
      backupCreatedAt: a.manifest.createdAt, source: a.manifest.source, schema: a.manifest.schema.latest, auditOk: verdict.ok, evidenceProblems: ev.problems.length,
    }, ok ? 'success' : 'failure');
    return { manifest: a.manifest, warnings: a.warnings, setAside, audit: verdict, evidence: { checked: ev.checked, problems: ev.problems.length }, ok };
  } finally {
    await db.close();
  }
}

/** Moves the archive's evidence files into a new directory beside the evidence dir. */
async function stageEvidence(a: CheckedArchive, staging: string): Promise<void> {
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const from = path.join(a.dir, 'evidence');
  if (fs.existsSync(from)) {
    for (const e of fs.readdirSync(from)) moveTree(path.join(from, e), path.join(staging, e));
  }
}
