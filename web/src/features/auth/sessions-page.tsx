import { Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/states';
import { api } from '../../lib/api';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';

interface SessionView { id: string; createdAt: string; lastSeenAt: string; expiresAt: string; sourceIp: string | null; userAgent: string | null; current: boolean }

/** 我的会话: the caller's live sessions (GET /api/auth/sessions); ends every one but the current one. */
export function SessionsPage() {
  const { L } = useI18n();
  const [tick, setTick] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const list = useApi(() => api.get<{ sessions: SessionView[] }>('/api/auth/sessions'), [tick]);
  const end = async (id: string) => {
    setError(null);
    try { await api.del(`/api/auth/sessions/${encodeURIComponent(id)}`); setTick((t) => t + 1); } catch (e) { setError(e); }
  };
  return (
    <Card title={L('我的登录会话', 'My sessions')} data-testid="sessions-page">
      <Typography.Paragraph type="secondary">{L('会话空闲 30 分钟或登录满 12 小时即自动结束。发现不认识的会话，请结束它并修改密码。', 'Sessions end after 30 minutes idle or 12 hours after sign-in. End any session you do not recognise and change your password.')}</Typography.Paragraph>
      <ErrorAlert error={error ?? list.error} />
      <Table<SessionView> rowKey="id" size="small" loading={list.loading} dataSource={list.data?.sessions ?? []} pagination={false} columns={[
        { title: L('登录时间', 'Signed in'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
        { title: L('最近活动', 'Last active'), dataIndex: 'lastSeenAt', render: (v: string) => fmtTime(v) },
        { title: L('到期', 'Expires'), dataIndex: 'expiresAt', render: (v: string) => fmtTime(v) },
        { title: L('来源地址', 'Address'), dataIndex: 'sourceIp', render: (v: string | null) => v ?? '—' },
        { title: L('浏览器', 'Browser'), dataIndex: 'userAgent', ellipsis: true, render: (v: string | null) => v ?? '—' },
        { title: '', key: 'x', render: (_: unknown, s) => s.current ? <Tag color="green">{L('当前会话', 'This session')}</Tag> : (
          <Popconfirm title={L('结束这个会话？', 'End this session?')} onConfirm={() => end(s.id)}>
            <Button size="small" danger>{L('结束', 'End')}</Button>
          </Popconfirm>
        ) },
      ]} />
    </Card>
  );
}
