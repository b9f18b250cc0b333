import { Alert, Button, Card, DatePicker, Descriptions, Space, Typography, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { clockMoved, useClock } from '../../components/clock-banner';
import { errorText } from '../../components/states';
import { api } from '../../lib/api';
import { fmtTime, toCstIso } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** 演练时钟 (§6 --clock): move business time forward; never back. */
export function ClockPage() {
  const { t, L } = useI18n();
  const clock = useClock();
  const [at, setAt] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const move = async (to: Date) => {
    setBusy(true);
    try { const x = await api.post<{ now: string }>('/api/admin/clock', { now: toCstIso(to) }); message.success(L('时钟已拨到 ', 'Clock moved to ') + fmtTime(x.now)); clockMoved({ now: x.now, simulated: true }); }
    catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  if (clock && !clock.simulated) return <Alert type="info" showIcon title={L('未启用演练时钟（以 --clock 启动时可用）', 'The simulated clock is not enabled (start with --clock)')} />;
  const now = clock ? new Date(clock.now) : null;
  const plus = (h: number) => now && move(new Date(now.getTime() + h * 3600_000));
  return (
    <Card title={t('clock')} style={{ maxWidth: 720 }}>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={L('当前业务时间（北京时间）', 'Business time (CST)')}><b data-testid="clock-now">{clock ? fmtTime(clock.now) : '…'}</b></Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{L('拨快时钟后，后台巡检按新时间计算亮灯和预警；时钟只能向前拨。', 'After moving the clock the sweep recomputes lights and alerts at the new time; it only moves forward.')}</Typography.Paragraph>
      <Space wrap>
        <Button loading={busy} onClick={() => plus(1)}>+1 {L('小时', 'hour')}</Button>
        <Button loading={busy} onClick={() => plus(24)}>+1 {L('天', 'day')}</Button>
        <Button loading={busy} onClick={() => plus(24 * 7)}>+7 {L('天', 'days')}</Button>
        <Button loading={busy} onClick={() => plus(24 * 30)}>+30 {L('天', 'days')}</Button>
      </Space>
      <Space style={{ marginTop: 16 }} wrap>
        <DatePicker showTime value={at} onChange={setAt} disabledDate={(d) => !!now && d.isBefore(dayjs(now).startOf('day'))} />
        <Button type="primary" disabled={!at} loading={busy} onClick={() => at && move(at.toDate())}>{L('拨到此时', 'Move to this time')}</Button>
      </Space>
    </Card>
  );
}
