import type { CaseEvent, CaseState } from '../../cases/case.types.js';
import type { Finding } from '../codes.js';
import type { EventRule, RuleContext } from '../rule.types.js';
import { responsibleForEvent } from '../responsible.js';
import { dataModified, lateEntry, lateExchange, unlistedPower } from './entry.rules.js';
import { evidenceAltered, evidenceMissing } from './evidence.rules.js';
import { discretionOutOfRange, executionMismatch, feeIrregular, unqualifiedOfficer } from './penalty.rules.js';
import { postMismatch } from './post.rules.js';
import { riskPointTriggered } from './risk.rules.js';
import { irregularRollback, negativeOpinionWithoutReason, procedureViolation, repeatedCorrection } from './procedure.rules.js';
import { denialWithoutReason, missingLegalBasis, rejectionWithoutReason, suspensionWithoutReason, terminationWithoutReason } from './reason.rules.js';

export { evaluateTime, TIME_RULES, caseDeadlines, stepDeadlines } from './time.rules.js';
export { dataModified } from './entry.rules.js';

/** 监察规则库: every event rule of §4. */
export const EVENT_RULES: EventRule[] = [
  unlistedPower, lateEntry, lateExchange, procedureViolation, negativeOpinionWithoutReason, irregularRollback,
  repeatedCorrection, suspensionWithoutReason, rejectionWithoutReason, denialWithoutReason, terminationWithoutReason,
  missingLegalBasis, evidenceMissing, evidenceAltered, discretionOutOfRange, executionMismatch, feeIrregular, unqualifiedOfficer,
  postMismatch, riskPointTriggered,
];

/**
 * Runs the event rules over stored events, each with the case state just before it
 * (pairs in fold order), plus DATA_MODIFIED from the change's conflicts. Duplicate
 * findings (same code and step) are kept once. Each finding names who is responsible.
 */
export function runEventRules(steps: { before: CaseState; event: CaseEvent }[], ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const push = (f: Finding) => {
    const k = `${f.code}|${f.step ?? ''}`;
    if (!seen.has(k)) { seen.add(k); out.push(f); }
  };
  for (const { before, event } of steps) {
    for (const r of EVENT_RULES) {
      if (!r.on.includes(event.type) || (r.stepless && seen.has(`${r.code}|`)) || !ctx.setting(r.code).enabled) continue;
      for (const f of r.check(before, event, ctx)) push({ ...f, responsible: responsibleForEvent(f, event, before, ctx.item) });
    }
  }
  if (ctx.setting('DATA_MODIFIED').enabled) dataModified(ctx).forEach(push);
  return out;
}

/** For a refolded case: whether an open finding of an event rule still holds on the case as it stands. */
export function stillHolds(code: string, step: string | null, after: CaseState, ctx: RuleContext): boolean {
  const r = EVENT_RULES.find((x) => x.code === code);
  return !r?.holds || r.holds(after, { step }, ctx);
}
