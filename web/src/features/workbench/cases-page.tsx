import { Button, Input, Segmented, Select, Space, Typography, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable } from '../../components/data-table';
import { CaseStatusTag, DaysLeft, LightTag } from '../../components/light-tag';
import { ErrorAlert } from '../../components/states';
import { asList } from '../../lib/api';
import type { CaseRow } from '../../lib/api-models';
import { useAuth } from '../../lib/auth';
import { CASE_STATUS_LABELS, LIGHT_LABELS } from '../../lib/dict';
import { fmtDue, fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { wbApi } from './workbench.api';

/** 我的办件 / 本部门办件, with lights and working days left. */
export function CasesPage() {
  const { t, L, label } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const [scope, setScope] = useState<'mine' | 'department'>('department');
  const [light, setLight] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [q, setQ] = useState('');
  const r = useApi(() => wbApi.cases({ scope, light, status, caseNo: q || undefined, limit: '500' }), [scope, light, status, q]);
  const rows = asList<CaseRow>(r.data, 'cases');
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{scope === 'mine' ? t('myCases') : t('deptCases')}</Typography.Title>
        {can('case.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/workbench/register')} data-testid="go-register">{t('registerCase')}</Button>}
      </Space>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={rows} data-testid="cases-table" exportList={{ list: 'cases', filters: { scope, light, status, caseNo: q || undefined } }}
        toolbar={<>
          <Segmented value={scope} onChange={(v) => setScope(v as 'mine' | 'department')} options={[{ value: 'mine', label: t('myCases') }, { value: 'department', label: t('deptCases') }]} />
          <Select allowClear placeholder={t('light')} style={{ width: 110 }} value={light} onChange={setLight} options={['green', 'yellow', 'red'].map((k) => ({ value: k, label: label(LIGHT_LABELS, k) }))} />
          <Select allowClear placeholder={t('status')} style={{ width: 110 }} value={status} onChange={setStatus} options={['submitted', 'open', 'suspended', 'concluded'].map((k) => ({ value: k, label: label(CASE_STATUS_LABELS, k) }))} data-testid="status-filter" />
          <Button onClick={() => { setScope('department'); setStatus('submitted'); }} data-testid="show-applications">{L('网上申请待受理', 'Online applications waiting')}</Button>
          <Input.Search placeholder={t('caseNo')} allowClear onSearch={setQ} style={{ width: 220 }} />
        </>}
        columns={[
          { title: t('caseNo'), dataIndex: 'caseNo', render: (v, x) => <Link to={`/workbench/cases/${encodeURIComponent(x.id)}`}>{v}</Link> },
          { title: t('item'), dataIndex: 'itemName', ellipsis: { showTitle: true }, width: 220, render: (v, x) => v ?? x.itemCode },
          { title: t('counterparty'), key: 'cp', ellipsis: { showTitle: true }, width: 140, render: (_, x) => x.counterparty?.name ?? x.counterpartyName ?? '—' },
          { title: t('currentStep'), dataIndex: 'currentStepName', render: (v, x) => v ?? x.currentStep ?? '—' },
          { title: t('status'), dataIndex: 'status', render: (v) => <CaseStatusTag status={v} /> },
          { title: t('light'), dataIndex: 'light', render: (v) => (v === 'none' ? '—' : <LightTag light={v} />) },
          { title: t('daysLeft'), dataIndex: 'daysLeft', render: (v, x) => x.status === 'concluded' ? '—' : <DaysLeft days={v} /> },
          { title: t('dueAt'), dataIndex: 'dueAt', render: (v, x) => (x.status === 'submitted' ? <span>{L('申请于', 'Applied')} {fmtTime(x.createdAt)}</span> : fmtDue(v)) },
        ]} />
    </>
  );
}
