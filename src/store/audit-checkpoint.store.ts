import { createHash } from 'node:crypto';
import type { Db, Queryable } from './db.js';

/**
 * The history tables a checkpoint covers, each read in the order of a key that only grows
 * (a sequence: a row never gets a key below one already committed once its writers are done).
 * Rows of tables whose status may change are hashed without their status columns: the same
 * allow-list as their trigger in migration 0640 (a test holds the two equal); each status change
 * is a row of an actions table, hashed whole. A column added to one of these tables later must be
 * nullable without a default (null values are not hashed): a column that fills old rows with a
 * value changes the digests of rows already checkpointed, and verification reports them.
 */
export interface HistoryTable {
  table: string;
  key: string;
  /** The columns the trigger lets change (left out of the hashed content). */
  mutable: readonly string[];
}

export const HISTORY_TABLES: readonly HistoryTable[] = [
  { table: 'case_events', key: 'seq', mutable: [] },
  { table: 'case_event_conflicts', key: 'id', mutable: [] },
  { table: 'supervision_alerts', key: 'rec_seq', mutable: ['status', 'level', 'correction_due_at', 'escalate_at', 'escalation_level', 'escalated_to', 'response', 'closed_at', 'closed_reason', 'updated_at'] },
  { table: 'supervision_alert_actions', key: 'id', mutable: [] },
  { table: 'supervision_orders', key: 'rec_seq', mutable: ['status', 'extension_days', 'due_at', 'answered_at', 'answer', 'accepted_at', 'history', 'response_days', 'updated_at', 'answered_by_account_id', 'answered_by_name', 'answered_by_officer_id', 'answered_by_post'] },
  { table: 'supervision_order_actions', key: 'id', mutable: [] },
  { table: 'complaints', key: 'rec_seq', mutable: ['status', 'acceptance_due_at', 'decided_at', 'decision_reason', 'notice', 'transfer_department', 'transfer_due_at', 'result', 'result_at', 'history', 'department_code', 'updated_at', 'upheld'] },
  { table: 'complaint_actions', key: 'id', mutable: [] },
  { table: 'satisfaction_ratings', key: 'rec_seq', mutable: [] },
  { table: 'patrols', key: 'rec_seq', mutable: [] },
  { table: 'zero_case_explanations', key: 'rec_seq', mutable: [] },
  { table: 'archived_documents', key: 'rec_seq', mutable: [] },
  { table: 'bad_rating_tasks', key: 'rec_seq', mutable: ['status', 'resume_status', 'visited_at', 'rectify_due_at', 'rectified_at', 'fed_back_at', 'closed_at', 'excluded', 'updated_at'] },
  { table: 'bad_rating_actions', key: 'seq', mutable: [] },
  { table: 'personal_data_reads', key: 'id', mutable: [] },
  { table: 'notice_templates', key: 'rec_seq', mutable: [] },
  { table: 'accountability_entries', key: 'rec_seq', mutable: ['status', 'reply', 'replied_at', 'closed_at', 'conclusion', 'updated_at'] },
  { table: 'accountability_actions', key: 'id', mutable: [] },
  // 川办发〔2014〕2号 电子监察办法 第十五条: the exports register (migration 0820)
  { table: 'export_requests', key: 'rec_seq', mutable: ['status', 'decided_by', 'decided_by_name', 'decided_at', 'decision_reason', 'expires_at'] },
  { table: 'export_downloads', key: 'seq', mutable: [] },
  // 川办发〔2014〕2号 电子监察办法 第十一条(三)(四): 抽查与回访 (migration 0900)
  { table: 'sampling_draws', key: 'rec_seq', mutable: [] },
  { table: 'sampling_checks', key: 'rec_seq', mutable: [] },
  { table: 'sampling_visits', key: 'rec_seq', mutable: [] },
  { table: 'sampling_findings', key: 'rec_seq', mutable: [] },
];

export const GENESIS = '0'.repeat(64);

/** A table's position in its chain: rows hashed so far, the last key hashed, the chained digest. */
export interface TableMark {
  rows: number;
  last: number;
  digest: string;
}

export const EMPTY_MARK: TableMark = { rows: 0, last: 0, digest: GENESIS };

/**
 * The newest committed key of every history table and the head of the audit chain. Each table's
 * key is read under a SHARE lock in a transaction of its own: the lock waits for the transactions
 * writing that table to end (and holds new writers for the moment of the read), so every row at
 * or below the key is committed and none can later appear below it. One table at a time, holding
 * nothing else: a writer holding one table and wanting the next cannot deadlock with it. The
 * audit chain needs no lock: its records are numbered under the chain's lock held until commit.
 */
export async function readWatermarks(db: Db): Promise<{ audit: { seq: number; hash: string }; keys: Record<string, number> }> {
  const [a] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const keys: Record<string, number> = {};
  for (const t of HISTORY_TABLES) {
    keys[t.table] = await db.tx(async (q) => {
      await q.query(`LOCK TABLE ${t.table} IN SHARE MODE`);
      const [m] = await q.query<{ m: number }>(`SELECT coalesce(max(${t.key}), 0)::bigint AS m FROM ${t.table}`);
      return m.m;
    });
  }
  return { audit: a ? { seq: a.seq, hash: a.hash } : { seq: 0, hash: GENESIS }, keys };
}

