import type { AppContext } from './services/context.js';

/**
 * Wires the areas together through the hooks in the context (supervision watches cases,
 * cases recompute clocks when the calendar changes …). Each area adds its own line.
 */
export function registerModules(_ctx: AppContext): void {}
