import { Card, Empty, Select, Space, Typography } from 'antd';
import { PageTitle } from '../../components/page-title';
import { useMemo, useState } from 'react';
import { DataTable } from '../../components/data-table';
import { EChart } from '../../components/echart';
import { PageState } from '../../components/states';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { fmtPeriod, fmtPoints, fmtValue } from '../supervision/evaluation.api';
import { hallApi, type LeagueRow } from './hall.api';

/**
 * 绩效排行: the latest evaluation period the supervision office approved and published (成都暂行办法
 * 第十四条), with its period and publication date; nothing before one is published.
 */
export function LeaguePage() {
  const { t, L } = useI18n();
  const [region, setRegion] = useState<string>();
  const regions = useApi(() => hallApi.regions(), []);
  const r = useApi(() => hallApi.league({ region }), [region]);
  const d = r.data;
  const rows = useMemo(() => d?.departments ?? [], [d]);
  const codes: { code: string; name: string }[] = rows[0]?.indicators ?? [];
  const option = useMemo(() => {
    const top = rows.slice(0, 15);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
      xAxis: { type: 'value', min: 0 },
      yAxis: { type: 'category', inverse: true, data: top.map((x) => x.name) },
      series: [{ name: L('考评得分', 'Score'), type: 'bar', data: top.map((x) => x.score), itemStyle: { color: '#c62828' }, label: { show: true, position: 'right' } }],
    };
  }, [rows, L]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <PageTitle size={20} style={{ margin: 0 }}>{t('league')}</PageTitle>
          <Select allowClear placeholder={t('region')} aria-label={t('region')} style={{ minWidth: 200 }} value={region} onChange={setRegion} options={(regions.data ?? []).map((x) => ({ value: x.code, label: x.name }))} />
        </Space>
        {d?.period ? (
          <Typography.Paragraph style={{ marginTop: 8 }} data-testid="league-period">
            {L(`${d.regionName} ${fmtPeriod(d.period)}绩效考评结果（${d.schemeName}），经监察机关审定，于 ${fmtTime(d.publishedAt)} 公布。`,
              `${d.regionName} ${d.period}, published ${fmtTime(d.publishedAt)}.`)}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <PageState loading={r.loading} error={r.error} onRetry={r.reload}>
        {!d?.period ? (
          <Card><Empty data-testid="league-empty" description={L('尚无已公布的绩效考评结果', 'No evaluation period has been published yet')} /></Card>
        ) : (
          <>
            <Card><EChart option={option} height={Math.max(260, Math.min(rows.length, 15) * 34 + 60)} /></Card>
            <Card>
              <DataTable rowKey="code" dataSource={rows} data-testid="league-table" scroll={{ x: true }}
                columns={[
                  { title: L('名次', 'Rank'), dataIndex: 'rank', width: 64 },
                  { title: t('department'), dataIndex: 'name' },
                  { title: L('得分', 'Score'), dataIndex: 'score', render: (v) => <Typography.Text strong>{Number(v).toFixed(2)}</Typography.Text>, onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
                  ...codes.map(({ code, name }) => ({
                    title: name, key: code, onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
                    render: (_: unknown, x: LeagueRow) => {
                      const i = x.indicators.find((y) => y.code === code);
                      return i ? `${fmtValue(code, i.value)}（${fmtPoints(i.contribution)}）` : '—';
                    },
                  })),
                ]} />
            </Card>
          </>
        )}
      </PageState>
    </Space>
  );
}
