import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.js';
import { parseEvent } from '../../domain/cases/event.schema.js';
import { compareEvents, foldWithTrace, initialState } from '../../domain/cases/case.fold.js';
import type { CaseEvent, CaseEventInput, CaseState } from '../../domain/cases/case.types.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import {
  insertConflicts, insertEvents, loadCaseEvents, loadCasesByNo, lockCaseKeys, storedHashes, upsertCases,
  type EventRow,
} from '../../store/case.store.js';
import type { Queryable } from '../../store/db.js';
import { getItemVersion } from '../catalog/item-lookup.js';
import { listVersions } from '../../store/catalog.store.js';
import type { AppContext, CaseChange } from '../context.js';
import { projectCases, type ProjectArgs } from './case-projection.js';
import { newQueryCode } from './query-code.js';

/**
 * The one path every case event takes, whether a department system pushed it through the
 * exchange or a handler produced it on the workbench (一次录入、实时共享; 川办 建设和使用管理办法
 * 第七条). Runs inside the caller's transaction: events, conflicts, clocks, supervision
 * observers and the projection commit together or not at all.
 */
export type RejectCode = 'INVALID_EVENT' | 'UNKNOWN_CASE' | 'CONFIDENTIAL_ITEM' | 'DEPARTMENT_MISMATCH';
export interface Rejection {
  index: number;
  eventId: string | null;
  code: RejectCode;
  message: string;
  field?: string;
}

export interface IngestInput {
  departmentCode: string;
  regionCode: string | null;
  source: 'exchange' | 'workbench';
  events: unknown[];
  /** The workbench user who registers a case (for "my cases"). */
  handlerId?: string | null;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  conflicts: number;
  /** caseNo → case id of every case this batch touched. */
  caseIds: Map<string, string>;
}

/** SHA-256 of the event's canonical JSON (keys listed in order here, so it takes canonicalJson's fast path). */
export const contentHash = (e: CaseEventInput): string =>
  createHash('sha256').update(canonicalJson({ actor: e.actor, caseNo: e.caseNo, data: e.data, eventId: e.eventId, occurredAt: e.occurredAt.toISOString(), type: e.type })).digest('hex');

interface Candidate {
  index: number;
  event: CaseEventInput;
  hash: string;
}

const rawDept = (raw: unknown): string | null => {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const d = r.departmentCode ?? r.department;
  return typeof d === 'string' ? d : null;
};

