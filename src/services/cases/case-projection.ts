import { caseClockSpecs, lightAt, type CaseClockKind } from '../../domain/cases/case.clocks.js';
import type { CaseEvent, CaseState } from '../../domain/cases/case.types.js';
import type { FoldTrace } from '../../domain/cases/case.fold.js';
import type { DeadlineResult } from '../../domain/calendar/calendar.types.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import type { CaseRecord } from '../../store/case.store.js';
import type { Queryable } from '../../store/db.js';
import { computeClock, setClocks, type ClockSpec } from '../calendar/clocks.js';
import type { AppContext, CaseChange, CasesPreview } from '../context.js';

export interface ProjectArgs {
  id: string;
  existing: CaseRecord | null;
  before: CaseState | null;
  after: CaseState;
  item: PowerItemVersion | null;
  newEvents: CaseEvent[];
  refolded: boolean;
  trace?: FoldTrace;
  conflicts: CaseChange['conflicts'];
  now: Date;
  regionCode: string | null;
  queryCode: string | null;
  handlerId: string | null;
}

/** What a clock is computed from, as one string (instants as epoch milliseconds). */
const specKey = (s: ClockSpec) =>
  `${s.kind}|${s.start.getTime()}|${s.workingDays}|${s.extensionDays ?? 0}|${(s.suspensions ?? []).map((x) => `${x.from.getTime()}-${x.to?.getTime() ?? ''}`).join(',')}`;

function clockSpecs(id: string, regionCode: string | null, state: CaseState | null, item: PowerItemVersion | null): ClockSpec[] {
  if (!state) return [];
  return caseClockSpecs(state, item).map((c) => ({ ownerKind: 'case', ownerId: id, kind: c.kind, regionCode, start: c.start,
    workingDays: c.workingDays, extensionDays: c.extensionDays, suspensions: c.suspensions }));
}

export interface Planned {
  args: ProjectArgs;
  results: Map<CaseClockKind, DeadlineResult>;
  changed: ClockSpec[];
  changedResults: DeadlineResult[];
  dropStep: boolean;
  close: boolean;
}

/** Pure part: the clocks of the new state, and which stored clocks must change (changed ones only). */
export function planCase(ctx: AppContext, a: ProjectArgs): Planned {
  const beforeSpecs = new Map(clockSpecs(a.id, a.regionCode, a.before, a.item).map((s) => [s.kind, specKey(s)]));
  const specs = clockSpecs(a.id, a.regionCode, a.after, a.item);
  const results = new Map<CaseClockKind, DeadlineResult>();
  const changed: ClockSpec[] = [];
  const changedResults: DeadlineResult[] = [];
  for (const s of specs) {
    const r = computeClock(ctx, s);
    results.set(s.kind as CaseClockKind, r);
    if (beforeSpecs.get(s.kind) !== specKey(s) || a.refolded) {
      changed.push(s);
      changedResults.push(r);
    }
  }
  return {
    args: a, results, changed, changedResults,
    dropStep: beforeSpecs.has('step') && !results.has('step'),
    // a concluded case keeps its deadlines; they are never recomputed (§1)
    close: a.after.status === 'concluded' && a.before?.status !== 'concluded',
  };
}

/** Writes the clocks of many cases at once (setClocks, owner kind 'case'). */
export async function writeClocks(q: Queryable, ctx: AppContext, plans: Planned[]): Promise<void> {
  // a concluded case's rewritten clocks are stored closed (§1: never recomputed by the calendar again),
  // also when a late event refolds a case concluded earlier
  const closed = plans.flatMap((p) => p.changed.map(() => p.args.after.status === 'concluded'));
  // a case created in this transaction (a new id) has no clock stored
  const fresh = plans.flatMap((p) => p.changed.map(() => p.args.existing === null));
  // a step clock the new state no longer has is dropped, and the clocks of a case concluding now
  // that an earlier batch stored, and that were not rewritten now, are closed too: one statement
  const drop = plans.filter((p) => p.dropStep).map((p) => p.args.id);
  const close = plans.filter((p) => p.close && p.args.before && p.changed.length < p.results.size).map((p) => p.args.id);
  await setClocks(q, ctx, plans.flatMap((p) => p.changed), plans.flatMap((p) => p.changedResults), {
    closed, fresh, tidy: { drop: { ownerKind: 'case', kind: 'step', ownerIds: drop }, close: { ownerKind: 'case', ownerIds: close } },
  });
}

const changeOf = (q: Queryable, p: Planned): CaseChange => {
  const a = p.args;
  return { q, caseId: a.id, before: a.before, after: a.after, newEvents: a.newEvents, refolded: a.refolded, trace: a.trace, item: a.item, now: a.now, conflicts: a.conflicts };
};

