import type { Actor } from '../../domain/org/policy.js';
import { forbidden, invalid } from '../../errors.js';
import { countMessages, listMessages, markRead, type MessageRow } from '../../store/message.store.js';
import type { AppContext } from '../context.js';

/**
 * 消息中心: a person reads and marks only their own messages (the recipient is the signed-in
 * account, never a parameter), so no one can read or mark another's.
 */
const me = (actor: Actor): string => {
  if (actor.kind !== 'user') throw forbidden('消息中心须以用户身份登录 (a user session is required)');
  return actor.userId;
};

const KIND_NAMES: Record<string, string> = {
  alert_yellow: '黄牌预警', alert_red: '红牌预警', order: '督办', order_due: '督办即将到期', rating_task: '差评整改', approval: '待我审批',
};

export const wireMessage = (m: MessageRow) => ({
  id: m.id, kind: m.kind, kindName: KIND_NAMES[m.kind] ?? m.kind, title: m.title, body: m.body, link: m.link,
  subjectKind: m.subjectKind, subjectId: m.subjectId, createdAt: m.createdAt.toISOString(), readAt: m.readAt?.toISOString() ?? null,
});

export async function listMyMessages(ctx: AppContext, actor: Actor, input: { unread?: boolean; limit?: number; before?: string }) {
  const userId = me(actor);
  const limit = input.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid('limit', '每页条数须为 1–100 (limit 1–100)');
  if (input.before !== undefined && !/^[0-9]{1,18}$/.test(input.before)) throw invalid('before', '翻页位置无效 (before: a message id)');
  const rows = await listMessages(ctx.db, userId, { unreadOnly: !!input.unread, limit: limit + 1, beforeId: input.before ?? null });
  const page = rows.slice(0, limit);
  const counts = await countMessages(ctx.db, userId);
  return { messages: page.map(wireMessage), unread: counts.unread, total: counts.total, nextBefore: rows.length > limit ? page.at(-1)!.id : null };
}

export async function myUnreadCount(ctx: AppContext, actor: Actor) {
  return { unread: (await countMessages(ctx.db, me(actor))).unread };
}

/** Marks some of one's own messages read (ids of others' messages change nothing), or all with `all`. */
export async function markMyMessagesRead(ctx: AppContext, actor: Actor, input: { ids?: string[]; all?: boolean }) {
  const userId = me(actor);
  if (!input.all && !input.ids?.length) throw invalid('ids', '请指定要标记为已读的消息，或选择全部已读 (ids or all)');
  for (const id of input.ids ?? []) if (!/^[0-9]{1,18}$/.test(id)) throw invalid('ids', `消息编号无效：${id} (not a message id)`);
  const changed = await ctx.db.tx((q) => markRead(q, userId, input.all ? null : input.ids!, ctx.wallClock.now()));
  return { changed, unread: (await countMessages(ctx.db, userId)).unread };
}
