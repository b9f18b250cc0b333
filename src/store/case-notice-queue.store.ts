import type { Queryable } from './db.js';

/** A queued exchange event whose notice is to be issued (migration 0920: filled by a trigger on case_events). */
export interface QueuedCaseNotice {
  eventSeq: number;
  caseId: string;
  type: string;
  occurredAt: Date;
  actorName: string;
  data: Record<string, unknown>;
}

/**
 * The oldest pending entry not held by another worker, locked until the caller's transaction ends
 * (FOR UPDATE SKIP LOCKED: several instances share the queue, each entry is issued once).
 * Entries that failed `maxAttempts` times stay for a person to look at.
 */
export async function claimNextCaseNotice(q: Queryable, maxAttempts = 5): Promise<QueuedCaseNotice | null> {
  const rows = await q.query(
    `SELECT n.event_seq, n.case_id, n.type, e.occurred_at, e.actor, e.data
     FROM (SELECT event_seq, case_id, type FROM case_notice_queue WHERE done_at IS NULL AND attempts < $1 ORDER BY event_seq LIMIT 1 FOR UPDATE SKIP LOCKED) n
     JOIN case_events e ON e.seq = n.event_seq`, [maxAttempts]);
  const r = rows[0];
  if (!r) return null;
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
  return { eventSeq: Number(r.event_seq), caseId: r.case_id, type: r.type, occurredAt: r.occurred_at, actorName: String(json(r.actor).name ?? ''), data: json(r.data) };
}

/** Done: with the document issued, or none (`note` says why: not a case that has this notice). */
export async function markCaseNoticeDone(q: Queryable, eventSeq: number, documentId: string | null, at: Date, note: string | null = null): Promise<void> {
  await q.query('UPDATE case_notice_queue SET done_at = $2, document_id = $3, last_error = $4 WHERE event_seq = $1', [eventSeq, at, documentId, note]);
}

export async function markCaseNoticeFailed(q: Queryable, eventSeq: number, error: string): Promise<void> {
  await q.query('UPDATE case_notice_queue SET attempts = attempts + 1, last_error = $2 WHERE event_seq = $1', [eventSeq, error.slice(0, 1000)]);
}

/** The queue entries of a case (tests, the operator). */
export async function caseNoticeQueueOf(q: Queryable, caseId: string) {
  return q.query<{ event_seq: number; type: string; done_at: Date | null; document_id: string | null; attempts: number; last_error: string | null }>(
    'SELECT event_seq, type, done_at, document_id, attempts, last_error FROM case_notice_queue WHERE case_id = $1 ORDER BY event_seq', [caseId]);
}
