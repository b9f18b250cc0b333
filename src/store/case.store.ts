import type { CaseEvent, CaseState } from '../domain/cases/case.types.js';
import type { Light } from '../domain/cases/case.clocks.js';
import type { PowerItemVersion } from '../domain/catalog/item.types.js';
import { getVersion, type VersionKey } from './catalog.store.js';
import type { Queryable } from './db.js';
import { isoText } from '../domain/iso-text.js';
import { columnList, datesAsText, recordset, rowsParam, rowsWithTexts, type Columns, type JsonbRows } from './recordset.js';

/** Case events (append-only) and the `cases` projection (interface standard §3). */

const DATE_KEYS = new Set(['at', 'from', 'to', 'acceptedAt', 'concludedAt', 'currentStepStartedAt', 'lastEventAt', 'startedAt', 'completedAt', 'attachedAt', 'removedAt', 'submittedAt', 'answeredAt']);

/** The folded state as stored in `cases.state` (its JSON text, migration 0580) back to a CaseState with Dates revived. */
export function reviveState(stored: string | object): CaseState {
  const raw: unknown = typeof stored === 'string' ? JSON.parse(stored) : stored;
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
  source: 'exchange' | 'workbench';
  /** The JSON texts of the event's actor and data (null when absent), as ingest-check's eventText made them: what is stored. */
  json: { actor: string | null; data: string | null };
  contentHash: string;
}

/**
 * The columns of an event row that differ from event to event, in the rows' order. The department,
 * the instant received and the source are the same for every row of one insert: they travel once,
 * as parameters $2–$4 (insertInto), not in each row.
 */
export const EVENT_ROW_COLS: Columns = [
  ['event_id', 'text'], ['case_id', 'text'], ['case_no', 'text'], ['type', 'text'], ['occurred_at', 'timestamptz'], ['content_hash', 'text'],
  // last: the JSON texts made for the content hash, put into the parameter as they are (JsonbRows' rawTail)
  ['actor', 'jsonb'], ['data', 'jsonb'],
];
/** `INSERT INTO table (…) SELECT …`: $1 the rows (eventParams), $2 the department, $3 the instant received, $4 the source. */
const insertInto = (table: string) =>
  `INSERT INTO ${table} (department_code, received_at, source, ${columnList(EVENT_ROW_COLS)})
   SELECT $2, $3::timestamptz, $4, ${columnList(EVENT_ROW_COLS)} FROM ${recordset(1, EVENT_ROW_COLS)}`;

/** The parameters of insertInto for rows of one department, instant received and source. */
const eventParams = (rows: EventRow[]): [JsonbRows, string, string, string] => {
  const [{ departmentCode, receivedAt, source }] = rows;
  if (rows.some((r) => r.departmentCode !== departmentCode || r.receivedAt.getTime() !== receivedAt.getTime() || r.source !== source)) {
    throw new Error('case events: the rows of one insert share their department, instant received and source');
  }
  // in EVENT_ROW_COLS order; instants as ISO text up front (JSON.stringify is several times slower on Dates)
  return [rowsParam(rows.map((r) => [r.eventId, r.caseId, r.caseNo, r.type, isoText(r.occurredAt), r.contentHash, r.json.actor, r.json.data]), 2),
    departmentCode, isoText(receivedAt), source];
};

/**
 * An event of a batch whose events were presumed not stored yet (insertEvents' `presumeNew`)
 * was stored before: the statement failed and its transaction is aborted. The caller runs the
 * batch again, in a new transaction, without the presumption.
 */
export class EventAlreadyStored extends Error {
  constructor(readonly detail: string) {
    super(`an event of the batch was stored before (${detail})`);
  }
}
const EVENT_KEY = 'case_events_department_code_event_id_key';
/**
 * The insert of a push that may resend stored events: ON CONFLICT skips those, and the ids and
 * seqs stored come back as one json array of pairs: one row to read, not one per event (pairs,
 * not an object keyed by eventId: V8 builds an object with hundreds of new keys slowly).
 */
