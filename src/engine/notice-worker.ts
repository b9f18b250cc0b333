import type { AppContext } from '../services/context.js';
import { issueQueuedCaseNotices } from '../services/documents/exchange-notices.js';
import { periodic } from './periodic.js';

/**
 * 文书 of exchange cases (受理通知书、不予受理决定书、一次性告知书、不予许可决定书): every few seconds, the
 * notices queued by pushes since are issued, after the push's commit, so a push never waits for a
 * PDF. Safe with several instances: each queue entry is claimed FOR UPDATE SKIP LOCKED.
 */
export function startNoticeWorker(ctx: AppContext, intervalMs = 5_000): () => Promise<void> {
  return periodic(ctx, {
    name: 'exchange case notices', intervalMs, runAtStart: true,
    run: async () => {
      let made = 0;
      for (let n = await issueQueuedCaseNotices(ctx); n > 0; n = await issueQueuedCaseNotices(ctx)) made += n;
      if (made) ctx.log.info({ made }, 'exchange case notices issued');
    },
  });
}
