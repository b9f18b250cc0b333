import type { CaseEvent, CaseState } from '../cases/case.types.js';
import type { PowerItemVersion } from '../catalog/item.types.js';
import type { Finding, Responsible } from './codes.js';

/**
 * 盐城电子监察办法 第二十二条 (电子监察显示有关人员存在过错的 … 进行调查) and 第十七条 (对各部门、
 * 各岗位 … 进行比较和综合评价): each finding names the officer and post responsible, so that
 * departments, posts and persons can be scored.
 */

/** The officer an actor is: the workbench's linked officer; an exchange actor's id (§3: the officer's id); none for an account without officer. */
const officerIdOf = (a: { id: string; officerId?: string; accountId?: string }): string | null => a.officerId ?? (a.accountId ? null : a.id);

const postOf = (item: PowerItemVersion | null, step: string | null | undefined): string | null =>
  (step ? item?.flow?.steps.find((s) => s.key === step)?.post : undefined) ?? null;

/** An event finding: the person of the event that caused it, at the post it recorded, else the post of the step concerned. */
export function responsibleForEvent(f: Finding, event: CaseEvent, before: CaseState, item: PowerItemVersion | null): Responsible {
  const step = f.step ?? (event.type === 'step.completed' ? (event.data as { step: string }).step : before.currentStep);
  return { officerId: officerIdOf(event.actor), officerName: event.actor.name, post: event.actor.post ?? postOf(item, step) };
}

/** A time finding: the post of the step that is late (the step now open for a case-wide deadline) and the officer who last acted. */
export function responsibleForTime(f: Finding, s: CaseState, item: PowerItemVersion | null): Responsible {
  // an application left waiting is the department's, not the applicant's who acted last
  if (f.code === 'APPLICATION_ACCEPTANCE_OVERDUE') return { officerId: null, officerName: null, post: null };
  const a = s.lastActor;
  return { officerId: a?.officerId ?? null, officerName: a?.name ?? null, post: postOf(item, f.step ?? s.currentStep) };
}
