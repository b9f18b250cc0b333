import type { Queryable } from './db.js';

export interface SessionRow {
  /** Public id (listed to the owner); null only for rows older than migration 0720. */
  id?: string | null;
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
}

export async function insertSession(q: Queryable, s: Omit<SessionRow, 'endedAt'> & { sourceIp: string | null; id?: string; userAgent?: string | null }): Promise<void> {
  await q.query(
    'INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, source_ip, id, user_agent) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
    [s.tokenHash, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt, s.sourceIp, s.id ?? null, s.userAgent ?? null],
  );
}

export async function findSession(q: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const rows = await q.query('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
  if (!rows.length) return null;
  const r = rows[0];
  return { id: r.id, tokenHash: r.token_hash, userId: r.user_id, csrfToken: r.csrf_token, createdAt: r.created_at, lastSeenAt: r.last_seen_at, endedAt: r.ended_at };
}

export async function touchSession(q: Queryable, tokenHash: string, at: Date): Promise<void> {
  await q.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND ended_at IS NULL', [tokenHash, at]);
}

export async function endSession(q: Queryable, tokenHash: string, at: Date): Promise<void> {
  await q.query('UPDATE sessions SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL', [tokenHash, at]);
}

/** Ends every live session of a user (disabled, transferred, password reset). */
export async function endUserSessions(q: Queryable, userId: string, at: Date): Promise<number> {
  const rows = await q.query('UPDATE sessions SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL RETURNING token_hash', [userId, at]);
  return rows.length;
}
