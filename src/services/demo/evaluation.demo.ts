import type { Actor } from '../../domain/org/policy.js';
import { previousMonth } from '../../domain/supervision/zero-cases.js';
import { getRegion } from '../../store/org.store.js';
import type { AppContext } from '../context.js';
import { approvePeriod, publishPeriod } from '../evaluation/review.service.js';
import { putScheme } from '../evaluation/scheme.service.js';

const system: Actor = { kind: 'system', name: 'demo' };

/**
 * Demo evaluation: the province's scheme (from January of last year), and 通川区's previous month
 * approved and published, so the hall's 绩效排行 shows a period; 达州市's stays a draft to review.
 */
export async function loadEvaluationDemo(ctx: AppContext): Promise<void> {
  if (!(await getRegion(ctx.db, '510000')) || !(await getRegion(ctx.db, '511702'))) return;
  const now = ctx.clock.now();
  const year = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
  await putScheme(ctx, system, { regionCode: '510000', body: {
    name: `四川省${year}年度行政权力运行绩效考评细则`, effectiveFrom: `${year - 1}-01`, base: 100,
    indicators: [
      { code: 'ON_TIME_RATE', points: 20 }, { code: 'CASES_CONCLUDED', points: 0.5, cap: 10 },
      { code: 'RED_ALERTS', points: -2, cap: 30 }, { code: 'YELLOW_ALERTS', points: -0.5, cap: 10 },
      { code: 'ORDERS_OVERDUE', points: -3, cap: 15 }, { code: 'COMPLAINTS_UPHELD', points: -5, cap: 20 },
      { code: 'SATISFACTION', points: 5 }, { code: 'LATE_ENTRY', points: -3, cap: 15 }, { code: 'ZERO_CASES_UNEXPLAINED', points: -2 },
    ],
  } });
  const period = previousMonth(now);
  await approvePeriod(ctx, system, { region: '511702', period });
  await publishPeriod(ctx, system, { region: '511702', period });
}
