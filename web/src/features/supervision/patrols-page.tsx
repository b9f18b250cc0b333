import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, errorText } from '../../components/states';
import { asList } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { orgApi } from '../admin/org-pages';
import { supApi, type PatrolRow, type PatrolTally } from './supervision.api';
import { useClock } from '../../components/clock-banner';
import { valuesOf } from '../../lib/form';

/** 巡查: record a patrol; patrols done and shortfalls per supervising region and working day. */
export function PatrolsPage() {
  const { t, L } = useI18n();
  const { can } = useAuth();
  const clock = useClock();
  const today = clock ? dayjs(clock.now) : dayjs();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const from = (range?.[0] ?? today.subtract(6, 'day')).format('YYYY-MM-DD');
  const to = (range?.[1] ?? today).format('YYYY-MM-DD');
  const r = useApi(() => supApi.patrolReport({ from, to }), [from, to], !!clock);
  const regions = useApi(() => orgApi.regions(), []);
  const names = new Map((regions.data ?? []).map((x) => [x.code, x.name]));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ targetRegion: string; findings: string; issues?: string }>();
  const save = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    try {
      await supApi.recordPatrol({ targetRegion: v.targetRegion, findings: v.findings, issues: String(v.issues ?? '').split('\n').map((s) => s.trim()).filter(Boolean).map((note) => ({ note })) });
      message.success(L('已记录', 'Recorded')); setOpen(false); r.reload();
    } catch (e) { message.error(errorText(e)); }
  };
  const rows = asList<PatrolRow>(r.data, 'rows');
  const tally = (x: PatrolTally | null | undefined) => x ? L(`本级 ${x.own}，市 ${x.cities}，县 ${x.counties}`, `own ${x.own}, cities ${x.cities}, counties ${x.counties}`) : '—';
  return (
    <>
      <Typography.Title level={4}>{t('patrols')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      {r.data && <Card size="small" style={{ marginBottom: 12 }}><Space wrap><span>{L('工作日', 'Working days')}：{r.data.workingDays}</span><Tag color={r.data.shortfalls?.length ? 'error' : 'success'}>{L('未达标', 'Short')}：{r.data.shortfalls?.length ?? 0}</Tag></Space></Card>}
      <DataTable rowKey={(x) => `${x.region}-${x.day}`} loading={r.loading} dataSource={rows} exportList={{ list: 'patrols', filters: { from, to } }}
        toolbar={<>
          <DatePicker.RangePicker value={range ?? [dayjs(from), dayjs(to)]} onChange={(v) => setRange(v as [Dayjs, Dayjs] | null)} allowClear={false} />
          {can('patrol.record') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setOpen(true); }} data-testid="patrol-new">{L('登记巡查', 'Record a patrol')}</Button>}
        </>}
        columns={[
          { title: t('region'), dataIndex: 'region', render: (v) => `${names.get(v) ?? ''} ${v}` },
          { title: L('日期', 'Day'), dataIndex: 'day' },
          { title: L('应巡', 'Required'), dataIndex: 'required', render: tally },
          { title: L('已巡', 'Done'), dataIndex: 'done', render: tally },
          { title: L('缺额', 'Shortfall'), dataIndex: 'short', render: (v, x) => x.met ? '—' : <span style={{ color: '#f5222d' }}>{tally(v)}</span> },
          { title: L('达标', 'Met'), dataIndex: 'met', render: (v) => v ? <Tag color="success">{L('达标', 'Met')}</Tag> : <Tag color="error">{L('未达标', 'Short')}</Tag> },
          { title: L('其中视频巡查', 'By video'), dataIndex: 'video', render: (v?: number) => v ?? 0 },
          { title: L('巡查人', 'By'), dataIndex: 'bySupervisor', render: (v) => Object.entries(v ?? {}).map(([k, n]) => `${k}×${n}`).join('，') || '—' },
        ]} />
      <Modal open={open} title={L('登记巡查', 'Record a patrol')} onOk={save} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="targetRegion" label={L('巡查对象（地区）', 'Region patrolled')} rules={[{ required: true }]}><Select showSearch={{ optionFilterProp: 'label' }} options={(regions.data ?? []).map((x) => ({ value: x.code, label: `${x.name} ${x.code}` }))} /></Form.Item>
          <Form.Item name="findings" label={L('巡查情况', 'Findings')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="issues" label={L('发现问题（每行一条）', 'Issues found (one per line)')}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