const INSERT_SKIP = `WITH ins AS (${insertInto('case_events')}
     ON CONFLICT (department_code, event_id) DO NOTHING RETURNING event_id, seq)
   SELECT coalesce(json_agg(json_build_array(event_id, seq)), '[]'::json) AS m FROM ins`;
/** The plain insert stores every row: only the first and last seq it gave come back (one small row, no pairs to build or read). */
const INSERT_NEW = `WITH ins AS (${insertInto('case_events')}
     RETURNING seq)
   SELECT min(seq) AS lo, max(seq) AS hi FROM ins`;

/**
 * One multi-row insert; returns the eventIds stored now with their arrival seq (the others
 * already existed). With `presumeNew` none of them is presumed stored: a plain insert, without
 * ON CONFLICT's per-row probe of the key and its speculative insertion (a lock and a second WAL
 * record per row); should one be stored after all, it fails with EventAlreadyStored.
 */
export async function insertEvents(q: Queryable, rows: EventRow[], presumeNew = false): Promise<Map<string, number>> {
  if (!rows.length) return new Map();
  try {
    if (!presumeNew) {
      const [out] = await q.query<{ m: [string, number][] }>(INSERT_SKIP, eventParams(rows), { prepare: true });
      return new Map(out.m);
    }
    const [{ lo, hi }] = await q.query<{ lo: number; hi: number }>(INSERT_NEW, eventParams(rows), { prepare: true });
    // the statement numbers its rows in their order (nextval row by row): when no other insert
    // took numbers meanwhile, they are consecutive and the row at i has lo + i; else read back
    if (hi - lo + 1 === rows.length) return new Map(rows.map((r, i) => [r.eventId, lo + i]));
    return storedSeqs(q, rows);
  } catch (e) {
    const err = e as { code?: string; constraint?: string; detail?: string };
    if (presumeNew && err.code === '23505' && err.constraint === EVENT_KEY) throw new EventAlreadyStored(err.detail ?? EVENT_KEY);
    throw e;
  }
}

/** The seqs of rows of one department just stored (insertEvents). */
async function storedSeqs(q: Queryable, rows: EventRow[]): Promise<Map<string, number>> {
  const out = await q.query<{ event_id: string; seq: number }>(
    'SELECT event_id, seq FROM case_events WHERE department_code = $1 AND event_id = ANY($2::text[])',
    [rows[0].departmentCode, rows.map((r) => r.eventId)], { prepare: true });
  return new Map(out.map((r) => [r.event_id, r.seq]));
}

/** A resent eventId with different content: kept beside the original (DATA_MODIFIED). Returns those newly kept. */
export async function insertConflicts(q: Queryable, rows: EventRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const out = await q.query<{ event_id: string; content_hash: string }>(
    `${insertInto('case_event_conflicts')}
     ON CONFLICT (department_code, event_id, content_hash) DO NOTHING RETURNING event_id, content_hash`,
    eventParams(rows), { prepare: true },
  );
  return new Set(out.map((r) => `${r.event_id}\u0000${r.content_hash}`));
}

export async function storedHashes(q: Queryable, dept: string, eventIds: string[]): Promise<Map<string, { hash: string; caseNo: string }>> {
  if (!eventIds.length) return new Map();
  const rows = await q.query<{ event_id: string; content_hash: string; case_no: string }>(
    // one index probe per key (LATERAL … LIMIT 1 keeps the plan a keyed lookup even before the table has statistics)
    `SELECT e.event_id, e.content_hash, e.case_no FROM unnest($2::text[]) AS k(id)
     CROSS JOIN LATERAL (SELECT event_id, content_hash, case_no FROM case_events WHERE department_code = $1 AND event_id = k.id LIMIT 1) e`,
    [dept, [...new Set(eventIds)]], { prepare: true });
  return new Map(rows.map((r) => [r.event_id, { hash: r.content_hash, caseNo: r.case_no }]));
}

