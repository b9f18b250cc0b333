import { sealRegistrations, storePersonalData } from '../security/personal-data.service.js';
import { compareEvents, foldWithTrace, initialState } from '../../domain/cases/case.fold.js';
import type { CaseEvent, CaseState } from '../../domain/cases/case.types.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import {
  insertConflicts, insertEvents, loadCaseEvents, openCases, storedHashes, upsertCases,
  type EventRow, type OpenedCases,
} from '../../store/case.store.js';
import type { Queryable } from '../../store/db.js';
import { itemVersionsFromKeys } from '../catalog/item-lookup.js';
import type { AppContext, CaseChange } from '../context.js';
import { planCase, prepareObservers, projectPlanned, type Planned, type PreparedObservers, type ProjectArgs } from './case-projection.js';
import { checkEvents, checkEventsInSlices, openKeys, type Candidate, type CheckedBatch, type Rejection, type RejectCode } from './ingest-check.js';
import { newQueryCode } from './query-code.js';
import { opensCase } from './ingest-check.js';
import { newId } from '../ids.js';

/**
 * The one path every case event takes, whether a department system pushed it through the
 * exchange or a handler produced it on the workbench (一次录入、实时共享; 川办 建设和使用管理办法
 * 第七条). Runs inside the caller's transaction: events, conflicts, clocks, supervision
 * observers and the projection commit together or not at all.
 */
export interface IngestInput {
  departmentCode: string;
  regionCode: string | null;
  source: 'exchange' | 'workbench';
  events: unknown[];
  /** The workbench user who registers a case (for "my cases"). */
  handlerId?: string | null;
  /**
   * The 查询码 of cases this batch opens, made by the platform beforehand (the workbench prints it
   * on the acceptance notice). Any other case opened gets a fresh one (newQueryCode); a sender
   * never chooses it (§3 v2).
   */
  queryCodes?: ReadonlyMap<string, string>;
  /**
   * The events are presumed not stored yet (insertEvents): should one be, the batch fails with
   * EventAlreadyStored and is to be run again, in a new transaction, without this.
   */
  presumeNew?: boolean;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  /**
   * Events whose eventId was stored (or came earlier in the batch) with other content: kept beside
   * the original, counted in neither `accepted` nor `duplicates` (§3 v2), in batch order.
   */
  conflicts: { index: number; eventId: string }[];
  /** caseNo → case id of every case this batch touched. */
  caseIds: Map<string, string>;
}


/** Cases folded by storeChecked: their projection arguments, the events built, the late cases left for later. */
interface Folded {
  args: ProjectArgs[];
  late: string[];
  events: CaseEvent[];
}

/** Whether the seqs the insert gave follow its rows' order (what the fold presumed). */
const inRowOrder = (rows: readonly EventRow[], seqs: ReadonlyMap<string, number>): boolean =>
  rows.every((r, i) => i === 0 || seqs.get(r.eventId)! > seqs.get(rows[i - 1].eventId)!);

/** Checks and stores a batch in the caller's transaction (the workbench and the demo). */
export async function ingestEvents(q: Queryable, ctx: AppContext, input: IngestInput): Promise<IngestResult> {
  return storeChecked(q, ctx, input, checkEvents(input));
}

/**
 * Checks and stores a pushed batch, or one part of it (`indexes`), in the caller's
 * transaction. `opening` is the batch's cases being locked and read (openCases), sent by the
 * caller before any part is checked, so the database works while Node checks. A part
 * (`indexes` given) folds its cases in slices, giving the event loop back now and then: the
 * batch's other parts are talking to the database meanwhile, and their answers are taken up
 * without waiting for the whole fold. With `sliceCheck` its check is sliced too
 * (checkEventsInSlices): for every part but the first, which the database is waiting for.
 */
export async function ingestPart(q: Queryable, ctx: AppContext, input: IngestInput, opening: Promise<OpenedCases>, indexes?: readonly number[], sliceCheck = false): Promise<IngestResult> {
  const checked = sliceCheck && indexes ? await checkEventsInSlices(input, indexes) : checkEvents(input, indexes);
  return storeChecked(q, ctx, input, checked, await opening, indexes !== undefined);
}


/**
 * Steps 2–6 of ingest for a checked batch (or one part of it), in the caller's transaction;
 * `opened` when its cases were opened already (ingestPart); with `slices` the fold gives the
 * event loop back every few cases.
 */
