import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';
import type { Db, Queryable } from './db.js';

export interface AuditEntry {
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  regionCode: string | null;
  action: string;
  target: string | null;
  sourceIp: string | null;
  outcome: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown> | null;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
  sm3: string;
}

const GENESIS = '0'.repeat(64);

function content(seq: number, at: Date, e: AuditEntry): string {
  return canonicalJson({
    seq,
    at: at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    role: e.role,
    regionCode: e.regionCode,
    action: e.action,
    target: e.target,
    sourceIp: e.sourceIp,
    outcome: e.outcome,
    details: e.details ?? null,
  });
}

const digest = (alg: 'sha256' | 'sm3', prev: string, body: string) =>
  createHash(alg).update(prev).update('\n').update(body).digest('hex');

/**
 * Appends one record to the chain inside the caller's transaction, so the record and the
 * change it describes commit or vanish together. The advisory lock taken by audit_chain_head
 * (migration 0540) keeps the chain linear until the commit.
 */
export async function appendAudit(q: Queryable, at: Date, e: AuditEntry): Promise<number> {
  const [last] = await q.query<{ seq: number | null; hash: string | null }>('SELECT seq, hash FROM audit_chain_head()', [], { prepare: true });
  const seq = last.seq === null ? 1 : last.seq + 1;
  const prev = last.hash ?? GENESIS;
  const body = content(seq, at, e);
  await q.query(
    `INSERT INTO audit_log (seq, at, actor_id, actor_name, role, region_code, action, target, source_ip, outcome, details, prev_hash, hash, sm3)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
    [seq, at, e.actorId, e.actorName, e.role, e.regionCode, e.action, e.target, e.sourceIp, e.outcome,
      e.details == null ? null : JSON.stringify(e.details), prev, digest('sha256', prev, body), digest('sm3', prev, body)],
    // deferred: it travels with the commit (QueryOptions)
    { prepare: true, defer: true },
  );
  return seq;
}

const fromRow = (r: any): AuditRecord => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  role: r.role,
  regionCode: r.region_code,
  action: r.action,
  target: r.target,
  sourceIp: r.source_ip,
  outcome: r.outcome,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
  sm3: r.sm3,
});

export interface AuditQuery {
  from?: Date;
  to?: Date;
  actorId?: string;
  action?: string;
  limit?: number;
  beforeSeq?: number;
}

export async function listAudit(q: Queryable, f: AuditQuery): Promise<AuditRecord[]> {
  const where: string[] = [];
  const p: unknown[] = [];
  const add = (cond: string, v: unknown) => {
    p.push(v);
    where.push(cond.replace('?', `$${p.length}`));
  };
  if (f.from) add('at >= ?', f.from);
  if (f.to) add('at < ?', f.to);
  if (f.actorId) add('actor_id = ?', f.actorId);
  if (f.action) add('action LIKE ?', `${f.action}%`);
  if (f.beforeSeq) add('seq < ?', f.beforeSeq);
  p.push(Math.min(f.limit ?? 100, 1000));
  const rows = await q.query(
    `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT $${p.length}`,
    p,
  );
  return rows.map(fromRow);
}

export type AuditVerdict =
  | { ok: true; records: number }
  | { ok: false; records: number; seq: number; problem: 'altered' | 'removed' | 'reordered'; message: string };

/** Walks the whole chain in order and names the first record that was altered, removed or moved. */
export async function verifyAudit(db: Db, batch = 5000): Promise<AuditVerdict> {
  let prev = GENESIS;
  let expected = 1;
  let count = 0;
  for (;;) {
    const rows = (await db.query('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2', [expected, batch])).map(fromRow);
    if (!rows.length) return { ok: true, records: count };
    for (const r of rows) {
      if (r.seq !== expected) {
        return { ok: false, records: count, seq: expected, problem: 'removed',
          message: `审计记录 #${expected} 缺失 (record #${expected} was removed; next present is #${r.seq})` };
      }
      const body = content(r.seq, r.at, r);
      if (r.prevHash !== prev) {
        const moved = r.prevHash !== GENESIS && digest('sha256', prev, body) !== r.hash;
        return { ok: false, records: count, seq: r.seq, problem: moved ? 'reordered' : 'altered',
          message: `审计记录 #${r.seq} 的前序哈希不符 (record #${r.seq} does not follow #${r.seq - 1}: ${moved ? 'reordered' : 'altered'})` };
      }
      if (digest('sha256', prev, body) !== r.hash || digest('sm3', prev, body) !== r.sm3) {
        return { ok: false, records: count, seq: r.seq, problem: 'altered',
          message: `审计记录 #${r.seq} 已被篡改 (record #${r.seq} was altered)` };
      }
      prev = r.hash;
      expected += 1;
      count += 1;
    }
  }
}
