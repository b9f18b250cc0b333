import { formatChinaTime } from '../../calendar/day-index.js';
import type { DeadlineResult, Suspension } from '../../calendar/calendar.types.js';
import type { CaseState } from '../../cases/case.types.js';
import { finding, stepName, type RuleContext, type TimeRule } from '../rule.types.js';
import { responsibleForTime } from '../responsible.js';
import { applicationAcceptanceOverdue } from './acceptance.rules.js';

/** Time rules judge a concluded case as of its conclusion (§1: a concluded case has no light). */
export const effectiveAt = (s: CaseState, at: Date): Date =>
  s.concludedAt && s.concludedAt.getTime() < at.getTime() ? s.concludedAt : at;

const live = (s: CaseState) => s.status !== 'none' && s.acceptedAt !== null;

/** Open suspensions count as running until `at` (the clock is stopped while suspended). */
function suspensionsAsOf(s: CaseState, at: Date, from?: Date): Suspension[] {
  // Only what had begun by `at` counts, and none of it past `at` (a step completed before a suspension).
  return s.suspensions
    .filter((x) => x.from.getTime() < at.getTime() && (!from || (x.to ?? at).getTime() > from.getTime()))
    .map((x) => ({ from: x.from, to: x.to && x.to.getTime() < at.getTime() ? x.to : at }));
}

export interface CaseDeadlines {
  promised: DeadlineResult | null;
  legal: DeadlineResult | null;
}

// Several rules ask for the same deadlines of the same state and instant: computed once.
const memo = new WeakMap<CaseState, Map<string, unknown>>();
function once<T>(s: CaseState, key: string, f: () => T): T {
  let m = memo.get(s);
  if (!m) memo.set(s, (m = new Map()));
  if (!m.has(key)) m.set(key, f());
  return m.get(key) as T;
}

/** §1: the promised and legal due instants, with extensions and suspensions, as of `at`. */
export function caseDeadlines(s: CaseState, ctx: RuleContext, at: Date): CaseDeadlines {
  return once(s, `d|${at.getTime()}|${ctx.item?.code}|${ctx.item?.version}`, () => computeCaseDeadlines(s, ctx, at));
}

function computeCaseDeadlines(s: CaseState, ctx: RuleContext, at: Date): CaseDeadlines {
  if (!live(s) || !ctx.item) return { promised: null, legal: null };
  const susp = suspensionsAsOf(s, at);
  const mk = (days: number) => days > 0
    ? ctx.calendar.deadline({ start: s.acceptedAt!, workingDays: days, extensionDays: s.extensionDays, suspensions: susp }) : null;
  return { promised: mk(ctx.item.promisedLimitDays), legal: mk(ctx.item.legalLimitDays) };
}

export interface StepDeadline { step: string; startedAt: Date; completedAt: Date | null; dueAt: Date }

/** §4 STEP_OVERDUE: each step's limit counted from its start (the previous step's completion, or registration). */
export function stepDeadlines(s: CaseState, ctx: RuleContext, at: Date): StepDeadline[] {
  return once(s, `s|${at.getTime()}|${ctx.item?.code}|${ctx.item?.version}`, () => computeStepDeadlines(s, ctx, at));
}

function computeStepDeadlines(s: CaseState, ctx: RuleContext, at: Date): StepDeadline[] {
  const steps = ctx.item?.flow?.steps ?? [];
  if (!live(s) || !steps.length) return [];
  const limit = (key: string) => steps.find((x) => x.key === key)?.limitDays ?? 0;
  const out: StepDeadline[] = [];
  const seen = new Set<string>();
  const add = (step: string, startedAt: Date, completedAt: Date | null) => {
    const days = limit(step);
    if (days <= 0) return;
    const end = completedAt ?? at;
    const d = ctx.calendar.deadline({ start: startedAt, workingDays: days, suspensions: suspensionsAsOf(s, end, startedAt) });
    out.push({ step, startedAt, completedAt, dueAt: d.dueAt });
    seen.add(step);
  };
  for (const r of s.steps) add(r.step, r.startedAt, r.completedAt);
  if (s.currentStep && s.currentStepStartedAt && !s.steps.some((r) => r.step === s.currentStep && r.completedAt === null)) {
    add(s.currentStep, s.currentStepStartedAt, null);
  }
  return out;
}

const after = (d: Date | null | undefined, t: Date) => (d && d.getTime() > t.getTime() ? d : null);
const minDate = (ds: (Date | null)[]) => ds.filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
/** While suspended or concluded nothing new can fall due; the next event wakes the case. */
const dormant = (s: CaseState) => !live(s) || s.status === 'suspended' || s.status === 'concluded';

