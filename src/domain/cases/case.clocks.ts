import type { DeadlineResult, Suspension, WorkingCalendar } from '../calendar/calendar.types.js';
import type { PowerItemVersion } from '../catalog/item.types.js';
import type { CaseState } from './case.types.js';

export type Light = 'green' | 'yellow' | 'red' | 'none';
export type CaseClockKind = 'promised' | 'legal' | 'step';

/** The inputs of one case clock (what `setClock` stores, owner kind 'case'). */
export interface CaseClockSpec {
  kind: CaseClockKind;
  start: Date;
  workingDays: number;
  extensionDays: number;
  suspensions: Suspension[];
}

const spans = (s: CaseState): Suspension[] => s.suspensions.map((x) => ({ from: x.from, to: x.to }));

/**
 * The clocks of a case (§1): promised and legal limits from acceptance (期间开始之日不计算在内),
 * extensions add their working days, suspensions stop them; the current step's limit from
 * the step's start (the previous step's completion; the first from registration).
 */
export function caseClockSpecs(s: CaseState, item: Pick<PowerItemVersion, 'promisedLimitDays' | 'legalLimitDays' | 'flow'> | null): CaseClockSpec[] {
  if (!item || !s.acceptedAt) return [];
  const out: CaseClockSpec[] = [];
  const susp = spans(s);
  // 达州意见 三(六): 在法律、法规规定的时限内办理; 承诺时限 from the published catalog
  if (item.promisedLimitDays > 0) out.push({ kind: 'promised', start: s.acceptedAt, workingDays: item.promisedLimitDays, extensionDays: s.extensionDays, suspensions: susp });
  if (item.legalLimitDays > 0) out.push({ kind: 'legal', start: s.acceptedAt, workingDays: item.legalLimitDays, extensionDays: s.extensionDays, suspensions: susp });
  const step = s.currentStep ? item.flow?.steps.find((x) => x.key === s.currentStep) : undefined;
  if (step && s.currentStepStartedAt && step.limitDays > 0 && s.status !== 'concluded') {
    out.push({ kind: 'step', start: s.currentStepStartedAt, workingDays: step.limitDays, extensionDays: 0, suspensions: susp.filter((x) => !x.to || x.to > s.currentStepStartedAt!) });
  }
  return out;
}

export interface CaseDeadlines {
  promised: DeadlineResult | null;
  legal: DeadlineResult | null;
  step: DeadlineResult | null;
}

export function computeDeadlines(cal: WorkingCalendar, specs: CaseClockSpec[]): CaseDeadlines {
  const out: CaseDeadlines = { promised: null, legal: null, step: null };
  for (const sp of specs) out[sp.kind] = cal.deadline({ start: sp.start, workingDays: sp.workingDays, extensionDays: sp.extensionDays, suspensions: sp.suspensions });
  return out;
}

/**
 * 成都办法 第八条: yellow (预警) when the limit is about to fall due, red (纠错) when overdue;
 * §1: yellow from warnAt, red from dueAt, none once concluded (or before registration).
 */
export function lightAt(
  status: CaseState['status'],
  d: { warnAt: Date | null; dueAt: Date | null; legalDueAt: Date | null },
  at: Date,
): Light {
  if (status === 'concluded' || status === 'none' || status === 'submitted') return 'none';
  const t = at.getTime();
  if ((d.dueAt && t >= d.dueAt.getTime()) || (d.legalDueAt && t >= d.legalDueAt.getTime())) return 'red';
  if (d.warnAt && t >= d.warnAt.getTime()) return 'yellow';
  return 'green';
}

/** Working days left until `due` (negative when overdue), for lists (剩余工作日). */
export function daysLeft(cal: WorkingCalendar, at: Date, due: Date | null): number | null {
  if (!due) return null;
  if (due.getTime() > at.getTime()) return cal.workingDaysBetween(at, new Date(due.getTime() - 1));
  return -cal.workingDaysBetween(due, at);
}
