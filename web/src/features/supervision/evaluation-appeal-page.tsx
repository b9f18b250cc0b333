import { Button, Card, Empty, Input, Modal, Space, Tag, Typography, message } from 'antd';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, errorText } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { APPEAL_LABELS, evalApi, fmtPeriod, fmtPoints, fmtValue, INDICATOR_LABELS, STATUS_LABELS, type DepartmentPeriod } from './evaluation.api';

/** 考评结果与申诉: a department's approved and published periods; its administrator appeals (申诉复核). */
export function EvaluationAppealPage() {
  const { L, lang } = useI18n();
  const { me, can } = useAuth();
  const dept = me?.department?.code;
  const r = useApi(() => evalApi.departmentResults(dept!), [dept], !!dept);
  const tag = (table: Record<string, readonly [string, string, string]>, s: string) => <Tag color={table[s]?.[2]}>{table[s]?.[lang === 'en' ? 1 : 0] ?? s}</Tag>;
  const appeal = async (p: DepartmentPeriod) => {
    let reason = '';
    const ok = await new Promise<boolean>((resolve) => Modal.confirm({
      title: L(`对${fmtPeriod(p.period)}考评结果提出申诉`, 'Appeal this score'),
      content: <Input.TextArea rows={4} data-testid="appeal-reason" placeholder={L('申诉理由及依据', 'Reasons')} onChange={(ev) => { reason = ev.target.value; }} />,
      onOk: () => resolve(true), onCancel: () => resolve(false),
    }));
    if (!ok) return;
    try { await evalApi.appeal({ region: p.region, period: p.period, department: dept!, reason }); message.success(L('已提交申诉', 'Appeal filed')); r.reload(); }
    catch (e) { message.error(errorText(e)); }
  };
  if (!dept) return <Empty description={L('本账号未关联部门', 'No department')} />;
  const periods = r.data?.periods ?? [];
  return (
    <>
      <Typography.Title level={4}>{L('考评结果与申诉', 'Scores and appeals')}{r.data ? ` · ${r.data.departmentName}` : ''}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      {!r.loading && !periods.length ? <Empty description={L('尚无已审定的考评结果', 'No approved period yet')} /> : null}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {periods.map((p) => {
          const pending = p.appeals.some((a) => a.status === 'pending');
          return (
            <Card key={`${p.region}-${p.period}`} size="small" data-testid="dept-period"
              title={<Space>{p.regionName} {fmtPeriod(p.period)}{tag(STATUS_LABELS, p.status)}<Typography.Text type="secondary">{p.schemeName}</Typography.Text></Space>}
              extra={can('evaluation.appeal') ? <Button size="small" disabled={pending || !p.appealOpen} onClick={() => appeal(p)} data-testid="appeal-open">{pending ? L('申诉待复核', 'Appeal pending') : L('申诉', 'Appeal')}</Button> : null}>
              <Space wrap size="large">
                <span>{L('得分', 'Score')}：<Typography.Text strong>{p.row ? Number(p.row.score).toFixed(2) : '—'}</Typography.Text></span>
                <span>{L('名次', 'Rank')}：{p.row?.rank ?? '—'} / {p.departments}</span>
                <span>{L('公布时间', 'Published')}：{fmtTime(p.publishedAt)}</span>
                <span>{L('申诉截止', 'Appeals until')}：{p.appealDueAt ? fmtTime(p.appealDueAt) : L('公布后 5 个工作日', '5 working days after publication')}</span>
              </Space>
              <DataTable rowKey="code" size="small" pagination={false} style={{ marginTop: 12 }}
                dataSource={Object.entries(p.row?.indicators ?? {}).map(([code, x]) => ({ code, ...x }))}
                columns={[
                  { title: L('考评指标', 'Indicator'), dataIndex: 'code', render: (c) => INDICATOR_LABELS[c]?.[lang === 'en' ? 1 : 0] ?? c },
                  { title: L('数值', 'Value'), key: 'v', render: (_, x) => fmtValue(x.code, x.value) },
                  { title: L('得分', 'Points'), dataIndex: 'contribution', render: fmtPoints },
                ]} />
              {p.appeals.length ? (
                <DataTable rowKey="id" size="small" pagination={false} style={{ marginTop: 12 }} dataSource={p.appeals}
                  columns={[
                    { title: L('申诉理由', 'Reason'), dataIndex: 'reason' },
                    { title: L('申诉时间', 'Filed'), dataIndex: 'filedAt', render: fmtTime },
                    { title: L('状态', 'Status'), dataIndex: 'status', render: (s) => tag(APPEAL_LABELS, s) },
                    { title: L('复核意见', 'Decision'), dataIndex: 'decision', render: (v) => v ?? '—' },
                  ]} />
              ) : null}
            </Card>
          );
        })}
      </Space>
    </>
  );
}
