import { Card, DatePicker, Descriptions, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useClock } from '../../components/clock-banner';
import { DataTable } from '../../components/data-table';
import { PageState } from '../../components/states';
import { fmtPct } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { supApi } from './supervision.api';

/** 监察日志 (盐城电子监察办法 第二十一条): per department for one day, with the ratios. */
export function DailyLogPage() {
  const { t, L } = useI18n();
  const clock = useClock();
  const [day, setDay] = useState<Dayjs | null>(null);
  const date = (day ?? (clock ? dayjs(clock.now) : dayjs())).format('YYYY-MM-DD');
  const r = useApi(() => supApi.dailyLog({ date }), [date], !!clock);
  const total = r.data?.total;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('dailyLog')}</Typography.Title>
        <DatePicker value={dayjs(date)} onChange={(v) => v && setDay(v)} allowClear={false} />
      </Space>
      <PageState loading={r.loading || !clock} error={r.error} onRetry={r.reload}>
        {total && (
          <Card size="small" title={L(`${date} 汇总`, `Summary for ${date}`)}>
            <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
              <Descriptions.Item label={L('在办/办理', 'Handled')}>{total.handled}</Descriptions.Item>
              <Descriptions.Item label={L('提前办结', 'Completed early')}>{total.completedEarly}（{fmtPct(total.ratios?.early)}）</Descriptions.Item>
              <Descriptions.Item label={L('临近时限', 'Near the limit')}>{total.nearLimit}（{fmtPct(total.ratios?.nearLimit)}）</Descriptions.Item>
              <Descriptions.Item label={L('超时或异常', 'Overdue or abnormal')}>{total.overdueOrAbnormal}（{fmtPct(total.ratios?.overdueOrAbnormal)}）</Descriptions.Item>
              <Descriptions.Item label={L('主动督办', 'Orders issued')}>{total.ordersOwnInitiative}</Descriptions.Item>
              <Descriptions.Item label={L('督办反馈', 'Orders answered')}>{total.ordersAnswered}（{fmtPct(total.ratios?.answered)}）</Descriptions.Item>
            </Descriptions>
          </Card>
        )}
        <Card size="small">
          <DataTable rowKey="code" dataSource={r.data?.departments ?? []} exportList={{ list: 'daily-log', filters: { date } }}
            columns={[
              { title: t('department'), dataIndex: 'name' },
              { title: L('办理', 'Handled'), dataIndex: 'handled' },
              { title: L('提前办结', 'Early'), dataIndex: 'completedEarly' },
              { title: L('临近时限', 'Near limit'), dataIndex: 'nearLimit' },
              { title: L('超时', 'Overdue'), dataIndex: 'overdue' },
              { title: L('异常', 'Abnormal'), dataIndex: 'abnormal' },
              { title: L('超时或异常', 'Overdue or abnormal'), dataIndex: 'overdueOrAbnormal' },
              { title: L('主动督办', 'Orders'), dataIndex: 'ordersOwnInitiative' },
              { title: L('督办反馈', 'Answered'), dataIndex: 'ordersAnswered' },
              { title: L('超时异常率', 'Overdue %'), key: 'r', render: (_, x) => fmtPct(x.ratios?.overdueOrAbnormal) },
            ]} />
        </Card>
      </PageState>
    </Space>
  );
}
