import type { Config } from '../../config.js';
import { canonicalJson } from '../../domain/canonical-json.js';
import {
  EMPTY_MARK, HISTORY_TABLES, insertCheckpoint, latestCheckpoint, listCheckpoints, lockCheckpoints, readWatermarks, walkTable,
  type CheckpointRow, type TableMark,
} from '../../store/audit-checkpoint.store.js';
import type { Db, Queryable } from '../../store/db.js';
import { loadCheckpointKey, macOf } from './checkpoint-key.js';

/**
 * Signed checkpoints (an anchored chain): the head of the audit chain and, for every history
 * table, its row count and a digest chained over its rows in key order, signed with HMAC-SM3 by a
 * key outside the database. Each checkpoint hashes only the rows added since the one before.
 */
export interface CheckpointBody {
  v: 1;
  alg: 'HMAC-SM3';
  n: number;
  at: string;
  reason: CheckpointRow['reason'];
  by: string | null;
  keyId: string;
  /** MAC of checkpoint n-1 (64 zeros for the first). */
  prev: string;
  audit: { seq: number; hash: string };
  tables: Record<string, TableMark>;
}

export interface CheckpointDeps {
  db: Db;
  config: Pick<Config, 'checkpointKey' | 'checkpointKeyFile' | 'databaseUrl' | 'dataDir'>;
  /** The real time of day (checkpoints are security records: never the drill clock). */
  now: () => Date;
}

const NO_MAC = '0'.repeat(64);

export const parseBody = (c: Pick<CheckpointRow, 'body'>): CheckpointBody => JSON.parse(c.body) as CheckpointBody;

/** Hashes the rows added since `prev` up to the watermarks. */
async function advance(db: Db, prev: CheckpointBody | null, keys: Record<string, number>): Promise<Record<string, TableMark>> {
  const tables: Record<string, TableMark> = {};
  for (const t of HISTORY_TABLES) {
    const from = prev?.tables[t.table] ?? EMPTY_MARK;
    // a checkpoint written meanwhile by another process may have read a later watermark
    tables[t.table] = await walkTable(db, t, from, Math.max(keys[t.table] ?? 0, from.last));
  }
  return tables;
}

/** Writes the next checkpoint; safe with several writers (the later one hashes again from the earlier's marks). */
export async function writeCheckpoint(d: CheckpointDeps, reason: CheckpointRow['reason'], by: string | null): Promise<CheckpointBody> {
  const key = loadCheckpointKey(d.config, true)!;
  for (let attempt = 0; ; attempt++) {
    const wm = await readWatermarks(d.db);
    const prevRow = await latestCheckpoint(d.db);
    const prev = prevRow ? parseBody(prevRow) : null;
    const tables = await advance(d.db, prev, wm.keys);
    const written = await d.db.tx(async (q) => {
      await lockCheckpoints(q);
      const latest = await latestCheckpoint(q);
      if ((latest?.n ?? 0) !== (prevRow?.n ?? 0)) return null;
      const audit = prev && prev.audit.seq > wm.audit.seq ? prev.audit : wm.audit;
      const body: CheckpointBody = {
        v: 1, alg: 'HMAC-SM3', n: (prev?.n ?? 0) + 1, at: d.now().toISOString(), reason, by, keyId: key.id, prev: prevRow?.mac ?? NO_MAC, audit, tables,
      };
      const text = canonicalJson(body);
      await insertCheckpoint(q, {
        n: body.n, at: new Date(body.at), reason, createdBy: by, auditSeq: audit.seq, auditHash: audit.hash, keyId: key.id, alg: body.alg,
        body: text, prevMac: body.prev, mac: macOf(key.key, text),
      });
      return body;
    });
    if (written) return written;
    if (attempt >= 4) throw new Error('检查点写入冲突 (another process kept writing checkpoints)');
  }
}

/** The file the security administrator keeps: every checkpoint as signed (body text and MAC). */
export interface CheckpointExport {
  format: 'xingquan.audit-checkpoints';
  version: 1;
  exportedAt: string;
  checkpoints: { n: number; at: string; reason: string; keyId: string; alg: string; body: string; prevMac: string; mac: string }[];
}

export async function exportCheckpoints(q: Queryable, now: Date): Promise<CheckpointExport> {
  const rows = await listCheckpoints(q);
  return {
    format: 'xingquan.audit-checkpoints', version: 1, exportedAt: now.toISOString(),
    checkpoints: rows.map((c) => ({ n: c.n, at: c.at.toISOString(), reason: c.reason, keyId: c.keyId, alg: c.alg, body: c.body, prevMac: c.prevMac, mac: c.mac })),
  };
}

/** Reads an export back; throws naming what is wrong with the file. */
export function readCheckpointExport(text: string): CheckpointExport {
  let v: any;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error('检查点文件不是 JSON (the checkpoint file is not JSON)');
  }
  if (v?.format !== 'xingquan.audit-checkpoints' || !Array.isArray(v.checkpoints)) {
    throw new Error('检查点文件格式不符 (not an export of xingquan audit checkpoints)');
  }
  for (const c of v.checkpoints) {
    if (!Number.isInteger(c?.n) || typeof c.body !== 'string' || typeof c.mac !== 'string') throw new Error('检查点文件中有不完整的检查点 (an entry lacks n, body or mac)');
  }
  return v as CheckpointExport;
}
