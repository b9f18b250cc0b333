import type { Actor } from '../../domain/org/policy.js';
import { getCase } from '../../store/case.store.js';
import { activeRedAlerts, casesOfDepartments } from '../../store/notice.store.js';
import type { AppContext } from '../context.js';
import { issueAcceptanceNotice, issueRejectionDecision } from '../documents/case-notices.js';
import { issueCardNotice } from '../documents/supervision-notices.js';
import { actOnEntry, createEntry } from '../supervision/accountability.service.js';
import { userActor } from './supervision.demo.js';

/**
 * Demo notices: the acceptance notices (and refusals) of the hall's demo cases, as their
 * departments issued them when they accepted them; a red card notice and a 函询 on a red alert.
 */
export async function loadNoticesDemo(ctx: AppContext): Promise<void> {
  const handler: Actor = (await userActor(ctx, 'tc_sjj_jb')) ?? { kind: 'system', name: '演示' };
  for (const row of await casesOfDepartments(ctx.db, ['511702-SJJ'], 40)) {
    const c = await getCase(ctx.db, row.id);
    if (!c) continue;
    const at = c.acceptedAt ?? ctx.clock.now();
    await ctx.db.tx(async (q) => {
      await issueAcceptanceNotice(q, ctx, handler, c.id, at);
      if (c.conclusion === 'rejected') await issueRejectionDecision(q, ctx, handler, c.id, '申请事项不属于本机关职权范围，已告知向有关机关申请', c.concludedAt ?? at);
    });
  }
  const sup = await userActor(ctx, 'dz_jc');
  if (!sup) return;
  const [red] = await activeRedAlerts(ctx.db, '511702-STJ');
  if (!red) return;
  await issueCardNotice(ctx, sup, { alertId: red.id, requirement: '立即核查并纠正，书面报告调查处理情况', responseDays: 5 });
  const e = await createEntry(ctx, sup, {
    kind: 'inquiry', targetKind: 'department', departmentCode: '511702-STJ', alertIds: [red.id], replyDays: 10,
    reason: '电子监察红色报警未及时处置', requirement: '书面说明情况并提出整改措施',
  });
  await actOnEntry(ctx, sup, { id: e.entry.id, action: 'serve' });
}
