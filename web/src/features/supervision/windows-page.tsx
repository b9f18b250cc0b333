import { Button, Form, Input, Modal, Select, Space, Switch, Tag, Typography, message } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, errorText } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { valuesOf } from '../../lib/form';
import { orgApi } from '../admin/org-pages';
import { STREAM_KIND_LABELS, windowApi, type ServiceWindow, type WindowInput, type WindowStream } from './windows.api';

interface DepartmentOption { code: string; name: string }
interface WindowForm { departmentCode?: string; hall: string; name: string; location: string; streams: WindowStream[]; active: boolean }

/**
 * 服务窗口 (川办 电子监察办法 第十一条(一)): the windows of the halls with their camera streams. The
 * region's and the department's administrators register and edit them; supervisors open one to patrol it.
 */
export function WindowsPage() {
  const { L } = useI18n();
  const { can } = useAuth();
  const [showInactive, setShowInactive] = useState(false);
  const r = useApi(() => windowApi.list(showInactive ? { includeInactive: 'true' } : {}), [showInactive]);
  const manage = can('window.manage');
  const depts = useApi<DepartmentOption[]>(() => (manage ? orgApi.departments() : Promise.resolve([])), [manage]);
  const [editing, setEditing] = useState<ServiceWindow | 'new' | null>(null);
  const [form] = Form.useForm<WindowForm>();
  const open = (w: ServiceWindow | 'new') => {
    form.resetFields();
    if (w !== 'new') form.setFieldsValue({ hall: w.hall, name: w.name, location: w.location, streams: w.streams, active: w.active });
    else form.setFieldsValue({ streams: [{ kind: 'hls', url: '' }], active: true });
    setEditing(w);
  };
  const save = async () => {
    const v = await valuesOf(form);
    if (!v || !editing) return;
    const body: WindowInput = { hall: v.hall, name: v.name, location: v.location, streams: v.streams ?? [], active: v.active };
    try {
      if (editing === 'new') await windowApi.create({ ...body, departmentCode: v.departmentCode });
      else await windowApi.update(editing.id, body);
      message.success(L('已保存', 'Saved'));
      setEditing(null);
      r.reload();
    } catch (e) { message.error(errorText(e)); }
  };
  const rows = r.data?.windows ?? [];
  return (
    <>
      <Typography.Title level={4}>{L('服务窗口与视频巡查', 'Service windows and video patrols')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable<ServiceWindow> rowKey="id" loading={r.loading} dataSource={rows} data-testid="windows-table"
        locale={{ emptyText: L('尚未登记服务窗口', 'No service window registered') }}
        toolbar={<>
          <Space><Switch checked={showInactive} onChange={setShowInactive} /> {L('含已停用', 'Include inactive')}</Space>
          {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="window-new">{L('登记窗口', 'Register a window')}</Button>}
        </>}
        columns={[
          { title: L('窗口', 'Window'), dataIndex: 'name', render: (v: string, w) => <Link to={`/supervision/windows/${w.id}`} data-testid="window-link">{v}</Link> },
          { title: L('所在大厅', 'Hall'), dataIndex: 'hall' },
          { title: L('位置', 'Location'), dataIndex: 'location' },
          { title: L('部门', 'Department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
          { title: L('视频流', 'Streams'), dataIndex: 'streams', render: (v: WindowStream[]) => v.map((s, i) => <Tag key={i}>{s.label || L(...STREAM_KIND_LABELS[s.kind])}</Tag>) },
          { title: L('状态', 'Status'), dataIndex: 'active', render: (v: boolean) => v ? <Tag color="success">{L('启用', 'Active')}</Tag> : <Tag>{L('已停用', 'Inactive')}</Tag> },
          { title: L('操作', 'Actions'), key: 'ops', fixed: 'right', render: (_: unknown, w) => (
            <Space>
              <Link to={`/supervision/windows/${w.id}`}>{L('观看', 'Watch')}</Link>
              {w.canManage && <Button type="link" size="small" onClick={() => open(w)}>{L('编辑', 'Edit')}</Button>}
            </Space>
          ) },
        ]} />
      <Modal open={!!editing} width={720} title={editing === 'new' ? L('登记服务窗口', 'Register a service window') : L('编辑服务窗口', 'Edit the service window')} onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          {editing === 'new' && (
            <Form.Item name="departmentCode" label={L('部门', 'Department')} rules={[{ required: true, message: L('请选择部门', 'Choose the department') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} data-testid="window-department" options={(depts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
            </Form.Item>
          )}
          <Form.Item name="hall" label={L('所在大厅', 'Hall')} rules={[{ required: true, message: L('请填写所在大厅', 'Hall required') }]}><Input maxLength={100} placeholder={L('如：通川区政务服务中心', 'e.g. the district service centre')} /></Form.Item>
          <Form.Item name="name" label={L('窗口名称', 'Window name')} rules={[{ required: true, message: L('请填写窗口名称', 'Name required') }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="location" label={L('窗口位置', 'Location')} rules={[{ required: true, message: L('请填写窗口位置', 'Location required') }]}><Input maxLength={200} /></Form.Item>
          <Typography.Text type="secondary">{L('视频流：大厅视频平台（国标 28181 平台）提供的 HLS 地址（以 .m3u8 结尾）或 WebRTC 地址，须以 http:// 或 https:// 开头。', 'Streams: the HLS (.m3u8) or WebRTC addresses the hall\'s video platform offers, http:// or https://.')}</Typography.Text>
          <Form.List name="streams">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex', marginTop: 8 }} wrap>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]} noStyle>
                      <Select style={{ width: 140 }} options={(['hls', 'webrtc'] as const).map((k) => ({ value: k, label: L(...STREAM_KIND_LABELS[k]) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'url']} rules={[{ required: true, message: L('请填写地址', 'URL required') }]} style={{ marginBottom: 0 }}>
                      <Input style={{ width: 360 }} placeholder="https://…/index.m3u8" data-testid="stream-url" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} style={{ marginBottom: 0 }}><Input style={{ width: 120 }} placeholder={L('摄像头名称', 'Camera name')} maxLength={50} /></Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                {fields.length < 8 && <Button type="dashed" style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => add({ kind: 'hls', url: '' })}>{L('添加视频流', 'Add a stream')}</Button>}
              </>
            )}
          </Form.List>
          <Form.Item name="active" label={L('启用', 'Active')} valuePropName="checked" style={{ marginTop: 12 }}><Switch /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
