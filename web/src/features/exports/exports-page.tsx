import { Alert, Button, Form, Input, Modal, Segmented, Space, Tag, Typography, message } from 'antd';
import { DataTable } from '../../components/data-table';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { ErrorAlert, errorText } from '../../components/states';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { valuesOf } from '../../lib/form';
import { useApi } from '../../lib/use-api';
import { download, EXPORT_STATUS, exportsApi, type ExportRow } from './exports.api';

function StatusTag({ status }: { status: string }) {
  const { lang } = useI18n();
  const s = EXPORT_STATUS[status];
  return <Tag color={s?.[2]} data-status={status}>{s ? s[lang === 'en' ? 1 : 0] : status}</Tag>;
}

/** 导出申请: my export requests, their approval, and the download once approved (第十五条). */
export function ExportsPage() {
  const { t, L } = useI18n();
  const r = useApi(() => exportsApi.mine(), []);
  const rows = r.data?.exports ?? [];
  return (
    <>
      <Typography.Title level={4}>{t('exportRequests')}</Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        message={L('依川办发〔2014〕2号电子监察办法第十五条，复制下载电子监察数据和个人信息须经单位分管领导批准；批准后 7 日内可下载，每次下载均登记备查。',
          'Supervision and personal data are downloaded only after a leader of your unit approves (第十五条), within 7 days; each download is registered.')} />
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={rows} data-testid="exports-table"
        columns={[
          { title: L('列表', 'List'), dataIndex: 'listTitle' },
          { title: L('条件', 'Filters'), dataIndex: 'filtersText', ellipsis: true, width: 160 },
          { title: L('用途', 'Purpose'), dataIndex: 'purpose', ellipsis: true, width: 160 },
          { title: L('申请时间', 'Requested'), dataIndex: 'requestedAt', render: fmtTime },
          { title: t('status'), dataIndex: 'status', render: (v) => <StatusTag status={v} /> },
          { title: L('审批', 'Decision'), key: 'd', ellipsis: true, width: 180, render: (_, x) => x.approvalRequired ? (x.decidedByName ? `${x.decidedByName}：${x.decisionReason ?? ''}` : '—') : L('公开数据，无须审批', 'Public data') },
          { title: L('有效期至', 'Valid until'), dataIndex: 'expiresAt', render: (v) => (v ? fmtTime(v) : '—') },
          { title: L('下载次数', 'Downloads'), dataIndex: 'downloads', render: (v, x) => (v ? `${v}（${L('末次', 'last')} ${x.lastRowCount} ${L('行', 'rows')}）` : '0') },
          { title: t('actions'), key: 'a', render: (_, x) => x.status === 'approved'
            ? <Button size="small" type="primary" icon={<DownloadOutlined />} onClick={() => { download(x.id); setTimeout(r.reload, 1500); }} data-testid="export-download">{L('下载', 'Download')}</Button>
            : null },
        ]} />
    </>
  );
}

/** 导出审批: a leader approves or refuses, with a reason, the requests of the units they cover (never their own). */
export function ExportApprovalsPage() {
  const { t, L } = useI18n();
  const [status, setStatus] = useState<string>('pending');
  const r = useApi(() => exportsApi.approvals(status === 'all' ? undefined : status), [status]);
  const rows = r.data?.exports ?? [];
  const [act, setAct] = useState<{ x: ExportRow; approve: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const v = await valuesOf(form);
    if (!v || !act) return;
    setBusy(true);
    try {
      await exportsApi.decide(act.x.id, act.approve, v.reason);
      message.success(act.approve ? L('已批准', 'Approved') : L('已不予批准', 'Refused'));
      setAct(null); r.reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  return (
    <>
      <Typography.Title level={4}>{t('exportApprovals')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={rows} data-testid="approvals-table"
        toolbar={<Segmented value={status} onChange={(v) => setStatus(String(v))} options={[
          { value: 'pending', label: L('待审批', 'Pending') }, { value: 'approved', label: L('已批准', 'Approved') },
          { value: 'refused', label: L('不予批准', 'Refused') }, { value: 'all', label: L('全部', 'All') },
        ]} data-testid="approvals-filter" />}
        columns={[
          { title: L('申请人', 'Requester'), dataIndex: 'requestedByName' },
          { title: L('单位', 'Unit'), key: 'u', render: (_, x) => x.departmentName ?? x.regionName ?? '—' },
          { title: L('列表', 'List'), dataIndex: 'listTitle' },
          { title: L('条件', 'Filters'), dataIndex: 'filtersText', ellipsis: true, width: 160 },
          { title: L('用途', 'Purpose'), dataIndex: 'purpose', ellipsis: true, width: 160 },
          { title: L('申请时间', 'Requested'), dataIndex: 'requestedAt', render: fmtTime },
          { title: t('status'), dataIndex: 'status', render: (v) => <StatusTag status={v} /> },
          { title: t('actions'), key: 'a', render: (_, x) => x.status === 'pending' ? (
            <Space size={4}>
              <Button size="small" type="primary" onClick={() => { form.resetFields(); setAct({ x, approve: true }); }} data-testid="export-approve">{L('批准', 'Approve')}</Button>
              <Button size="small" danger onClick={() => { form.resetFields(); setAct({ x, approve: false }); }} data-testid="export-refuse">{L('不予批准', 'Refuse')}</Button>
            </Space>
          ) : (x.decidedByName ? `${x.decidedByName}：${x.decisionReason ?? ''}` : '—') },
        ]} />
      <Modal open={!!act} title={act?.approve ? L('批准导出', 'Approve export') : L('不予批准', 'Refuse export')} onCancel={() => setAct(null)} onOk={submit} confirmLoading={busy} cancelText={t('cancel')} destroyOnHidden>
        {act && <Typography.Paragraph>{`${act.x.requestedByName}：${act.x.listTitle}（${act.x.filtersText}）— ${act.x.purpose}`}</Typography.Paragraph>}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={act?.approve ? L('审批意见', 'Opinion') : L('理由', 'Reason')} rules={[{ required: true, message: L('请填写', 'Required') }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="export-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
