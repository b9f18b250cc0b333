import type { Queryable } from './db.js';
import { recordset, rowsParam, type Columns } from './recordset.js';

/** 消息中心: messages per person, their e-mail/SMS preferences and the delivery outbox (migration 0910). */
export const MESSAGE_KINDS = ['alert_yellow', 'alert_red', 'order', 'order_due', 'rating_task', 'approval'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type Channel = 'email' | 'sms';

export interface NewMessage {
  recipientId: string;
  kind: MessageKind;
  title: string;
  body: string;
  link: string;
  subjectKind: string | null;
  subjectId: string | null;
  /** One message per recipient and key: a repeat is dropped. */
  dedupeKey: string;
}

export interface MessageRow {
  id: string; recipientId: string; kind: MessageKind; title: string; body: string; link: string;
  subjectKind: string | null; subjectId: string | null; createdAt: Date; readAt: Date | null;
}

const fromRow = (r: any): MessageRow => ({
  id: String(r.id), recipientId: r.recipient_id, kind: r.kind, title: r.title, body: r.body, link: r.link,
  subjectKind: r.subject_kind ?? null, subjectId: r.subject_id ?? null, createdAt: r.created_at, readAt: r.read_at ?? null,
});

/**
 * The outbox rows of the messages in CTE `made` (columns id, recipient_id, kind): one per channel the
 * recipient asked for this kind on (message_contacts), written in the same statement as the messages.
 * `$at` is the placeholder of the instant.
 */
const outboxFrom = (made: string, at: string) => `
  INSERT INTO message_outbox (message_id, recipient_id, channel, status, attempts, next_attempt_at, created_at)
  SELECT m.id, m.recipient_id, ch.channel, 'pending', 0, ${at}, ${at}
    FROM ${made} m JOIN message_contacts c ON c.user_id = m.recipient_id
    CROSS JOIN LATERAL (VALUES ('email'), ('sms')) AS ch(channel)
   WHERE (ch.channel = 'email' AND c.email_masked IS NOT NULL AND m.kind = ANY(c.email_kinds))
      OR (ch.channel = 'sms' AND c.phone_masked IS NOT NULL AND m.kind = ANY(c.sms_kinds))`;

const NEW_COLS: Columns = [
  ['recipient_id', 'text'], ['kind', 'text'], ['title', 'text'], ['body', 'text'], ['link', 'text'], ['subject_kind', 'text'], ['subject_id', 'text'], ['dedupe_key', 'text'],
];

/** Writes messages and their outbox rows in one statement; a (recipient, key) already there is skipped. Returns how many were written. */
export async function insertMessages(q: Queryable, rows: NewMessage[], at: Date): Promise<number> {
  if (!rows.length) return 0;
  const json = rowsParam(rows.map((m) => [m.recipientId, m.kind, m.title, m.body, m.link, m.subjectKind, m.subjectId, m.dedupeKey]));
  const out = await q.query<{ n: number }>(
    `WITH made AS (
       INSERT INTO messages (recipient_id, kind, title, body, link, subject_kind, subject_id, dedupe_key, created_at)
       SELECT x.recipient_id, x.kind, x.title, x.body, x.link, x.subject_kind, x.subject_id, x.dedupe_key, $2 FROM ${recordset(1, NEW_COLS)}
       JOIN users u ON u.id = x.recipient_id AND NOT u.disabled
       ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
       RETURNING id, recipient_id, kind),
     sent AS (${outboxFrom('made', '$2')})
     SELECT count(*)::int AS n FROM made`, [json, at]);
  return out[0].n;
}

/**
 * The messages of alerts (黄牌/红牌) in CTE `alerts` (rows of supervision_alerts), as CTEs to follow
 * it in one statement (`WITH alerts AS (…), ${alertMessagesSql('alerts', '$n', 'raised')} SELECT …`).
 * 盐城电子监察办法 第二十二条: the finding's responsible officer hears of it through their own account;
 * a red card, or a finding no linked account answers for, goes to the department's administrators.
 * `stage` keeps one message per alert and stage: 'raised' when it is raised, 'red' when a yellow turns red.
 */
export const alertMessagesSql = (alerts: string, at: string, stage: 'raised' | 'red') => `
  alert_to AS (
    SELECT a.id, a.level, a.case_id, a.case_no, a.message, a.subject_kind, u.id AS recipient_id, true AS own
      FROM ${alerts} a JOIN users u ON u.officer_id = a.responsible_officer_id AND NOT u.disabled
     WHERE a.responsible_officer_id IS NOT NULL
    UNION ALL
    SELECT a.id, a.level, a.case_id, a.case_no, a.message, a.subject_kind, g.user_id, false
      FROM ${alerts} a JOIN role_grants g ON g.department_code = a.department_code AND g.role = 'department_admin'
      JOIN users u ON u.id = g.user_id AND NOT u.disabled
     WHERE a.department_code IS NOT NULL
       AND (a.level = 'red' OR NOT EXISTS (SELECT 1 FROM users v WHERE v.officer_id = a.responsible_officer_id AND NOT v.disabled))),
  alert_made AS (
    INSERT INTO messages (recipient_id, kind, title, body, link, subject_kind, subject_id, dedupe_key, created_at)
    SELECT DISTINCT ON (t.recipient_id, t.id) t.recipient_id, CASE WHEN t.level = 'red' THEN 'alert_red' ELSE 'alert_yellow' END,
           CASE WHEN t.case_no IS NOT NULL THEN (CASE WHEN t.own THEN '您负责的办件 ' ELSE '本部门办件 ' END) || t.case_no ELSE '本部门' END
             || ${stage === 'red' ? `' 黄牌逾期未更正，已转为红牌'` : `' 亮' || CASE WHEN t.level = 'red' THEN '红牌' ELSE '黄牌' END`},
           t.message, '/supervision/alerts/' || t.id, 'alert', t.id, '${stage === 'red' ? 'alert-red:' : 'alert:'}' || t.id, ${at}
      FROM alert_to t ORDER BY t.recipient_id, t.id, t.own DESC
    ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
    RETURNING id, recipient_id, kind),
  alert_sent AS (${outboxFrom('alert_made', at)})`;

/** Messages for alerts already stored (a yellow card turned red), by id. Returns how many were written. */
export async function insertAlertMessages(q: Queryable, alertIds: string[], stage: 'raised' | 'red', at: Date): Promise<number> {
  if (!alertIds.length) return 0;
  const out = await q.query<{ n: number }>(
    `WITH picked AS (SELECT * FROM supervision_alerts WHERE id = ANY($1::text[])), ${alertMessagesSql('picked', '$2', stage)}
     SELECT count(*)::int AS n FROM alert_made`, [alertIds, at]);
  return out[0].n;
}

/** The active accounts holding one of `roles` in a grant that covers the region (and, when given, the department). */
export async function holdersOf(q: Queryable, roles: readonly string[], regionCode: string, departmentCode: string | null, opts: { departmentOnly?: boolean } = {}): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT DISTINCT u.id FROM role_grants g JOIN users u ON u.id = g.user_id AND NOT u.disabled
      WHERE g.role = ANY($1::text[])
        AND (g.region_code IS NULL OR $2 LIKE platform_region_prefix(g.region_code) || '%')
        AND ${opts.departmentOnly ? 'g.department_code = $3' : '(g.department_code IS NULL OR g.department_code = $3)'}
      ORDER BY u.id`, [roles, regionCode, departmentCode]);
  return rows.map((r) => r.id);
}

export async function listMessages(q: Queryable, userId: string, f: { unreadOnly: boolean; limit: number; beforeId: string | null }): Promise<MessageRow[]> {
  const rows = await q.query(
    `SELECT * FROM messages WHERE recipient_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL) AND ($3::bigint IS NULL OR id < $3::bigint)
      ORDER BY id DESC LIMIT $4`, [userId, f.unreadOnly, f.beforeId, f.limit]);
  return rows.map(fromRow);
}

export async function countMessages(q: Queryable, userId: string): Promise<{ unread: number; total: number }> {
  const [r] = await q.query<{ unread: number; total: number }>(
    `SELECT count(*) FILTER (WHERE read_at IS NULL)::int AS unread, count(*)::int AS total FROM messages WHERE recipient_id = $1`, [userId]);
  return r;
}

/** Marks the recipient's own messages read (others' ids are ignored); all unread ones when ids is null. Returns how many changed. */
export async function markRead(q: Queryable, userId: string, ids: string[] | null, at: Date): Promise<number> {
  const rows = await q.query(
    `UPDATE messages SET read_at = $3 WHERE recipient_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[])) RETURNING id`,
    [userId, ids, at]);
  return rows.length;
}

export async function getMessage(q: Queryable, id: string): Promise<MessageRow | null> {
  const rows = await q.query('SELECT * FROM messages WHERE id = $1', [id]);
  return rows.length ? fromRow(rows[0]) : null;
}

// ---- contacts and preferences ----

export interface ContactRow { userId: string; sealed: string | null; keyVersion: number | null; emailMasked: string | null; phoneMasked: string | null; emailKinds: MessageKind[]; smsKinds: MessageKind[]; updatedAt: Date }

export async function getContact(q: Queryable, userId: string): Promise<ContactRow | null> {
  const rows = await q.query('SELECT * FROM message_contacts WHERE user_id = $1', [userId]);
  if (!rows.length) return null;
  const r = rows[0];
  return { userId: r.user_id, sealed: r.sealed, keyVersion: r.key_version, emailMasked: r.email_masked, phoneMasked: r.phone_masked, emailKinds: r.email_kinds, smsKinds: r.sms_kinds, updatedAt: r.updated_at };
}

export async function saveContact(q: Queryable, c: ContactRow): Promise<void> {
  await q.query(
    `INSERT INTO message_contacts (user_id, sealed, key_version, email_masked, phone_masked, email_kinds, sms_kinds, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6::text[],$7::text[],$8)
     ON CONFLICT (user_id) DO UPDATE SET sealed = EXCLUDED.sealed, key_version = EXCLUDED.key_version, email_masked = EXCLUDED.email_masked,
       phone_masked = EXCLUDED.phone_masked, email_kinds = EXCLUDED.email_kinds, sms_kinds = EXCLUDED.sms_kinds, updated_at = EXCLUDED.updated_at`,
    [c.userId, c.sealed, c.keyVersion, c.emailMasked, c.phoneMasked, c.emailKinds, c.smsKinds, c.updatedAt]);
}

// ---- the outbox ----

export interface OutboxJob {
  id: string; messageId: string; recipientId: string; channel: Channel; attempts: number;
  title: string; body: string; link: string; kind: MessageKind; sealed: string | null;
}

/**
 * Leases up to `limit` due rows (FOR UPDATE SKIP LOCKED: another instance takes others): each
 * leased row's attempt is counted and it is not due again until the lease ends, so a worker that
 * dies mid-send leaves it to be tried again after `leaseMs`.
 */
export async function leaseOutbox(q: Queryable, now: Date, leaseMs: number, limit: number): Promise<OutboxJob[]> {
  const rows = await q.query(
    `WITH due AS (SELECT id FROM message_outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED),
     leased AS (UPDATE message_outbox o SET attempts = o.attempts + 1, leased_until = $2, next_attempt_at = $2 FROM due WHERE o.id = due.id RETURNING o.*)
     SELECT l.id, l.message_id, l.recipient_id, l.channel, l.attempts, m.title, m.body, m.link, m.kind, c.sealed
       FROM leased l JOIN messages m ON m.id = l.message_id LEFT JOIN message_contacts c ON c.user_id = l.recipient_id ORDER BY l.id`,
    [now, new Date(now.getTime() + leaseMs), limit]);
  return rows.map((r) => ({
    id: String(r.id), messageId: String(r.message_id), recipientId: r.recipient_id, channel: r.channel, attempts: r.attempts,
    title: r.title, body: r.body, link: r.link, kind: r.kind, sealed: r.sealed ?? null,
  }));
}

/** Records the outcome of an attempt: sent, skipped or failed for good (done), or pending again at `retryAt`. */
export async function settleOutbox(q: Queryable, id: string, outcome: { status: 'sent' | 'skipped' | 'failed' | 'pending'; error: string | null; at: Date; retryAt?: Date }): Promise<void> {
  await q.query(
    `UPDATE message_outbox SET status = $2, last_error = $3, leased_until = NULL, next_attempt_at = coalesce($5, next_attempt_at),
       done_at = CASE WHEN $2 = 'pending' THEN NULL ELSE $4::timestamptz END WHERE id = $1`,
    [id, outcome.status, outcome.error, outcome.at, outcome.retryAt ?? null]);
}

export interface OutboxRow { id: string; messageId: string; channel: Channel; status: string; attempts: number; lastError: string | null; doneAt: Date | null }

export async function outboxOfMessages(q: Queryable, messageIds: string[]): Promise<OutboxRow[]> {
  const rows = await q.query(`SELECT * FROM message_outbox WHERE message_id = ANY($1::bigint[]) ORDER BY id`, [messageIds]);
  return rows.map((r) => ({ id: String(r.id), messageId: String(r.message_id), channel: r.channel, status: r.status, attempts: r.attempts, lastError: r.last_error, doneAt: r.done_at }));
}

/** Orders waiting for their department's answer whose deadline falls before `until` (the supervision_orders_due index). */
export async function ordersDueBefore(q: Queryable, from: Date, until: Date): Promise<{ id: string; orderNo: string; subject: string; regionCode: string; departmentCode: string; dueAt: Date }[]> {
  const rows = await q.query(
    `SELECT id, order_no, subject, region_code, department_code, due_at FROM supervision_orders
      WHERE status IN ('issued', 'returned') AND due_at > $1 AND due_at <= $2 ORDER BY due_at LIMIT 500`, [from, until]);
  return rows.map((r) => ({ id: r.id, orderNo: r.order_no, subject: r.subject, regionCode: r.region_code, departmentCode: r.department_code, dueAt: r.due_at }));
}

/** Contacts sealed under another key version than `version` (a key rotation re-seals them). */
export async function contactsToReseal(q: Queryable, version: number, limit: number): Promise<{ userId: string; sealed: string }[]> {
  const rows = await q.query(`SELECT user_id, sealed FROM message_contacts WHERE sealed IS NOT NULL AND key_version <> $1 ORDER BY user_id LIMIT $2 FOR UPDATE`, [version, limit]);
  return rows.map((r) => ({ userId: r.user_id, sealed: r.sealed }));
}

export async function resealContact(q: Queryable, userId: string, sealed: string, version: number): Promise<void> {
  await q.query('UPDATE message_contacts SET sealed = $2, key_version = $3 WHERE user_id = $1', [userId, sealed, version]);
}
