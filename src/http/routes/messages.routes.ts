import { z } from 'zod';
import { MESSAGE_KINDS } from '../../store/message.store.js';
import { myMessageSettings, saveMyMessageSettings } from '../../services/messages/contacts.service.js';
import { listMyMessages, markMyMessagesRead, myUnreadCount } from '../../services/messages/messages.service.js';
import type { RouteModule } from '../app-types.js';

const tags = ['messages'];

/** 消息中心: one's own messages (预警、督办、差评、待审批), read marks, and e-mail/SMS preferences. */
export const messagesRoutes: RouteModule = (app, ctx) => {
  app.get('/api/messages', {
    schema: {
      tags, summary: '我的消息 (my messages, newest first; page with `before`)',
      querystring: z.object({
        unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(100).optional(), before: z.string().regex(/^[0-9]{1,18}$/).optional(),
      }),
    },
  }, (req) => listMyMessages(ctx, req.actor, { unread: req.query.unread === 'true', limit: req.query.limit, before: req.query.before }));

  app.get('/api/messages/unread-count', { schema: { tags, summary: '未读消息数 (my unread count)' } }, (req) => myUnreadCount(ctx, req.actor));

  app.post('/api/messages/read', {
    schema: {
      tags, summary: '标记已读 (mark some of my messages read, or all)',
      body: z.object({ ids: z.array(z.string().regex(/^[0-9]{1,18}$/)).max(200).optional(), all: z.boolean().optional() }),
    },
  }, (req) => markMyMessagesRead(ctx, req.actor, req.body));

  app.get('/api/messages/settings', { schema: { tags, summary: '我的消息提醒设置 (my e-mail/SMS, masked, and the kinds sent by each)' } },
    (req) => myMessageSettings(ctx, req.actor));

  app.put('/api/messages/settings', {
    schema: {
      tags, summary: '保存消息提醒设置 (set my e-mail, mobile and which kinds go by e-mail/SMS; sealed at rest)',
      body: z.object({
        email: z.string().max(254).nullable().optional(), phone: z.string().max(20).nullable().optional(),
        emailKinds: z.array(z.enum(MESSAGE_KINDS)).optional(), smsKinds: z.array(z.enum(MESSAGE_KINDS)).optional(),
      }),
    },
  }, (req) => saveMyMessageSettings(ctx, req.actor, req.body));
};
