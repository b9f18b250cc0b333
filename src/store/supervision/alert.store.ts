import { isoText } from '../../domain/iso-text.js';
import type { AlertCode, AlertLevel, Responsible } from '../../domain/supervision/codes.js';
import type { Queryable } from '../db.js';
import { recordset, rowsParam, type Columns } from '../recordset.js';
import { alertMessagesSql } from '../message.store.js';

/** Supervision alerts (黄牌/红牌) and their history. */
export const ACTIVE_STATUSES = ['open', 'explained', 'appealed', 'returned', 'escalated'] as const;
export type AlertStatus = (typeof ACTIVE_STATUSES)[number] | 'resolved' | 'revoked' | 'withdrawn';
export type SubjectKind = 'case' | 'item' | 'order' | 'complaint' | 'department' | 'rating_task' | 'adjustment';
const ACTIVE_SQL = `('open', 'explained', 'appealed', 'returned', 'escalated')`;

export interface NewAlert {
  id: string;
  code: AlertCode;
  level: AlertLevel;
  subjectKind: SubjectKind;
  subjectId: string;
  step: string | null;
  caseId?: string | null;
  caseNo?: string | null;
  itemCode?: string | null;
  departmentCode: string | null;
  regionCode: string | null;
  message: string;
  details?: Record<string, unknown> | null;
  manual?: boolean;
  raisedBy?: string | null;
  /** The person who raised it by hand: name, officer and post where they have them. */
  raisedByAccountId?: string | null;
  raisedByOfficerId?: string | null;
  raisedByPost?: string | null;
  /** The officer and post the finding is attributed to (盐城电子监察办法 第二十二条). */
  responsible?: Responsible | null;
  correctionDueAt?: Date | null;
  escalateAt?: Date | null;
  /** Do not raise again when a person already closed (resolved/revoked) this subject, code and step. */
  skipIfClosed?: boolean;
  /** Its subject was created in this transaction, so no alert of it is stored: raised with a plain insert (queueAlerts). */
  fresh?: boolean;
}

export interface AlertRow {
  id: string; code: AlertCode; level: AlertLevel; subjectKind: SubjectKind; subjectId: string; step: string | null;
  caseId: string | null; caseNo: string | null; itemCode: string | null; departmentCode: string | null; regionCode: string | null;
  status: AlertStatus; message: string; details: Record<string, unknown> | null; manual: boolean; raisedBy: string | null; raisedAt: Date;
  raisedByAccountId: string | null; raisedByOfficerId: string | null; raisedByPost: string | null; responsible: Responsible | null;
  correctionDueAt: Date | null; escalateAt: Date | null; escalationLevel: number; escalatedTo: string | null;
  response: Record<string, unknown> | null; closedAt: Date | null; closedReason: string | null; updatedAt: Date;
}

export const alertFromRow = (r: any): AlertRow => ({
  id: r.id, code: r.code, level: r.level, subjectKind: r.subject_kind, subjectId: r.subject_id, step: r.step === '' ? null : r.step,
  caseId: r.case_id, caseNo: r.case_no, itemCode: r.item_code, departmentCode: r.department_code, regionCode: r.region_code,
  status: r.status, message: r.message, details: r.details, manual: r.manual, raisedBy: r.raised_by, raisedAt: r.raised_at,
  raisedByAccountId: r.raised_by_account_id ?? null, raisedByOfficerId: r.raised_by_officer_id ?? null, raisedByPost: r.raised_by_post ?? null,
  responsible: r.responsible_officer_id != null || r.responsible_officer_name != null || r.responsible_post != null
    ? { officerId: r.responsible_officer_id ?? null, officerName: r.responsible_officer_name ?? null, post: r.responsible_post ?? null } : null,
  correctionDueAt: r.correction_due_at, escalateAt: r.escalate_at, escalationLevel: r.escalation_level, escalatedTo: r.escalated_to,
  response: r.response, closedAt: r.closed_at, closedReason: r.closed_reason, updatedAt: r.updated_at,
});

/**
 * Raises alerts in one statement; an alert already active for the same subject, code and
 * step is left as it is (the unique partial index), so concurrent sweeps raise each once.
 * Returns the alerts actually raised.
 */