const link = (prev: string, key: number, text: string) => createHash('sm3').update(prev).update('\n').update(String(key)).update('\n').update(text).digest('hex');

/** One row as hashed: its columns as JSON (UTC instants), less the status columns and null values (a nullable column added later changes no digest). */
const contentSql = (t: HistoryTable, after: string, upto: string, limit: string) =>
  `SELECT ${t.key}::bigint AS k, jsonb_strip_nulls(to_jsonb(t) - ${t.mutable.length ? `ARRAY[${t.mutable.map((c) => `'${c}'`).join(',')}]::text[]` : `'{}'::text[]`})::text AS c
   FROM ${t.table} t WHERE ${t.key} > ${after} AND ${t.key} <= ${upto} ORDER BY ${t.key} LIMIT ${limit}`;

/**
 * Walks a table's rows with keys in (from.last, upto], in key order, extending from's chain;
 * `at` is called with the mark reached before each row (verification compares it with the
 * checkpoints). Instants are read in UTC so the text does not depend on the session's zone.
 */
export async function walkTable(db: Db, t: HistoryTable, from: TableMark, upto: number,
  at?: (mark: TableMark, nextKey: number | null) => boolean | void, batch = 2000): Promise<TableMark> {
  let mark = { ...from };
  for (;;) {
    const rows = await db.tx(async (q) => {
      await q.query(`SET LOCAL TIME ZONE 'UTC'`);
      return q.query<{ k: number; c: string }>(contentSql(t, '$1', '$2', '$3'), [mark.last, upto, batch]);
    });
    for (const r of rows) {
      if (at?.(mark, r.k) === false) return mark;
      mark = { rows: mark.rows + 1, last: r.k, digest: link(mark.digest, r.k, r.c) };
    }
    if (rows.length < batch) {
      at?.(mark, null);
      return mark;
    }
  }
}

export interface CheckpointRow {
  n: number;
  at: Date;
  reason: 'interval' | 'demand' | 'shutdown';
  createdBy: string | null;
  auditSeq: number;
  auditHash: string;
  keyId: string;
  alg: string;
  body: string;
  prevMac: string;
  mac: string;
}

const fromRow = (r: any): CheckpointRow => ({
  n: r.n, at: r.at, reason: r.reason, createdBy: r.created_by, auditSeq: r.audit_seq, auditHash: r.audit_hash, keyId: r.key_id, alg: r.alg,
  body: r.body, prevMac: r.prev_mac, mac: r.mac,
});

/** Serialises checkpoint writers (several server processes, the CLI) until the caller's commit. */
export async function lockCheckpoints(q: Queryable): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(726003)');
}

export async function latestCheckpoint(q: Queryable): Promise<CheckpointRow | null> {
  const rows = await q.query('SELECT * FROM audit_checkpoints ORDER BY n DESC LIMIT 1');
  return rows.length ? fromRow(rows[0]) : null;
}

export async function listCheckpoints(q: Queryable): Promise<CheckpointRow[]> {
  return (await q.query('SELECT * FROM audit_checkpoints ORDER BY n')).map(fromRow);
}

export async function insertCheckpoint(q: Queryable, c: CheckpointRow): Promise<void> {
  await q.query(
    `INSERT INTO audit_checkpoints (n, at, reason, created_by, audit_seq, audit_hash, key_id, alg, body, prev_mac, mac)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [c.n, c.at, c.reason, c.createdBy, c.auditSeq, c.auditHash, c.keyId, c.alg, c.body, c.prevMac, c.mac]);
}

/** The audit records at some sequence numbers (seq → hash), and the chain's last seq. */
export async function auditHashesAt(q: Queryable, seqs: number[]): Promise<{ hashes: Map<number, string>; maxSeq: number }> {
  const rows = await q.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE seq = ANY($1::bigint[])', [seqs]);
  const [m] = await q.query<{ m: number }>('SELECT coalesce(max(seq), 0)::bigint AS m FROM audit_log');
  return { hashes: new Map(rows.map((r) => [r.seq, r.hash])), maxSeq: m.m };
}

/** Keys in (lo, hi] no row holds (at most `limit`): where rows were removed, unless a rolled-back insert left the gap. */
export async function absentKeys(q: Queryable, t: HistoryTable, lo: number, hi: number, limit = 10): Promise<number[]> {
  const rows = await q.query<{ k: number }>(
    `SELECT k::bigint AS k FROM generate_series($1::bigint + 1, $2::bigint) AS g(k)
     WHERE NOT EXISTS (SELECT 1 FROM ${t.table} WHERE ${t.key} = g.k) ORDER BY k LIMIT $3`, [lo, hi, limit]);
  return rows.map((r) => r.k);
}
