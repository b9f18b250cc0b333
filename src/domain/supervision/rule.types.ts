import type { WorkingCalendar } from '../calendar/calendar.types.js';
import type { CaseEvent, CaseState, EventType } from '../cases/case.types.js';
import type { ItemStatus, PowerItemVersion } from '../catalog/item.types.js';
import type { AlertCode, AlertLevel, Finding } from './codes.js';

/** An officer record as UNQUALIFIED_OFFICER and POST_MISMATCH need it (loaded before the rules run). */
export interface OfficerInfo {
  id: string;
  departmentCode: string;
  certificateNo: string | null;
  /** Last valid day 'YYYY-MM-DD' (China Standard Time), null when no certificate. */
  validUntil: string | null;
  /** The flow posts the officer holds (§2 officers[].posts); empty or absent: none listed. */
  posts?: string[];
  /** The officer's department's stand-ins: post → the posts that may stand in for it (顶岗). */
  standIns?: Record<string, string[]>;
}

/** A rule's effective settings in a region (the default, or the nearest region's override). */
export interface RuleSetting {
  enabled: boolean;
  level: AlertLevel;
  /** Rule-specific number (hours for LATE_ENTRY/LATE_EXCHANGE), or null for the default. */
  threshold: number | null;
}

/** Everything a rule reads besides the case: loaded by the service, passed in. */
export interface RuleContext {
  /** The item version the case is judged by (in force at registration), or null if unknown. */
  item: PowerItemVersion | null;
  /** The item's status at registration (null: unknown code). */
  itemStatus: ItemStatus | null;
  calendar: WorkingCalendar;
  /** Officers of the acting people, by actor id and by certificate number. */
  officers: Record<string, OfficerInfo>;
  /** eventIds resent with different content in this change (DATA_MODIFIED). */
  conflicts: { eventId: string; type: string; occurredAt: Date }[];
  setting(code: AlertCode): RuleSetting;
}

/** A rule that runs as each event is stored: `state` is the case just BEFORE `event`. */
export interface EventRule {
  code: AlertCode;
  on: readonly EventType[];
  check(state: CaseState, event: CaseEvent, ctx: RuleContext): Finding[];
  /**
   * Its findings have no step, so a case has at most one of them (runEventRules keeps the first):
   * once one is found, the case's later events are not checked against it.
   */
  stepless?: true;
  /**
   * Whether a raised finding still holds on the case as it now stands (after a late
   * event refolded it). Absent: findings of this rule are facts that stay true.
   */
  holds?(after: CaseState, finding: { step: string | null }, ctx: RuleContext): boolean;
}

/** A rule over time: which findings hold `at` an instant, and when to look next. */
export interface TimeRule {
  code: AlertCode;
  evaluate(state: CaseState, ctx: RuleContext, at: Date): Finding[];
  /** The next instant after `at` at which evaluate may give something new (null: none). */
  nextCheck(state: CaseState, ctx: RuleContext, at: Date): Date | null;
}

/**
 * A finding. Its message is Chinese (what people read); given as [中文, English] the English
 * form travels in `details.messageEn` for the UI's English mode.
 */
export const finding = (ctx: RuleContext, code: AlertCode, step: string | null, message: string | readonly [string, string], details?: Record<string, unknown>): Finding => {
  const [zh, en] = typeof message === 'string' ? splitAside(message) : message;
  const named = step ? { ...details, stepName: stepName(ctx, step) } : details;
  const d = en ? { ...named, messageEn: en } : named;
  return { code, level: ctx.setting(code).level, step, message: zh, ...(d ? { details: d } : {}) };
};

/** "中文 (English aside)" → ["中文", "中文 (English aside)"]: the reader of Chinese gets no English. */
export function splitAside(text: string): [string, string | null] {
  const m = /^(.*?)\s*\(([\x20-\x7e]*[a-z]{3}[\x20-\x7e]*)\)\s*$/s.exec(text);
  return m ? [m[1]!, text] : [text, null];
}

/** A step as people know it: its name in the item's flow (「告知」), else its key. */
export const stepName = (ctx: RuleContext, key: string | null | undefined): string =>
  !key ? '（无）' : ctx.item?.flow?.steps.find((s) => s.key === key)?.name ?? key;

/** Event types by their Chinese names (for findings about a reported event). */
export const EVENT_NAMES: Record<string, string> = {
  'application.submitted': '网上申请', 'correction.answered': '补正材料提交', 'case.registered': '受理/立案', 'step.completed': '环节办结', 'case.returned': '回退', 'correction.requested': '补正告知',
  'case.suspended': '暂停', 'case.resumed': '恢复', 'case.extended': '延期', 'evidence.attached': '上传证据',
  'evidence.removed': '移除证据', 'case.decided': '作出决定', 'case.rejected': '不予受理', 'case.terminated': '终止',
  'penalty.executed': '执行', 'fee.charged': '收费', 'case.closed': '办结',
};
