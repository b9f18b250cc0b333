import { UploadOutlined } from '@ant-design/icons';
import type { FlowView } from '../../components/flow-chart';
import { Button, Collapse, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Upload, message, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useClock } from '../../components/clock-banner';
import { errorText } from '../../components/states';
import { api } from '../../lib/api';
import { valuesOf } from '../../lib/form';
import { useI18n } from '../../lib/i18n';
import { KIND_LABELS, catApi } from './catalog.api';
import { type EditorFlow, cleanFlow, flowProblems } from './flow-editor/flow-check';
import { StepEditor } from './flow-editor/step-editor';

/** The item content a change starts from (the §2 shape as the catalog API returns it). */
export interface ItemContent {
  code: string;
  name?: string;
  departmentCode?: string;
  promisedLimitDays?: number;
  legalLimitDays?: number;
  flow?: FlowView | null;
  materials?: string[];
  [field: string]: unknown;
}

const PROPOSAL_FIELDS = ['name', 'category', 'legalBasis', 'legalLimitDays', 'promisedLimitDays', 'fees', 'location', 'phone', 'guide', 'materials', 'remedies', 'confidential', 'flow', 'discretion',
  'acceptanceConditions', 'targets', 'officeHours', 'visits', 'online', 'onlineUrl', 'materialDetails', 'faqs'];
/** Fields edited in the form itself; the rest (依据、收费、裁量、材料详情、常见问题) stay in the advanced JSON. */
const FORM_FIELDS = ['name', 'promisedLimitDays', 'legalLimitDays', 'flow', 'location', 'phone', 'guide', 'remedies', 'materials', 'acceptanceConditions', 'targets', 'officeHours', 'visits', 'online'] as const;
const OPTIONAL_FIELDS = ['location', 'phone', 'guide', 'remedies', 'acceptanceConditions', 'targets', 'officeHours', 'visits', 'online'] as const;

/** The item as §2 import shape, for a change proposal. */
export function toProposal(it: Record<string, unknown>): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  for (const k of PROPOSAL_FIELDS) if (it[k] !== undefined) p[k] = it[k];
  return p;
}

interface AdjustmentValues {
  kind: string;
  reason: string;
  effectiveOn: Dayjs;
  lawChangedOn?: Dayjs | null;
  advanced?: string;
  materials?: string;
  flow?: EditorFlow | null;
  [field: string]: unknown;
}

/**
 * 申请调整: kind, reason and dates, and for a change the item as it should read — the promised and legal limits and the
 * flow (structured step editor) in one proposal, so a shorter promise and shorter steps travel together.
 */
