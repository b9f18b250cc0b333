import type { CaseEvent, CaseState } from '../domain/cases/case.types.js';
import type { Light } from '../domain/cases/case.clocks.js';
import type { PowerItemVersion } from '../domain/catalog/item.types.js';
import { getItemVersion } from '../services/catalog/item-lookup.js';
import type { Queryable } from './db.js';

/** Case events (append-only) and the `cases` projection (interface standard §3). */

const DATE_KEYS = new Set(['at', 'from', 'to', 'acceptedAt', 'concludedAt', 'currentStepStartedAt', 'lastEventAt', 'startedAt', 'completedAt', 'attachedAt', 'removedAt']);

/** The folded state as stored in `cases.state` (jsonb) back to a CaseState with Dates revived. */
export function reviveState(raw: unknown): CaseState {
  const walk = (v: unknown, k: string | null): unknown => {
    if (typeof v === 'string' && k !== null && DATE_KEYS.has(k)) return new Date(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, null));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [kk, x] of Object.entries(v)) out[kk] = kk === 'evidence' || kk === 'counterparty' || kk === 'actor' || kk === 'penalty' ? walkMap(x, kk) : walk(x, kk);
      return out;
    }
    return v;
  };
  const walkMap = (v: unknown, k: string): unknown => {
    if (k !== 'evidence' || !v || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([id, e]) => [id, walk(e, null)]));
  };
  return walk(raw, null) as CaseState;
}

export interface EventRow {
  departmentCode: string;
  eventId: string;
  caseId: string;
  caseNo: string;
  type: string;
  occurredAt: Date;
  receivedAt: Date;
  actor: unknown;
  data: unknown;
  source: 'exchange' | 'workbench';
  contentHash: string;
}

const toJsonRows = (rows: EventRow[]) =>
  JSON.stringify(rows.map((r) => ({
    department_code: r.departmentCode, event_id: r.eventId, case_id: r.caseId, case_no: r.caseNo, type: r.type,
    occurred_at: r.occurredAt.toISOString(), received_at: r.receivedAt.toISOString(), actor: r.actor, data: r.data,
    source: r.source, content_hash: r.contentHash,
  })));

const RECORD_COLS = `department_code text, event_id text, case_id text, case_no text, type text, occurred_at timestamptz,
  received_at timestamptz, actor jsonb, data jsonb, source text, content_hash text`;
const COLS = 'department_code, event_id, case_id, case_no, type, occurred_at, received_at, actor, data, source, content_hash';

/** One multi-row insert; returns the eventIds stored now with their arrival seq (the others already existed). */
export async function insertEvents(q: Queryable, rows: EventRow[]): Promise<Map<string, number>> {
  if (!rows.length) return new Map();
  const out = await q.query<{ event_id: string; seq: number }>(
    `INSERT INTO case_events (${COLS})
     SELECT ${COLS} FROM jsonb_to_recordset($1::jsonb) AS x(${RECORD_COLS})
     ON CONFLICT (department_code, event_id) DO NOTHING RETURNING event_id, seq`,
    [toJsonRows(rows)],
  );
  return new Map(out.map((r) => [r.event_id, r.seq]));
}

/** A resent eventId with different content: kept beside the original (DATA_MODIFIED). Returns those newly kept. */
export async function insertConflicts(q: Queryable, rows: EventRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const out = await q.query<{ event_id: string; content_hash: string }>(
    `INSERT INTO case_event_conflicts (${COLS})
     SELECT ${COLS} FROM jsonb_to_recordset($1::jsonb) AS x(${RECORD_COLS})
     ON CONFLICT (department_code, event_id, content_hash) DO NOTHING RETURNING event_id, content_hash`,
    [toJsonRows(rows)],
  );
  return new Set(out.map((r) => `${r.event_id}\u0000${r.content_hash}`));
}

export async function storedHashes(q: Queryable, dept: string, eventIds: string[]): Promise<Map<string, { hash: string; caseNo: string }>> {
  if (!eventIds.length) return new Map();
  const rows = await q.query<{ event_id: string; content_hash: string; case_no: string }>(
    'SELECT event_id, content_hash, case_no FROM case_events WHERE department_code = $1 AND event_id = ANY($2::text[])', [dept, eventIds]);
  return new Map(rows.map((r) => [r.event_id, { hash: r.content_hash, caseNo: r.case_no }]));
}

/** Serialises writers of the same cases (sorted, so two batches never deadlock). */
export async function lockCaseKeys(q: Queryable, dept: string, caseNos: string[]): Promise<void> {
  if (!caseNos.length) return;
  await q.query(
    `SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended($1 || '|' || n, 4002) AS h FROM unnest($2::text[]) AS n ORDER BY 1) s`,
    [dept, caseNos],
  );
}

