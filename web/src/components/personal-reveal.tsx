import { Button, Space, Tooltip, Typography, message } from 'antd';
import { useState } from 'react';
import { useI18n } from '../lib/i18n';
import { errorText } from './states';

/**
 * Personal data shown masked (张*, 5101**********1234, 138****5678); 查看 asks the server for the
 * unmasked values, which records the reading (GB/T 22239-2019 8.1.4.11). Hidden when not allowed.
 */
export function PersonalReveal({ masked, reveal, allowed, testId }: {
  masked: { name?: string | null; idNumber?: string | null; phone?: string | null; address?: string | null } | null;
  reveal: () => Promise<Record<string, unknown>>;
  allowed: boolean;
  testId?: string;
}) {
  const { L } = useI18n();
  const [shown, setShown] = useState<Record<string, unknown> | null>(null);
  const [busy, setBusy] = useState(false);
  if (!masked) return <>—</>;
  const v = (shown ?? masked) as Record<string, string | null | undefined>;
  const parts = [v.name, v.idNumber && `${L('证件号', 'ID')} ${v.idNumber}`, v.phone && `${L('电话', 'Phone')} ${v.phone}`, v.address && `${L('地址', 'Address')} ${v.address}`].filter(Boolean);
  const click = async () => {
    setBusy(true);
    try {
      setShown(await reveal());
      message.info(L('已显示完整信息，本次查看已记录', 'Shown in full; this reading is recorded'));
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  return (
    <Space size={4} wrap data-testid={testId}>
      <span data-testid={testId && `${testId}-text`}>{parts.join('，') || '—'}</span>
      {allowed && !shown && (
        <Tooltip title={L('查看完整个人信息（将被记录）', 'Show in full (recorded)')}>
          <Button size="small" type="link" loading={busy} onClick={click} data-testid={testId && `${testId}-show`}>{L('查看', 'Show')}</Button>
        </Tooltip>
      )}
      {shown && <Typography.Text type="secondary">{L('（已记录）', '(recorded)')}</Typography.Text>}
    </Space>
  );
}
