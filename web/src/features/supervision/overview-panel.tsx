import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { EChart } from '../../components/echart';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { periodOptions } from './evaluation.api';
import { fmtRatio, reportApi } from './reports-page';

/** On-time rate → colour: red below 80%, amber to 95%, green above; grey when nothing concluded. */
/** What ECharts passes a treemap formatter: the node's name, value and data item. */
interface TreemapParams { name: string; value: number; data?: { rate?: number | null } }

const rateColour = (r: number | null) => (r === null ? '#bfbfbf' : r < 0.8 ? '#f5222d' : r < 0.95 ? '#faad14' : '#52c41a');

/**
 * 领导总览: a region's cases, conclusion and on-time rates, satisfaction, complaints and scores for a
 * month, quarter or year (the report's figures, up to now while it runs), and a treemap of its
 * departments sized by the cases they handled and coloured by their on-time rate.
 */
export function OverviewPanel({ region, now }: { region: string; now?: Date }) {
  const { L } = useI18n();
  const nav = useNavigate();
  const options = useMemo(() => periodOptions(now).concat(now ? [{ value: String(new Date(now.getTime() + 8 * 3600_000).getUTCFullYear()), label: `${new Date(now.getTime() + 8 * 3600_000).getUTCFullYear()}年度` }] : []), [now]);
  const [period, setPeriod] = useState<string>();
  const p = period ?? options[0]?.value;
  const kind = !p ? undefined : p.includes('Q') ? 'quarterly' : p.length === 4 ? 'annual' : 'monthly';
  const r = useApi(() => reportApi.overview({ region, period: p, kind }), [region, p], !!p);
  const d = r.data;
  const depts = d?.departments ?? [];
  const treemap = useMemo(() => ({
    tooltip: { formatter: (x: TreemapParams) => `${x.name}<br/>${L('办理', 'Handled')} ${x.value} ${L('件', '')}<br/>${L('按时办结率', 'On time')} ${fmtRatio(x.data?.rate ?? null)}` },
    series: [{
      type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, width: '100%', height: '100%',
      label: { show: true, formatter: (x: TreemapParams) => `${x.name}\n${x.value} 件 · ${fmtRatio(x.data?.rate ?? null)}` },
      data: depts.filter((x) => x.handled > 0).map((x) => ({ name: x.name, value: x.handled, rate: x.ratios.onTime, code: x.code, itemStyle: { color: rateColour(x.ratios.onTime) } })),
    }],
  }), [depts, L]);
  if (r.error) return null;
  const t = d?.totals;
  return (
    <Card size="small" title={L('领导总览', 'Overview')} data-testid="overview"
      extra={<Select size="small" style={{ width: 160 }} value={p} onChange={setPeriod} options={options} data-testid="overview-period" />}>
      {t ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={4}><Statistic title={L('受理办件', 'Received')} value={t.received} /></Col>
            <Col xs={12} md={4}><Statistic title={L('办结', 'Concluded')} value={t.concluded} suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}>{L(`/ 办理 ${t.handled}`, `/ ${t.handled}`)}</Typography.Text>} /></Col>
            <Col xs={12} md={4}><Statistic title={L('办结率', 'Conclusion rate')} value={fmtRatio(t.ratios.conclusion)} /></Col>
            <Col xs={12} md={4}><Statistic title={L('按时办结率', 'On-time rate')} value={fmtRatio(t.ratios.onTime)} styles={{ content: { color: rateColour(t.ratios.onTime) } }} /></Col>
            <Col xs={12} md={4}><Statistic title={L('满意度（平均分 / 满意率）', 'Satisfaction')} value={t.ratios.meanRating === null ? '—' : t.ratios.meanRating.toFixed(2)} suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}>/ {fmtRatio(t.ratios.satisfied)}</Typography.Text>} /></Col>
            <Col xs={12} md={4}><Statistic title={L('投诉（属实）', 'Complaints (upheld)')} value={t.complaints} suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}>（{t.complaintsUpheld}）</Typography.Text>} /></Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={15}>
              <Typography.Text type="secondary">{L('各部门办件（面积为办理件数，颜色为按时办结率：绿 ≥95%，黄 80%–95%，红 <80%）', 'Departments by cases handled, coloured by on-time rate')}</Typography.Text>
              {depts.some((x) => x.handled > 0)
                ? <EChart option={treemap} height={300} onClick={(_, d) => { if (typeof d?.code === 'string') nav(`/supervision/alerts?department=${encodeURIComponent(d.code)}`); }} />
                : <Empty description={L('本期暂无办件', 'No cases in this period')} />}
            </Col>
            <Col xs={24} lg={9}>
              <Typography.Text type="secondary">{d?.scores ? L(`考评得分与排名（${d.scores.status === 'draft' ? '按现有数据计算' : d.scores.status === 'published' ? '已公布' : '已审定'}）`, 'Scores') : L('考评得分', 'Scores')}</Typography.Text>
              {d?.scores ? (
                <Table size="small" rowKey="code" pagination={false} dataSource={d.scores.departments.slice(0, 8)} data-testid="overview-scores" columns={[
                  { title: L('名次', 'Rank'), dataIndex: 'rank', width: 60 }, { title: L('部门', 'Department'), dataIndex: 'name' },
                  { title: L('得分', 'Score'), dataIndex: 'score', width: 80, render: (v: number) => v.toFixed(2) },
                ]} />
              ) : <Empty description={d?.scoresNote ?? L('暂无考评得分', 'No scores')} />}
            </Col>
          </Row>
        </Space>
      ) : <Empty />}
    </Card>
  );
}