export async function insertAlerts(q: Queryable, rows: NewAlert[], now: Date): Promise<AlertRow[]> {
  return (await raise(q, rows, now, '*')).map(alertFromRow);
}

/** insertAlerts when only the number raised matters (the sweeps): no rows read back. */
export async function raiseAlerts(q: Queryable, rows: NewAlert[], now: Date): Promise<number> {
  return rows.length ? (await raise(q, rows, now, 'count(*)::int AS n'))[0].n : 0;
}

/**
 * raiseAlerts when nothing is read back at all (the batch observer): a deferred write (QueryOptions).
 * The alerts of fresh subjects can meet no stored alert, closed or active: they are inserted
 * without the probe for a closed one and without ON CONFLICT's speculative insertion (a lock and
 * a second WAL record per row), the first of each subject, code and step kept as ON CONFLICT would.
 */
export async function queueAlerts(q: Queryable, rows: NewAlert[], now: Date): Promise<void> {
  const fresh: NewAlert[] = [];
  const rest: NewAlert[] = [];
  const seen = new Set<string>();
  for (const a of rows) {
    if (!a.fresh) {
      rest.push(a);
      continue;
    }
    const k = `${a.subjectKind}\u0000${a.subjectId}\u0000${a.code}\u0000${a.step ?? ''}`;
    if (!seen.has(k)) {
      seen.add(k);
      fresh.push(a);
    }
  }
  if (fresh.length) await raise(q, fresh, now, 'count(*)::int AS n', true, true);
  if (rest.length) await raise(q, rest, now, 'count(*)::int AS n', true);
}

const NEW_ALERT_COLS: Columns = [
  ['id', 'text'], ['code', 'text'], ['level', 'text'], ['subject_kind', 'text'], ['subject_id', 'text'], ['step', 'text'], ['case_id', 'text'],
  ['case_no', 'text'], ['item_code', 'text'], ['department_code', 'text'], ['region_code', 'text'], ['message', 'text'], ['details', 'jsonb'],
  ['manual', 'boolean'], ['raised_by', 'text'], ['correction_due_at', 'timestamptz'], ['escalate_at', 'timestamptz'], ['skip', 'boolean'],
  ['raised_by_account_id', 'text'], ['raised_by_officer_id', 'text'], ['raised_by_post', 'text'],
  ['responsible_officer_id', 'text'], ['responsible_officer_name', 'text'], ['responsible_post', 'text'],
];

/** An alert already closed by a person, or already active, for the same subject, code and step is not raised. */
const SKIP_CLOSED_AND_ACTIVE = `
     -- closed by a person before: one probe of supervision_alerts_closed_subject per alert (LIMIT 1 keeps it a keyed lookup)
     LEFT JOIN LATERAL (SELECT 1 AS closed FROM supervision_alerts a WHERE a.subject_kind = x.subject_kind AND a.subject_id = x.subject_id
        AND a.code = x.code AND a.step = x.step AND a.status IN ('resolved', 'revoked') LIMIT 1) c ON x.skip
     WHERE c.closed IS NULL
     ON CONFLICT (subject_kind, subject_id, code, step) WHERE status IN ${ACTIVE_SQL} DO NOTHING`;

