import type { Queryable } from '../../store/db.js';
import { getCase, lockCaseKeys, upsertCases } from '../../store/case.store.js';
import type { AppContext, ClockMove } from '../context.js';
import { projectCases, type ProjectArgs } from './case-projection.js';

/**
 * A calendar change moved some case clocks (§1: open cases are recomputed, concluded keep
 * theirs): refresh those cases' projection (dueAt, light) and let the observers look again.
 */
export async function refreshCases(q: Queryable, ctx: AppContext, caseIds: string[]): Promise<number> {
  const args: ProjectArgs[] = [];
  for (const id of [...new Set(caseIds)].sort()) {
    const seen = await getCase(q, id);
    if (!seen || seen.status === 'concluded') continue;
    await lockCaseKeys(q, seen.departmentCode, [seen.caseNo]);
    const c = (await getCase(q, id))!; // as it stands once no push is writing it
    args.push({
      id, existing: c, before: c.state, after: c.state, item: c.item, newEvents: [], refolded: false, conflicts: [],
      now: ctx.clock.now(), regionCode: c.regionCode, queryCode: c.queryCode, handlerId: c.handlerId,
    });
  }
  await upsertCases(q, await projectCases(q, ctx, args));
  return args.length;
}

export function onClocksMoved(ctx: AppContext) {
  return async (q: Queryable, moves: ClockMove[]): Promise<void> => {
    const ids = moves.filter((m) => m.ownerKind === 'case').map((m) => m.ownerId);
    if (ids.length) await refreshCases(q, ctx, ids);
  };
}
