import { Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Space, Tag, Typography, message } from 'antd';
import type { ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { DataTable } from '../../components/data-table';
import { useClock } from '../../components/clock-banner';
import { ErrorAlert, PageState, errorText } from '../../components/states';
import { asList, api } from '../../lib/api';
import { CATEGORY_LABELS } from '../../lib/dict';
import { fmtTime } from '../../lib/format';
import { valuesOf } from '../../lib/form';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { periodName, samplingApi, type Draw, type DrawCase } from './sampling.api';

interface Dept { code: string; name: string; regionCode?: string }
interface DrawForm { departmentCode: string; periodKind: 'month' | 'quarter'; period: Dayjs; sizeKind: 'count' | 'percent'; sizeValue: number; seed?: string }

const periodOf = (kind: 'month' | 'quarter', d: Dayjs) => (kind === 'month' ? d.format('YYYY-MM') : `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`);

/**
 * 抽查 (川办发〔2014〕2号 电子监察办法 第十一条(四) 抽样监察): the draws of the supervisor's region, and a new
 * draw — a department, a month or quarter, n cases or a percentage, the seed (recorded; the same seed
 * over the same cases gives the same sample).
 */
export function SamplingPage() {
  const { t, L, lang } = useI18n();
  const nav = useNavigate();
  const clock = useClock();
  const r = useApi(() => samplingApi.draws({}), []);
  const depts = useApi(async () => asList<Dept>(await api.get<unknown>('/api/org/departments'), 'departments'), []);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<DrawForm>();
  const periodKind = Form.useWatch('periodKind', form) ?? 'month';
  const sizeKind = Form.useWatch('sizeKind', form) ?? 'count';
  const today = clock ? dayjs(clock.now) : dayjs();
  const save = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    setBusy(true);
    try {
      const d = await samplingApi.draw({ departmentCode: v.departmentCode, period: periodOf(v.periodKind, v.period), size: { kind: v.sizeKind, value: v.sizeValue }, seed: v.seed?.trim() || undefined });
      message.success(L(`已抽取 ${d.caseIds.length} 件`, `${d.caseIds.length} cases drawn`));
      setOpen(false);
      nav(`/supervision/sampling/draws/${d.id}`);
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const rows = r.data?.draws ?? [];
  return (
    <>
      <Typography.Title level={4}>{t('sampling')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={rows} data-testid="draws-table"
        toolbar={<>
          {r.data?.canDraw && <Button type="primary" icon={<PlusOutlined />} data-testid="draw-new" onClick={() => { form.resetFields(); setOpen(true); }}>{L('随机抽取', 'Draw a sample')}</Button>}
          <Link to="/supervision/sampling/ledger">{t('samplingLedger')}</Link>
        </>}
        columns={[
          { title: L('抽查编号', 'Draw'), dataIndex: 'drawNo', render: (v: string, d: Draw) => <Link to={`/supervision/sampling/draws/${d.id}`}>{v}</Link> },
          { title: t('department'), dataIndex: 'departmentName' },
          { title: L('抽查期间', 'Period'), dataIndex: 'period', render: (v: string) => periodName(v, lang) },
          { title: L('抽取', 'Size'), dataIndex: 'sizeValue', render: (_: number, d: Draw) => (d.sizeKind === 'count' ? L(`${d.sizeValue} 件`, `${d.sizeValue} cases`) : `${d.sizeValue}%`) },
          { title: L('办结总数', 'Concluded'), dataIndex: 'population' },
          { title: L('抽中', 'Drawn'), dataIndex: 'caseIds', render: (v: string[]) => v.length },
          { title: L('随机种子', 'Seed'), dataIndex: 'seed', render: (v: string) => <Typography.Text code data-raw>{v}</Typography.Text> },
          { title: L('抽取人', 'By'), dataIndex: 'drawnByName', render: (v: string) => <span data-raw>{v}</span> },
          { title: L('抽取时间', 'Drawn at'), dataIndex: 'drawnAt', render: fmtTime },
        ]} />
      <Modal open={open} title={L('随机抽取已办结办件', 'Draw concluded cases')} onOk={save} confirmLoading={busy} onCancel={() => setOpen(false)} destroyOnHidden okButtonProps={{ 'data-testid': 'draw-submit' } as ButtonProps}>
        <Form form={form} layout="vertical" initialValues={{ periodKind: 'month', period: today.subtract(1, 'month'), sizeKind: 'count', sizeValue: 5 }}>
          <Form.Item name="departmentCode" label={t('department')} rules={[{ required: true, message: L('请选择部门', 'Choose a department') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} data-testid="draw-department" options={(depts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
          </Form.Item>
          <Space align="start" wrap>
            <Form.Item name="periodKind" label={L('期间', 'Period')}><Radio.Group options={[{ value: 'month', label: L('月度', 'Month') }, { value: 'quarter', label: L('季度', 'Quarter') }]} optionType="button" /></Form.Item>
            <Form.Item name="period" label={L('抽查期间', 'Period')} rules={[{ required: true }]}><DatePicker picker={periodKind} allowClear={false} data-testid="draw-period" /></Form.Item>
          </Space>
          <Space align="start" wrap>
            <Form.Item name="sizeKind" label={L('抽取方式', 'Size by')}><Radio.Group options={[{ value: 'count', label: L('按件数', 'Count') }, { value: 'percent', label: L('按比例', 'Percentage') }]} optionType="button" /></Form.Item>
            <Form.Item name="sizeValue" label={sizeKind === 'count' ? L('件数', 'Cases') : L('比例（%）', 'Percent')} rules={[{ required: true }]}>
              <InputNumber min={1} max={sizeKind === 'count' ? 500 : 100} precision={0} data-testid="draw-size" />
            </Form.Item>
          </Space>
          <Form.Item name="seed" label={L('随机种子（留空则自动生成并记录）', 'Seed (left empty: made and recorded)')} extra={L('同一种子、同一批办件，抽取结果相同，可复核', 'The same seed over the same cases gives the same sample')}>
            <Input maxLength={64} data-testid="draw-seed" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** One draw: its criteria and seed, its cases with their checklist, visits and findings. */
export function DrawPage() {
  const { id = '' } = useParams();
  const { t, L, lang, label } = useI18n();
  const r = useApi(() => samplingApi.detail(id), [id]);
  const d = r.data?.draw;
  const s = r.data?.summary;
  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/supervision/sampling">{t('sampling')}</Link> }, { title: d?.drawNo ?? '…' }]} style={{ marginBottom: 12 }} />
      <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        {d && s && (
          <>
            <Card size="small" style={{ marginBottom: 12 }} data-testid="draw-card">
              <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
                { label: L('抽查编号', 'Draw'), children: d.drawNo },
                { label: t('department'), children: d.departmentName ?? '—' },
                { label: L('抽查期间', 'Period'), children: periodName(d.period, lang) },
                { label: L('抽取', 'Size'), children: d.sizeKind === 'count' ? L(`${d.sizeValue} 件`, `${d.sizeValue} cases`) : `${d.sizeValue}%` },
                { label: L('本期办结', 'Concluded in the period'), children: d.population },
                { label: L('随机种子', 'Seed'), children: <Typography.Text code copyable data-raw>{d.seed}</Typography.Text> },
                { label: L('抽取人', 'Drawn by'), children: <span data-raw>{d.drawnByName}</span> },
                { label: L('抽取时间', 'Drawn at'), children: fmtTime(d.drawnAt) },
              ]} />
              <Space wrap style={{ marginTop: 8 }} data-testid="draw-summary">
                <Tag>{L('抽中', 'Drawn')} {s.cases}</Tag><Tag color="processing">{L('已检查', 'Checked')} {s.checked}</Tag>
                <Tag color={s.nonconforming ? 'error' : 'success'}>{L('有问题', 'With problems')} {s.nonconforming}</Tag>
                <Tag>{L('回访', 'Visits')} {s.visits}</Tag><Tag color={s.findings ? 'warning' : undefined}>{L('发现问题', 'Findings')} {s.findings}</Tag>
              </Space>
            </Card>
            <DataTable<DrawCase> rowKey="id" dataSource={r.data?.cases ?? []} data-testid="draw-cases"
              columns={[
                { title: L('序号', 'No.'), dataIndex: 'order', width: 64 },
                { title: L('办件编号', 'Case'), dataIndex: 'caseNo', render: (v: string | null, c) => <Link to={`/supervision/sampling/draws/${id}/cases/${c.id}`} data-testid="sampled-case">{v ?? c.id}</Link> },
                { title: L('事项', 'Item'), dataIndex: 'itemName', render: (v: string | null) => v ?? '—' },
                { title: L('类别', 'Category'), dataIndex: 'category', render: (v: string) => label(CATEGORY_LABELS, v) },
                { title: L('办结时间', 'Concluded'), dataIndex: 'concludedAt', render: fmtTime },
                { title: L('检查', 'Check'), dataIndex: 'checked', render: (v: boolean, c) => (!v ? <Tag>{L('未检查', 'Not checked')}</Tag> : c.nonconforming ? <Tag color="error">{L(`不符合 ${c.nonconforming} 项`, `${c.nonconforming} not conforming`)}</Tag> : <Tag color="success">{L('符合', 'Conforms')}</Tag>) },
                { title: L('回访', 'Visits'), dataIndex: 'visits' },
                { title: L('发现问题', 'Findings'), dataIndex: 'findings' },
              ]} />
          </>
        )}
      </PageState>
    </>
  );
}
