import { Button, Card, Descriptions, Input, Modal, Select, Space, Tabs, Tag, Typography, message } from 'antd';
import { useMemo, useState } from 'react';
import { DataTable } from '../../components/data-table';
import { useClock } from '../../components/clock-banner';
import { ErrorAlert, errorText } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { orgApi } from '../admin/org-pages';
import { APPEAL_LABELS, evalApi, fmtPeriod, fmtPoints, fmtValue, INDICATOR_LABELS, lastMonth, periodOptions, STATUS_LABELS, type EvalAppeal, type ScoreRow } from './evaluation.api';
import { SchemeEditor } from './evaluation-scheme';
import { DrillView, TrendView } from './evaluation-charts';
import { PeopleView } from './people-view';

/** 绩效考评: a region's scores of a period with ranks and indicators; approve, publish, appeals; the scheme. */
export function EvaluationPage() {
  const { L } = useI18n();
  const { me, can } = useAuth();
  const clock = useClock();
  const regions = useApi(() => orgApi.regions(), []);
  const [region, setRegion] = useState<string | undefined>(me?.region?.code ?? undefined);
  const now = clock ? new Date(clock.now) : undefined;
  const [period, setPeriod] = useState<string>();
  const p = period ?? (now ? lastMonth(now) : undefined);
  const regionSelect = (
    <Select placeholder={L('选择地区', 'Region')} style={{ width: 220 }} showSearch={{ optionFilterProp: 'label' }} value={region} onChange={setRegion}
      data-testid="eval-region" options={(regions.data ?? []).map((x) => ({ value: x.code, label: x.name }))} />
  );
  return (
    <>
      <Typography.Title level={4}>{L('绩效考评', 'Performance evaluation')}</Typography.Title>
      <Tabs items={[
        // the scores are read by supervisors and leaders (§8); a region administrator keeps the scheme only
        ...(can('evaluation.read') ? [{ key: 'scores', label: L('考评结果与审定', 'Scores and review'), children: (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap>
              {regionSelect}
              <Select style={{ width: 180 }} value={p} onChange={setPeriod} options={periodOptions(now)} data-testid="eval-period" />
            </Space>
            {region && p ? <PeriodView region={region} period={p} /> : <Typography.Text type="secondary">{L('请选择地区和考评期', 'Choose a region and a period')}</Typography.Text>}
          </Space>
        ) }, { key: 'trend', label: L('得分走势', 'Trends'), children: (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {regionSelect}
            {region ? <TrendView region={region} /> : null}
          </Space>
        ) }, { key: 'drill', label: L('逐级下钻', 'Drill-down'), children: (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap>
              {regionSelect}
              <Select style={{ width: 180 }} value={p} onChange={setPeriod} options={periodOptions(now)} data-testid="drill-period" />
            </Space>
            {region && p ? <DrillView region={region} period={p} /> : null}
          </Space>
        ) }, { key: 'people', label: L('岗位与人员', 'Posts and people'), children: (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap>
              {regionSelect}
              <Select style={{ width: 180 }} value={p} onChange={setPeriod} options={periodOptions(now)} />
            </Space>
            {region && p ? <PeopleView region={region} period={p} /> : null}
          </Space>
        ) }] : []),
        { key: 'scheme', label: L('考评细则', 'Scheme'), children: (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {regionSelect}
            {region ? <SchemeEditor region={region} /> : null}
          </Space>
        ) },
      ]} />
    </>
  );
}

