import { Breadcrumb, Button, Card, Col, Row, Space, Statistic, Typography, message } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { DataTable } from '../../components/data-table';
import { EChart } from '../../components/echart';
import { PageState, errorText } from '../../components/states';
import { api, asList } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { ALERT_LABELS } from '../../lib/dict';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { supApi, type DashboardCode, type DashboardData, type DashboardDay, type DashboardDepartment } from './supervision.api';
import type { Named } from '../../lib/api-models';
import { useClock } from '../../components/clock-banner';
import { OverviewPanel } from './overview-panel';

/** GB/T 2260: the level below `current` that `code` falls in (province → city → county). */
function childOf(code: string, current: string | null): string {
  if (!code) return '';
  if (!current) return code.slice(0, 2) + '0000';
  if (current.endsWith('0000')) return code.slice(0, 4) + '00';
  return code;
}

/** 监察总览: yellow/red by region (drill-down province → city → county) and department, trend, top codes. */
export function DashboardPage() {
  const { t, L, label } = useI18n();
  const { can, me } = useAuth();
  const nav = useNavigate();
  const home = me?.region?.code ?? null;
  const [path, setPath] = useState<{ code: string; name: string }[]>([]);
  const region = path[path.length - 1]?.code ?? home ?? undefined;
  const clock = useClock();
  // the last 30 days up to business time (the server includes alerts raised "now")
  const to = clock ? clock.now : undefined;
  const from = to ? new Date(Date.parse(to) - 30 * 86_400_000).toISOString() : undefined;
  const r = useApi(() => supApi.dashboard({ region, from, to }), [region, to], !!clock);
  const names = useApi(async () => new Map(asList<Named>(await api.get('/api/public/catalog/regions'), 'regions').map((x) => [x.code, x.name] as const)), []);
  const d: DashboardData = r.data ?? {};
  const byRegion = useMemo(() => {
    const m = new Map<string, { code: string; name: string; yellow: number; red: number }>();
    for (const x of d.byRegion ?? []) {
      const k = childOf(x.region ?? '', region ?? null) || '—';
      const e = m.get(k) ?? { code: k, name: names.data?.get(k) ?? k, yellow: 0, red: 0 };
      e.yellow += x.yellow ?? 0; e.red += x.red ?? 0; m.set(k, e);
    }
    return [...m.values()];
  }, [d.byRegion, region, names.data]);
  const byDept = asList<DashboardDepartment>(d.byDepartment);
  const trend = asList<DashboardDay>(d.trend);
  const codes = asList<DashboardCode>(d.topCodes);
  const totals = { yellow: byRegion.reduce((s, x) => s + x.yellow, 0), red: byRegion.reduce((s, x) => s + x.red, 0) };
  const [sweeping, setSweeping] = useState(false);
  const regionOpt = useMemo(() => ({
    tooltip: { trigger: 'axis' }, legend: { top: 0, data: [L('黄灯', 'Yellow'), L('红灯', 'Red')] },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: byRegion.map((x) => x.name), axisLabel: { interval: 0, rotate: byRegion.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: L('黄灯', 'Yellow'), type: 'bar', stack: 'a', data: byRegion.map((x) => x.yellow), itemStyle: { color: '#faad14' } },
      { name: L('红灯', 'Red'), type: 'bar', stack: 'a', data: byRegion.map((x) => x.red), itemStyle: { color: '#f5222d' } },
    ],
  }), [byRegion, L]);
  const trendOpt = useMemo(() => ({
    tooltip: { trigger: 'axis' }, legend: { top: 0, data: [L('黄灯', 'Yellow'), L('红灯', 'Red')] },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: trend.map((x) => x.day) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: L('黄灯', 'Yellow'), type: 'line', smooth: true, data: trend.map((x) => x.yellow ?? 0), itemStyle: { color: '#faad14' } },
      { name: L('红灯', 'Red'), type: 'line', smooth: true, data: trend.map((x) => x.red ?? 0), itemStyle: { color: '#f5222d' } },
    ],
  }), [trend, L]);
  const codeOpt = useMemo(() => ({
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: codes.map((x) => ({ name: label(ALERT_LABELS, x.code), value: x.count })), label: { formatter: '{b}: {c}' } }],
  }), [codes, label]);
  const drill = (name: string) => {
    const x = byRegion.find((y) => y.name === name);
    // a county (code not ending in 00) has nothing below it
    if (x && x.code !== region && /00$/.test(x.code)) setPath([...path, { code: x.code, name: x.name }]);
    else if (x) nav(`/supervision/alerts?region=${x.code}`);
  };
  const sweep = async () => {
    setSweeping(true);
    try {
      const x = await supApi.sweep();
      const words: Record<string, [string, string]> = { casesChecked: ['检查办件', 'cases checked'], raised: ['新增预警', 'raised'], turnedRed: ['转为红灯', 'turned red'], escalated: ['上报', 'escalated'], ordersOverdue: ['督办逾期', 'orders overdue'], complaintsOverdue: ['投诉受理逾期', 'complaints overdue'], zeroCases: ['零办件', 'zero-case departments'] };
      message.success(L('巡检完成', 'Sweep done') + (x && typeof x === 'object' ? `：${Object.entries(x).filter(([k, v]) => typeof v === 'number' && words[k]).map(([k, v]) => `${L(words[k][0], words[k][1])} ${v}`).join('，')}` : ''));
      r.reload();
    }
    catch (e) { message.error(errorText(e)); } finally { setSweeping(false); }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('dashboard')}</Typography.Title>
        {can('supervision.sweep') && <Button icon={<ReloadOutlined />} loading={sweeping} onClick={sweep} data-testid="run-sweep">{L('立即巡检', 'Run the sweep')}</Button>}
      </Space>
      <Breadcrumb items={[{ title: <a onClick={() => setPath([])}>{home ? names.data?.get(home) ?? home : L('全部地区', 'All regions')}</a> }, ...path.map((p, i) => ({ title: <a onClick={() => setPath(path.slice(0, i + 1))}>{p.name}</a> }))]} />
      <PageState loading={(r.loading || !clock) && !r.data} error={r.error} onRetry={r.reload}>
        <Row gutter={[16, 16]}>
          {/* the overview is a region's: supervisors, leaders and region administrators (a department's account has its own figures elsewhere) */}
          {region && clock && (can('evaluation.read') || !me?.department) ? <Col xs={24}><OverviewPanel region={region} now={new Date(clock.now)} /></Col> : null}
          <Col xs={12} md={6}><Card><Statistic title={L('红灯（报警，近 30 天）', 'Red (30 days)')} value={totals.red} styles={{ content: { color: '#f5222d' } }} /></Card></Col>
          <Col xs={12} md={6}><Card><Statistic title={L('黄灯（预警，近 30 天）', 'Yellow (30 days)')} value={totals.yellow} styles={{ content: { color: '#faad14' } }} /></Card></Col>
          <Col xs={12} md={6}><Card><Statistic title={L('待处理（近 30 天亮灯中）', 'Open (of the 30 days)')} value={d.open ?? 0} /></Card></Col>
          <Col xs={12} md={6}><Card><Statistic title={L('已说明待审（近 30 天亮灯中）', 'Explained (of the 30 days)')} value={d.explained ?? 0} /></Card></Col>
          <Col xs={24} lg={14}><Card title={L('各地区亮灯（点击下钻）', 'Lights by region (click to drill down)')} size="small"><EChart option={regionOpt} onClick={drill} /></Card></Col>
          <Col xs={24} lg={10}><Card title={L('主要问题类型', 'Top alert codes')} size="small"><EChart option={codeOpt} onClick={(name) => { const c = codes.find((x) => label(ALERT_LABELS, x.code) === name); if (c) nav(`/supervision/alerts?code=${c.code}`); }} /></Card></Col>
          <Col xs={24}><Card title={L('亮灯趋势', 'Trend')} size="small"><EChart option={trendOpt} height={260} /></Card></Col>
          <Col xs={24}>
            <Card title={L('各部门亮灯', 'Lights by department')} size="small">
              <DataTable rowKey={(x) => x.department ?? '-'} dataSource={byDept} size="small" exportList={{ list: 'statistics', filters: { region, from, to } }}
                onRow={(x) => ({ onClick: () => x.department && nav(`/supervision/alerts?department=${encodeURIComponent(x.department)}`), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('department'), dataIndex: 'name', render: (v, x) => v ?? x.department ?? L('（非部门类，如投诉、督办）', '(not a department: complaints, orders)') },
                  { title: L('红灯', 'Red'), dataIndex: 'red' },
                  { title: L('黄灯', 'Yellow'), dataIndex: 'yellow' },
                ]} />
            </Card>
          </Col>
        </Row>
      </PageState>
    </Space>
  );
}
