import type { CaseState, EventDataMap } from '../../cases/case.types.js';
import { failedChecks, RISK_CHECKS, RISK_GRADES, type RiskCheck, type StepFacts } from '../../catalog/risk-points.js';
import type { FlowStep } from '../../catalog/item.types.js';
import { finding, type EventRule, type RuleContext } from '../rule.types.js';

/** A step at the legal review post (法制审核): its post or its name names 法制. */
const isLegalReview = (s: FlowStep | undefined) => !!s && (/法制/.test(s.post ?? '') || /法制/.test(s.name));

/** What the checks read when `step` is completed at `at` on the case `before` (the state just before). */
export function stepFacts(before: CaseState, step: FlowStep, at: Date, actorId: string, opinionText: string, ctx: RuleContext): StepFacts {
  const rec = before.steps.findLast((r) => r.step === step.key && r.completedAt === null);
  const startedAt = rec?.startedAt ?? (before.currentStep === step.key ? before.currentStepStartedAt : null);
  let withinLimit: boolean | null = null;
  if (startedAt && step.limitDays > 0) {
    const suspensions = before.suspensions
      .filter((x) => x.from.getTime() < at.getTime() && (x.to ?? at).getTime() > startedAt.getTime())
      .map((x) => ({ from: x.from, to: x.to && x.to.getTime() < at.getTime() ? x.to : at }));
    const due = ctx.calendar.deadline({ start: startedAt, workingDays: step.limitDays, suspensions }).dueAt;
    withinLimit = at.getTime() <= due.getTime();
  }
  const steps = ctx.item?.flow?.steps ?? [];
  const legalReviewWithOpinion = before.steps.some((r) => r.completedAt !== null && r.completedAt.getTime() <= at.getTime()
    && isLegalReview(steps.find((s) => s.key === r.step)) && !!r.text?.trim());
  const actors = new Set([...(before.stepActors ?? []), actorId]).size;
  const evidenceCount = Object.values(before.evidence).filter((e) => e.removedAt === null && e.attachedAt.getTime() <= at.getTime()).length;
  return { withinLimit, evidenceCount, legalReviewWithOpinion, opinionText, actors };
}

// 盐城电子监察办法 第十一条(三): 廉政风险预警; 川 平台办法 第五条(三): 风险点、监察点 — a step completed
// while a control its risk points require is missing raises one warning for the step, red for a 高 risk.
export const riskPointTriggered: EventRule = {
  code: 'RISK_POINT_TRIGGERED',
  on: ['step.completed'],
  check(before, e, ctx) {
    const d = e.data as EventDataMap['step.completed'];
    const step = ctx.item?.flow?.steps.find((s) => s.key === d.step);
    if (!step?.riskControls?.length) return [];
    const facts = stepFacts(before, step, e.occurredAt, e.actor.id, d.opinion?.text ?? '', ctx);
    const failed = step.riskControls
      .map((c) => ({ c, missing: failedChecks(c, facts) }))
      .filter((x) => x.missing.length > 0);
    if (!failed.length) return [];
    const names = (ks: RiskCheck[]) => ks.map((k) => RISK_CHECKS[k]).join('、');
    const zh = failed.map(({ c, missing }) => `「${c.point}」（${RISK_GRADES[c.grade]}风险）缺少${names(missing)}`).join('；');
    const en = failed.map(({ c, missing }) => `${c.point} (${c.grade}): missing ${missing.join(', ')}`).join('; ');
    const f = finding(ctx, 'RISK_POINT_TRIGGERED', step.key, [`廉政风险预警: 「${step.name}」环节办结时${zh}`, `Integrity risk warning at step ${step.key}: ${en}`], {
      controls: failed.map(({ c, missing }) => ({ point: c.point, grade: c.grade, measures: c.measures, missing })),
    });
    // a 高 risk point passed without its control is red whatever the default (a region may still tighten the rest)
    return [failed.some((x) => x.c.grade === 'high') ? { ...f, level: 'red' } : f];
  },
};
