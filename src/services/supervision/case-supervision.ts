import type { CaseEvent, CaseState } from '../../domain/cases/case.types.js';
import { foldWithTrace, initialState, type FoldItem } from '../../domain/cases/case.fold.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import type { WorkingCalendar } from '../../domain/calendar/calendar.types.js';
import type { Finding } from '../../domain/supervision/codes.js';
import { EVENT_RULES, evaluateTime, runEventRules, stillHolds, TIME_RULES } from '../../domain/supervision/rules/index.js';
import type { RuleContext } from '../../domain/supervision/rule.types.js';
import type { Queryable } from '../../store/db.js';
import { loadEventsOfCases } from '../../store/case.store.js';
import { activeAlertsSql, alertFromJson, queueAlerts, withdrawAlerts, type AlertRow, type NewAlert } from '../../store/supervision/alert.store.js';
import { departmentOverridesSql, overrideFromRow, regionChain } from '../../store/supervision/rule-settings.store.js';
import type { AppContext, CaseChange, CasesPreview } from '../context.js';
import { officerKeys, officerMap, officersSql, ruleContext } from './rule-context.js';
import { settingsFrom, SUPERVISION_SETTINGS_SQL, type SupervisionSettings } from './settings.js';
import { newId } from '../ids.js';

const TIME_CODES = new Set<string>(TIME_RULES.map((r) => r.code));
const REFOLD_CODES = new Set<string>(EVENT_RULES.map((r) => r.code));
export const WITHDRAW_REASON = '案件按迟到事件重新排序后不再成立 (no longer holds after a late event refolded the case)';
const CLOCK_REASON = '时限重新计算后不再成立 (no longer holds after the deadlines were recomputed)';

export interface CaseRef {
  caseId: string;
  caseNo: string;
  departmentCode: string;
  regionCode: string | null;
  itemCode: string | null;
}

/** Deadlines an alert carries: yellow must be corrected, red dealt with, or they move on (盐城 第十一条(二)). */
export function alertTimers(ctx: AppContext, settings: SupervisionSettings, regionCode: string | null, level: 'yellow' | 'red', at: Date, code?: string) {
  // 时限预警 (盐城 第十一条(一)) is not a card to correct: its red counterpart is DEADLINE_OVERDUE
  if (code === 'DEADLINE_WARNING') return { correctionDueAt: null, escalateAt: null };
  const cal = ctx.calendars.forRegion(regionCode);
  return level === 'yellow'
    ? { correctionDueAt: dueAfter(cal, at, settings.yellowCorrectionDays), escalateAt: null }
    : { correctionDueAt: null, escalateAt: dueAfter(cal, at, settings.redEscalationDays) };
}

/** The due instant of `days` working days from `at`: the last one asked is kept (a batch's alerts share the instant). */
let lastDue: { cal: WorkingCalendar; at: number; days: number; due: Date } | null = null;
function dueAfter(cal: WorkingCalendar, at: Date, days: number): Date {
  const l = lastDue;
  if (l && l.cal === cal && l.at === at.getTime() && l.days === days) return new Date(l.due);
  const due = cal.deadline({ start: at, workingDays: days }).dueAt;
  lastDue = { cal, at: at.getTime(), days, due };
  return new Date(due);
}

export function caseAlert(ctx: AppContext, settings: SupervisionSettings, c: CaseRef, f: Finding, at: Date, opts: { skipIfClosed: boolean; fresh?: boolean }): NewAlert {
  return {
    id: newId(), code: f.code, level: f.level, subjectKind: 'case', subjectId: c.caseId, step: f.step, caseId: c.caseId, caseNo: c.caseNo,
    itemCode: c.itemCode, departmentCode: c.departmentCode, regionCode: c.regionCode, message: f.message, details: f.details ?? null,
    responsible: f.responsible ?? null,
    ...alertTimers(ctx, settings, c.regionCode, f.level, at, f.code), skipIfClosed: opts.skipIfClosed, fresh: opts.fresh ?? false,
  };
}

const key = (code: string, step: string | null) => `${code}|${step ?? ''}`;

/** Withdraws active system alerts among `codes` whose finding no longer holds. */
export async function withdrawStale(q: Queryable, active: AlertRow[], codes: Set<string>, holding: Set<string>, reason: string, now: Date): Promise<number> {
  return withdrawAlerts(q, staleIds(active, codes, holding, now), reason, now);
}

