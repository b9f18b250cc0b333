import { Breadcrumb, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { EChart, type ChartDatum, type ChartOption } from '../../components/echart';
import { ErrorAlert } from '../../components/states';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { evalApi, STATUS_LABELS, type DrillChild, type DrillDept, type PersonScore, type TrendPoint } from './evaluation.api';

const f2 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

/**
 * 得分走势 (成都暂行办法 第十三条: 每月效能评估): the region's average score and, when a department is
 * chosen, its score and rank over the last months or quarters, each scored by the scheme version in
 * effect then (a change of version shows in the table's 考评细则 column).
 */
export function TrendView({ region }: { region: string }) {
  const { L } = useI18n();
  const [kind, setKind] = useState<'month' | 'quarter'>('month');
  const [dept, setDept] = useState<string>();
  const t = useApi(() => evalApi.trends({ region, kind, count: kind === 'month' ? '12' : '8', department: dept }), [region, kind, dept]);
  // the departments to choose from: those of the latest period's scores
  const lastPeriod = t.data?.points[t.data.points.length - 1]?.period;
  const scores = useApi(() => evalApi.scores({ region, period: lastPeriod }), [region, lastPeriod], !!lastPeriod);
  const review = useApi(() => evalApi.review({ region, period: lastPeriod }), [region, lastPeriod], !!lastPeriod);
  const names: Record<string, string> = review.data?.names ?? {};
  const deptOptions = ((scores.data?.departments ?? []) as { department: string }[]).map((d) => ({ value: d.department, label: names[d.department] ?? d.department }));
  const points: TrendPoint[] = t.data?.points ?? [];
  const option = useMemo<ChartOption>(() => ({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: points.map((x) => x.label) },
    yAxis: [
      { type: 'value', name: L('得分', 'Score'), scale: true },
      ...(dept ? [{ type: 'value', name: L('名次', 'Rank'), inverse: true, minInterval: 1, min: 1 }] : []),
    ],
    series: [
      { name: `${t.data?.regionName ?? ''}${L('平均分', ' average')}`, type: 'line', data: points.map((x) => x.average), connectNulls: false, label: { show: true } },
      ...(dept ? [
        { name: `${t.data?.departmentName ?? ''}${L('得分', ' score')}`, type: 'line', data: points.map((x) => x.score), label: { show: true } },
        { name: `${t.data?.departmentName ?? ''}${L('名次', ' rank')}`, type: 'line', yAxisIndex: 1, lineStyle: { type: 'dashed' }, data: points.map((x) => x.rank) },
      ] : []),
    ],
  }), [points, dept, t.data, L]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select style={{ width: 200 }} value={kind} onChange={setKind} data-testid="trend-kind"
          options={[{ value: 'month', label: L('按月（近 12 个月）', 'Monthly') }, { value: 'quarter', label: L('按季度（近 8 个季度）', 'Quarterly') }]} />
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 260 }} placeholder={L('全部部门（仅看地区平均分）', 'All departments')} value={dept} onChange={setDept}
          options={deptOptions} data-testid="trend-dept" />
      </Space>
      <ErrorAlert error={t.error} onRetry={t.reload} />
      <Card size="small" title={L('得分走势', 'Trend')} data-testid="trend-chart">
        {points.some((x) => x.average !== null) ? <EChart option={option} height={320} /> : <Empty description={L('无适用的考评细则', 'No scheme')} />}
      </Card>
      <Table<TrendPoint> size="small" rowKey="period" pagination={false} dataSource={points} data-testid="trend-table" columns={[
        { title: L('考评期', 'Period'), dataIndex: 'label' },
        { title: L('状态', 'Status'), dataIndex: 'status', render: (s: string | null) => (s ? <Tag>{STATUS_LABELS[s]?.[0] ?? s}</Tag> : '—') },
        { title: L('考评细则', 'Scheme'), key: 'v', render: (_, x) => (x.schemeName ? `${x.schemeName}（第 ${x.schemeVersion} 版）` : L('无', 'None')) },
        { title: L('部门数', 'Departments'), dataIndex: 'departments' },
        { title: L('地区平均分', 'Average'), dataIndex: 'average', render: f2 },
        ...(dept ? [{ title: L('部门得分', 'Score'), dataIndex: 'score', render: f2 }, { title: L('名次', 'Rank'), dataIndex: 'rank', render: (v: number | null) => v ?? '—' }] : []),
      ]} />
    </Space>
  );
}

/** A bar of the drill-down chart: a child region (click: go down) or a department of the region (click: its people). */
interface Bar { name: string; value: number; code: string; what: 'region' | 'department'; count?: number }

/**
 * 逐级下钻 (盐城电子监察办法 第十七条: 各地区、各部门、各岗位 … 行政绩效比较): from the chosen region, its
 * child regions' averages (each department weighs the same: average = sum of scores ÷ departments)
 * and its own departments' scores; click a region to go down, a department to see its posts and
 * people; the breadcrumb goes back up, never above the chosen region.
 */
