import type { AppContext } from './services/context.js';
import { onClocksMoved } from './services/cases/case-refresh.js';
import { registerSupervision } from './services/supervision/register.js';

/**
 * Wires the areas together through the hooks in the context (supervision watches cases,
 * cases recompute clocks when the calendar changes …). Each area adds its own line.
 */
export function registerModules(ctx: AppContext): void {
  ctx.hooks.clockMoved.push(onClocksMoved(ctx)); // cases: refresh projection and observers when the calendar moves clocks
  registerSupervision(ctx); // supervision: case observer (event rules), DISCLOSURE_INCOMPLETE listener, order/complaint clocks
}
