/** Builders for the pure rule tests (no I/O): states, events, items, a Monday–Friday calendar. */
import type { WorkingCalendar } from '../../calendar/calendar.types.js';
import type { CaseEvent, CaseState, EventDataMap, EventType } from '../../cases/case.types.js';
import type { PowerItemVersion } from '../../catalog/item.types.js';
import { resolveSetting, type RuleOverride } from '../overrides.js';
import type { OfficerInfo, RuleContext } from '../rule.types.js';

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const dayOf = (d: Date) => new Date(d.getTime() + CST).toISOString().slice(0, 10);
const endOfDay = (date: string) => new Date(Date.parse(date + 'T00:00:00Z') - CST + DAY);
const next = (d: string) => new Date(Date.parse(d + 'T00:00:00Z') + DAY).toISOString().slice(0, 10);

/** Monday–Friday, with §1 suspension: a day still suspended at 24:00 is not counted. */
export function weekdayCalendar(holidays: string[] = []): WorkingCalendar {
  const isWorkingDay = (d: string) => new Date(d + 'T00:00:00Z').getUTCDay() % 6 !== 0 && !holidays.includes(d);
  return {
    version: 1, regionCode: null, isWorkingDay,
    dayInfo: (date) => ({ date, working: isWorkingDay(date), kind: isWorkingDay(date) ? 'workday' : 'weekend', name: null, provisional: false }),
    deadline(input) {
      // like the real engine: a suspension cannot end before it begins
      if ((input.suspensions ?? []).some((s) => s.to && s.to.getTime() < s.from.getTime())) throw new Error('suspensions: 恢复时间早于暂停时间');
      const n = input.workingDays + (input.extensionDays ?? 0);
      const w = Math.max(1, Math.floor(n / 5));
      const suspendedAt = (d: string) => (input.suspensions ?? []).some((s) => s.from.getTime() < endOfDay(d).getTime() && (!s.to || s.to.getTime() >= endOfDay(d).getTime()));
      let d = dayOf(input.start);
      let counted = 0;
      let warn = n - w <= 0 ? endOfDay(d) : null;
      while (counted < n) {
        d = next(d);
        if (isWorkingDay(d) && !suspendedAt(d)) counted++;
        if (!warn && counted === n - w) warn = endOfDay(d);
      }
      return { dueAt: endOfDay(d), warnAt: warn ?? endOfDay(d), provisional: false, calendarVersion: 1,
        explanation: { start: input.start.toISOString(), workingDays: input.workingDays, extensionDays: input.extensionDays ?? 0, countedDays: null,
          skippedWeekends: 0, skippedHolidays: [], makeupDaysCounted: [], suspendedDays: [], calendarVersion: 1, regionCode: null, provisionalYears: [] } };
    },
    workingDaysBetween(from, to) {
      let n = 0;
      for (let d = dayOf(from); d < dayOf(to);) { d = next(d); if (isWorkingDay(d)) n++; }
      return n;
    },
    rollForward(date) { let d = date; while (!isWorkingDay(d)) d = next(d); return d; },
  };
}

export const T = (s: string) => new Date(s);

export function item(over: Partial<PowerItemVersion> = {}): PowerItemVersion {
  return {
    code: 'ITEM-1', name: '对未依法取得排污许可证排放污染物的处罚', category: 'penalty', departmentCode: '511702-STJ', regionCode: '511702',
    legalBasis: [{ law: '中华人民共和国环境保护法', article: '第六十三条' }], legalLimitDays: 15, promisedLimitDays: 10,
    fees: [{ code: 'F1', name: '工本费', amount: 10 }], materials: ['申请书'], remedies: '行政复议或行政诉讼', confidential: false,
    flow: {
      steps: [
        { key: 'register', name: '立案', limitDays: 2 },
        { key: 'investigate', name: '调查取证', limitDays: 5 },
        { key: 'decide', name: '决定', limitDays: 3, evidenceRequired: true },
      ],
      rollbacks: [['decide', 'investigate']],
    },
    discretion: [
      { circumstance: '轻微', kind: 'fine', min: 0, max: 20000 },
      { circumstance: '一般', kind: 'fine', min: 20000, max: 100000 },
    ],
    status: 'in_force', version: 1, effectiveFrom: T('2026-01-01T00:00:00+08:00'),
    ...over,
  };
}

export function state(over: Partial<CaseState> = {}): CaseState {
  return {
    caseNo: 'C-1', departmentCode: '511702-STJ', itemCode: 'ITEM-1', itemVersion: 1, status: 'open', conclusion: null,
    acceptedAt: T('2026-03-02T10:00:00+08:00'), concludedAt: null, counterparty: { kind: 'person', name: '张三' }, channel: 'window',
    currentStep: 'register', currentStepStartedAt: T('2026-03-02T10:00:00+08:00'), steps: [], suspensions: [], extensionDays: 0, extensions: [],
    corrections: [], returns: [], evidence: {}, decision: null, executions: [], fees: [], eventCount: 1, lastEventAt: T('2026-03-02T10:00:00+08:00'),
    ...over,
  };
}

export const blankState = (): CaseState => state({ status: 'none', acceptedAt: null, currentStep: null, currentStepStartedAt: null, itemCode: null, eventCount: 0 });

let seq = 0;
export function ev<K extends EventType>(type: K, data: EventDataMap[K], o: { at?: string; receivedAt?: string; actor?: CaseEvent['actor']; eventId?: string } = {}): CaseEvent {
  const occurredAt = T(o.at ?? '2026-03-03T10:00:00+08:00');
  return {
    eventId: o.eventId ?? `e${++seq}`, caseNo: 'C-1', type, occurredAt, actor: o.actor ?? { id: 'o-17', name: '李明', certificateNo: '51170220260017' },
    data, departmentCode: '511702-STJ', receivedAt: o.receivedAt ? T(o.receivedAt) : occurredAt, seq, source: 'exchange',
  } as CaseEvent;
}

export function ruleCtx(o: { item?: PowerItemVersion | null; officers?: OfficerInfo[]; overrides?: RuleOverride[]; conflicts?: RuleContext['conflicts']; itemStatus?: RuleContext['itemStatus'] } = {}): RuleContext {
  const it = o.item === undefined ? item() : o.item;
  const officers: Record<string, OfficerInfo> = {};
  for (const of of o.officers ?? [{ id: 'o-17', departmentCode: '511702-STJ', certificateNo: '51170220260017', validUntil: '2028-12-31' }]) {
    officers[of.id] = of;
    if (of.certificateNo) officers[of.certificateNo] = of;
  }
  return {
    item: it, itemStatus: o.itemStatus === undefined ? (it ? it.status : null) : o.itemStatus,
    calendar: weekdayCalendar(), officers, conflicts: o.conflicts ?? [],
    setting: (code) => resolveSetting(o.overrides ?? [], code, '511702'),
  };
}
