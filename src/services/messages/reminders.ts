import { ordersDueBefore } from '../../store/message.store.js';
import type { AppContext } from '../context.js';
import { notifyHolders } from './notify.js';

/** How long before its deadline a 督办 is recalled to its department. */
export const ORDER_DUE_SOON_MS = 24 * 3_600_000;

/**
 * 四川电子监察办法 第九条 (督办 answered within its limit): an order still waiting for its
 * department's answer a day before its deadline is recalled to the department (消息中心, and SMS
 * for those who asked). Once per order and deadline (an extension recalls again); safe to run
 * in several instances (the message's key).
 */
export async function remindOrdersDue(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now(); // business time: the deadlines are on the business clock
  const due = await ordersDueBefore(ctx.db, now, new Date(now.getTime() + ORDER_DUE_SOON_MS));
  let n = 0;
  for (const o of due) {
    const when = new Date(o.dueAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    n += await ctx.db.tx((q) => notifyHolders(q, now, { perm: 'order.respond', regionCode: o.regionCode, departmentCode: o.departmentCode, departmentOnly: true }, {
      kind: 'order_due', title: `督办即将到期：${o.subject}`, body: `${o.orderNo} 须于 ${when} 前反馈办理结果。`,
      link: `/supervision/orders/${o.id}`, subjectKind: 'order', subjectId: o.id, dedupeKey: `order-due:${o.id}:${o.dueAt.toISOString()}`,
    }, ctx.log));
  }
  return n;
}
