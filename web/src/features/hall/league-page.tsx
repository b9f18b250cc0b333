import { Card, Select, Space, Typography, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { DataTable } from '../../components/data-table';
import { EChart } from '../../components/echart';
import { PageState } from '../../components/states';
import { asList } from '../../lib/api';
import { fmtPct } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { hallApi } from './hall.api';

/** A ratio (0…1, as the server gives it) in per cent. */
const pct = (v: unknown) => Number(v ?? 0) * 100;

/** 绩效排行: each department's on-time rate, lights and satisfaction. */
export function LeaguePage() {
  const { t, L } = useI18n();
  const [region, setRegion] = useState<string>();
  const regions = useApi(() => hallApi.regions(), []);
  const r = useApi(() => hallApi.league({ region }), [region]);
  const rows = useMemo(() => asList(r.data, 'departments').map((x: any, i) => ({ rank: i + 1, ...x, yellow: x.lights?.yellow ?? 0, red: x.lights?.red ?? 0, satisfactionRate: x.satisfaction == null ? null : x.satisfaction / 5 })), [r.data]);
  const option = useMemo(() => {
    const top = rows.slice(0, 15);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [L('按时办结率', 'On-time rate'), L('满意度', 'Satisfaction')] },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: top.map((d: any) => d.name) },
      series: [
        { name: L('按时办结率', 'On-time rate'), type: 'bar', data: top.map((d: any) => +pct(d.onTimeRate).toFixed(1)), itemStyle: { color: '#c62828' } },
        { name: L('满意度', 'Satisfaction'), type: 'bar', data: top.map((d: any) => (d.satisfactionRate == null ? null : +pct(d.satisfactionRate).toFixed(1))), itemStyle: { color: '#1677ff' } },
      ],
    };
  }, [rows, L]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('league')}</Typography.Title>
          <Select allowClear placeholder={t('region')} style={{ minWidth: 200 }} value={region} onChange={setRegion} options={(regions.data ?? []).map((x: any) => ({ value: x.code, label: x.name }))} />
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{L('依据电子监察数据，按按时办结率排名；红黄灯为当前在办件亮灯数。', 'Ranked by on-time rate from e-supervision data; lights are the open cases now yellow or red.')}</Typography.Paragraph>
      </Card>
      <PageState loading={r.loading} error={r.error} empty={!rows.length} onRetry={r.reload}>
        <Card><EChart option={option} height={Math.max(260, Math.min(rows.length, 15) * 34 + 80)} /></Card>
        <Card>
          <DataTable rowKey="code" dataSource={rows} exportName={L('绩效排行', 'league')} data-testid="league-table"
            columns={[
              { title: L('名次', 'Rank'), dataIndex: 'rank', width: 64 },
              { title: t('department'), dataIndex: 'name' },
              { title: L('办结数', 'Concluded'), dataIndex: 'concluded' },
              { title: L('按时办结', 'On time'), dataIndex: 'onTime' },
              { title: L('在办', 'Open'), dataIndex: 'open' },
              { title: L('按时办结率', 'On-time rate'), dataIndex: 'onTimeRate', render: fmtPct },
              { title: L('黄灯', 'Yellow'), dataIndex: 'yellow', render: (v) => <Tag color="warning">{v ?? 0}</Tag> },
              { title: L('红灯', 'Red'), dataIndex: 'red', render: (v) => <Tag color="error">{v ?? 0}</Tag> },
              { title: L('满意度（5 分制）', 'Satisfaction (of 5)'), dataIndex: 'satisfaction', render: (v) => v == null ? '—' : Number(v).toFixed(2) },
              { title: L('评价数', 'Ratings'), dataIndex: 'ratings' },
            ]} />
        </Card>
      </PageState>
    </Space>
  );
}