export async function storeChecked(q: Queryable, ctx: AppContext, input: Omit<IngestInput, 'events'>, checked: CheckedBatch, opened?: OpenedCases, slices = false): Promise<IngestResult> {
  const dept = input.departmentCode;
  const now = ctx.clock.now();
  const rejected: Rejection[] = [...checked.rejected];
  const reject = (index: number, eventId: string | null, code: RejectCode, message: string, field?: string) =>
    rejected.push({ index, eventId, code, message, ...(field ? { field } : {}) });
  const firstById = new Map(checked.candidates.map((c) => [c.event.eventId, c]));
  const conflictCands: Candidate[] = [...checked.conflicts];
  let duplicates = checked.duplicates;

  // 2. lock the cases, then read what is stored: the cases, the stored copies of registrations
  // and the item versions' keys (one round trip)
  const named = [...firstById.values(), ...conflictCands].map((c) => c.event);
  const open = opened ?? (await openCases(q, dept, openKeys(named)));
  for (const e of named) {
    const k = open.keys;
    const reg = opensCase(e.type);
    if (!k.caseNos.has(e.caseNo) || (reg && (!k.registrationIds.has(e.eventId) || !k.itemCodes.has((e.data as { itemCode: string }).itemCode)))) {
      throw new Error(`ingest: event ${e.eventId} names keys its transaction did not open`);
    }
  }
  const caseNos = [...new Set(named.map((e) => e.caseNo))];
  const cases = open.cases;

  // 3. idempotency: an identical resend is a duplicate; different content is a conflicting submission.
  // Stored copies are looked up before the insert only where they decide the outcome: a registration
  // of a case not known yet (a resent one must not open the case again) and, below, an event about to
  // be refused. The insert's ON CONFLICT finds every other one.
  const stored = new Map<string, { hash: string; caseNo: string }>();
  const lookUp = async (ids: string[]) => {
    for (const [id, v] of await storedHashes(q, dept, ids)) stored.set(id, v);
  };
  for (const c of checked.candidates) {
    const s = opensCase(c.event.type) && !cases.has(c.event.caseNo) ? open.registrations.get(c.event.eventId) : undefined;
    if (s) stored.set(c.event.eventId, s);
  }
  /** false when the event was stored before (counted as a duplicate or kept as a conflict). */
  const isNew = (c: Candidate): boolean => {
    const s = stored.get(c.event.eventId);
    if (!s) return true;
    if (s.hash === c.hash) duplicates++;
    else conflictCands.push(c);
    return false;
  };
  const fresh = [...firstById.values()].filter(isNew);

  // 4. which case each fresh event belongs to (UNKNOWN_CASE, CONFIDENTIAL_ITEM)
  const regs = fresh.filter((c) => opensCase(c.event.type) && !cases.has(c.event.caseNo)).sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime());
  // the item versions this batch is judged by: full rows only when their keys changed
  const versions = await itemVersionsFromKeys(q, ctx.db, [
    ...regs.map((c) => (c.event.data as { itemCode: string }).itemCode),
    ...[...cases.values()].flatMap((c) => (c.itemCode ? [c.itemCode] : [])),
  ], open.versions);
  const itemVersion = (code: string, v: number): PowerItemVersion | null => versions.get(code)?.find((x) => x.version === v) ?? null;
  /** Same rule as the catalog's findVersionAt: the latest effective non-draft version (by instant, then number). */
  const versionAt = (code: string, at: Date): PowerItemVersion | null => {
    const vs = (versions.get(code) ?? []).filter((v) => v.status !== 'draft' && v.effectiveFrom.getTime() <= at.getTime());
    vs.sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.version - a.version);
    return vs[0] ?? null;
  };
  const newCases = new Map<string, { id: string; item: PowerItemVersion | null }>();
  const refusedRegs = new Set<number>();
  for (const c of regs) {
    if (newCases.has(c.event.caseNo)) continue;
    const code = (c.event.data as { itemCode: string }).itemCode;
    const item = versionAt(code, c.event.occurredAt);
    // 成都办法 第五条 / §2: 涉密事项不得通过数据交换推送
    if (item?.confidential && input.source === 'exchange') {
      refusedRegs.add(c.index);
      reject(c.index, c.event.eventId, 'CONFIDENTIAL_ITEM', `data.itemCode: 涉密事项不得通过数据交换推送 (confidential item ${code})`, 'data.itemCode');
      continue;
    }
    // an unknown or cancelled item is accepted: supervision raises UNLISTED_POWER
    newCases.set(c.event.caseNo, { id: newId(), item });
  }
  const accepted: Candidate[] = [];
  const refusals: { c: Candidate; code: RejectCode; message: string; field?: string }[] = [];
  for (const c of fresh) {
    if (refusedRegs.has(c.index)) continue;
    const existing = cases.get(c.event.caseNo);
    if (existing?.confidential && input.source === 'exchange') {
      refusals.push({ c, code: 'CONFIDENTIAL_ITEM', message: '涉密事项的案件不得通过数据交换推送 (case of a confidential item)' });
    } else if (!existing && !newCases.has(c.event.caseNo)) {
      refusals.push({ c, code: 'UNKNOWN_CASE', message: `caseNo: 案件 ${c.event.caseNo} 尚无受理/立案事件 (no case.registered for this case yet)`, field: 'caseNo' });
    } else accepted.push(c);
  }
  // a resend of an event stored before is a duplicate or a conflict, never a refusal
  if (refusals.length) await lookUp(refusals.map((r) => r.c.event.eventId));
  for (const r of refusals) if (isNew(r.c)) reject(r.c.index, r.c.event.eventId, r.code, r.message, r.field);
  const caseIdOf = (caseNo: string) => cases.get(caseNo)?.id ?? newCases.get(caseNo)?.id ?? null;

  /**
   * Folds each case these candidates (or `conflictsByCase`) touch, once: its new events (`seqOf`
   * their arrival) onto its stored state. A late event refolds the whole case from its stored
   * events, which needs the insert answered (`stored`): until then such a case is left out and
   * named in `late`. With `slices` the event loop is given back every few cases.
   */
  const foldCases = async (cands: Candidate[], seqOf: ReadonlyMap<string, number>, conflictsByCase: ReadonlyMap<string, CaseChange['conflicts']>, stored: boolean): Promise<Folded> => {
    const byCase = new Map<string, CaseEvent[]>();
    const events: CaseEvent[] = [];
    for (const c of cands) {
      const e = c.event; // fields named, not spread: a spread copy costs several times more here
      const ev: CaseEvent = {
        eventId: e.eventId, caseNo: e.caseNo, type: e.type, occurredAt: e.occurredAt, actor: e.actor, data: e.data,
        departmentCode: dept, receivedAt: now, seq: seqOf.get(e.eventId)!, source: input.source,
      };
      events.push(ev);
      const list = byCase.get(e.caseNo);
      if (list) list.push(ev);
      else byCase.set(e.caseNo, [ev]);
    }
    const touched = [...new Set([...byCase.keys(), ...conflictsByCase.keys()])].filter((n) => caseIdOf(n));
    const args: ProjectArgs[] = [];
    const late: string[] = [];
    for (const [k, caseNo] of touched.entries()) {
      if (slices && k % 8 === 7) await new Promise(setImmediate);
      const existing = cases.get(caseNo) ?? null;
      const evs = (byCase.get(caseNo) ?? []).sort(compareEvents);
      const item = existing
        ? existing.itemCode && existing.itemVersion != null ? itemVersion(existing.itemCode, existing.itemVersion) : null
        : newCases.get(caseNo)!.item;
      const before: CaseState | null = existing?.state ?? null;
      const refold = !!before?.lastEventAt && evs.some((e) => e.occurredAt < before.lastEventAt!);
      if (refold && !stored) {
        late.push(caseNo);
        continue;
      }
      // a late event refolds the whole case (its stored events now include this batch's)
      const { state: after, trace } = refold
        ? foldWithTrace(initialState(caseNo, dept), await loadCaseEvents(q, existing!.id), item)
        : foldWithTrace(before ?? initialState(caseNo, dept), evs, item);
      args.push({
        id: caseIdOf(caseNo)!, existing, before, after, item, newEvents: evs, refolded: refold, trace, now,
        conflicts: conflictsByCase.get(caseNo) ?? [], regionCode: existing?.regionCode ?? input.regionCode,
        queryCode: existing?.queryCode ?? input.queryCodes?.get(caseNo) ?? newQueryCode(), handlerId: existing?.handlerId ?? input.handlerId ?? null,
      });
    }
    return { args, late, events };
  };

  // 5. store: events (one multi-row insert) and conflicting submissions beside the originals.
  // The usual batch (no conflicting submission in it) is folded while its insert is on its way:
  // every accepted event presumed stored, in row order (a seq only orders the events of one
  // instant), and the observers' reads go out with the insert. Its answer confirms that; should
  // it not (an event stored meanwhile by a concurrent push, seqs out of row order), the cases
  // are folded again from what was stored.
  const row = (c: Candidate, caseId: string | null): EventRow => ({
    departmentCode: dept, eventId: c.event.eventId, caseId: caseId ?? '', caseNo: c.event.caseNo, type: c.event.type,
    occurredAt: c.event.occurredAt, receivedAt: now, source: input.source, json: c.json, contentHash: c.hash,
  });
  // GB/T 22239-2019 8.1.4.8: counterparties' names, identity and phone numbers stored sealed (the rows keep masked forms)
  const sealedRows = sealRegistrations(ctx.config, dept, input.regionCode ?? null, [...accepted, ...conflictCands]);
  if (sealedRows.length) await storePersonalData(q, sealedRows, now);
  const rows = accepted.map((c) => row(c, caseIdOf(c.event.caseNo)));
  const inserting = insertEvents(q, rows, input.presumeNew);
  let early: { folded: Folded; planned: Planned[]; prepared: PreparedObservers } | null = null;
  if (!conflictCands.length && rows.length) {
    inserting.catch(() => undefined); // awaited below: not an unhandled rejection meanwhile
    const prepared = prepareObservers(ctx, { q, departmentCodes: [dept], caseIds: [...new Set(rows.map((r) => r.caseId))], events: accepted.map((c) => c.event) });
    const folded = await foldCases(accepted, new Map(accepted.map((c, i) => [c.event.eventId, i + 1])), new Map(), false);
    early = { folded, planned: folded.args.map((a) => planCase(ctx, a)), prepared };
  }
  const seqs = await inserting;
  const storedNow = accepted.filter((c) => seqs.has(c.event.eventId));
  // the events the insert found already stored (earlier, or meanwhile by a concurrent push)
  const already = accepted.filter((c) => !seqs.has(c.event.eventId));
  if (already.length) {
    await lookUp(already.map((c) => c.event.eventId));
    for (const c of already) if (isNew(c)) throw new Error(`event ${c.event.eventId} neither stored nor found`);
  }
  const conflictRows = conflictCands.map((c) => row(c, caseIdOf(c.event.caseNo) ?? cases.get(stored.get(c.event.eventId)?.caseNo ?? '')?.id ?? null));
  const keptConflicts = await insertConflicts(q, conflictRows);
  // every one is listed (§3 v2); a content kept before is not kept twice, nor raises DATA_MODIFIED again
  const newConflicts = conflictRows.filter((r) => keptConflicts.has(`${r.eventId}\u0000${r.contentHash}`));
  const conflicts = conflictCands.map((c) => ({ index: c.index, eventId: c.event.eventId })).sort((a, b) => a.index - b.index);

  // 6. fold each touched case once (done above when the insert bore it out), then clocks,
  // observers and the projection
  let planned: Planned[];
  if (early && storedNow.length === accepted.length && inRowOrder(rows, seqs)) {
    for (const e of early.folded.events) e.seq = seqs.get(e.eventId)!;
    // the cases a late event refolds from their stored events, now that this batch's are among them
    const late = new Set(early.folded.late);
    const rest = late.size ? await foldCases(accepted.filter((c) => late.has(c.event.caseNo)), seqs, new Map(), true) : null;
    planned = [...early.planned, ...(rest?.args ?? []).map((a) => planCase(ctx, a))];
  } else {
    const conflictsByCase = new Map<string, CaseChange['conflicts']>();
    for (const r of newConflicts) {
      const caseNo = cases.has(r.caseNo) || newCases.has(r.caseNo) ? r.caseNo : stored.get(r.eventId)?.caseNo;
      if (!caseNo) continue;
      const list = conflictsByCase.get(caseNo) ?? [];
      list.push({ eventId: r.eventId, type: r.type, occurredAt: r.occurredAt });
      conflictsByCase.set(caseNo, list);
    }
    planned = (await foldCases(storedNow, seqs, conflictsByCase, true)).args.map((a) => planCase(ctx, a));
  }
  // the observers' reads sent with the insert serve where they cover the cases
  await upsertCases(q, await projectPlanned(q, ctx, planned, early?.prepared), planned.every((p) => p.args.existing === null));

  rejected.sort((a, b) => a.index - b.index);
  const caseIds = new Map<string, string>();
  for (const n of caseNos) {
    const id = caseIdOf(n);
    if (id) caseIds.set(n, id);
  }
  return { accepted: storedNow.length, duplicates, rejected, conflicts, caseIds };
}