export function DrillView({ region, period }: { region: string; period: string }) {
  const { L } = useI18n();
  const [at, setAt] = useState<string>(region);
  const [dept, setDept] = useState<DrillDept | null>(null);
  // a new region chosen above: start again from it
  const [root, setRoot] = useState(region);
  if (root !== region) { setRoot(region); setAt(region); setDept(null); }
  const here = at;
  const d = useApi(() => evalApi.drill({ region, period, at: here }), [region, period, here]);
  const data = d.data;
  const bars: Bar[] = useMemo(() => [
    ...(data?.children ?? []).map((c: DrillChild): Bar => ({ name: c.name, value: c.average ?? 0, code: c.code, what: 'region', count: c.departments })),
    ...(data?.own ?? []).map((x: DrillDept): Bar => ({ name: x.name, value: x.score, code: x.department, what: 'department' })),
  ], [data]);
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'item', formatter: (p: { data: Bar }) => (p.data.what === 'region' ? `${p.data.name}<br/>${L('平均分', 'Average')} ${f2(p.data.value)}（${p.data.count} ${L('个部门', 'departments')}）` : `${p.data.name}<br/>${L('得分', 'Score')} ${f2(p.data.value)}`) },
    animation: false,
    grid: { left: 48, right: 16, top: 24, bottom: 64 },
    xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { interval: 0, rotate: bars.length > 6 ? 30 : 0 } },
    // bars start below the lowest score (a bar at the axis minimum would have no height)
    yAxis: { type: 'value', name: L('得分', 'Score'), min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10 - 10) },
    series: [{
      type: 'bar', label: { show: true, position: 'top', formatter: (p: { value: number }) => f2(p.value) },
      data: bars.map((b) => ({ ...b, itemStyle: { color: b.what === 'region' ? '#1677ff' : '#52c41a' } })),
    }],
  }), [bars, L]);
  const click = (_: string, datum: ChartDatum) => {
    const b = bars.find((x) => x.code === datum?.code && x.what === datum?.what);
    if (!b) return;
    if (b.what === 'region') { setAt(b.code); setDept(null); } else setDept((data?.own ?? []).find((x) => x.department === b.code) ?? null);
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ErrorAlert error={d.error} onRetry={d.reload} />
      <Breadcrumb data-testid="drill-path" items={[
        ...(data?.path ?? []).map((x) => ({ title: <a onClick={() => { setAt(x.code); setDept(null); }}>{x.name}</a> })),
        ...(dept ? [{ title: dept.name }] : []),
      ]} />
      {data ? (
        <Typography.Text data-testid="drill-sum">
          {L(`${data.atName}：${data.departments} 个部门，得分合计 ${f2(data.scoreSum)}，平均分 ${f2(data.average)}（各部门等权：平均分 = 得分合计 ÷ 部门数）；`, `${data.atName}: ${data.departments} departments, average ${f2(data.average)}; `)}
          <Tag>{STATUS_LABELS[data.status]?.[0] ?? data.status}</Tag>{L(`${data.schemeName}（第 ${data.schemeVersion} 版）`, '')}
        </Typography.Text>
      ) : null}
      <Card size="small" title={L('点击地区逐级下钻，点击部门查看岗位与人员', 'Click a region to go down, a department to see its people')} data-testid="drill-chart">
        {bars.length ? <EChart option={option} height={340} onClick={click} /> : <Empty />}
      </Card>
      {data?.children.length ? (
        <Table<DrillChild> size="small" rowKey="code" pagination={false} dataSource={data.children} data-testid="drill-children" columns={[
          { title: L('地区', 'Region'), dataIndex: 'name', render: (v: string, c) => <a onClick={() => { setAt(c.code); setDept(null); }}>{v}</a> },
          { title: L('部门数', 'Departments'), dataIndex: 'departments' },
          { title: L('得分合计', 'Sum'), dataIndex: 'scoreSum', render: f2 },
          { title: L('平均分', 'Average'), dataIndex: 'average', render: f2 },
        ]} />
      ) : null}
      {data?.own.length ? (
        <Table<DrillDept> size="small" rowKey="department" pagination={false} dataSource={data.own} data-testid="drill-departments" columns={[
          { title: L('名次', 'Rank'), dataIndex: 'rank', width: 64 },
          { title: L('部门', 'Department'), dataIndex: 'name', render: (v: string, x) => <a onClick={() => setDept(x)}>{v}</a> },
          { title: L('得分', 'Score'), dataIndex: 'score', render: f2 },
        ]} />
      ) : null}
      {dept ? <DeptPeople region={region} period={period} dept={dept} /> : null}
    </Space>
  );
}

function DeptPeople({ region, period, dept }: { region: string; period: string; dept: DrillDept }) {
  const { L } = useI18n();
  const r = useApi(() => evalApi.people({ region, period, department: dept.department }), [region, period, dept.department]);
  const d = r.data;
  return (
    <Card size="small" title={L(`${dept.name}：得分 ${f2(dept.score)}，第 ${dept.rank} 名`, dept.name)} data-testid="drill-people">
      <ErrorAlert error={r.error} onRetry={r.reload} />
      {d?.withheld ? <Typography.Text type="secondary">{L('人员得分尚未审定，审定后可查看', 'Not approved yet')}</Typography.Text> : (
        <Table<PersonScore> size="small" rowKey="officerId" pagination={false} loading={r.loading} dataSource={d?.people ?? []} columns={[
          { title: L('名次', 'Rank'), dataIndex: 'rank', width: 64 },
          { title: L('姓名', 'Name'), dataIndex: 'name' },
          { title: L('岗位', 'Post'), dataIndex: 'post', render: (v: string) => v || '—' },
          { title: L('红灯', 'Red'), dataIndex: 'red' }, { title: L('黄灯', 'Yellow'), dataIndex: 'yellow' },
          { title: L('得分', 'Score'), dataIndex: 'score', render: f2 },
        ]} />
      )}
    </Card>
  );
}