function PeriodView({ region, period }: { region: string; period: string }) {
  const { L, lang } = useI18n();
  const { can } = useAuth();
  const scores = useApi(() => evalApi.scores({ region, period }), [region, period]);
  const review = useApi(() => evalApi.review({ region, period }), [region, period]);
  const [busy, setBusy] = useState(false);
  const reload = () => { scores.reload(); review.reload(); };
  const rv = review.data;
  const names: Record<string, string> = rv?.names ?? {};
  const codes: string[] = (rv?.scheme?.indicators ?? []).map((i) => i.code);
  const rows = useMemo(() => (scores.data?.departments ?? []).map((d) => ({ ...d, name: names[d.department] ?? d.department })), [scores.data, names]);
  const st = (table: Record<string, readonly [string, string, string]>, s: string) => <Tag color={table[s]?.[2]}>{table[s]?.[lang === 'en' ? 1 : 0] ?? s}</Tag>;
  const act = async (what: 'approve' | 'publish') => {
    const ok = await new Promise<boolean>((resolve) => Modal.confirm({
      title: what === 'approve' ? L(`审定${fmtPeriod(period)}考评结果？`, 'Approve this period?') : L(`公布${fmtPeriod(period)}考评结果？`, 'Publish this period?'),
      content: what === 'approve' ? L('审定后得分冻结，不再随数据变化。', 'Approval freezes the scores.') : L('公布后在政务大厅绩效排行展示，部门可在 5 个工作日内申诉。', 'Published in the hall; departments may appeal within 5 working days.'),
      onOk: () => resolve(true), onCancel: () => resolve(false),
    }));
    if (!ok) return;
    setBusy(true);
    try { await (what === 'approve' ? evalApi.approve({ region, period }) : evalApi.publish({ region, period })); message.success(what === 'approve' ? L('已审定', 'Approved') : L('已公布', 'Published')); reload(); }
    catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const decide = async (a: EvalAppeal, decision: 'uphold' | 'dismiss') => {
    let reason = '';
    const ok = await new Promise<boolean>((resolve) => Modal.confirm({
      title: decision === 'uphold' ? L('申诉成立：该期考评将重新计算并重新审定', 'Uphold: the period will be recomputed') : L('驳回申诉', 'Dismiss the appeal'),
      content: <Input.TextArea rows={3} data-testid="appeal-decision-reason" placeholder={L('复核意见', 'Reasons')} onChange={(ev) => { reason = ev.target.value; }} />,
      onOk: () => resolve(true), onCancel: () => resolve(false),
    }));
    if (!ok) return;
    try { await evalApi.decide(a.id, { decision, reason }); message.success(L('已复核', 'Decided')); reload(); }
    catch (e) { message.error(errorText(e)); }
  };
  const status: string = scores.data?.status ?? rv?.status ?? 'draft';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ErrorAlert error={scores.error ?? review.error} onRetry={reload} />
      {rv ? (
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
            { key: 's', label: L('状态', 'Status'), children: <span data-testid="eval-status">{st(STATUS_LABELS, status)}</span> },
            { key: 'v', label: L('考评细则', 'Scheme'), children: rv.scheme ? `${rv.scheme.name}（第 ${rv.scheme.version} 版）` : L('无适用的考评细则', 'None') },
            { key: 'r', label: L('审定版本', 'Revision'), children: rv.revision ? `第 ${rv.revision} 版` : '—' },
            { key: 'a', label: L('审定时间', 'Approved'), children: fmtTime(rv.approvedAt) },
            { key: 'p', label: L('公布时间', 'Published'), children: fmtTime(rv.publishedAt) },
            { key: 'd', label: L('申诉截止', 'Appeals until'), children: fmtTime(rv.appealDueAt) },
          ]} />
          {can('evaluation.review') ? (
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" loading={busy} disabled={status !== 'draft' || !rv.ended || !rv.scheme} onClick={() => act('approve')} data-testid="eval-approve">{L('审定', 'Approve')}</Button>
              <Button loading={busy} disabled={status !== 'approved'} onClick={() => act('publish')} data-testid="eval-publish">{L('公布', 'Publish')}</Button>
              {status === 'draft' && !rv.ended ? <Typography.Text type="secondary">{L('本期尚未结束，期满后方可审定', 'The period has not ended yet')}</Typography.Text> : null}
            </Space>
          ) : null}
        </Card>
      ) : null}
      <DataTable rowKey="department" loading={scores.loading} dataSource={rows} data-testid="eval-scores" exportList={{ list: 'evaluation', filters: { region: scores.data?.region ?? region, period: scores.data?.period ?? period } }} scroll={{ x: true }}
        columns={[
          { title: L('名次', 'Rank'), dataIndex: 'rank', width: 64, fixed: 'left' },
          { title: L('部门', 'Department'), dataIndex: 'name', fixed: 'left' },
          { title: L('得分', 'Score'), dataIndex: 'score', render: (v) => <Typography.Text strong>{Number(v).toFixed(2)}</Typography.Text>, onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          ...codes.map((code) => ({
            title: INDICATOR_LABELS[code]?.[lang === 'en' ? 1 : 0] ?? code, key: code, onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            render: (_: unknown, d: ScoreRow) => {
              const x = d.indicators?.[code];
              return x ? <span>{fmtValue(code, x.value)} <Typography.Text type={(x.contribution ?? 0) < 0 ? 'danger' : 'secondary'}>（{fmtPoints(x.contribution)}）</Typography.Text></span> : '—';
            },
          })),
        ]} />
      {rv?.appeals?.length ? (
        <Card size="small" title={L('申诉复核', 'Appeals')}>
          <DataTable rowKey="id" dataSource={rv.appeals} pagination={false} data-testid="eval-appeals"
            columns={[
              { title: L('部门', 'Department'), dataIndex: 'departmentName' },
              { title: L('申诉理由', 'Reason'), dataIndex: 'reason' },
              { title: L('申诉时间', 'Filed'), dataIndex: 'filedAt', render: fmtTime },
              { title: L('状态', 'Status'), dataIndex: 'status', render: (s) => st(APPEAL_LABELS, s) },
              { title: L('复核意见', 'Decision'), dataIndex: 'decision', render: (v) => v ?? '—' },
              { title: L('操作', 'Actions'), key: 'act', render: (_, a) => a.status === 'pending' && can('evaluation.review') ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => decide(a, 'uphold')} data-testid="appeal-uphold">{L('申诉成立', 'Uphold')}</Button>
                  <Button size="small" onClick={() => decide(a, 'dismiss')}>{L('驳回', 'Dismiss')}</Button>
                </Space>
              ) : null },
            ]} />
        </Card>
      ) : null}
    </Space>
  );
}
