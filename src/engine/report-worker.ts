import type { AppContext } from '../services/context.js';
import { runScheduledReports } from '../services/evaluation/report.service.js';
import { periodic } from './periodic.js';

/**
 * 监察报告 on schedule (川办 电子监察办法 第十三条: 月报): every 10 minutes, the ended month's (quarter's,
 * year's) draft reports of each region with a supervision office, once the explanations are due
 * (仁和 二(六)). Safe with several instances: a live report per region, kind and period is unique.
 */
export function startReportWorker(ctx: AppContext, intervalMs = 600_000): () => Promise<void> {
  return periodic(ctx, {
    name: 'supervision reports', intervalMs, runAtStart: true,
    run: async () => {
      const made = await runScheduledReports(ctx);
      if (made) ctx.log.info({ made }, 'supervision reports generated');
    },
  });
}
