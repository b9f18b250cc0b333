import { api } from '../../lib/api';

/** 消息中心 (GET/POST /api/messages…): one's own messages only. */
export type MessageKind = 'alert_yellow' | 'alert_red' | 'order' | 'order_due' | 'rating_task' | 'approval';

export interface Message {
  id: string;
  kind: MessageKind;
  kindName: string;
  title: string;
  body: string;
  /** The web page the message concerns. */
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface MessagePage { messages: Message[]; unread: number; total: number; nextBefore: string | null }

export interface MessageSettings {
  email: string | null;
  phone: string | null;
  emailKinds: MessageKind[];
  smsKinds: MessageKind[];
  channels: { email: boolean; sms: boolean };
}

export const MESSAGE_KINDS: MessageKind[] = ['alert_yellow', 'alert_red', 'order', 'order_due', 'rating_task', 'approval'];

export const KIND_LABELS: Record<MessageKind, readonly [string, string]> = {
  alert_yellow: ['黄牌预警', 'Yellow card'],
  alert_red: ['红牌预警', 'Red card'],
  order: ['督办', 'Supervision order'],
  order_due: ['督办即将到期', 'Order falling due'],
  rating_task: ['差评整改', 'Bad rating'],
  approval: ['待我审批', 'Awaiting my approval'],
};

/** Told by the page when messages were marked read, so the bell refreshes at once. */
export const MESSAGES_CHANGED = 'xq-messages-changed';
export const messagesChanged = () => window.dispatchEvent(new Event(MESSAGES_CHANGED));

export const messagesApi = {
  list: (q: { unread?: boolean; before?: string | null; limit?: number }) =>
    api.get<MessagePage>('/api/messages', { unread: q.unread ? 'true' : undefined, before: q.before ?? undefined, limit: q.limit }),
  unread: () => api.get<{ unread: number }>('/api/messages/unread-count'),
  read: (body: { ids?: string[]; all?: boolean }) => api.post<{ changed: number; unread: number }>('/api/messages/read', body),
  settings: () => api.get<MessageSettings>('/api/messages/settings'),
  saveSettings: (body: { email?: string | null; phone?: string | null; emailKinds: MessageKind[]; smsKinds: MessageKind[] }) =>
    api.put<MessageSettings>('/api/messages/settings', body),
};