/** Serialises writers of the same cases (sorted, so two batches never deadlock). */
export async function lockCaseKeys(q: Queryable, dept: string, caseNos: string[]): Promise<void> {
  if (!caseNos.length) return;
  await q.query(
    `SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtextextended($1 || '|' || n, 4002) AS h FROM unnest($2::text[]) AS n ORDER BY 1) s`,
    [dept, caseNos], { prepare: true },
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

/** What case_ingest_open names: the case numbers to lock and read, the registrations' eventIds, the item codes. */
export interface OpenKeys {
  caseNos: string[];
  registrationIds: string[];
  itemCodes: string[];
}

export interface OpenedCases {
  /** The keys it was opened with (every case number among them is locked). */
  keys: { caseNos: Set<string>; registrationIds: Set<string>; itemCodes: Set<string> };
  /** The stored cases among keys.caseNos, read under their writer's lock. */
  cases: Map<string, CaseRecord>;
  /** The stored copies among keys.registrationIds. */
  registrations: Map<string, { hash: string; caseNo: string }>;
  /** The versions of keys.itemCodes and of the stored cases' items. */
  versions: VersionKey[];
  /** Whether the API key asked about (`keyId`) is the department's and not revoked; true when none was asked about. */
  keyValid: boolean;
}

/**
 * The writer's lock on each case number (lockCaseKeys' keys), then the stored cases, the
 * stored copies of registrations (as storedHashes reads them) and the item versions' keys
 * (itemVersionsFromKeys), in one round trip (case_ingest_open): an ingest sends it before
 * it checks its events, and it runs while they are checked. The case rows come back as JSON,
 * their instants as text. With `keyId`, whether that API key is still the department's and valid.
 */
export async function openCases(q: Queryable, dept: string, keys: OpenKeys, keyId: string | null = null): Promise<OpenedCases> {
  const asked = { caseNos: new Set(keys.caseNos), registrationIds: new Set(keys.registrationIds), itemCodes: new Set(keys.itemCodes) };
  const [{ o }] = await q.query<{ o: { cases: any[]; registrations: [string, string, string][]; versions: [string, number, string][]; keyValid: boolean } }>(
    'SELECT case_ingest_open($1, $2::text[], $3::text[], $4::text[], $5) AS o',
    [dept, [...asked.caseNos], [...asked.registrationIds], [...asked.itemCodes], keyId], { prepare: true });
  const cases = new Map<string, CaseRecord>();
  for (const r of o.cases) {
    for (const k of CASE_INSTANTS) if (r[k] !== null) r[k] = new Date(r[k]);
    cases.set(r.case_no, recordFromRow(r));
  }
  return {
    keys: asked,
    cases,
    registrations: new Map(o.registrations.map(([id, hash, caseNo]) => [id, { hash, caseNo }])),
    versions: o.versions.map(([item_code, version, x]) => ({ item_code, version, x })),
    keyValid: o.keyValid,
  };
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

/** The events of many cases in one query, each case's in fold order (added for supervision's batch observer). */
export async function loadEventsOfCases(q: Queryable, caseIds: string[]): Promise<Map<string, CaseEvent[]>> {
  const out = new Map<string, CaseEvent[]>(caseIds.map((id) => [id, []]));
  if (!caseIds.length) return out;
  const rows = await q.query('SELECT * FROM case_events WHERE case_id = ANY($1::text[]) ORDER BY case_id, occurred_at, seq', [caseIds]);
  for (const r of rows) out.get(r.case_id)?.push(eventFromRow(r));
  return out;
}

export async function loadConflicts(q: Queryable, caseId: string): Promise<(CaseEvent & { conflictId: number })[]> {
  const rows = await q.query('SELECT *, id AS seq FROM case_event_conflicts WHERE case_id = $1 ORDER BY id', [caseId]);
  return rows.map((r) => ({ ...eventFromRow(r), conflictId: r.id }));
}

export const CASE_COLS: [string, string, (r: CaseRecord) => unknown][] = [
  ['id', 'text', (r) => r.id], ['department_code', 'text', (r) => r.departmentCode], ['region_code', 'text', (r) => r.regionCode],
  ['case_no', 'text', (r) => r.caseNo], ['item_code', 'text', (r) => r.itemCode], ['item_version', 'int4', (r) => r.itemVersion],
  ['status', 'text', (r) => r.status], ['conclusion', 'text', (r) => r.conclusion], ['current_step', 'text', (r) => r.currentStep],
  ['accepted_at', 'timestamptz', (r) => r.acceptedAt], ['concluded_at', 'timestamptz', (r) => r.concludedAt], ['warn_at', 'timestamptz', (r) => r.warnAt],
  ['due_at', 'timestamptz', (r) => r.dueAt], ['legal_due_at', 'timestamptz', (r) => r.legalDueAt], ['step_due_at', 'timestamptz', (r) => r.stepDueAt],
  ['light', 'text', (r) => r.light], ['next_check_at', 'timestamptz', (r) => r.nextCheckAt], ['query_code', 'text', (r) => r.queryCode],
  ['counterparty_name', 'text', (r) => r.counterpartyName], ['handler_id', 'text', (r) => r.handlerId], ['confidential', 'bool', (r) => r.confidential],
  ['state', 'jsontext', (r) => JSON.stringify(datesAsText(r.state))], ['event_count', 'int4', (r) => r.eventCount], ['created_at', 'timestamptz', (r) => r.createdAt],
  ['updated_at', 'timestamptz', (r) => r.updatedAt],
];
/** The projection's instant columns (openCases reads them back from JSON text). */
const CASE_INSTANTS = CASE_COLS.filter(([, t]) => t === 'timestamptz').map(([n]) => n);
const KEEP_ON_UPDATE = new Set(['id', 'department_code', 'case_no', 'created_at', 'handler_id']);
const INSERT_CASES = `INSERT INTO cases (${columnList(CASE_COLS)}) SELECT ${columnList(CASE_COLS)} FROM ${recordset(1, CASE_COLS, 'x', 2)}`;
const UPSERT_CASES = `${INSERT_CASES}
  ON CONFLICT (id) DO UPDATE SET ${CASE_COLS.filter((c) => !KEEP_ON_UPDATE.has(c[0])).map((c) => `${c[0]} = EXCLUDED.${c[0]}`).join(', ')}`;

/**
 * Writes (inserts or replaces) projection rows in one statement (a deferred write: see
 * QueryOptions). When every row is `fresh` (a case created in this transaction under a new id,
 * its number locked and found unused) a plain insert, without ON CONFLICT's speculative insertion.
 */
export async function upsertCases(q: Queryable, rows: CaseRecord[], fresh = false): Promise<void> {
  if (!rows.length) return;
  await q.query(fresh ? INSERT_CASES : UPSERT_CASES, rowsWithTexts(CASE_COLS, rows.map((r) => CASE_COLS.map(([, , get]) => {
    const v = get(r);
    return v instanceof Date ? isoText(v) : v ?? null;
  }))), { prepare: true, defer: true });
}

/** The case (folded state with Dates revived) and the item version it is judged by. Supervision's sweep reads it. */
export async function getCase(q: Queryable, id: string): Promise<(CaseRecord & { item: PowerItemVersion | null }) | null> {
  const rows = await q.query('SELECT * FROM cases WHERE id = $1', [id]);
  if (!rows.length) return null;
  const rec = recordFromRow(rows[0]);
  const item = rec.itemCode && rec.itemVersion != null ? await getVersion(q, rec.itemCode, rec.itemVersion) : null;
  return { ...rec, item };
}

export async function getCaseByNo(q: Queryable, dept: string, caseNo: string): Promise<(CaseRecord & { item: PowerItemVersion | null }) | null> {
  const rows = await q.query<{ id: string }>('SELECT id FROM cases WHERE department_code = $1 AND case_no = $2', [dept, caseNo]);
  return rows.length ? getCase(q, rows[0].id) : null;
}