export async function ingestEvents(q: Queryable, ctx: AppContext, input: IngestInput): Promise<IngestResult> {
  const dept = input.departmentCode;
  const now = ctx.clock.now();
  const rejected: Rejection[] = [];
  const reject = (index: number, eventId: string | null, code: RejectCode, message: string, field?: string) =>
    rejected.push({ index, eventId, code, message, ...(field ? { field } : {}) });

  // 1. the schema, event by event (INVALID_EVENT names the field)
  const firstById = new Map<string, Candidate>();
  const conflictCands: Candidate[] = [];
  let duplicates = 0;
  input.events.forEach((raw, index) => {
    const p = parseEvent(raw);
    const id = raw && typeof raw === 'object' && typeof (raw as any).eventId === 'string' ? (raw as any).eventId : null;
    if (!p.ok) return reject(index, id, 'INVALID_EVENT', `${p.field}: ${p.message}`, p.field);
    const d = rawDept(raw);
    // 每个事件属于密钥所属部门 (§3: every event belongs to the key's department)
    if (d !== null && d !== dept) return reject(index, id, 'DEPARTMENT_MISMATCH', `department: 事件部门 ${d} 与密钥部门 ${dept} 不符 (event department does not match the key's)`, 'department');
    const c = { index, event: p.event, hash: contentHash(p.event) };
    const prior = firstById.get(c.event.eventId);
    if (!prior) firstById.set(c.event.eventId, c);
    else if (prior.hash === c.hash) duplicates++;
    else conflictCands.push(c);
  });

  // 2. lock the cases, then read what is stored
  const caseNos = [...new Set([...firstById.values(), ...conflictCands].map((c) => c.event.caseNo))];
  await lockCaseKeys(q, dept, caseNos);
  const cases = await loadCasesByNo(q, dept, caseNos);
  const stored = await storedHashes(q, dept, [...firstById.keys()]);

  // 3. idempotency: an identical resend is a duplicate; different content is a conflicting submission
  const fresh: Candidate[] = [];
  for (const c of firstById.values()) {
    const s = stored.get(c.event.eventId);
    if (!s) fresh.push(c);
    else if (s.hash === c.hash) duplicates++;
    else conflictCands.push(c);
  }

  // 4. which case each fresh event belongs to (UNKNOWN_CASE, CONFIDENTIAL_ITEM)
  const itemCache = new Map<string, Promise<PowerItemVersion | null>>();
  const itemVersion = (code: string, v: number) => {
    const k = `${code}@${v}`;
    if (!itemCache.has(k)) itemCache.set(k, getItemVersion(q, code, v));
    return itemCache.get(k)!;
  };
  const versionsOf = new Map<string, Promise<PowerItemVersion[]>>();
  /** Same rule as the catalog's findVersionAt: the latest effective non-draft version (by instant, then number). */
  const versionAt = async (code: string, at: Date): Promise<PowerItemVersion | null> => {
    if (!versionsOf.has(code)) versionsOf.set(code, listVersions(q, code));
    const vs = (await versionsOf.get(code)!).filter((v) => v.status !== 'draft' && v.effectiveFrom.getTime() <= at.getTime());
    vs.sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.version - a.version);
    return vs[0] ?? null;
  };
  const newCases = new Map<string, { id: string; item: PowerItemVersion | null }>();
  const regs = fresh.filter((c) => c.event.type === 'case.registered' && !cases.has(c.event.caseNo)).sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime());
  const refusedRegs = new Set<number>();
  for (const c of regs) {
    if (newCases.has(c.event.caseNo)) continue;
    const code = (c.event.data as { itemCode: string }).itemCode;
    const item = await versionAt(code, c.event.occurredAt);
    // 成都办法 第五条 / §2: 涉密事项不得通过数据交换推送
    if (item?.confidential && input.source === 'exchange') {
      refusedRegs.add(c.index);
      reject(c.index, c.event.eventId, 'CONFIDENTIAL_ITEM', `data.itemCode: 涉密事项不得通过数据交换推送 (confidential item ${code})`, 'data.itemCode');
      continue;
    }
    // an unknown or cancelled item is accepted: supervision raises UNLISTED_POWER
    newCases.set(c.event.caseNo, { id: randomUUID(), item });
  }
  const accepted: Candidate[] = [];
  for (const c of fresh) {
    if (refusedRegs.has(c.index)) continue;
    const existing = cases.get(c.event.caseNo);
    if (existing?.confidential && input.source === 'exchange') {
      reject(c.index, c.event.eventId, 'CONFIDENTIAL_ITEM', '涉密事项的案件不得通过数据交换推送 (case of a confidential item)');
    } else if (!existing && !newCases.has(c.event.caseNo)) {
      reject(c.index, c.event.eventId, 'UNKNOWN_CASE', `caseNo: 案件 ${c.event.caseNo} 尚无受理/立案事件 (no case.registered for this case yet)`, 'caseNo');
    } else accepted.push(c);
  }
  const caseIdOf = (caseNo: string) => cases.get(caseNo)?.id ?? newCases.get(caseNo)?.id ?? null;

  // 5. store: events (one multi-row insert) and conflicting submissions beside the originals
  const row = (c: Candidate, caseId: string | null): EventRow => ({
    departmentCode: dept, eventId: c.event.eventId, caseId: caseId ?? '', caseNo: c.event.caseNo, type: c.event.type,
    occurredAt: c.event.occurredAt, receivedAt: now, actor: c.event.actor, data: c.event.data, source: input.source, contentHash: c.hash,
  });
  const seqs = await insertEvents(q, accepted.map((c) => row(c, caseIdOf(c.event.caseNo))));
  const storedNow = accepted.filter((c) => seqs.has(c.event.eventId));
  duplicates += accepted.length - storedNow.length; // stored meanwhile by a concurrent identical push
  const conflictRows = conflictCands.map((c) => row(c, caseIdOf(c.event.caseNo) ?? cases.get(stored.get(c.event.eventId)?.caseNo ?? '')?.id ?? null));
  const keptConflicts = await insertConflicts(q, conflictRows);
  const newConflicts = conflictRows.filter((r) => keptConflicts.has(`${r.eventId}\u0000${r.contentHash}`));
  duplicates += conflictRows.length - newConflicts.length; // the same conflicting content again

  // 6. fold each touched case once, then clocks, observers and the projection
  const byCase = new Map<string, CaseEvent[]>();
  for (const c of storedNow) {
    const ev: CaseEvent = { ...c.event, departmentCode: dept, receivedAt: now, seq: seqs.get(c.event.eventId)!, source: input.source };
    const list = byCase.get(c.event.caseNo) ?? [];
    list.push(ev);
    byCase.set(c.event.caseNo, list);
  }
  const conflictsByCase = new Map<string, CaseChange['conflicts']>();
  for (const r of newConflicts) {
    const caseNo = cases.has(r.caseNo) || newCases.has(r.caseNo) ? r.caseNo : stored.get(r.eventId)?.caseNo;
    if (!caseNo) continue;
    const list = conflictsByCase.get(caseNo) ?? [];
    list.push({ eventId: r.eventId, type: r.type, occurredAt: r.occurredAt });
    conflictsByCase.set(caseNo, list);
  }
  const touched = [...new Set([...byCase.keys(), ...conflictsByCase.keys()])].filter((n) => caseIdOf(n));
  const plans: ProjectArgs[] = [];
  for (const caseNo of touched) {
    const existing = cases.get(caseNo) ?? null;
    const events = (byCase.get(caseNo) ?? []).sort(compareEvents);
    const item = existing
      ? existing.itemCode && existing.itemVersion != null ? await itemVersion(existing.itemCode, existing.itemVersion) : null
      : newCases.get(caseNo)!.item;
    const before: CaseState | null = existing?.state ?? null;
    const base = before ?? initialState(caseNo, dept);
    const late = !!before?.lastEventAt && events.some((e) => e.occurredAt < before.lastEventAt!);
    // a late event refolds the whole case (its stored events now include this batch's)
    const { state: after, trace } = late
      ? foldWithTrace(initialState(caseNo, dept), await loadCaseEvents(q, existing!.id), item)
      : foldWithTrace(base, events, item);
    plans.push({
      id: caseIdOf(caseNo)!, existing, before, after, item, newEvents: events, refolded: late, trace, now,
      conflicts: conflictsByCase.get(caseNo) ?? [], regionCode: existing?.regionCode ?? input.regionCode,
      queryCode: existing?.queryCode ?? after.queryCode ?? newQueryCode(), handlerId: existing?.handlerId ?? input.handlerId ?? null,
    });
  }
  await upsertCases(q, await projectCases(q, ctx, plans));

  rejected.sort((a, b) => a.index - b.index);
  const caseIds = new Map<string, string>();
  for (const n of caseNos) {
    const id = caseIdOf(n);
    if (id) caseIds.set(n, id);
  }
  return { accepted: storedNow.length, duplicates, rejected, conflicts: newConflicts.length, caseIds };
}
