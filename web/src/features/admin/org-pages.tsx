import { Button, Form, Input, Modal, Select, Space, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, errorText } from '../../components/states';
import { api, asList } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { valuesOf } from '../../lib/form';
import type { DepartmentRow, RegionRow } from '../../lib/api-models';

export const orgApi = {
  regions: async (q?: { parent?: string; under?: string }) => asList<RegionRow>(await api.get('/api/org/regions', q), 'regions'),
  departments: async (q?: { region?: string; q?: string }) => asList<DepartmentRow>(await api.get('/api/org/departments', q), 'departments'),
};

const LEVELS: Record<number, [string, string]> = { 1: ['省级', 'Province'], 2: ['市级', 'City'], 3: ['县级', 'County'], 4: ['乡级', 'Township'] };

/** 行政区划 (GB/T 2260), scoped to the user's grants. */
export function RegionsPage() {
  const { t, L, lang } = useI18n();
  const { can } = useAuth();
  const [under, setUnder] = useState('');
  const r = useApi(() => orgApi.regions(under ? { under } : undefined), [under]);
  const [edit, setEdit] = useState<Partial<RegionRow> | null>(null);
  const [form] = Form.useForm<{ code?: string; name: string; parent?: string | null }>();
  const save = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    try {
      if (edit?.code) await api.patch(`/api/org/regions/${edit.code}`, { name: v.name });
      else await api.post('/api/org/regions', { code: v.code, name: v.name, parent: v.parent || null });
      message.success(L('已保存', 'Saved')); setEdit(null); r.reload();
    } catch (e) { message.error(errorText(e)); }
  };
  return (
    <>
      <Typography.Title level={4}>{t('regions')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="code" loading={r.loading} dataSource={r.data ?? []} exportList={{ list: 'regions' }}
        toolbar={<>
          <Input.Search placeholder={L('代码前缀，如 5117', 'Code prefix, e.g. 5117')} allowClear onSearch={setUnder} style={{ width: 220 }} />
          {can('org.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEdit({}); }}>{t('create')}</Button>}
        </>}
        columns={[
          { title: t('code'), dataIndex: 'code' },
          { title: t('name'), dataIndex: 'name' },
          { title: L('上级', 'Parent'), dataIndex: 'parent' },
          { title: L('层级', 'Level'), dataIndex: 'level', render: (v) => LEVELS[v]?.[lang === 'en' ? 1 : 0] ?? v },
          ...(can('org.manage') ? [{ title: t('actions'), key: 'a', render: (_: unknown, x: RegionRow) => <Button size="small" onClick={() => { form.setFieldsValue(x); setEdit(x); }}>{t('edit')}</Button> }] : []),
        ]} />
      <Modal open={!!edit} title={edit?.code ? t('edit') : t('create')} onOk={save} onCancel={() => setEdit(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="code" label={L('代码（6 位）', 'Code (6 digits)')} rules={[{ required: true, pattern: /^\d{6}$/, message: L('须为 6 位数字', 'Six digits') }]}><Input disabled={!!edit?.code} /></Form.Item>
          <Form.Item name="name" label={t('name')} rules={[{ required: true }]}><Input /></Form.Item>
          {!edit?.code && <Form.Item name="parent" label={L('上级代码', 'Parent code')}><Input /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}

/** 部门 within the user's scope. */
export function DepartmentsPage() {
  const { t, L } = useI18n();
  const { can } = useAuth();
  const [region, setRegion] = useState<string>();
  const [q, setQ] = useState('');
  const regions = useApi(() => orgApi.regions(), []);
  const r = useApi(() => orgApi.departments({ region, q: q || undefined }), [region, q]);
  const [edit, setEdit] = useState<Partial<DepartmentRow> | null>(null);
  const [form] = Form.useForm<{ code?: string; name: string; region?: string }>();
  const save = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    try {
      if (edit?.code) await api.patch(`/api/org/departments/${encodeURIComponent(edit.code)}`, { name: v.name, region: v.region });
      else await api.post('/api/org/departments', v);
      message.success(L('已保存', 'Saved')); setEdit(null); r.reload();
    } catch (e) { message.error(errorText(e)); }
  };
  const regionOptions = (regions.data ?? []).map((x) => ({ value: x.code, label: `${x.name} ${x.code}` }));
  return (
    <>
      <Typography.Title level={4}>{t('departments')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="code" loading={r.loading} dataSource={r.data ?? []} exportList={{ list: 'departments' }}
        toolbar={<Space wrap>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('region')} style={{ width: 220 }} options={regionOptions} value={region} onChange={setRegion} />
          <Input.Search placeholder={t('search')} allowClear onSearch={setQ} style={{ width: 200 }} />
          {can('org.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEdit({}); }}>{t('create')}</Button>}
        </Space>}
        columns={[
          { title: t('code'), dataIndex: 'code', render: (v) => <span data-raw>{v}</span> },
          { title: t('name'), dataIndex: 'name' },
          { title: t('region'), dataIndex: 'regionName', render: (v, x) => v ?? x.region },
          ...(can('org.manage') ? [{ title: t('actions'), key: 'a', render: (_: unknown, x: DepartmentRow) => <Button size="small" onClick={() => { form.setFieldsValue(x); setEdit(x); }}>{t('edit')}</Button> }] : []),
        ]} />
      <Modal open={!!edit} title={edit?.code ? t('edit') : t('create')} onOk={save} onCancel={() => setEdit(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="code" label={t('code')} rules={[{ required: true }]}><Input disabled={!!edit?.code} placeholder="511702-STJ" /></Form.Item>
          <Form.Item name="name" label={t('name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="region" label={t('region')} rules={[{ required: true }]}><Select showSearch={{ optionFilterProp: 'label' }} options={regionOptions} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
