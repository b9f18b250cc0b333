import { DeptName } from '../../lib/names';
import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../lib/api';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { FlowChart } from '../../components/flow-chart';
import { StatusTag } from '../../components/light-tag';
import { PageState, errorText } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { CATEGORY_LABELS } from '../../lib/dict';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { AdjustmentActions } from './adjustment-actions';
import { RiskControlsCard } from './risk-controls-card';
import { KIND_LABELS, STAGE_LABELS, catApi } from './catalog.api';
import { ChangesTable, ItemDiff } from './item-diff';
import { useClock } from '../../components/clock-banner';
import { valuesOf } from '../../lib/form';

const PROPOSAL_FIELDS = ['name', 'category', 'legalBasis', 'legalLimitDays', 'promisedLimitDays', 'fees', 'location', 'phone', 'guide', 'materials', 'remedies', 'confidential', 'flow', 'discretion',
  'acceptanceConditions', 'targets', 'officeHours', 'visits', 'online', 'onlineUrl', 'materialDetails', 'faqs'];
/** 实施清单 fields edited in the form (beside the JSON). */
const GUIDE_FIELDS = ['acceptanceConditions', 'targets', 'officeHours', 'visits', 'online'] as const;

/** The item as §2 import shape, for a change proposal. */
function toProposal(it: any): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  for (const k of PROPOSAL_FIELDS) if (it[k] !== undefined) p[k] = it[k];
  return p;
}