async function raise(q: Queryable, rows: NewAlert[], now: Date, back: '*' | 'count(*)::int AS n', defer = false, fresh = false): Promise<any[]> {
  if (!rows.length) return [];
  const json = rowsParam(rows.map((a) => [ // in NEW_ALERT_COLS order
    a.id, a.code, a.level, a.subjectKind, a.subjectId, a.step ?? '', a.caseId ?? null, a.caseNo ?? null, a.itemCode ?? null, a.departmentCode,
    a.regionCode, a.message, a.details ?? null, a.manual ?? false, a.raisedBy ?? null, (a.correctionDueAt ? isoText(a.correctionDueAt) : null),
    (a.escalateAt ? isoText(a.escalateAt) : null), a.skipIfClosed ?? false,
    a.raisedByAccountId ?? null, a.raisedByOfficerId ?? null, a.raisedByPost ?? null,
    a.responsible?.officerId ?? null, a.responsible?.officerName ?? null, a.responsible?.post ?? null,
  ]));
  // the raise is the alert row itself (raised_at, raised_by): no history row for it (alertHistory
  // puts it first); a history row per alert cost an insert, its indexes and a foreign-key check
  const out = await q.query(
    `WITH raised AS (
     INSERT INTO supervision_alerts (id, code, level, subject_kind, subject_id, step, case_id, case_no, item_code, department_code, region_code,
        status, message, details, manual, raised_by, raised_at, correction_due_at, escalate_at, updated_at,
        raised_by_account_id, raised_by_officer_id, raised_by_post, responsible_officer_id, responsible_officer_name, responsible_post)
     SELECT x.id, x.code, x.level, x.subject_kind, x.subject_id, x.step, x.case_id, x.case_no, x.item_code, x.department_code, x.region_code,
        'open', x.message, x.details, x.manual, x.raised_by, $2, x.correction_due_at, x.escalate_at, $2,
        x.raised_by_account_id, x.raised_by_officer_id, x.raised_by_post, x.responsible_officer_id, x.responsible_officer_name, x.responsible_post
     FROM ${recordset(1, NEW_ALERT_COLS)}
     ${fresh ? '' : SKIP_CLOSED_AND_ACTIVE}
     RETURNING *
   ),
   -- 消息中心: the responsible officer (or the department's administrators) hear of it in this transaction
   ${alertMessagesSql('raised', '$2', 'raised')}
   SELECT ${back} FROM raised`,
    [json, now], { prepare: true, defer },
  );
  return out;
}

/** The active alerts of some subjects: one probe of the one-open index per subject ($kind: the kind, $ids: text[] of ids). */
export const activeAlertsSql = (kind: string, ids: string) =>
  // OFFSET 0 keeps it a keyed lookup even before the table has statistics
  `SELECT a.* FROM unnest(${ids}::text[]) AS k(id)
   CROSS JOIN LATERAL (SELECT * FROM supervision_alerts WHERE subject_kind = ${kind} AND subject_id = k.id AND status IN ${ACTIVE_SQL} OFFSET 0) a`;

export async function activeAlertsFor(q: Queryable, subjectKind: SubjectKind, subjectIds: string[]): Promise<AlertRow[]> {
  if (!subjectIds.length) return [];
  const rows = await q.query(activeAlertsSql('$1', '$2'), [subjectKind, [...new Set(subjectIds)]]);
  return rows.map(alertFromRow);
}

const at = (v: string | null) => (v === null ? null : new Date(v));
/** An alert row read back through json_agg (instants as text). */
export const alertFromJson = (r: any): AlertRow => alertFromRow({
  ...r, raised_at: at(r.raised_at), correction_due_at: at(r.correction_due_at), escalate_at: at(r.escalate_at), closed_at: at(r.closed_at), updated_at: at(r.updated_at),
});

/** Alerts that stopped being true are withdrawn with a reason, never deleted. */
export async function withdrawAlerts(q: Queryable, ids: string[], reason: string, now: Date): Promise<number> {
  if (!ids.length) return 0;
  // the withdrawal and its history rows in one statement (data-modifying CTE)
  const rows = await q.query<{ id: string }>(
    `WITH w AS (
       UPDATE supervision_alerts a SET status = 'withdrawn', closed_at = $2, closed_reason = $3, updated_at = $2
       FROM (SELECT id, status AS old FROM supervision_alerts WHERE id = ANY($1::text[]) AND status IN ${ACTIVE_SQL} FOR UPDATE) o
       WHERE a.id = o.id RETURNING a.id, o.old
     ), history AS (
       INSERT INTO supervision_alert_actions (alert_id, at, actor_name, action, from_status, to_status, reason)
       SELECT id, $2, 'system', 'withdraw', old, 'withdrawn', $3 FROM w
     )
     SELECT id FROM w`,
    [ids, now, reason], { prepare: true },
  );
  return rows.length;
}

export async function getAlert(q: Queryable, id: string): Promise<AlertRow | null> {
  const rows = await q.query('SELECT * FROM supervision_alerts WHERE id = $1', [id]);
  return rows.length ? alertFromRow(rows[0]) : null;
}

export async function getAlertForUpdate(q: Queryable, id: string): Promise<AlertRow | null> {
  const rows = await q.query('SELECT * FROM supervision_alerts WHERE id = $1 FOR UPDATE', [id]);
  return rows.length ? alertFromRow(rows[0]) : null;
}

