import type { AppContext } from '../services/context.js';
import { deliverDue } from '../services/messages/delivery.js';
import { remindOrdersDue } from '../services/messages/reminders.js';
import { periodic } from './periodic.js';

/**
 * 消息中心: delivers the message outbox (e-mail, SMS) every config.messageIntervalMs, and once a
 * minute recalls 督办 falling due. Safe with several server instances (leases, message keys).
 */
export function startMessageWorker(ctx: AppContext): () => Promise<void> {
  let lastReminder = 0;
  return periodic(ctx, {
    name: 'message delivery', intervalMs: ctx.config.messageIntervalMs, runAtStart: true,
    run: async () => {
      if (Date.now() - lastReminder >= 60_000) {
        lastReminder = Date.now();
        const reminded = await remindOrdersDue(ctx);
        if (reminded) ctx.log.info({ reminded }, 'orders falling due recalled');
      }
      // a full round may leave more due rows: go on while rounds come back full
      for (let i = 0; i < 10; i++) {
        const r = await deliverDue(ctx);
        if (r.sent + r.skipped + r.failed) ctx.log.info(r, 'messages delivered');
        if (r.sent + r.skipped + r.retrying + r.failed < 20) break;
      }
    },
  });
}
