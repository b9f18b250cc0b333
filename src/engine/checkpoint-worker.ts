import { checkpointDeps } from '../services/audit/checkpoint-admin.service.js';
import { writeCheckpoint } from '../services/audit/checkpoint.service.js';
import type { AppContext } from '../services/context.js';
import { periodic } from './periodic.js';

/** Signed audit checkpoints every config.checkpointIntervalMs (default 10 minutes): the rows added since the last one are hashed here, never on the exchange path. */
export function startCheckpointWorker(ctx: AppContext): () => Promise<void> {
  return periodic(ctx, { name: 'audit checkpoint', intervalMs: ctx.config.checkpointIntervalMs, run: () => writeCheckpoint(checkpointDeps(ctx), 'interval', 'engine') });
}
