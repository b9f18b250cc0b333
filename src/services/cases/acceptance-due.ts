import type { CaseState } from '../../domain/cases/case.types.js';
import { resolveSetting } from '../../domain/supervision/overrides.js';
import type { RuleContext } from '../../domain/supervision/rule.types.js';
import { acceptancePhases } from '../../domain/supervision/rules/acceptance.rules.js';
import type { Queryable } from '../../store/db.js';
import { loadOverrides } from '../../store/supervision/rule-settings.store.js';
import type { AppContext } from '../context.js';

/**
 * 受理期限 of an application waiting 待受理 (the instant APPLICATION_ACCEPTANCE_OVERDUE falls due, with
 * the region's threshold); null when it is not waiting or its clock is stopped by a correction notice.
 */
export async function acceptanceDueAt(q: Queryable, ctx: AppContext, s: CaseState, regionCode: string | null): Promise<Date | null> {
  if (s.status !== 'submitted' || !s.submittedAt) return null;
  const overrides = await loadOverrides(q, [regionCode]);
  const rc = { calendar: ctx.calendars.forRegion(regionCode), setting: (code) => resolveSetting(overrides, code, regionCode) } as Pick<RuleContext, 'calendar' | 'setting'> as RuleContext;
  return acceptancePhases(s, rc).find((p) => !p.end)?.dueAt ?? null;
}
