import { randomUUID } from 'node:crypto';
import type { CaseEvent, CaseState } from '../../domain/cases/case.types.js';
import { compareEvents, evolve, initialState, type FoldItem } from '../../domain/cases/case.fold.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import type { Finding } from '../../domain/supervision/codes.js';
import { EVENT_RULES, evaluateTime, runEventRules, stillHolds, TIME_RULES } from '../../domain/supervision/rules/index.js';
import type { RuleContext } from '../../domain/supervision/rule.types.js';
import type { Queryable } from '../../store/db.js';
import { loadCaseEvents } from '../../store/case.store.js';
import { activeAlertsFor, insertAlerts, withdrawAlerts, type AlertRow, type NewAlert } from '../../store/supervision/alert.store.js';
import { loadOverrides } from '../../store/supervision/rule-settings.store.js';
import type { AppContext, CaseChange } from '../context.js';
import { loadOfficers, ruleContext } from './rule-context.js';
import { loadSupervisionSettings, type SupervisionSettings } from './settings.js';

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
    ? { correctionDueAt: cal.deadline({ start: at, workingDays: settings.yellowCorrectionDays }).dueAt, escalateAt: null }
    : { correctionDueAt: null, escalateAt: cal.deadline({ start: at, workingDays: settings.redEscalationDays }).dueAt };
}

export function caseAlert(ctx: AppContext, settings: SupervisionSettings, c: CaseRef, f: Finding, at: Date, opts: { skipIfClosed: boolean }): NewAlert {
  return {
    id: randomUUID(), code: f.code, level: f.level, subjectKind: 'case', subjectId: c.caseId, step: f.step, caseId: c.caseId, caseNo: c.caseNo,
    itemCode: c.itemCode, departmentCode: c.departmentCode, regionCode: c.regionCode, message: f.message, details: f.details ?? null,
    ...alertTimers(ctx, settings, c.regionCode, f.level, at, f.code), skipIfClosed: opts.skipIfClosed,
  };
}

const key = (code: string, step: string | null) => `${code}|${step ?? ''}`;

/** Withdraws active system alerts among `codes` whose finding no longer holds. */
export async function withdrawStale(q: Queryable, active: AlertRow[], codes: Set<string>, holding: Set<string>, reason: string, now: Date): Promise<number> {
  const stale = active.filter((a) => !a.manual && codes.has(a.code) && !holding.has(key(a.code, a.step)) && a.raisedAt.getTime() <= now.getTime());
  return withdrawAlerts(q, stale.map((a) => a.id), reason, now);
}

const foldItem = (item: PowerItemVersion | null): FoldItem | null => (item ? { code: item.code, version: item.version, flow: item.flow } : null);

/** Each event with the state just before it, replaying `events` from `start`. */
function pairs(start: CaseState, events: CaseEvent[], item: PowerItemVersion | null) {
  const out: { before: CaseState; event: CaseEvent }[] = [];
  let s = start;
  for (const e of [...events].sort(compareEvents)) {
    out.push({ before: s, event: e });
    s = evolve(s, e, foldItem(item));
  }
  return out;
}

/**
 * The supervision observer (interface standard §4: event-based rules run as each event is
 * stored): runs in the transaction that stores the events, raises the event findings and
 * the time findings that already hold, withdraws those a refold made untrue, and returns
 * the case's next check instant (cases.next_check_at).
 */
export async function superviseCaseChange(ctx: AppContext, change: CaseChange): Promise<{ nextCheckAt: Date | null }> {
  const { q, after, now } = change;
  const dept = await q.query<{ region_code: string }>('SELECT region_code FROM departments WHERE code = $1', [after.departmentCode]);
  const regionCode = dept[0]?.region_code ?? null;
  const settings = await loadSupervisionSettings(q);
  const c: CaseRef = { caseId: change.caseId, caseNo: after.caseNo, departmentCode: after.departmentCode, regionCode, itemCode: after.itemCode };
  let events = change.newEvents;
  if (change.refolded) {
    const stored = await loadCaseEvents(q, change.caseId);
    const ids = new Set(stored.map((e) => e.eventId));
    events = [...stored, ...change.newEvents.filter((e) => !ids.has(e.eventId))];
  }
  const rc: RuleContext = ruleContext({
    item: change.item, calendar: ctx.calendars.forRegion(regionCode), overrides: await loadOverrides(q, [regionCode]), regionCode,
    officers: await loadOfficers(q, events), conflicts: change.conflicts,
  });
  const start = change.refolded || !change.before ? initialState(after.caseNo, after.departmentCode) : change.before;
  const eventFindings = runEventRules(pairs(start, events, change.item), rc);
  const time = evaluateTime(after, rc, now);
  const active = await activeAlertsFor(q, 'case', [change.caseId]);
  if (change.refolded) {
    const holding = new Set(eventFindings.filter((f) => stillHolds(f.code, f.step, after, rc)).map((f) => key(f.code, f.step)));
    await withdrawStale(q, active.filter((a) => a.code !== 'DATA_MODIFIED'), REFOLD_CODES, holding, WITHDRAW_REASON, now);
  }
  await withdrawStale(q, active, TIME_CODES, new Set(time.findings.map((f) => key(f.code, f.step))), change.refolded ? WITHDRAW_REASON : CLOCK_REASON, now);
  await insertAlerts(q, [
    ...eventFindings.map((f) => caseAlert(ctx, settings, c, f, now, { skipIfClosed: change.refolded })),
    ...time.findings.map((f) => caseAlert(ctx, settings, c, f, now, { skipIfClosed: true })),
  ], now);
  return { nextCheckAt: time.nextCheckAt };
}
