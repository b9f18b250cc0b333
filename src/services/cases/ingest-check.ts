import { hash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.js';
import { isoText } from '../../domain/iso-text.js';
import { parseEvent } from '../../domain/cases/event.schema.js';
import { cleanText } from '../../domain/cases/wire-values.js';
import type { CaseEventInput } from '../../domain/cases/case.types.js';
import type { OpenKeys } from '../../store/case.store.js';

/**
 * A pushed batch before the database sees it (the first step of ingest.service's path): each
 * event checked against the §3 schema and the key's department, repeats within the batch
 * found, the batch split into parts by case, and the keys its transaction must open read off.
 */
export type RejectCode = 'INVALID_EVENT' | 'UNKNOWN_CASE' | 'CONFIDENTIAL_ITEM' | 'DEPARTMENT_MISMATCH';
export interface Rejection {
  index: number;
  eventId: string | null;
  code: RejectCode;
  message: string;
  field?: string;
}

/** The events that open a case: 受理/立案, and an online application (网上申请) waiting 待受理. */
export const opensCase = (type: unknown): boolean => type === 'case.registered' || type === 'application.submitted';

/** What a check looks at: the department the events must belong to, and the events. */
type CheckInput = { departmentCode: string; events: readonly unknown[] };

/** An event's canonical JSON, and within it that of its actor and of its data (null when absent). */
export interface EventText {
  text: string;
  actor: string | null;
  data: string | null;
}

/**
 * The event's canonical JSON, what its content hash covers: canonicalJson of
 * { actor, caseNo, data, eventId, occurredAt, type } (occurredAt as ISO text), written here key
 * by key in that (sorted) order, an absent actor or data left out as JSON leaves it out. The
 * texts of the actor and of the data are kept: the event's row carries them as they are
 * (insertEvents), so they are not serialised a second time.
 */
export function eventText(e: CaseEventInput): EventText {
  const actor = e.actor === undefined ? null : canonicalJson(e.actor);
  const data = e.data === undefined ? null : canonicalJson(e.data);
  const text = `{${actor === null ? '' : `"actor":${actor},`}"caseNo":${JSON.stringify(e.caseNo)},${data === null ? '' : `"data":${data},`}`
    + `"eventId":${JSON.stringify(e.eventId)},"occurredAt":"${isoText(e.occurredAt)}","type":${JSON.stringify(e.type)}}`;
  return { text, actor, data };
}

/** SHA-256 of the event's canonical JSON; the one-shot crypto.hash, a third of a Hash object's cost for text this short. */
export const textHash = (text: string): string => hash('sha256', text, 'hex');

export interface Candidate {
  index: number;
  event: CaseEventInput;
  /** The canonical JSON of the event's actor and data (eventText), stored as they are (insertEvents). */
  json: { actor: string | null; data: string | null };
  hash: string;
}

const rawDept = (raw: unknown): string | null => {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const d = r.departmentCode ?? r.department;
  return typeof d === 'string' ? d : null;
};

/** A batch after the schema and in-batch idempotency checks (no database needed). */
export interface CheckedBatch {
  /** The first occurrence of each eventId, in batch order. */
  candidates: Candidate[];
  /** A later occurrence of an eventId with different content (kept as a conflicting submission). */
  conflicts: Candidate[];
  /** Identical repeats within the batch. */
  duplicates: number;
  rejected: Rejection[];
}

/** Step 1 of ingest: the schema, event by event (INVALID_EVENT names the field), the department, and repeats within the batch. */
export function checkEvents(input: CheckInput, indexes?: readonly number[]): CheckedBatch {
  const c = checker(input.departmentCode);
  if (indexes) for (const i of indexes) c.check(input.events[i], i);
  else input.events.forEach(c.check);
  return c.result();
}

/**
 * checkEvents for a part of a batch whose other parts are already talking to the database:
 * it gives the event loop back every `slice` events, so that their statements' answers are
 * taken up (and their next statements sent) while this part is still being checked.
 */
export async function checkEventsInSlices(input: CheckInput, indexes: readonly number[], slice = 25): Promise<CheckedBatch> {
  const c = checker(input.departmentCode);
  for (let k = 0; k < indexes.length; k++) {
    if (k && k % slice === 0) await new Promise(setImmediate);
    c.check(input.events[indexes[k]], indexes[k]);
  }
  return c.result();
}

function checker(dept: string) {
  const rejected: Rejection[] = [];
  const firstById = new Map<string, Candidate>();
  const conflicts: Candidate[] = [];
  let duplicates = 0;
  const check = (raw: unknown, index: number) => {
    const p = parseEvent(raw);
    const id = raw && typeof raw === 'object' && typeof (raw as any).eventId === 'string' ? (raw as any).eventId : null;
    if (!p.ok) return void rejected.push({ index, eventId: id, code: 'INVALID_EVENT', message: `${p.field}: ${p.message}`, field: p.field });
    const d = rawDept(raw);
    // 每个事件属于密钥所属部门 (§3: every event belongs to the key's department)
    if (d !== null && d !== dept) {
      return void rejected.push({ index, eventId: id, code: 'DEPARTMENT_MISMATCH', message: `department: 事件部门 ${d} 与密钥部门 ${dept} 不符 (event department does not match the key's)`, field: 'department' });
    }
    const t = eventText(p.event);
    const c = { index, event: p.event, json: { actor: t.actor, data: t.data }, hash: textHash(t.text) };
    const prior = firstById.get(c.event.eventId);
    if (!prior) firstById.set(c.event.eventId, c);
    else if (prior.hash === c.hash) duplicates++;
    else conflicts.push(c);
  };
  return { check, result: (): CheckedBatch => ({ candidates: [...firstById.values()], conflicts, duplicates, rejected }) };
}

/**
 * Splits a pushed batch into at most `parts` lists of event indexes by case number, each case's
 * events together (sizes balanced by event count), so that the parts can be checked and stored
 * in concurrent transactions. An event without a case number goes with the first part (it is
 * refused there). A batch that repeats an eventId (a duplicate or a conflicting submission
 * within it), or too small to be worth it, stays whole.
 */
export function splitByCase(events: readonly unknown[], parts: number, minEventsPerPart = 100): number[][] {
  const all = events.map((_, i) => i);
  const n = Math.min(parts, Math.floor(events.length / minEventsPerPart));
  if (n < 2) return [all];
  const field = (e: unknown, k: string) => (e && typeof e === 'object' && typeof (e as Record<string, unknown>)[k] === 'string' ? (e as Record<string, string>)[k] : null);
  const ids = new Set<string>();
  const byCase = new Map<string | null, number[]>();
  for (const [i, e] of events.entries()) {
    const id = field(e, 'eventId');
    if (id !== null) {
      if (ids.has(id)) return [all];
      ids.add(id);
    }
    const no = field(e, 'caseNo');
    const l = byCase.get(no);
    if (l) l.push(i);
    else byCase.set(no, [i]);
  }
  if (byCase.size < n) return [all];
  const out: number[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  const place = (k: number, l: number[]) => {
    out[k].push(...l);
    load[k] += l.length;
  };
  if (byCase.has(null)) place(0, byCase.get(null)!);
  for (const [no, l] of [...byCase].sort((x, y) => y[1].length - x[1].length)) {
    if (no === null) continue;
    let best = 0;
    for (let k = 1; k < n; k++) if (load[k] < load[best]) best = k;
    place(best, l);
  }
  for (const l of out) l.sort((x, y) => x - y);
  return out;
}

/**
 * What case_ingest_open needs, read off events as pushed or as checked: the check never
 * changes an eventId, a caseNo or an itemCode, so a raw batch's keys cover every valid event's.
 * A key no valid event can hold (NUL, a lone surrogate: the database refuses them) is left out.
 */
export function openKeys(events: readonly unknown[], indexes?: readonly number[]): OpenKeys {
  const keys: OpenKeys = { caseNos: [], registrationIds: [], itemCodes: [] };
  const usable = (v: unknown): v is string => typeof v === 'string' && cleanText(v);
  const add = (raw: unknown) => {
    if (!raw || typeof raw !== 'object') return;
    const e = raw as Record<string, unknown>;
    if (usable(e.caseNo)) keys.caseNos.push(e.caseNo);
    if (!opensCase(e.type)) return;
    if (usable(e.eventId)) keys.registrationIds.push(e.eventId);
    const d = e.data;
    if (d && typeof d === 'object' && usable((d as Record<string, unknown>).itemCode)) keys.itemCodes.push((d as Record<string, string>).itemCode);
  };
  if (indexes) for (const i of indexes) add(events[i]);
  else for (const e of events) add(e);
  return keys;
}