// 成都办法 第八条: 时限即将到期发出黄色预警; 盐城电子监察办法 第十一条(一): 时限预警
export const deadlineWarning: TimeRule = {
  code: 'DEADLINE_WARNING',
  evaluate(s, ctx, at) {
    const t = effectiveAt(s, at);
    const p = caseDeadlines(s, ctx, t).promised;
    return p && t.getTime() >= p.warnAt.getTime()
      ? [finding(ctx, 'DEADLINE_WARNING', null, [`临近时限: 承诺时限 ${formatChinaTime(p.dueAt)} 即将到期 (自 ${formatChinaTime(p.warnAt)} 起预警)`, `Deadline near: promised limit ${formatChinaTime(p.dueAt)}, yellow period since ${formatChinaTime(p.warnAt)}`], { warnAt: p.warnAt, dueAt: p.dueAt })]
      : [];
  },
  nextCheck(s, ctx, at) {
    if (dormant(s)) return null;
    return after(caseDeadlines(s, ctx, at).promised?.warnAt, at);
  },
};

/** Red when the case is unconcluded at a due instant (or was concluded after it). */
function overdueRule(code: 'DEADLINE_OVERDUE' | 'LEGAL_LIMIT_OVERDUE', clock: keyof CaseDeadlines, message: (due: string) => readonly [string, string]): TimeRule {
  return {
    code,
    evaluate(s, ctx, at) {
      const t = effectiveAt(s, at);
      const d = caseDeadlines(s, ctx, t)[clock];
      const over = d && (s.concludedAt ? t.getTime() > d.dueAt.getTime() : t.getTime() >= d.dueAt.getTime());
      return over ? [finding(ctx, code, null, message(formatChinaTime(d!.dueAt)), { dueAt: d!.dueAt })] : [];
    },
    nextCheck(s, ctx, at) {
      if (dormant(s)) return null;
      return after(caseDeadlines(s, ctx, at)[clock]?.dueAt, at);
    },
  };
}

// 成都办法 第八条: 超时发出红色纠错信号; 四川电子监察办法 第十条(二)3: 超过对外公开承诺的时限
export const deadlineOverdue = overdueRule('DEADLINE_OVERDUE', 'promised', (due) => [`超承诺时限: 应于 ${due} 前办结`, `Promised limit passed: due ${due}`]);

// 四川电子监察办法 第十条(二)3: 运行环节有无超过法定时限
export const legalLimitOverdue = overdueRule('LEGAL_LIMIT_OVERDUE', 'legal', (due) => [`超法定时限: 法定时限 ${due} 已过`, `Legal limit passed: due ${due}`]);

// 盐城电子监察办法 第十一条(一): 权力节点实际时间与节点时限对比; 四川电子监察办法 第十条(二)3
export const stepOverdue: TimeRule = {
  code: 'STEP_OVERDUE',
  evaluate(s, ctx, at) {
    const t = effectiveAt(s, at);
    return stepDeadlines(s, ctx, t)
      .filter((d) => (d.completedAt ? d.completedAt.getTime() > d.dueAt.getTime() : t.getTime() >= d.dueAt.getTime()))
      .filter((d, i, all) => all.findIndex((x) => x.step === d.step) === i)
      .map((d) => finding(ctx, 'STEP_OVERDUE', d.step, [`环节超时: 环节「${stepName(ctx, d.step)}」应于 ${formatChinaTime(d.dueAt)} 前完成`, `Step overdue: step ${d.step} was due ${formatChinaTime(d.dueAt)}`], { dueAt: d.dueAt }));
  },
  nextCheck(s, ctx, at) {
    if (dormant(s)) return null;
    return minDate(stepDeadlines(s, ctx, at).filter((d) => !d.completedAt).map((d) => after(d.dueAt, at)));
  },
};

export const TIME_RULES: TimeRule[] = [deadlineWarning, deadlineOverdue, legalLimitOverdue, stepOverdue, applicationAcceptanceOverdue];

/** All time findings holding at `at` and the next instant to look (the case's next_check_at). */
export function evaluateTime(s: CaseState, ctx: RuleContext, at: Date): { findings: ReturnType<TimeRule['evaluate']>; nextCheckAt: Date | null } {
  const rules = TIME_RULES.filter((r) => ctx.setting(r.code).enabled);
  return {
    findings: rules.flatMap((r) => r.evaluate(s, ctx, at)).map((f) => ({ ...f, responsible: responsibleForTime(f, s, ctx.item) })),
    nextCheckAt: minDate(rules.map((r) => r.nextCheck(s, ctx, at))),
  };
}