/** The active system alerts among `codes` whose finding no longer holds (pure). */
function staleIds(active: AlertRow[], codes: Set<string>, holding: Set<string>, now: Date): string[] {
  return active.filter((a) => !a.manual && codes.has(a.code) && !holding.has(key(a.code, a.step)) && a.raisedAt.getTime() <= now.getTime()).map((a) => a.id);
}

const foldItem = (item: PowerItemVersion | null): FoldItem | null => (item ? { code: item.code, version: item.version, flow: item.flow } : null);

/** Each event with the state just before it, replaying `events` from `start`. */
const pairs = (start: CaseState, events: CaseEvent[], item: PowerItemVersion | null) => foldWithTrace(start, events, foldItem(item)).trace;

/**
 * The supervision observer (interface standard §4: event-based rules run as each event is
 * stored): runs in the transaction that stores the events, raises the event findings and
 * the time findings that already hold, withdraws those a refold made untrue, and returns
 * the case's next check instant (cases.next_check_at). One case: the batch path with one change.
 */
export async function superviseCaseChange(ctx: AppContext, change: CaseChange): Promise<{ nextCheckAt: Date | null }> {
  return (await superviseCaseChanges(ctx, [change]))[0];
}

const groupBy = <T>(xs: T[], k: (x: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const l = m.get(k(x));
    if (l) l.push(x);
    else m.set(k(x), [x]);
  }
  return m;
};

interface Facts {
  depts: { code: string; region_code: string }[];
  overrides: any[];
  settings: Partial<SupervisionSettings> | null;
  officers: any[];
  alerts: any[];
}

/**
 * What the rules need for a batch's cases, in one round trip: the departments' regions and
 * their rule overrides, the settings, the officers who decided, the open alerts of these cases.
 */
async function readFacts(q: Queryable, depts: string[], who: { ids: string[]; certs: string[] }, caseIds: string[]): Promise<Facts> {
  const [facts] = await q.query<Facts>(
    `SELECT (SELECT coalesce(json_agg(json_build_object('code', code, 'region_code', region_code)), '[]'::json) FROM departments WHERE code = ANY($1::text[])) AS depts,
            (${departmentOverridesSql('$1')}) AS overrides,
            (${SUPERVISION_SETTINGS_SQL}) AS settings,
            (SELECT coalesce(json_agg(o), '[]'::json) FROM (${officersSql('$2', '$3')}) o) AS officers,
            (SELECT coalesce(json_agg(a), '[]'::json) FROM (${activeAlertsSql(`'case'`, '$4')}) a) AS alerts`,
    [depts, who.ids, who.certs, caseIds], { prepare: true });
  return facts;
}

/** The facts of a batch read ahead, with the keys they were read for. */
export interface PreparedFacts {
  depts: Set<string>;
  ids: Set<string>;
  certs: Set<string>;
  caseIds: Set<string>;
  facts: Promise<Facts>;
}

/**
 * CaseObserver.prepareCases: sends the facts query for a batch about to be stored, so that it
 * travels with the batch's insert. The transaction holds its cases' locks, so their open
 * alerts are what the rules will see.
 */
export function prepareSupervision(preview: CasesPreview): PreparedFacts {
  const who = officerKeys(preview.events);
  const facts = readFacts(preview.q, preview.departmentCodes, who, preview.caseIds);
  facts.catch(() => undefined); // awaited by superviseCaseChanges, or never needed
  return { depts: new Set(preview.departmentCodes), ids: new Set(who.ids), certs: new Set(who.certs), caseIds: new Set(preview.caseIds), facts };
}

/** Whether facts read ahead were read for (at least) these keys. */
const covers = (p: PreparedFacts, depts: string[], who: { ids: string[]; certs: string[] }, caseIds: string[]): boolean =>
  depts.every((d) => p.depts.has(d)) && who.ids.every((i) => p.ids.has(i)) && who.certs.every((c) => p.certs.has(c)) && caseIds.every((c) => p.caseIds.has(c));

/**
 * The supervision observer for a whole stored batch (CaseObserver.onCasesChanged), in the
 * transaction that stores the events: reads what the rules need for all its cases in a few
 * set-based queries (regions, settings, rule overrides, officers, open alerts, the events
 * of refolded cases), evaluates the pure rules case by case exactly as for one case, then
 * withdraws and raises alerts in multi-row statements. Results in the order given. With
 * `prepared` (prepareSupervision) the facts read ahead are used when they cover these changes.
 */
