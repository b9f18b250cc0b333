import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, errorText } from '../../components/states';
import { api } from '../../lib/api';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { orgApi } from './org-pages';
import { valuesOf } from '../../lib/form';
import { useDeptName } from '../../lib/names';


interface ApiKeyRow { id: string; name: string; prefix: string; department: string; createdAt: string; lastUsedAt?: string | null; revokedAt?: string | null }
/** 部门 API 密钥 (interface standard §3): the key is shown once. */
export function ApiKeysPage() {
  const { t, L } = useI18n();
  const dept = useDeptName();
  const [revoked, setRevoked] = useState(false);
  const r = useApi(() => api.get<{ keys?: ApiKeyRow[] }>('/api/admin/api-keys', { includeRevoked: revoked ? 'true' : undefined }), [revoked]);
  const depts = useApi(() => orgApi.departments(), []);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<{ key: string; name: string } | null>(null);
  const [form] = Form.useForm<{ department: string; name: string }>();
  const issue = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    try { const x = await api.post<{ key: string; name: string }>('/api/admin/api-keys', v); setShown({ key: x.key, name: x.name }); setOpen(false); r.reload(); }
    catch (e) { message.error(errorText(e)); }
  };
  return (
    <>
      <Typography.Title level={4}>{t('apiKeys')}</Typography.Title>
      {shown && (
        <Alert type="warning" showIcon closable onClose={() => setShown(null)} style={{ marginBottom: 16 }} data-testid="api-key-shown"
          title={L('密钥只显示这一次，请立即复制并妥善保管', 'The key is shown only once: copy it now and keep it safe')}
          description={<span>{shown.name}：<Typography.Text copyable code>{shown.key}</Typography.Text></span>} />
      )}
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={r.data?.keys ?? []}
        toolbar={<Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setOpen(true); }}>{L('签发密钥', 'Issue a key')}</Button>
          <span>{L('显示已吊销', 'Show revoked')} <Switch size="small" checked={revoked} onChange={setRevoked} /></span>
        </Space>}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('department'), dataIndex: 'department', render: (v) => dept(v) },
          { title: L('前缀', 'Prefix'), dataIndex: 'prefix', render: (v) => <Typography.Text code>{v}…</Typography.Text> },
          { title: L('签发时间', 'Issued'), dataIndex: 'createdAt', render: fmtTime },
          { title: L('最近使用', 'Last used'), dataIndex: 'lastUsedAt', render: fmtTime },
          { title: t('status'), dataIndex: 'revokedAt', render: (v) => v ? <Tag color="error">{L('已吊销', 'Revoked')} {fmtTime(v)}</Tag> : <Tag color="success">{L('有效', 'Active')}</Tag> },
          { title: t('actions'), key: 'a', render: (_, k) => !k.revokedAt && (
            <Popconfirm title={L('吊销后该部门系统将无法推送数据，确定？', 'The department’s system will no longer push data. Revoke?')} onConfirm={async () => { try { await api.del(`/api/admin/api-keys/${k.id}`); r.reload(); } catch (e) { message.error(errorText(e)); } }}>
              <Button size="small" danger>{L('吊销', 'Revoke')}</Button>
            </Popconfirm>) },
        ]} />
      <Modal open={open} title={L('签发密钥', 'Issue a key')} onOk={issue} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="department" label={t('department')} rules={[{ required: true }]}><Select showSearch={{ optionFilterProp: 'label' }} options={(depts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} /></Form.Item>
          <Form.Item name="name" label={L('用途名称', 'Name')} rules={[{ required: true }]}><Input placeholder={L('如：执法办案系统对接', 'e.g. case system link')} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
