import { addDisclosureListener } from '../catalog/disclosure-alerts.js';
import type { AppContext, ClockMove } from '../context.js';
import type { Queryable } from '../../store/db.js';
import { prepareSupervision, superviseCaseChange, superviseCaseChanges, type PreparedFacts } from './case-supervision.js';
import { clearItemAlert, raiseItemAlert } from './item-alerts.js';

/** Moves the stored deadlines of orders and complaints when the calendar moved their clocks. */
export async function onSupervisionClocksMoved(q: Queryable, moves: ClockMove[]): Promise<void> {
  for (const m of moves) {
    if (m.ownerKind === 'order' && m.kind === 'response') {
      await q.query(`UPDATE supervision_orders SET due_at = $2 WHERE id = $1 AND status IN ('issued', 'returned')`, [m.ownerId, m.toDueAt]);
    } else if (m.ownerKind === 'complaint' && m.kind === 'acceptance') {
      await q.query(`UPDATE complaints SET acceptance_due_at = $2 WHERE id = $1 AND status = 'submitted'`, [m.ownerId, m.toDueAt]);
    } else if (m.ownerKind === 'complaint' && m.kind === 'transfer') {
      await q.query(`UPDATE complaints SET transfer_due_at = $2 WHERE id = $1 AND status = 'transferred'`, [m.ownerId, m.toDueAt]);
    }
  }
}

/** Wires supervision into the platform: the case observer, the disclosure listener, the clock handler. */
export function registerSupervision(ctx: AppContext): void {
  ctx.hooks.caseChanged.push({
    onCaseChanged: (change) => superviseCaseChange(ctx, change),
    // a stored batch is supervised at once: set-based reads, multi-row alert writes
    onCasesChanged: (changes, prepared) => superviseCaseChanges(ctx, changes, prepared as PreparedFacts | undefined),
    // its facts are read with the batch's insert
    prepareCases: prepareSupervision,
  });
  ctx.hooks.clockMoved.push(onSupervisionClocksMoved);
  addDisclosureListener(ctx, async (q, c, d) => {
    if (d.problems.length) await raiseItemAlert(q, c, d);
    else await clearItemAlert(q, c, d.itemCode);
  });
}
