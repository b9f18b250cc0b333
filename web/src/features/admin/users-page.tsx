import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, errorText } from '../../components/states';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { ROLE_LABELS } from '../../lib/dict';
import { fmtTime } from '../../lib/format';
import { useDeptName } from '../../lib/names';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { orgApi } from './org-pages';
import { valuesOf } from '../../lib/form';

/** 用户与角色: users in scope, their grants (三员分立 enforced by the server), reset, disable. */
interface UserRow {
  id: string; username: string; name: string; department?: string | null; region?: string | null; disabled?: boolean; mustChangePassword?: boolean; createdAt?: string;
  grants: { id: string; role: string; departmentCode?: string | null; regionCode?: string | null }[];
}
/** What creating a user or resetting a password returns: the one-time password. */
interface NewPassword { username?: string; password?: string }
interface NewUserForm { username: string; name: string; department?: string; region?: string; role?: string; grantDepartment?: string; grantRegion?: string }

export function UsersPage() {
  const { t, L, label } = useI18n();
  const dept = useDeptName();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const r = useApi(() => api.get<{ users?: UserRow[] }>('/api/admin/users', { q: q || undefined, limit: 500 }), [q]);
  const depts = useApi(() => orgApi.departments(), []);
  const regions = useApi(() => orgApi.regions(), []);
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<UserRow | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [form] = Form.useForm<NewUserForm>();
  const [gform] = Form.useForm<{ role: string; region?: string; department?: string }>();
  const users = r.data?.users ?? [];
  const roleOptions = Object.keys(ROLE_LABELS).map((k) => ({ value: k, label: label(ROLE_LABELS, k) }));
  const deptOptions = (depts.data ?? []).map((d) => ({ value: d.code, label: d.name }));
  const regionOptions = (regions.data ?? []).map((d) => ({ value: d.code, label: `${d.name} ${d.code}` }));
  const act = async <T,>(fn: () => Promise<T>, ok: string): Promise<T | null> => {
    try { const x = await fn(); message.success(ok); r.reload(); return x; } catch (e) { message.error(errorText(e)); return null; }
  };
  const create = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    const roles = v.role ? [{ role: v.role, region: v.grantRegion ?? null, department: v.grantDepartment ?? null }] : undefined;
    const x = await act(() => api.post<NewPassword>('/api/admin/users', { username: v.username, name: v.name, department: v.department ?? null, region: v.region ?? null, roles }), L('已创建', 'Created'));
    if (x) { setCreating(false); if (x.password) setSecret({ username: x.username ?? v.username, password: x.password }); }
  };
  const grant = async () => {
    const v = await valuesOf(gform);
    if (!v || !granting) return;
    const x = await act(() => api.post(`/api/admin/users/${granting.id}/grants`, { role: v.role, region: v.region ?? null, department: v.department ?? null }), L('已授权', 'Granted'));
    if (x !== null) setGranting(null);
  };
  return (
    <>
      <Typography.Title level={4}>{t('users')}</Typography.Title>
      {secret && <Alert type="warning" showIcon closable onClose={() => setSecret(null)} style={{ marginBottom: 16 }} title={L('初始密码只显示这一次，请告知本人，首次登录须修改', 'The initial password is shown once; the user must change it at first sign-in')} description={<span>{secret.username}：<Typography.Text copyable code>{secret.password}</Typography.Text></span>} />}
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={users} exportList={{ list: 'users', filters: { q: q || undefined } }}
        toolbar={<Space wrap>
          <Input.Search placeholder={t('search')} allowClear onSearch={setQ} style={{ width: 200 }} />
          {can('user.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setCreating(true); }}>{L('新建用户', 'New user')}</Button>}
        </Space>}
        columns={[
          { title: t('username'), dataIndex: 'username', render: (v) => <span data-raw>{v}</span> },
          { title: t('name'), dataIndex: 'name' },
          { title: t('department'), dataIndex: 'department', render: (v, u) => (v ? dept(v) : u.region ?? '—') },
          { title: L('角色', 'Roles'), key: 'grants', render: (_, u) => <Space wrap size={[2, 2]}>{u.grants.map((g) => (
            <Tag key={g.id} closable={can('role.grant')} onClose={(e) => { e.preventDefault(); void act(() => api.del(`/api/admin/users/${u.id}/grants/${g.id}`), L('已收回', 'Revoked')); }}>
              {label(ROLE_LABELS, g.role)}{g.departmentCode ? `@${dept(g.departmentCode)}` : g.regionCode ? `@${g.regionCode}` : ''}
            </Tag>))}</Space> },
          { title: t('status'), dataIndex: 'disabled', render: (v, u) => v ? <Tag color="error">{L('停用', 'Disabled')}</Tag> : u.mustChangePassword ? <Tag color="warning">{L('待改密', 'Must change password')}</Tag> : <Tag color="success">{L('正常', 'Active')}</Tag> },
          { title: L('创建时间', 'Created'), dataIndex: 'createdAt', render: fmtTime },
          { title: t('actions'), key: 'a', render: (_, u) => can('user.manage') && (
            <Space size={4} wrap>
              {can('role.grant') && <Button size="small" onClick={() => { gform.resetFields(); setGranting(u); }}>{L('授权', 'Grant')}</Button>}
              <Popconfirm title={L('重置密码？', 'Reset the password?')} onConfirm={async () => { const x = await act(() => api.post<NewPassword>(`/api/admin/users/${u.id}/reset-password`, {}), L('已重置', 'Reset')); if (x?.password) setSecret({ username: u.username, password: x.password }); }}>
                <Button size="small">{L('重置密码', 'Reset password')}</Button>
              </Popconfirm>
              <Button size="small" danger={!u.disabled} onClick={() => act(() => api.post(`/api/admin/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`), L('已更新', 'Updated'))}>{u.disabled ? L('启用', 'Enable') : L('停用', 'Disable')}</Button>
            </Space>
          ) },
        ]} />
      <Modal open={creating} title={L('新建用户', 'New user')} onOk={create} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="username" label={t('username')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="name" label={t('name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="department" label={t('department')}><Select allowClear showSearch={{ optionFilterProp: 'label' }} options={deptOptions} /></Form.Item>
          <Form.Item name="region" label={t('region')}><Select allowClear showSearch={{ optionFilterProp: 'label' }} options={regionOptions} /></Form.Item>
          <Form.Item name="role" label={L('角色', 'Role')}><Select allowClear options={roleOptions} /></Form.Item>
          <Form.Item name="grantDepartment" label={L('角色限于部门', 'Role confined to department')}><Select allowClear showSearch={{ optionFilterProp: 'label' }} options={deptOptions} /></Form.Item>
          <Form.Item name="grantRegion" label={L('角色覆盖地区', 'Role covers region')}><Select allowClear showSearch={{ optionFilterProp: 'label' }} options={regionOptions} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={!!granting} title={`${L('授权', 'Grant')}：${granting?.name ?? ''}`} onOk={grant} onCancel={() => setGranting(null)} destroyOnHidden>
        <Form form={gform} layout="vertical">
          <Form.Item name="role" label={L('角色', 'Role')} rules={[{ required: true }]}><Select options={roleOptions} /></Form.Item>
          <Form.Item name="region" label={L('覆盖地区', 'Region')}><Select allowClear showSearch={{ optionFilterProp: 'label' }} options={regionOptions} /></Form.Item>
          <Form.Item name="department" label={L('限于部门', 'Department')}><Select allowClear showSearch={{ optionFilterProp: 'label' }} options={deptOptions} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
