import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../lib/i18n';
import { MESSAGES_CHANGED, messagesApi } from './messages.api';

/** The bell of the staff header: the unread count, refreshed every 30 s, on each page change and when messages are read. */
export function MessageBell() {
  const { L } = useI18n();
  const nav = useNavigate();
  const loc = useLocation();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () => { messagesApi.unread().then((r) => { if (live) setUnread(r.unread); }, () => undefined); };
    load();
    const timer = window.setInterval(load, 30_000);
    window.addEventListener(MESSAGES_CHANGED, load);
    return () => { live = false; window.clearInterval(timer); window.removeEventListener(MESSAGES_CHANGED, load); };
  }, [loc.pathname]);
  const title = unread ? L(`消息中心：${unread} 条未读`, `Messages: ${unread} unread`) : L('消息中心', 'Messages');
  return (
    <Tooltip title={title}>
      <Button type="text" aria-label={title} data-testid="message-bell" onClick={() => nav('/messages')}
        icon={<Badge count={unread} size="small" overflowCount={99} data-testid="message-badge"><BellOutlined style={{ fontSize: 18 }} /></Badge>} />
    </Tooltip>
  );
}