/** One item for its administrators: content, versions with diff, and its adjustment requests. */
export function ItemAdminPage() {
  const { code = '' } = useParams();
  const { t, L, label } = useI18n();
  const { can } = useAuth();
  const r = useApi(() => catApi.item(code), [code]);
  const vs = useApi(() => catApi.versions(code), [code]);
  const adjs = useApi(() => catApi.adjustments({ itemCode: code }), [code]);
  const it: any = r.data ? { ...(r.data.current ?? r.data.pending ?? {}), code, status: r.data.status, category: r.data.category, departmentCode: r.data.departmentCode } : null;
  const versions: any[] = vs.data ?? [];
  const [pair, setPair] = useState<[number | undefined, number | undefined]>([undefined, undefined]);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const clock = useClock();
  const diff = useApi(() => catApi.diff(code, pair[0]!, pair[1]!), [code, pair[0], pair[1]], pair[0] !== undefined && pair[1] !== undefined && pair[0] !== pair[1]);
  const startChange = () => {
    form.resetFields();
    form.setFieldsValue({ kind: 'change', effectiveOn: (clock ? dayjs(clock.now) : dayjs()).add(1, 'day'), name: it.name, promisedLimitDays: it.promisedLimitDays, legalLimitDays: it.legalLimitDays, location: it.location, phone: it.phone, guide: it.guide, remedies: it.remedies, materials: (it.materials ?? []).join('\n'), advanced: JSON.stringify(toProposal(it), null, 2),
      acceptanceConditions: it.acceptanceConditions, targets: it.targets, officeHours: it.officeHours, visits: it.visits, online: it.online });
    setOpen(true);
  };
  const submit = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    let proposal: Record<string, unknown> | null = null;
    if (v.kind === 'change') {
      try { proposal = JSON.parse(v.advanced); } catch { message.error(L('高级内容不是有效的 JSON', 'Advanced content is not valid JSON')); return; }
      Object.assign(proposal!, { name: v.name, promisedLimitDays: v.promisedLimitDays, legalLimitDays: v.legalLimitDays, location: v.location, phone: v.phone, guide: v.guide, remedies: v.remedies, materials: String(v.materials ?? '').split('\n').map((s: string) => s.trim()).filter(Boolean) });
      for (const k of GUIDE_FIELDS) { if (v[k] === undefined || v[k] === null || v[k] === '') delete proposal![k]; else proposal![k] = v[k]; }
    }
    setBusy(true);
    try {
      await catApi.createAdjustment({ kind: v.kind, itemCode: code, proposal, reason: v.reason, effectiveOn: v.effectiveOn.format('YYYY-MM-DD'), lawChangedOn: v.lawChangedOn ? v.lawChangedOn.format('YYYY-MM-DD') : null });
      message.success(L('已保存为草稿，请提交审核', 'Saved as a draft: submit it for review'));
      setOpen(false); adjs.reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const proposalDiff = useMemo(() => (adjs.data ?? []).find((a: any) => ['draft', 'review', 'approval', 'returned'].includes(a.stage) && a.proposal), [adjs.data]);
  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/admin/catalog">{t('catalogAdmin')}</Link> }, { title: it?.name ?? code }]} style={{ marginBottom: 12 }} />
      <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        {it && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={<Space wrap><span data-testid="item-admin-title">{it.name}</span><Tag>{it.code}</Tag><Tag color="red">{label(CATEGORY_LABELS, it.category)}</Tag><StatusTag status={it.status} />{it.version != null && <Tag>v{it.version}</Tag>}</Space>}
              extra={can('catalog.draft') && <Button type="primary" onClick={startChange} data-testid="adj-new">{L('申请调整', 'Request a change')}</Button>}>
              <Row gutter={16}>
                <Col xs={24} lg={15}>
                  <Descriptions column={1} size="small" bordered>
                    <Descriptions.Item label={t('department')}>{it.departmentName ?? <DeptName code={it.departmentCode} />}</Descriptions.Item>
                    <Descriptions.Item label={t('legalLimit')}>{it.legalLimitDays}</Descriptions.Item>
                    <Descriptions.Item label={t('promisedLimit')}>{it.promisedLimitDays}</Descriptions.Item>
                    <Descriptions.Item label={t('legalBasis')}>{(it.legalBasis ?? []).map((b: any) => `《${b.law}》${b.article ?? ''}`).join('；')}</Descriptions.Item>
                    <Descriptions.Item label={t('materials')}>{(it.materials ?? []).join('；') || '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('fees')}>{(it.fees ?? []).map((f: any) => `${f.name} ¥${f.amount}`).join('；') || L('不收费', 'None')}</Descriptions.Item>
                    <Descriptions.Item label={t('remedies')}>{it.remedies ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={L('生效时间', 'Effective from')}>{fmtTime(it.effectiveFrom)}</Descriptions.Item>
                  </Descriptions>
                </Col>
                <Col xs={24} lg={9}><FlowChart flow={it.flow} /></Col>
              </Row>
            </Card>
            <RiskControlsCard steps={it.flow?.steps} />
            <Card title={L('调整申请', 'Adjustment requests')} size="small">
              {proposalDiff && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={L('在途申请的变更内容', 'What the open request changes')} description={<ItemDiff before={toProposal(it)} after={proposalDiff.proposal} />} />}
              <Table size="small" rowKey="id" loading={adjs.loading} dataSource={adjs.data ?? []} pagination={false} data-testid="item-adjustments"
                columns={[
                  { title: L('类型', 'Kind'), dataIndex: 'kind', render: (v) => label(KIND_LABELS, v) },
                  { title: t('reason'), dataIndex: 'reason' },
                  { title: L('生效日期', 'Effective'), dataIndex: 'effectiveOn' },
                  { title: L('阶段', 'Stage'), dataIndex: 'stage', render: (v) => <Tag data-stage={v}>{label(STAGE_LABELS, v)}</Tag> },
                  { title: L('退回理由', 'Returned because'), dataIndex: 'returnReasons', render: (v) => v ?? '—' },
                  { title: t('actions'), key: 'a', render: (_, a: any) => <AdjustmentActions a={a} onDone={() => { adjs.reload(); r.reload(); vs.reload(); }} /> },
                ]} />
            </Card>
            <Card title={L('历史版本', 'Versions')} size="small">
              <Table size="small" rowKey="version" dataSource={versions} pagination={false} loading={vs.loading} data-testid="versions-table"
                columns={[{ title: t('version'), dataIndex: 'version', render: (v, x: any) => <Space>v{v}{x.inEffect && <Tag color="success">{L('现行', 'In effect')}</Tag>}{x.future && <Tag color="processing">{L('待生效', 'Pending')}</Tag>}</Space> }, { title: t('status'), dataIndex: 'status', render: (v) => <StatusTag status={v} /> }, { title: L('生效时间', 'Effective'), dataIndex: 'effectiveFrom', render: fmtTime }, { title: t('name'), dataIndex: 'name' }]} />
              {versions.length > 1 && (
                <Space style={{ marginTop: 12 }} wrap>
                  {L('比较版本', 'Compare')}
                  <Select id="diff-from" style={{ width: 100 }} value={pair[0]} onChange={(v) => setPair([v, pair[1]])} options={versions.map((v) => ({ value: v.version, label: `v${v.version}` }))} />
                  →
                  <Select id="diff-to" style={{ width: 100 }} value={pair[1]} onChange={(v) => setPair([pair[0], v])} options={versions.map((v) => ({ value: v.version, label: `v${v.version}` }))} />
                </Space>
              )}
              {diff.data && <div style={{ marginTop: 12 }}><ChangesTable changes={diff.data.changes ?? []} /></div>}
            </Card>
          </Space>
        )}
      </PageState>
      <Modal open={open} title={L('申请调整事项', 'Request a change')} onOk={submit} onCancel={() => setOpen(false)} confirmLoading={busy} width={760} destroyOnHidden okButtonProps={{ 'data-testid': 'adj-save' } as any}>
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={L('调整类型', 'Kind')}><Radio.Group options={['change', 'suspend', 'resume', 'cancel'].map((k) => ({ value: k, label: label(KIND_LABELS, k) }))} /></Form.Item>
          {/* 川 目录动态调整办法 第三条(一): 须说明调整理由和依据 */}
          <Form.Item name="reason" label={L('调整理由', 'Reason')} rules={[{ required: true, message: L('须说明调整理由', 'Give the reason') }]}><Input.TextArea rows={2} id="adj-reason" /></Form.Item>
          <Space wrap>
            <Form.Item name="effectiveOn" label={L('生效日期', 'Effective on')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name="lawChangedOn" label={L('依据变化日期', 'Law changed on')}><DatePicker /></Form.Item>
          </Space>
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>{({ getFieldValue }) => getFieldValue('kind') === 'change' && <>
            <Form.Item name="name" label={t('itemName')} rules={[{ required: true }]}><Input /></Form.Item>
            <Space wrap>
              <Form.Item name="promisedLimitDays" label={t('promisedLimit')} rules={[{ required: true }]}><InputNumber min={0} id="adj-promised" /></Form.Item>
              <Form.Item name="legalLimitDays" label={t('legalLimit')} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item>
            </Space>
            <Form.Item name="location" label={t('location')}><Input id="adj-location" /></Form.Item>
            <Form.Item name="phone" label={t('phone')}><Input id="adj-phone" /></Form.Item>
            <Form.Item name="materials" label={L('申请材料（每行一项）', 'Materials (one per line)')}><Input.TextArea rows={3} /></Form.Item>
            <Form.Item name="remedies" label={t('remedies')}><Input.TextArea rows={2} /></Form.Item>
            <Form.Item name="guide" label={t('guide')}><Input.TextArea rows={2} /></Form.Item>
            <Form.Item name="acceptanceConditions" label={L('受理条件', 'Conditions for acceptance')}><Input.TextArea rows={2} id="adj-conditions" /></Form.Item>
            <Form.Item name="targets" label={L('办理对象', 'Who may apply')}><Input id="adj-targets" /></Form.Item>
            <Form.Item name="officeHours" label={L('办理时间', 'Office hours')}><Input id="adj-hours" /></Form.Item>
            <Space wrap>
              <Form.Item name="visits" label={L('跑动次数', 'Visits needed')}><InputNumber min={0} max={10} id="adj-visits" /></Form.Item>
              <Form.Item name="online" label={L('是否网办', 'Online')}><Radio.Group options={[{ value: true, label: L('是', 'Yes') }, { value: false, label: L('否', 'No') }]} /></Form.Item>
            </Space>
            <SampleFormUpload departmentCode={it?.departmentCode} form={form} />
            <Form.Item name="advanced" label={L('完整内容（JSON，含依据、流程、收费、裁量）', 'Full content (JSON: basis, flow, fees, discretion)')}><Input.TextArea rows={6} style={{ fontFamily: 'monospace', fontSize: 12 }} /></Form.Item>
          </>}</Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * 样表: upload a sample form for one material (type-checked by the platform) and name it in the
 * proposal's materialDetails; it reaches the hall when the adjustment is approved.
 */
function SampleFormUpload({ departmentCode, form }: { departmentCode?: string; form: any }) {
  const { L } = useI18n();
  const [material, setMaterial] = useState<string>();
  const [busy, setBusy] = useState(false);
  const materials: string[] = String(Form.useWatch('materials', form) ?? '').split('\n').map((s: string) => s.trim()).filter(Boolean);
  const upload = async (file: File) => {
    if (!material || !departmentCode) { message.error(L('请先选择材料', 'Choose the material first')); return false; }
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      const r: any = await api.upload(`/api/catalog/files?departmentCode=${encodeURIComponent(departmentCode)}`, fd);
      const adv = JSON.parse(form.getFieldValue('advanced') || '{}');
      const details: any[] = Array.isArray(adv.materialDetails) ? adv.materialDetails : [];
      const d = details.find((x) => x.name === material);
      if (d) d.sampleForm = { fileId: r.fileId, name: file.name };
      else details.push({ name: material, sampleForm: { fileId: r.fileId, name: file.name } });
      adv.materialDetails = details;
      form.setFieldsValue({ advanced: JSON.stringify(adv, null, 2) });
      message.success(L(`样表「${file.name}」已上传，审批通过后在大厅提供下载`, `Sample form ${file.name} uploaded; the hall offers it once approved`));
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
    return false;
  };
  return (
    <Form.Item label={L('样表（PDF、Word、Excel 或图片，不超过10MB）', 'Sample form (PDF, Word, Excel or image, ≤ 10 MB)')}>
      <Space wrap>
        <Select style={{ minWidth: 220 }} placeholder={L('选择材料', 'Material')} value={material} onChange={setMaterial} options={materials.map((m) => ({ value: m, label: m }))} data-testid="sample-material" />
        <Upload showUploadList={false} beforeUpload={upload} accept=".pdf,.doc,.docx,.xls,.xlsx,.wps,.et,.odt,.ods,image/*">
          <Button icon={<UploadOutlined />} loading={busy} disabled={!material}>{L('上传样表', 'Upload')}</Button>
        </Upload>
      </Space>
    </Form.Item>
  );
}