export interface AlertPatch {
  status?: AlertStatus; level?: AlertLevel; correctionDueAt?: Date | null; escalateAt?: Date | null; escalationLevel?: number;
  escalatedTo?: string | null; response?: Record<string, unknown> | null; closedAt?: Date | null; closedReason?: string | null;
}

/** Applies a patch and records the action in the alert's history. */
export async function updateAlert(
  q: Queryable, a: AlertRow, patch: AlertPatch,
  act: { at: Date; actorId: string | null; actorName: string; actorOfficerId?: string | null; actorPost?: string | null; action: string; reason?: string | null; details?: unknown },
): Promise<AlertRow> {
  const rows = await q.query(
    `UPDATE supervision_alerts SET status = $2, level = $3, correction_due_at = $4, escalate_at = $5, escalation_level = $6, escalated_to = $7,
        response = $8, closed_at = $9, closed_reason = $10, updated_at = $11 WHERE id = $1 RETURNING *`,
    [a.id, patch.status ?? a.status, patch.level ?? a.level, val(patch, 'correctionDueAt', a), val(patch, 'escalateAt', a),
      patch.escalationLevel ?? a.escalationLevel, val(patch, 'escalatedTo', a), JSON.stringify(val(patch, 'response', a)),
      val(patch, 'closedAt', a), val(patch, 'closedReason', a), act.at],
  );
  await q.query(
    `INSERT INTO supervision_alert_actions (alert_id, at, actor_id, actor_name, action, from_status, to_status, reason, details, actor_officer_id, actor_post)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    // the response (an explanation with its attachments) is kept in the action too: the alert row's copy may be replaced by a later one
    [a.id, act.at, act.actorId, act.actorName, act.action, a.status, patch.status ?? a.status, act.reason ?? null,
      JSON.stringify(patch.response ? { ...(act.details as object | null ?? {}), response: patch.response } : act.details ?? null),
      act.actorOfficerId ?? null, act.actorPost ?? null],
  );
  return alertFromRow(rows[0]);
}
/** An action on an alert that leaves its state as it is (督办 issued on it): one more line of its history. */
export async function noteAlertAction(q: Queryable, a: AlertRow, act: { at: Date; actorId: string | null; actorName: string; action: string; reason?: string | null; details?: unknown }): Promise<void> {
  await q.query(
    `INSERT INTO supervision_alert_actions (alert_id, at, actor_id, actor_name, action, from_status, to_status, reason, details)
     VALUES ($1,$2,$3,$4,$5,$6,$6,$7,$8)`,
    [a.id, act.at, act.actorId, act.actorName, act.action, a.status, act.reason ?? null, JSON.stringify(act.details ?? null)],
  );
}
const val = <K extends keyof AlertPatch & keyof AlertRow>(p: AlertPatch, k: K, a: AlertRow) => (k in p ? p[k] : a[k]);

/**
 * An alert's history, oldest first: its raise (the alert row itself; alerts raised before
 * migration 0520 kept a 'raise' row of their own instead), then every later action.
 */
export async function alertHistory(q: Queryable, id: string) {
  return q.query(`SELECT at, "actorId", "actorName", "actorOfficerId", "actorPost", action, "fromStatus", "toStatus", reason, details FROM (
      SELECT 0 AS k, 0::bigint AS id, raised_at AS at, raised_by_account_id AS "actorId", coalesce(raised_by, 'system') AS "actorName",
        raised_by_officer_id AS "actorOfficerId", raised_by_post AS "actorPost", 'raise' AS action, NULL::text AS "fromStatus",
        'open' AS "toStatus", NULL::text AS reason, NULL::jsonb AS details
      FROM supervision_alerts a WHERE a.id = $1 AND NOT EXISTS (SELECT 1 FROM supervision_alert_actions s WHERE s.alert_id = $1 AND s.action = 'raise')
      UNION ALL
      SELECT 1, id, at, actor_id, actor_name, actor_officer_id, actor_post, action, from_status, to_status, reason, details FROM supervision_alert_actions WHERE alert_id = $1
    ) h ORDER BY k, id`, [id]);
}
