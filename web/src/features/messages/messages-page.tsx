import { Button, Card, Checkbox, Empty, Form, Input, List, Segmented, Space, Tag, Typography, message as toast } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert, errorText } from '../../components/states';
import { fmtTime } from '../../lib/format';
import { plain, useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { KIND_LABELS, MESSAGE_KINDS, messagesApi, messagesChanged, type Message, type MessageKind, type MessageSettings } from './messages.api';

const KIND_COLORS: Record<MessageKind, string> = {
  alert_yellow: 'gold', alert_red: 'red', order: 'volcano', order_due: 'orange', rating_task: 'magenta', approval: 'blue',
};

/** 消息中心: one's messages (预警、督办、差评、待审批), newest first; opening one marks it read and goes to its page. */
export function MessagesPage() {
  const { L, label } = useI18n();
  const nav = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [extra, setExtra] = useState<Message[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const page = useApi(() => messagesApi.list({ unread: unreadOnly, limit: 20 }), [unreadOnly]);
  useEffect(() => { setExtra([]); setNext(page.data?.nextBefore ?? null); }, [page.data]);
  const items = [...(page.data?.messages ?? []), ...extra];

  const more = async () => {
    if (!next) return;
    try {
      const r = await messagesApi.list({ unread: unreadOnly, before: next, limit: 20 });
      setExtra((x) => [...x, ...r.messages]);
      setNext(r.nextBefore);
    } catch (e) { toast.error(errorText(e)); }
  };
  const open = async (m: Message) => {
    if (!m.readAt) await messagesApi.read({ ids: [m.id] }).then(messagesChanged, () => undefined);
    nav(m.link);
  };
  const markAll = async () => {
    try {
      const r = await messagesApi.read({ all: true });
      toast.success(L(`已将 ${r.changed} 条消息标为已读`, `${r.changed} marked read`));
      messagesChanged();
      page.reload();
    } catch (e) { toast.error(errorText(e)); }
  };
  const markOne = async (m: Message) => {
    try {
      await messagesApi.read({ ids: [m.id] });
      messagesChanged();
      page.reload();
    } catch (e) { toast.error(errorText(e)); }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {L('消息中心', 'Messages')}
          {page.data ? <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 12 }} data-testid="messages-unread">{L(`未读 ${page.data.unread} 条，共 ${page.data.total} 条`, `${page.data.unread} unread of ${page.data.total}`)}</Typography.Text> : null}
        </Typography.Title>
        <Space>
          <Segmented<string> value={unreadOnly ? 'unread' : 'all'} onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[{ value: 'all', label: L('全部', 'All') }, { value: 'unread', label: L('未读', 'Unread') }]} />
          <Button onClick={markAll} disabled={!page.data?.unread} data-testid="messages-read-all">{L('全部标为已读', 'Mark all read')}</Button>
        </Space>
      </Space>
      <ErrorAlert error={page.error} onRetry={page.reload} />
      <List<Message>
        loading={page.loading} dataSource={items} data-testid="messages-list" bordered
        locale={{ emptyText: <Empty description={unreadOnly ? L('没有未读消息', 'No unread messages') : L('暂无消息', 'No messages yet')} /> }}
        renderItem={(m) => (
          <List.Item data-testid="message-item" style={{ background: m.readAt ? undefined : '#f6faff' }}
            actions={[
              <Button key="open" type="link" onClick={() => open(m)} data-testid="message-open">{L('查看', 'Open')}</Button>,
              ...(m.readAt ? [] : [<Button key="read" type="link" onClick={() => markOne(m)}>{L('标为已读', 'Mark read')}</Button>]),
            ]}>
            <List.Item.Meta
              title={<Space wrap>
                {m.readAt ? null : <Tag color="processing">{L('未读', 'Unread')}</Tag>}
                <Tag color={KIND_COLORS[m.kind]}>{label(KIND_LABELS, m.kind)}</Tag>
                <a onClick={() => open(m)} data-testid="message-title">{m.title}</a>
              </Space>}
              description={<Space direction="vertical" size={0}>
                <span>{plain(m.body)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(m.createdAt)}</Typography.Text>
              </Space>} />
          </List.Item>
        )} />
      {next ? <Button onClick={more} block>{L('加载更多', 'Load more')}</Button> : null}
      <DeliverySettings />
    </Space>
  );
}

interface SettingsForm { email: string; phone: string; emailKinds: MessageKind[]; smsKinds: MessageKind[] }

/** 提醒方式: one's e-mail and mobile (kept sealed, shown masked) and which kinds go by each. */
function DeliverySettings() {
  const { L, label } = useI18n();
  const s = useApi(() => messagesApi.settings(), []);
  const [form] = Form.useForm<SettingsForm>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (s.data) form.setFieldsValue({ email: '', phone: '', emailKinds: s.data.emailKinds, smsKinds: s.data.smsKinds });
  }, [s.data, form]);
  const save = async (v: SettingsForm) => {
    setSaving(true);
    try {
      await messagesApi.saveSettings({ ...(v.email.trim() ? { email: v.email.trim() } : {}), ...(v.phone.trim() ? { phone: v.phone.trim() } : {}), emailKinds: v.emailKinds, smsKinds: v.smsKinds });
      toast.success(L('提醒设置已保存', 'Saved'));
      s.reload();
    } catch (e) { toast.error(errorText(e)); } finally { setSaving(false); }
  };
  const d: MessageSettings | undefined = s.data;
  const options = MESSAGE_KINDS.map((k) => ({ value: k, label: label(KIND_LABELS, k) }));
  return (
    <Card title={L('提醒方式（邮件、短信）', 'E-mail and SMS')} size="small">
      <ErrorAlert error={s.error} onRetry={s.reload} />
      {d && (!d.channels.email || !d.channels.sms) ? (
        <Typography.Paragraph type="secondary">
          {!d.channels.email ? L('本平台尚未配置邮件服务器，邮件暂不发送。', 'No mail server is configured: e-mail is not sent. ') : null}
          {!d.channels.sms ? L('本平台尚未配置短信网关，短信暂不发送。', 'No SMS gateway is configured: SMS is not sent.') : null}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 720 }}>
        <Space wrap size="large">
          <Form.Item name="email" label={L('电子邮箱', 'E-mail')} extra={d?.email ? L(`已登记：${d.email}（留空则不变）`, `On file: ${d.email} (blank keeps it)`) : L('未登记', 'None on file')}>
            <Input style={{ width: 280 }} placeholder={L('例如 name@example.gov.cn', 'e.g. name@example.gov.cn')} />
          </Form.Item>
          <Form.Item name="phone" label={L('手机号码', 'Mobile')} extra={d?.phone ? L(`已登记：${d.phone}（留空则不变）`, `On file: ${d.phone} (blank keeps it)`) : L('未登记', 'None on file')}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item name="emailKinds" label={L('通过邮件提醒', 'By e-mail')}><Checkbox.Group options={options} /></Form.Item>
        <Form.Item name="smsKinds" label={L('通过短信提醒', 'By SMS')}><Checkbox.Group options={options} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>{L('保存', 'Save')}</Button>
      </Form>
    </Card>
  );
}