export function AdjustmentModal({ it, open, onClose, onSaved }: { it: ItemContent; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t, L, label } = useI18n();
  const [form] = Form.useForm<AdjustmentValues>();
  const [busy, setBusy] = useState(false);
  const clock = useClock();
  const promised = Form.useWatch('promisedLimitDays', form) as number | null | undefined;
  const legal = Form.useWatch('legalLimitDays', form) as number | null | undefined;
  // the form starts from the item each time the modal opens (destroyOnHidden mounts it afresh)
  const initial = useMemo(() => {
    const rest = toProposal(it);
    for (const k of FORM_FIELDS) delete rest[k];
    const init: Record<string, unknown> = { kind: 'change', effectiveOn: (clock ? dayjs(clock.now) : dayjs()).add(1, 'day'), advanced: JSON.stringify(rest, null, 2),
      materials: (it.materials ?? []).join('\n'), flow: it.flow ? { steps: it.flow.steps.map((s) => ({ ...s, limitDays: s.limitDays ?? 0 })), rollbacks: [...(it.flow.rollbacks ?? [])] } : null };
    for (const k of FORM_FIELDS) if (k !== 'materials' && k !== 'flow') init[k] = it[k];
    return init as Partial<AdjustmentValues>;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [it, open]);
  const submit = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    let proposal: Record<string, unknown> | null = null;
    if (v.kind === 'change') {
      // the step editor shows its problems as they arise (not as a form error, which would mark every cell)
      const problem = flowProblems(v.flow ?? null, v.promisedLimitDays as number, v.legalLimitDays as number)[0];
      if (problem) { message.error(L(problem.zh, problem.en)); return; }
      try { proposal = JSON.parse(v.advanced || '{}') as Record<string, unknown>; } catch { message.error(L('其他内容不是有效的 JSON', 'The other content is not valid JSON')); return; }
      for (const k of FORM_FIELDS) delete proposal[k]; // the form's fields win over the advanced view
      Object.assign(proposal, { name: v.name, promisedLimitDays: v.promisedLimitDays, legalLimitDays: v.legalLimitDays, flow: cleanFlow(v.flow ?? null),
        materials: String(v.materials ?? '').split('\n').map((s) => s.trim()).filter(Boolean) });
      for (const k of OPTIONAL_FIELDS) if (v[k] !== undefined && v[k] !== null && v[k] !== '') proposal[k] = v[k];
    }
    setBusy(true);
    try {
      await catApi.createAdjustment({ kind: v.kind, itemCode: it.code, proposal, reason: v.reason, effectiveOn: v.effectiveOn.format('YYYY-MM-DD'), lawChangedOn: v.lawChangedOn ? v.lawChangedOn.format('YYYY-MM-DD') : null });
      message.success(L('已保存为草稿，请提交审核', 'Saved as a draft: submit it for review'));
      onSaved();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  return (
    <Modal open={open} title={L('申请调整事项', 'Request a change')} onOk={submit} onCancel={onClose} confirmLoading={busy} width={1120} destroyOnHidden
      okButtonProps={{ 'data-testid': 'adj-save' } as Record<string, string>}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="kind" label={L('调整类型', 'Kind')}><Radio.Group options={['change', 'suspend', 'resume', 'cancel'].map((k) => ({ value: k, label: label(KIND_LABELS, k) }))} /></Form.Item>
        {/* 川 目录动态调整办法 第三条(一): 须说明调整理由和依据 */}
        <Form.Item name="reason" label={L('调整理由', 'Reason')} rules={[{ required: true, message: L('须说明调整理由', 'Give the reason') }]}><Input.TextArea rows={2} id="adj-reason" /></Form.Item>
        <Space wrap>
          <Form.Item name="effectiveOn" label={L('生效日期', 'Effective on')} rules={[{ required: true }]}><DatePicker id="adj-effectiveOn" /></Form.Item>
          <Form.Item name="lawChangedOn" label={L('依据变化日期', 'Law changed on')}><DatePicker id="adj-lawChangedOn" /></Form.Item>
        </Space>
        <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>{({ getFieldValue }) => getFieldValue('kind') === 'change' && <>
          <Form.Item name="name" label={t('itemName')} rules={[{ required: true }]}><Input id="adj-name" /></Form.Item>
          {/* 盐城 网上运行办法 第十七条(二): 法定期限、承诺期限 */}
          <Space wrap>
            <Form.Item name="promisedLimitDays" label={L('承诺时限（工作日）', 'Promised limit (working days)')} rules={[{ required: true }]}><InputNumber min={0} precision={0} id="adj-promised" /></Form.Item>
            <Form.Item name="legalLimitDays" label={L('法定时限（工作日）', 'Legal limit (working days)')} rules={[{ required: true }]}><InputNumber min={0} precision={0} id="adj-legal" /></Form.Item>
          </Space>
          <Form.Item name="flow" label={L('内部流程（环节、岗位、时限、文书、风险点、监察点）', 'Flow (steps, posts, limits, documents, risk and supervision points)')}>
            <StepEditor promisedLimitDays={promised} legalLimitDays={legal} />
          </Form.Item>
          <Form.Item name="location" label={t('location')}><Input id="adj-location" /></Form.Item>
          <Form.Item name="phone" label={t('phone')}><Input id="adj-phone" /></Form.Item>
          <Form.Item name="materials" label={L('申请材料（每行一项）', 'Materials (one per line)')}><Input.TextArea rows={3} id="adj-materials" /></Form.Item>
          <Form.Item name="remedies" label={t('remedies')}><Input.TextArea rows={2} id="adj-remedies" /></Form.Item>
          <Form.Item name="guide" label={t('guide')}><Input.TextArea rows={2} id="adj-guide" /></Form.Item>
          <Form.Item name="acceptanceConditions" label={L('受理条件', 'Conditions for acceptance')}><Input.TextArea rows={2} id="adj-conditions" /></Form.Item>
          <Form.Item name="targets" label={L('办理对象', 'Who may apply')}><Input id="adj-targets" /></Form.Item>
          <Form.Item name="officeHours" label={L('办理时间', 'Office hours')}><Input id="adj-hours" /></Form.Item>
          <Space wrap>
            <Form.Item name="visits" label={L('跑动次数', 'Visits needed')}><InputNumber min={0} max={10} id="adj-visits" /></Form.Item>
            <Form.Item name="online" label={L('是否网办', 'Online')}><Radio.Group options={[{ value: true, label: L('是', 'Yes') }, { value: false, label: L('否', 'No') }]} /></Form.Item>
          </Space>
          <SampleFormUpload departmentCode={it.departmentCode} form={form} />
          <Collapse size="small" items={[{ key: 'advanced', label: L('其他内容（高级：法律依据、收费、裁量基准、材料详情、常见问题）', 'Other content (advanced: basis, fees, discretion, material details, FAQs)'), forceRender: true,
            children: <Form.Item name="advanced" label={L('以 JSON 编辑', 'As JSON')}><Input.TextArea rows={8} id="adj-advanced" style={{ fontFamily: 'monospace', fontSize: 12 }} /></Form.Item> }]} />
        </>}</Form.Item>
      </Form>
    </Modal>
  );
}

interface MaterialDetailDraft { name: string; sampleForm?: { fileId: string; name: string }; [k: string]: unknown }

/**
 * 样表: upload a sample form for one material (type-checked by the platform) and name it in the
 * proposal's materialDetails; it reaches the hall when the adjustment is approved.
 */
function SampleFormUpload({ departmentCode, form }: { departmentCode?: string; form: FormInstance<AdjustmentValues> }) {
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
      const r = await api.upload<{ fileId: string }>('/api/catalog/files', fd, { departmentCode });
      const adv = JSON.parse(form.getFieldValue('advanced') || '{}') as { materialDetails?: MaterialDetailDraft[] };
      const details: MaterialDetailDraft[] = Array.isArray(adv.materialDetails) ? adv.materialDetails : [];
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
        <Select style={{ minWidth: 220 }} placeholder={L('选择材料', 'Material')} value={material} onChange={setMaterial} options={materials.map((m) => ({ value: m, label: m }))} data-testid="sample-material" aria-label={L('样表对应的材料', 'Material of the sample form')} />
        <Upload showUploadList={false} beforeUpload={upload} accept=".pdf,.doc,.docx,.xls,.xlsx,.wps,.et,.odt,.ods,image/*">
          <Button icon={<UploadOutlined />} loading={busy} disabled={!material}>{L('上传样表', 'Upload')}</Button>
        </Upload>
      </Space>
    </Form.Item>
  );
}
