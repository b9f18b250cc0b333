import { Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, Radio, Row, Space, Typography, Select, Segmented, Upload } from 'antd';
import { PageTitle } from '../../components/page-title';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Tag } from 'antd';
import { COMPLAINT_STATUS } from '../supervision/complaints-page';
import { ErrorAlert } from '../../components/states';
import { fmtDue, fmtTime } from '../../lib/format';
import { plain, useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { hallApi, type PublicComplaint } from './hall.api';
import { api } from '../../lib/api';
import { CaptchaField } from '../auth/second-factor';
import { message } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';

async function downloadReceipt(complaintNo: string, queryCode: string): Promise<void> {
  const res = await fetch('/api/public/complaints/receipt', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/pdf' }, body: JSON.stringify({ complaintNo, queryCode }) });
  if (!res.ok) throw new Error(res.status === 404 ? '尚无受理回执' : `下载失败 (${res.status})`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `投诉受理回执-${complaintNo}.pdf`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const MAX_FILES = 5;
const MAX_BYTES = 10 * 1024 * 1024;
/** 手机号码 or a fixed line with its area code (as the platform checks it). */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

interface ComplaintForm {
  kind: string; anonymous?: boolean; name?: string; phone?: string; regionCode: string; departmentCode?: string; caseNo?: string;
  subject: string; content: string; captcha?: string;
}

/**
 * 投诉 and 举报, two entry points: a 投诉 (or a question) is about how one's own matter is
 * handled and is real-name with a phone number; a 举报 reports misconduct and may be
 * anonymous. Either may carry up to 5 images or PDFs; then follow it by number + query code.
 */
export function ComplaintPage() {
  return <ComplaintOrReport mode="complaint" />;
}

export function ReportPage() {
  return <ComplaintOrReport mode="report" />;
}

function ComplaintOrReport({ mode }: { mode: 'complaint' | 'report' }) {
  const { t, L, label } = useI18n();
  const nav = useNavigate();
  const [params] = useSearchParams();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileErr, setFileErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<{ complaintNo: string; queryCode: string; sent: number; failed: string[] } | null>(null);
  const [found, setFound] = useState<(PublicComplaint & { queryCode: string }) | null>(null);
  const [findErr, setFindErr] = useState<unknown>(null);
  const [form] = Form.useForm<ComplaintForm>();
  const [followForm] = Form.useForm<{ number: string; queryCode: string }>();
  const regions = useApi(() => hallApi.regions(), []);
  const region = Form.useWatch('regionCode', form);
  const depts = useApi(() => hallApi.departments(region), [region]);
  // 图形验证码 when the platform asks for it (GET /api/system/info → publicCaptcha)
  const info = useApi(() => api.get<{ publicCaptcha?: boolean }>('/api/system/info'), []);
  const captchaOn = !!info.data?.publicCaptcha;
  const [captchaId, setCaptchaId] = useState<string | null>(null);
  const [captchaKey, setCaptchaKey] = useState(0);
  useEffect(() => {
    form.setFieldsValue({ kind: mode === 'report' ? 'report' : 'complaint', anonymous: false });
    const region = params.get('region');
    const department = params.get('department');
    if (region) form.setFieldsValue({ regionCode: region });
    if (department) form.setFieldsValue({ departmentCode: department });
    setReceipt(null); setError(null); setFiles([]);
  }, [mode]); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = async (v: ComplaintForm) => {
    setBusy(true); setError(null);
    try {
      const anonymous = mode === 'report' && v.anonymous;
      const r = await hallApi.submitComplaint({
        ...(captchaOn ? { captchaId, captcha: v.captcha } : {}),
        kind: mode === 'report' ? 'report' : v.kind, realName: !anonymous, complainant: anonymous ? null : { name: v.name, ...(v.phone ? { phone: v.phone.trim() } : {}) },
        regionCode: v.regionCode, departmentCode: v.departmentCode ?? null, caseNo: v.caseNo || null, subject: v.subject, content: v.content,
      });
      // the attachments follow with the number and query code
      const failed: string[] = [];
      let sent = 0;
      for (const f of files) {
        const fd = new FormData();
        fd.append('complaintNo', r.complaintNo);
        fd.append('queryCode', r.queryCode);
        fd.append('file', f.originFileObj as File, f.name);
        try { await hallApi.attach(fd); sent++; } catch (e) { failed.push(`${f.name}：${e instanceof Error ? e.message : ''}`); }
      }
      setReceipt({ ...r, sent, failed });
      followForm.setFieldsValue({ number: r.complaintNo, queryCode: r.queryCode });
      form.resetFields();
      form.setFieldsValue({ kind: mode === 'report' ? 'report' : 'complaint' });
      setFiles([]);
    } catch (e) { setError(e); } finally { setBusy(false); setCaptchaKey((k) => k + 1); }
  };
  const beforeUpload = (file: File) => {
    setFileErr(null);
    const okType = /^image\/(png|jpeg|gif|webp)$/.test(file.type) || file.type === 'application/pdf' || /\.(pdf|png|jpe?g|gif|webp)$/i.test(file.name);
    if (!okType) { setFileErr(L(`「${file.name}」不是图片或 PDF`, `${file.name} is not an image or PDF`)); return Upload.LIST_IGNORE; }
    if (file.size > MAX_BYTES) { setFileErr(L(`「${file.name}」超过 10 MB`, `${file.name} is larger than 10 MB`)); return Upload.LIST_IGNORE; }
    if (files.length >= MAX_FILES) { setFileErr(L(`最多 ${MAX_FILES} 个附件`, `At most ${MAX_FILES} attachments`)); return Upload.LIST_IGNORE; }
    return false;
  };
  const follow = async (v: { number: string; queryCode: string }) => {
    setFindErr(null); setFound(null);
    try { const r = await hallApi.complaint(v.number.trim(), v.queryCode.trim()); setFound({ ...(r.complaint ?? r), queryCode: v.queryCode.trim() }); } catch (e) { setFindErr(e); }
  };
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Segmented block value={mode} data-testid="complaint-mode" onChange={(v) => nav(v === 'report' ? '/hall/reports' : '/hall/complaints')}
          options={[{ value: 'complaint', label: L('我要投诉 · 咨询', 'Complain or ask') }, { value: 'report', label: L('我要举报', 'Report misconduct') }]} />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {mode === 'report'
            ? L('举报：反映工作人员违法违纪、吃拿卡要、乱收费等问题，可以匿名；实名举报的将获得书面告知。', 'Report: misconduct of officials, bribery, illegal fees. You may stay anonymous; a real-name report gets a written notice.')
            : L('投诉：对本人所办事项的办理情况有意见（如拖延、不一次性告知、态度问题），须实名并留联系电话，以便反馈办理结果。', 'Complaint: about how your own matter is handled (delay, incomplete notices, attitude); real name and a phone number so the result reaches you.')}
        </Typography.Paragraph>
      </Col>
      <Col xs={24} lg={13}>
        <Card title={<PageTitle size={16}>{mode === 'report' ? L('提交举报', 'Submit a report') : L('提交投诉或咨询', 'Submit a complaint or question')}</PageTitle>}>
          <ErrorAlert error={error} />
          {receipt && (
            <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="complaint-receipt"
              title={L('已提交，请记下编号和查询码', 'Submitted: keep the number and query code')}
              description={<span>{L('编号', 'Number')}：<b data-testid="complaint-number">{receipt.complaintNo}</b>　{t('queryCode')}：<b data-testid="complaint-code">{receipt.queryCode}</b>
                {receipt.sent > 0 && <span data-testid="complaint-attached">　{L(`已上传附件 ${receipt.sent} 个`, `${receipt.sent} attachment(s) added`)}</span>}
                {receipt.failed?.length > 0 && <span style={{ display: 'block', color: '#cf1322' }}>{L('未能上传：', 'Not added: ')}{receipt.failed.join('；')}</span>}</span>} />
          )}
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: mode === 'report' ? 'report' : 'complaint' }}>
            {mode !== 'report' && (
              <Form.Item name="kind" label={L('类型', 'Kind')}>
                <Radio.Group options={[{ value: 'complaint', label: L('投诉', 'Complaint') }, { value: 'consultation', label: L('咨询', 'Question') }]} />
              </Form.Item>
            )}
            <Form.Item name="regionCode" htmlFor="complaint-region" label={L('所在地区', 'Region')} rules={[{ required: true, message: L('请选择地区', 'Choose the region') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} loading={regions.loading} options={(regions.data ?? []).map((d) => ({ value: d.code, label: d.name }))} id="complaint-region" />
            </Form.Item>
            <Form.Item name="departmentCode" htmlFor="complaint-department" label={L('涉及部门（可选）', 'Department concerned (optional)')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={depts.loading} options={(depts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} id="complaint-department" />
            </Form.Item>
            <Form.Item name="caseNo" htmlFor="complaint-caseNo" label={L('相关办件编号（可选）', 'Related case number (optional)')}><Input id="complaint-caseNo" /></Form.Item>
            <Form.Item name="subject" htmlFor="complaint-subject" label={L('标题', 'Subject')} rules={[{ required: true, message: L('请填写标题', 'Enter a subject') }]}><Input id="complaint-subject" maxLength={100} /></Form.Item>
            <Form.Item name="content" htmlFor="complaint-content" label={L('内容', 'Details')} rules={[{ required: true, message: L('请填写内容', 'Describe the matter') }]}><Input.TextArea id="complaint-content" rows={5} maxLength={4000} showCount /></Form.Item>
            <Form.Item label={L('附件（可选：照片、截图、票据或 PDF，最多5个，每个不超过10MB）', 'Attachments (optional: photos, screenshots, receipts or PDF; up to 5, 10 MB each)')}>
              <Upload multiple accept="image/png,image/jpeg,image/gif,image/webp,application/pdf" fileList={files} beforeUpload={beforeUpload}
                onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_FILES))} data-testid="complaint-files">
                <Button icon={<UploadOutlined />}>{L('选择文件', 'Choose files')}</Button>
              </Upload>
              {fileErr && <Typography.Text type="danger">{fileErr}</Typography.Text>}
            </Form.Item>
            {mode === 'report' && <Form.Item name="anonymous" htmlFor="complaint-anonymous" valuePropName="checked"><Checkbox id="complaint-anonymous">{L('匿名举报（将无法收到书面告知）', 'Anonymous (no written notice)')}</Checkbox></Form.Item>}
            <Form.Item noStyle shouldUpdate={(a, b) => a.anonymous !== b.anonymous || a.kind !== b.kind}>{({ getFieldValue }) => !(mode === 'report' && getFieldValue('anonymous')) && (
              <Row gutter={8}>
                <Col xs={24} sm={12}><Form.Item name="name" htmlFor="complaint-name" label={L('姓名', 'Name')} rules={[{ required: true, message: L('请填写姓名', 'Enter your name') }]}><Input id="complaint-name" /></Form.Item></Col>
                <Col xs={24} sm={12}><Form.Item name="phone" htmlFor="complaint-phone" label={L('联系电话', 'Phone')}
                  rules={[{ required: mode !== 'report' && getFieldValue('kind') === 'complaint', message: L('实名投诉须留联系电话', 'A phone number is required') }, { pattern: PHONE, message: L('请填写有效的电话号码：手机号11位，固定电话含区号', 'Enter a valid phone number: 11-digit mobile or a fixed line with area code') }]}>
                  <Input id="complaint-phone" inputMode="tel" /></Form.Item></Col>
              </Row>
            )}</Form.Item>
            {captchaOn && <CaptchaField key={captchaKey} purpose="public" onId={setCaptchaId} />}
            <Button type="primary" htmlType="submit" loading={busy} data-testid="complaint-submit">{t('submit')}</Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={11}>
        <Card title={L('查询办理情况', 'Follow it')}>
          <Form form={followForm} layout="vertical" onFinish={follow}>
            <Form.Item name="number" htmlFor="follow-number" label={L('编号', 'Number')} rules={[{ required: true }]}><Input id="follow-number" /></Form.Item>
            <Form.Item name="queryCode" htmlFor="follow-code" label={t('queryCode')} rules={[{ required: true }]}><Input id="follow-code" /></Form.Item>
            <Button htmlType="submit" data-testid="follow-submit">{L('查询', 'Look up')}</Button>
          </Form>
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={findErr} />
            {found && (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="complaint-found">
                <Descriptions column={1} size="small" bordered>
                  <Descriptions.Item label={L('标题', 'Subject')}>{found.subject}</Descriptions.Item>
                  <Descriptions.Item label={t('status')}><Tag color={COMPLAINT_STATUS[found.status]?.[2]} data-status={found.status}>{label(COMPLAINT_STATUS, found.status)}</Tag></Descriptions.Item>
                  <Descriptions.Item label={L('提交时间', 'Submitted')}>{fmtTime(found.receivedAt)}</Descriptions.Item>
                  <Descriptions.Item label={L('受理期限', 'Accepted by')}>{fmtDue(found.acceptanceDueAt)}</Descriptions.Item>
                  {(found.attachments?.length ?? 0) > 0 && <Descriptions.Item label={L('附件', 'Attachments')}>{(found.attachments ?? []).map((a) => a.name).join('；')}</Descriptions.Item>}
                  {found.notice && <Descriptions.Item label={L('告知', 'Notice')}><span className="xq-pre">{plain(found.notice)}</span></Descriptions.Item>}
                  <Descriptions.Item label={L('办理结果', 'Result')}><span className="xq-pre" data-testid="complaint-result">{found.result ?? L('尚未办结', 'Not yet concluded')}</span></Descriptions.Item>
                </Descriptions>
                {['accepted', 'transferred', 'concluded'].includes(found.status) && found.kind !== 'consultation' && (
                  // 盐城电子监察办法 第十四条: 书面告知受理决定 — the receipt, fetched with the number and code in a POST body
                  <Button icon={<FilePdfOutlined />} onClick={() => downloadReceipt(found.complaintNo, found.queryCode).catch((e) => message.error(String(e.message ?? e)))} data-testid="complaint-receipt">{L('下载投诉受理回执', 'Download the receipt')}</Button>
                )}
              </Space>
            )}
            {!found && !findErr && <Typography.Text type="secondary">{L('提交后用编号和查询码随时查询。', 'Use the number and query code at any time.')}</Typography.Text>}
          </div>
        </Card>
      </Col>
    </Row>
  );
}
