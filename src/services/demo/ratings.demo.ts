import type { Actor } from '../../domain/org/policy.js';
import { casesWithQueryCodes } from '../../store/demo.store.js';
import type { AppContext } from '../context.js';
import { rateCase, type RatingInput } from '../supervision/satisfaction.service.js';

const publicActor: Actor = { kind: 'public', sourceIp: null };

/**
 * Demo 好差评: the concluded cases of two departments rated through the hall's service — good
 * ones, a real-name 差评 (its task waits for the 回访) and an anonymous one (waits for 整改).
 */
export async function loadRatingsDemo(ctx: AppContext): Promise<void> {
  const ratings: RatingInput[] = [
    { rating: 'very_satisfied', indicators: { efficiency: 5, attitude: 5, openness: 5, integrity: 5 }, channel: 'window', comment: '办理高效' },
    { rating: 'dissatisfied', reason: '窗口未一次性告知所需材料，来回跑了三趟', indicators: { attitude: 2, efficiency: 1 }, channel: 'hall', realName: true, rater: { name: '王小明', phone: '13800000011' } },
    { rating: 'satisfied', channel: 'sms' },
    { rating: 'very_dissatisfied', reason: '办理时间过长', channel: 'sms' },
  ];
  let i = 0;
  for (const dept of ['511702-STJ', '511702-SJJ']) {
    const concluded = (await casesWithQueryCodes(ctx.db, dept, ctx.clock.now())).filter((c) => c.status === 'concluded');
    for (const c of concluded.slice(0, 2)) {
      const r = ratings[i++ % ratings.length];
      await rateCase(ctx, publicActor, { caseNo: c.caseNo, queryCode: c.queryCode, ...r }).catch((err) => ctx.log.warn({ err, caseNo: c.caseNo }, 'demo rating skipped'));
    }
  }
}
