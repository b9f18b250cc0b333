import { Button, DatePicker, Input, Select, Space, Tag, Typography, message } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, errorText } from '../../components/states';
import { api } from '../../lib/api';
import { OUTCOME_LABELS, ROLE_LABELS, auditActionLabel } from '../../lib/dict';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useDeptName } from '../../lib/names';
import { useApi } from '../../lib/use-api';


interface AuditRecord { seq: number; at: string; actorName?: string | null; actorId?: string | null; role?: string | null; action: string; target?: string | null; outcome: string }

/** 审计日志 (audit administrator only): the hash-chained record and its verification. */
export function AuditPage() {
  const { t, L, label, lang } = useI18n();
  const dept = useDeptName();
  const [f, setF] = useState<{ action?: string; outcome?: string; range?: [Dayjs, Dayjs] | null }>({});
  const r = useApi(() => api.get<{ records?: AuditRecord[] }>('/api/admin/audit', {
    action: f.action || undefined, outcome: f.outcome, limit: 500,
    from: f.range?.[0]?.startOf('day').toISOString(), to: f.range?.[1]?.endOf('day').toISOString(),
  }), [f]);
  const verify = async () => {
    try {
      const x = await api.get<{ ok: boolean; records?: number; seq?: number; problem?: string }>('/api/admin/audit/verify');
      if (x.ok) message.success(L(`审计链完整，共 ${x.records} 条`, `Audit chain intact: ${x.records} records`));
      else message.error(L(`审计链异常：第 ${x.seq} 条 ${x.problem === 'removed' ? '被删除' : x.problem === 'reordered' ? '顺序被改动' : '被篡改'}`, `Audit chain broken at #${x.seq}: ${x.problem}`), 10);
    }
    catch (e) { message.error(errorText(e)); }
  };
  return (
    <>
      <Typography.Title level={4}>{t('audit')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="seq" loading={r.loading} dataSource={r.data?.records ?? []} exportList={{ list: 'audit', filters: { action: f.action || undefined, outcome: f.outcome, from: f.range?.[0]?.startOf('day').toISOString(), to: f.range?.[1]?.endOf('day').toISOString() } }}
        toolbar={<Space wrap>
          <Input.Search placeholder={L('操作代码，如 user.create', 'Action, e.g. user.create')} allowClear onSearch={(v) => setF({ ...f, action: v })} style={{ width: 220 }} />
          <Select allowClear placeholder={L('结果', 'Outcome')} style={{ width: 120 }} value={f.outcome} onChange={(v) => setF({ ...f, outcome: v })}
            options={[{ value: 'success', label: L('成功', 'Success') }, { value: 'failure', label: L('失败', 'Failure') }, { value: 'denied', label: L('拒绝', 'Denied') }]} />
          <DatePicker.RangePicker onChange={(v) => setF({ ...f, range: v as [Dayjs, Dayjs] | null })} />
          <Button icon={<SafetyCertificateOutlined />} onClick={verify}>{L('校验审计链', 'Verify chain')}</Button>
        </Space>}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('time'), dataIndex: 'at', render: fmtTime },
          { title: L('操作人', 'Actor'), dataIndex: 'actorName', render: (v, x) => v ?? x.actorId ?? '—' },
          { title: L('角色', 'Role'), dataIndex: 'role', render: (v) => (v ? label(ROLE_LABELS, v) : '—') },
          { title: L('操作', 'Action'), dataIndex: 'action', render: (v) => <span title={v}>{auditActionLabel(v, lang)}</span> },
          { title: L('对象', 'Target'), dataIndex: 'target', render: (v) => (v ? <span title={v}>{String(v).replace(/\b\d{6}-[A-Z]+\b/g, (m) => dept(m))}</span> : '—') },
          { title: L('结果', 'Outcome'), dataIndex: 'outcome', render: (v) => <Tag color={v === 'success' ? 'success' : v === 'denied' ? 'warning' : 'error'}>{label(OUTCOME_LABELS, v)}</Tag> },
          { title: 'IP', dataIndex: 'sourceIp' },
          { title: t('detail'), dataIndex: 'details', render: (v) => v ? <Typography.Text data-raw style={{ fontSize: 12 }} ellipsis={{ tooltip: JSON.stringify(v) }}>{JSON.stringify(v).slice(0, 80)}</Typography.Text> : '—' },
        ]} />
      <PersonalReads />
    </>
  );
}

const FIELD_LABELS: Record<string, readonly [string, string]> = {
  name: ['姓名', 'name'], idNumber: ['证件号', 'ID number'], phone: ['电话', 'phone'], address: ['地址', 'address'],
};

/** 个人信息查阅记录 (GB/T 22239-2019 8.1.4.11): each reading of unmasked personal data, who saw whose. */
function PersonalReads() {
  const { t, L, label } = useI18n();
  const dept = useDeptName();
  const [subject, setSubject] = useState<string | undefined>();
  const r = useApi(() => api.get<{ reads?: { id: string; at: string; actorName?: string | null; departmentCode?: string | null; subjectKind: string; subjectRef: string; fields?: string[]; purpose?: string | null }[] }>('/api/admin/audit/personal-data-reads', { subject, limit: 500 }), [subject]);
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>{L('个人信息查阅记录', 'Readings of personal data')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={r.data?.reads ?? []} data-testid="personal-reads-table" exportList={{ list: 'personal-data-reads', filters: { subject } }}
        toolbar={<Input.Search placeholder={L('案件编号或投诉编号', 'Case or complaint number')} allowClear onSearch={(v) => setSubject(v || undefined)} style={{ width: 260 }} />}
        columns={[
          { title: t('time'), dataIndex: 'at', render: fmtTime },
          { title: L('查阅人', 'Reader'), dataIndex: 'actorName', render: (v) => v ?? '—' },
          { title: L('类别', 'Kind'), dataIndex: 'subjectKind', render: (v) => (v === 'case' ? L('案件当事人', 'Counterparty') : L('投诉人', 'Complainant')) },
          { title: L('对象', 'Whose'), dataIndex: 'subjectRef' },
          { title: t('department'), dataIndex: 'departmentCode', render: (v) => (v ? dept(v) : '—') },
          { title: L('字段', 'Fields'), dataIndex: 'fields', render: (v: string[]) => v.map((f) => label(FIELD_LABELS, f)).join('、') },
          { title: L('用途', 'Purpose'), dataIndex: 'purpose', render: (v) => v ?? '—' },
        ]} />
    </>
  );
}