/**
 * 电子监察: every observer sees every change in the same transaction (成都办法 第七条(一) 实时监督):
 * once per batch when it offers onCasesChanged, else case by case. Returns each case's next
 * check instant (the earliest any observer asked for; undefined when none answered).
 */
async function observe(q: Queryable, ctx: AppContext, plans: Planned[], prepared?: PreparedObservers): Promise<(Date | null | undefined)[]> {
  const changes = plans.map((p) => changeOf(q, p));
  const next: (Date | null | undefined)[] = plans.map(() => undefined);
  const merge = (i: number, r: { nextCheckAt: Date | null } | void) => {
    if (!r || !('nextCheckAt' in r)) return;
    const n = r.nextCheckAt;
    if (next[i] === undefined) next[i] = n;
    else if (n && (!next[i] || n < next[i]!)) next[i] = n;
  };
  try {
    for (const [k, obs] of ctx.hooks.caseChanged.entries()) {
      if (obs.onCasesChanged) {
        if (!changes.length) continue;
        const rs = await obs.onCasesChanged(changes, prepared?.[k]);
        rs.forEach((r, i) => merge(i, r));
      } else {
        for (let i = 0; i < changes.length; i++) merge(i, await obs.onCaseChanged(changes[i]));
      }
    }
  } catch (e) {
    // an observer's failure is the platform's, never the sender's data: nothing is stored and
    // the answer is a 500 (retry later), not a 400 that would tell the sender to drop the batch
    ctx.log.error({ err: e, cases: plans.map((p) => p.args.after.caseNo).slice(0, 20) }, 'case observer failed; batch rolled back');
    throw new Error(`case observer failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return next;
}

/** The projection row of a planned case. */
function record(p: Planned, observed: Date | null | undefined): CaseRecord {
  const a = p.args;
  const promised = p.results.get('promised') ?? null;
  const legal = p.results.get('legal') ?? null;
  const step = p.results.get('step') ?? null;
  const dueAt = promised?.dueAt ?? legal?.dueAt ?? null;
  const warnAt = promised?.warnAt ?? legal?.warnAt ?? null;
  const nextCheckAt = observed === undefined ? defaultNextCheck(a.after, [promised, legal, step], a.now) : observed;
  const s = a.after;
  return {
    id: a.id, departmentCode: s.departmentCode, regionCode: a.regionCode, caseNo: s.caseNo, itemCode: s.itemCode, itemVersion: s.itemVersion,
    status: s.status, conclusion: s.conclusion, currentStep: s.currentStep, acceptedAt: s.acceptedAt, concludedAt: s.concludedAt,
    warnAt, dueAt, legalDueAt: legal?.dueAt ?? null, stepDueAt: step?.dueAt ?? null,
    light: lightAt(s.status, { warnAt, dueAt, legalDueAt: legal?.dueAt ?? null }, a.now),
    nextCheckAt, queryCode: a.queryCode, counterpartyName: s.counterparty?.name ?? null, handlerId: a.handlerId,
    confidential: a.existing?.confidential ?? !!a.item?.confidential, eventCount: s.eventCount,
    createdAt: a.existing?.createdAt ?? a.now, updatedAt: a.now, state: s,
  };
}

/** Plans, writes the clocks of, observes and projects many cases (one statement per kind of write). */
export async function projectCases(q: Queryable, ctx: AppContext, args: ProjectArgs[]): Promise<CaseRecord[]> {
  return projectPlanned(q, ctx, args.map((a) => planCase(ctx, a)));
}

/** What each observer read ahead for a batch (prepareObservers), by its place in ctx.hooks.caseChanged. */
export type PreparedObservers = unknown[];

/** Has the batch observers read ahead what they will need (CaseObserver.prepareCases). */
export function prepareObservers(ctx: AppContext, preview: CasesPreview): PreparedObservers {
  return ctx.hooks.caseChanged.map((o) => (o.onCasesChanged && o.prepareCases ? o.prepareCases(preview) : undefined));
}

/** projectCases for cases already planned: writes their clocks, observes and projects them. */
export async function projectPlanned(q: Queryable, ctx: AppContext, plans: Planned[], prepared?: PreparedObservers): Promise<CaseRecord[]> {
  await writeClocks(q, ctx, plans);
  const next = await observe(q, ctx, plans, prepared);
  return plans.map((p, i) => record(p, next[i]));
}

/** Without an observer: the next warn or due instant still ahead of an open case. */
function defaultNextCheck(s: CaseState, rs: (DeadlineResult | null)[], now: Date): Date | null {
  if (s.status === 'concluded' || s.status === 'none' || s.status === 'submitted') return null;
  const ahead = rs.flatMap((r) => (r ? [r.warnAt, r.dueAt] : [])).filter((d) => d > now).sort((x, y) => x.getTime() - y.getTime());
  return ahead[0] ?? null;
}