export async function superviseCaseChanges(ctx: AppContext, changes: CaseChange[], prepared?: PreparedFacts): Promise<{ nextCheckAt: Date | null }[]> {
  if (!changes.length) return [];
  const caseIds = changes.map((c) => c.caseId);
  if (new Set(caseIds).size !== caseIds.length) {
    // the same case twice in one call: one change after the other, each seeing the last one's alerts
    const out: { nextCheckAt: Date | null }[] = [];
    for (const c of changes) out.push(...(await superviseCaseChanges(ctx, [c], prepared)));
    return out;
  }
  const q = changes[0].q;
  // the writer's own fold when it passed it; else the events replayed (a refold reads the stored ones)
  const refolded = changes.filter((c) => c.refolded && !c.trace).map((c) => c.caseId);
  const storedOf = refolded.length ? await loadEventsOfCases(q, refolded) : new Map<string, CaseEvent[]>();
  const traces = changes.map((change) => {
    if (change.trace) return change.trace;
    const start = change.refolded || !change.before ? initialState(change.after.caseNo, change.after.departmentCode) : change.before;
    if (!change.refolded) return pairs(start, change.newEvents, change.item);
    const stored = storedOf.get(change.caseId) ?? [];
    const ids = new Set(stored.map((e) => e.eventId));
    return pairs(start, [...stored, ...change.newEvents.filter((e) => !ids.has(e.eventId))], change.item);
  });
  // what the rules need, in one round trip, unless it was read ahead (prepareSupervision)
  const depts = [...new Set(changes.map((c) => c.after.departmentCode))];
  const who = officerKeys(traces.flatMap((t) => t.map((x) => x.event)));
  const facts = prepared && covers(prepared, depts, who, caseIds) ? await prepared.facts : await readFacts(q, depts, who, caseIds);
  const regionOf = new Map(facts.depts.map((r) => [r.code, r.region_code]));
  const settings = settingsFrom(facts.settings);
  const officers = officerMap(facts.officers);
  const activeOf = groupBy(facts.alerts.map(alertFromJson), (a) => a.subjectId);
  const overrides = facts.overrides.map(overrideFromRow);

  const withdrawals = new Map<string, { reason: string; now: Date }>(); // alert id → first reason
  const alertsAt = new Map<number, { now: Date; alerts: NewAlert[] }>();
  const results = changes.map((change, i) => {
    const { after, now } = change;
    const regionCode = regionOf.get(after.departmentCode) ?? null;
    const chain = new Set(regionChain(regionCode));
    const c: CaseRef = { caseId: change.caseId, caseNo: after.caseNo, departmentCode: after.departmentCode, regionCode, itemCode: after.itemCode };
    const rc: RuleContext = ruleContext({
      item: change.item, calendar: ctx.calendars.forRegion(regionCode), overrides: overrides.filter((o) => chain.has(o.regionCode)), regionCode,
      officers, conflicts: change.conflicts,
    });
    const eventFindings = runEventRules(traces[i], rc);
    const time = evaluateTime(after, rc, now);
    const active = activeOf.get(change.caseId) ?? [];
    const withdraw = (ids: string[], reason: string) => {
      for (const id of ids) if (!withdrawals.has(id)) withdrawals.set(id, { reason, now });
    };
    if (change.refolded) {
      const holding = new Set(eventFindings.filter((f) => stillHolds(f.code, f.step, after, rc)).map((f) => key(f.code, f.step)));
      withdraw(staleIds(active.filter((a) => a.code !== 'DATA_MODIFIED'), REFOLD_CODES, holding, now), WITHDRAW_REASON);
    }
    withdraw(staleIds(active, TIME_CODES, new Set(time.findings.map((f) => key(f.code, f.step))), now), change.refolded ? WITHDRAW_REASON : CLOCK_REASON);
    const slot = alertsAt.get(now.getTime()) ?? { now, alerts: [] };
    alertsAt.set(now.getTime(), slot);
    // a case created by this change has no alert stored, active or closed (queueAlerts)
    const fresh = change.before === null;
    slot.alerts.push(
      ...eventFindings.map((f) => caseAlert(ctx, settings, c, f, now, { skipIfClosed: change.refolded, fresh })),
      ...time.findings.map((f) => caseAlert(ctx, settings, c, f, now, { skipIfClosed: true, fresh })),
    );
    return { nextCheckAt: time.nextCheckAt };
  });

  // withdrawals first, then the new alerts (a withdrawn alert frees its slot in the one-open index)
  for (const group of groupBy([...withdrawals], ([, w]) => `${w.reason}\u0000${w.now.getTime()}`).values()) {
    await withdrawAlerts(q, group.map(([id]) => id), group[0][1].reason, group[0][1].now);
  }
  for (const { now, alerts } of alertsAt.values()) await queueAlerts(q, alerts, now);
  return results;
}
