import { Input, Select, Space, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { DataTable } from '../../components/data-table';
import { LevelTag, StatusTag } from '../../components/light-tag';
import { ErrorAlert } from '../../components/states';
import { asList } from '../../lib/api';
import { ALERT_LABELS, STATUS_LABELS } from '../../lib/dict';
import { fmtTime } from '../../lib/format';
import { alertMessage, useI18n } from '../../lib/i18n';
import { useDeptName } from '../../lib/names';
import { useApi } from '../../lib/use-api';
import { supApi } from './supervision.api';
import type { AlertRow } from '../../lib/api-models';

/** 预警报警: the alert list with filters (§5: department, caseNo, code, level, status). */
export function AlertsPage() {
  const { t, L, label } = useI18n();
  const [params, setParams] = useSearchParams();
  const f = Object.fromEntries(['department', 'caseNo', 'code', 'level', 'status', 'region'].map((k) => [k, params.get(k) ?? undefined]));
  const set = (k: string, v?: string) => { const p = new URLSearchParams(params); if (v) p.set(k, v); else p.delete(k); setParams(p); };
  const r = useApi(() => supApi.alerts(f), [params.toString()]);
  const rows = asList<AlertRow>(r.data, 'alerts');
  const dept = useDeptName();
  return (
    <>
      <Typography.Title level={4}>{t('alerts')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={rows} data-testid="alerts-table" exportList={{ list: 'alerts', filters: f }}
        toolbar={<>
          <Select allowClear placeholder={t('level')} style={{ width: 120 }} value={f.level} onChange={(v) => set('level', v)} options={[{ value: 'red', label: L('红色报警', 'Red') }, { value: 'yellow', label: L('黄色预警', 'Yellow') }]} data-testid="filter-level" />
          <Select allowClear placeholder={t('status')} style={{ width: 110 }} value={f.status} onChange={(v) => set('status', v)} options={['open', 'explained', 'resolved', 'withdrawn', 'revoked'].map((k) => ({ value: k, label: label(STATUS_LABELS, k) }))} />
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={L('问题类型', 'Code')} style={{ width: 180 }} value={f.code} onChange={(v) => set('code', v)} options={Object.keys(ALERT_LABELS).map((k) => ({ value: k, label: label(ALERT_LABELS, k) }))} />
          <Input.Search placeholder={t('caseNo')} allowClear defaultValue={f.caseNo} onSearch={(v) => set('caseNo', v.trim())} style={{ width: 180 }} />
          <Input.Search placeholder={L('部门编码', 'Department code')} allowClear defaultValue={f.department} onSearch={(v) => set('department', v.trim())} style={{ width: 180 }} />
        </>}
        columns={[
          { title: t('level'), dataIndex: 'level', render: (v) => <LevelTag level={v} /> },
          { title: L('问题类型', 'Code'), dataIndex: 'code', render: (v, a) => <Link to={`/supervision/alerts/${a.id}`}>{label(ALERT_LABELS, v)}</Link> },
          { title: t('caseNo'), dataIndex: 'caseNo', render: (v) => v ?? '—' },
          { title: t('department'), dataIndex: 'departmentCode', render: (v) => dept(v) },
          { title: L('环节', 'Step'), dataIndex: 'step', render: (v, a) => a.stepName ?? v ?? '—' },
          { title: L('发生时间', 'Raised'), dataIndex: 'raisedAt', render: fmtTime },
          { title: L('责任人', 'Responsible'), dataIndex: 'responsibleOfficerName', render: (v, a) => v ? `${v}${a.responsiblePost ? `（${a.responsiblePost}）` : ''}` : '—' },
          { title: t('status'), dataIndex: 'status', render: (v) => <StatusTag status={v} /> },
          { title: t('message'), dataIndex: 'message', ellipsis: true, width: 320, render: (_, a) => alertMessage(a) },
        ]} />
    </>
  );
}