export interface CaseRow {
  id: string;
  departmentCode: string;
  regionCode: string | null;
  caseNo: string;
  itemCode: string | null;
  itemVersion: number | null;
  status: CaseState['status'];
  conclusion: string | null;
  currentStep: string | null;
  acceptedAt: Date | null;
  concludedAt: Date | null;
  warnAt: Date | null;
  dueAt: Date | null;
  legalDueAt: Date | null;
  stepDueAt: Date | null;
  light: Light;
  nextCheckAt: Date | null;
  queryCode: string | null;
  counterpartyName: string | null;
  handlerId: string | null;
  confidential: boolean;
  eventCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export type CaseRecord = CaseRow & { state: CaseState };

export const caseFromRow = (r: any): CaseRow => ({
  id: r.id, departmentCode: r.department_code, regionCode: r.region_code, caseNo: r.case_no, itemCode: r.item_code,
  itemVersion: r.item_version, status: r.status, conclusion: r.conclusion, currentStep: r.current_step, acceptedAt: r.accepted_at,
  concludedAt: r.concluded_at, warnAt: r.warn_at, dueAt: r.due_at, legalDueAt: r.legal_due_at, stepDueAt: r.step_due_at, light: r.light,
  nextCheckAt: r.next_check_at, queryCode: r.query_code, counterpartyName: r.counterparty_name, handlerId: r.handler_id,
  confidential: r.confidential, eventCount: r.event_count, createdAt: r.created_at, updatedAt: r.updated_at,
});
const recordFromRow = (r: any): CaseRecord => ({ ...caseFromRow(r), state: reviveState(r.state) });

export async function loadCasesByNo(q: Queryable, dept: string, caseNos: string[]): Promise<Map<string, CaseRecord>> {
  if (!caseNos.length) return new Map();
  const rows = await q.query('SELECT * FROM cases WHERE department_code = $1 AND case_no = ANY($2::text[])', [dept, caseNos]);
  return new Map(rows.map((r) => [r.case_no as string, recordFromRow(r)]));
}

const eventFromRow = (r: any): CaseEvent => ({
  eventId: r.event_id, caseNo: r.case_no, type: r.type, occurredAt: r.occurred_at, actor: r.actor, data: r.data,
  departmentCode: r.department_code, receivedAt: r.received_at, seq: r.seq, source: r.source,
});

/** A case's events in fold order (occurredAt, then arrival). */
export async function loadCaseEvents(q: Queryable, caseId: string): Promise<CaseEvent[]> {
  const rows = await q.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY occurred_at, seq', [caseId]);
  return rows.map(eventFromRow);
}

export async function loadConflicts(q: Queryable, caseId: string): Promise<(CaseEvent & { conflictId: number })[]> {
  const rows = await q.query('SELECT *, id AS seq FROM case_event_conflicts WHERE case_id = $1 ORDER BY id', [caseId]);
  return rows.map((r) => ({ ...eventFromRow(r), conflictId: r.id }));
}

/** Writes (inserts or replaces) projection rows in one statement. */
export async function upsertCases(q: Queryable, rows: CaseRecord[]): Promise<void> {
  if (!rows.length) return;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const json = JSON.stringify(rows.map((r) => ({
    id: r.id, department_code: r.departmentCode, region_code: r.regionCode, case_no: r.caseNo, item_code: r.itemCode,
    item_version: r.itemVersion, status: r.status, conclusion: r.conclusion, current_step: r.currentStep,
    accepted_at: iso(r.acceptedAt), concluded_at: iso(r.concludedAt), warn_at: iso(r.warnAt), due_at: iso(r.dueAt),
    legal_due_at: iso(r.legalDueAt), step_due_at: iso(r.stepDueAt), light: r.light, next_check_at: iso(r.nextCheckAt),
    query_code: r.queryCode, counterparty_name: r.counterpartyName, handler_id: r.handlerId, confidential: r.confidential,
    state: r.state, event_count: r.eventCount, created_at: iso(r.createdAt), updated_at: iso(r.updatedAt),
  })));
  const cols = `id, department_code, region_code, case_no, item_code, item_version, status, conclusion, current_step, accepted_at,
    concluded_at, warn_at, due_at, legal_due_at, step_due_at, light, next_check_at, query_code, counterparty_name, handler_id,
    confidential, state, event_count, created_at, updated_at`;
  const upd = cols.split(',').map((c) => c.trim()).filter((c) => !['id', 'department_code', 'case_no', 'created_at', 'handler_id'].includes(c))
    .map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  await q.query(
    `INSERT INTO cases (${cols})
     SELECT ${cols} FROM jsonb_to_recordset($1::jsonb) AS x(id text, department_code text, region_code text, case_no text, item_code text,
       item_version integer, status text, conclusion text, current_step text, accepted_at timestamptz, concluded_at timestamptz,
       warn_at timestamptz, due_at timestamptz, legal_due_at timestamptz, step_due_at timestamptz, light text, next_check_at timestamptz,
       query_code text, counterparty_name text, handler_id text, confidential boolean, state jsonb, event_count integer,
       created_at timestamptz, updated_at timestamptz)
     ON CONFLICT (id) DO UPDATE SET ${upd}`,
    [json],
  );
}

/** The case (folded state with Dates revived) and the item version it is judged by. Supervision's sweep reads it. */
export async function getCase(q: Queryable, id: string): Promise<(CaseRecord & { item: PowerItemVersion | null }) | null> {
  const rows = await q.query('SELECT * FROM cases WHERE id = $1', [id]);
  if (!rows.length) return null;
  const rec = recordFromRow(rows[0]);
  const item = rec.itemCode && rec.itemVersion != null ? await getItemVersion(q, rec.itemCode, rec.itemVersion) : null;
  return { ...rec, item };
}

export async function getCaseByNo(q: Queryable, dept: string, caseNo: string): Promise<(CaseRecord & { item: PowerItemVersion | null }) | null> {
  const rows = await q.query<{ id: string }>('SELECT id FROM cases WHERE department_code = $1 AND case_no = $2', [dept, caseNo]);
  return rows.length ? getCase(q, rows[0].id) : null;
}

/** Cases whose stored clocks moved (calendar change) — by case id. */
export async function updateNextCheck(q: Queryable, id: string, at: Date | null): Promise<void> {
  await q.query('UPDATE cases SET next_check_at = $2 WHERE id = $1', [id, at]);
}
