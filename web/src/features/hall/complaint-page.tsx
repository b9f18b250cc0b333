import { Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, Radio, Row, Space, Typography, Select } from 'antd';
import { useState } from 'react';
import { Tag } from 'antd';
import { COMPLAINT_STATUS } from '../supervision/complaints-page';
import { ErrorAlert } from '../../components/states';
import { fmtDue, fmtTime } from '../../lib/format';
import { plain, useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { hallApi } from './hall.api';
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

/** 投诉咨询: submit a complaint or a question, then follow it by number + query code. */
export function ComplaintPage() {
  const { t, L, label } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<any>(null);
  const [found, setFound] = useState<any>(null);
  const [findErr, setFindErr] = useState<unknown>(null);
  const [form] = Form.useForm();
  const [followForm] = Form.useForm();
  const regions = useApi(() => hallApi.regions(), []);
  const region = Form.useWatch('regionCode', form);
  const depts = useApi(() => hallApi.departments(region), [region]);
  // 图形验证码 when the platform asks for it (GET /api/system/info → publicCaptcha)
  const info = useApi(() => api.get<{ publicCaptcha?: boolean }>('/api/system/info'), []);
  const captchaOn = !!info.data?.publicCaptcha;
  const [captchaId, setCaptchaId] = useState<string | null>(null);
  const [captchaKey, setCaptchaKey] = useState(0);
  const submit = async (v: any) => {
    setBusy(true); setError(null);
    try {
      const r: any = await hallApi.submitComplaint({
        ...(captchaOn ? { captchaId, captcha: v.captcha } : {}),
        kind: v.kind, realName: !v.anonymous, complainant: v.anonymous ? null : { name: v.name, ...(v.phone ? { phone: v.phone } : {}) },
        regionCode: v.regionCode, departmentCode: v.departmentCode ?? null, caseNo: v.caseNo || null, subject: v.subject, content: v.content,
      });
      setReceipt(r);
      followForm.setFieldsValue({ number: r.complaintNo, queryCode: r.queryCode });
      form.resetFields();
    } catch (e) { setError(e); } finally { setBusy(false); setCaptchaKey((k) => k + 1); }
  };
  const follow = async (v: { number: string; queryCode: string }) => {
    setFindErr(null); setFound(null);
    try { const r: any = await hallApi.complaint(v.number.trim(), v.queryCode.trim()); setFound({ ...(r.complaint ?? r), queryCode: v.queryCode.trim() }); } catch (e) { setFindErr(e); }
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={13}>
        <Card title={L('提交投诉或咨询', 'Submit a complaint or question')}>
          <ErrorAlert error={error} />
          {receipt && (
            <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="complaint-receipt"
              title={L('已提交，请记下编号和查询码', 'Submitted: keep the number and query code')}
              description={<span>{L('编号', 'Number')}：<b data-testid="complaint-number">{receipt.complaintNo}</b>　{t('queryCode')}：<b data-testid="complaint-code">{receipt.queryCode}</b></span>} />
          )}
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'complaint' }}>
            <Form.Item name="kind" label={L('类型', 'Kind')}>
              <Radio.Group options={[{ value: 'complaint', label: L('投诉', 'Complaint') }, { value: 'report', label: L('举报', 'Report') }, { value: 'consultation', label: L('咨询', 'Question') }]} />
            </Form.Item>
            <Form.Item name="regionCode" label={L('所在地区', 'Region')} rules={[{ required: true, message: L('请选择地区', 'Choose the region') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} loading={regions.loading} options={(regions.data ?? []).map((d: any) => ({ value: d.code, label: d.name }))} id="complaint-region" />
            </Form.Item>
            <Form.Item name="departmentCode" label={L('涉及部门（可选）', 'Department concerned (optional)')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={depts.loading} options={(depts.data ?? []).map((d: any) => ({ value: d.code, label: d.name }))} id="complaint-department" />
            </Form.Item>
            <Form.Item name="caseNo" label={L('相关办件编号（可选）', 'Related case number (optional)')}><Input id="complaint-caseNo" /></Form.Item>
            <Form.Item name="subject" label={L('标题', 'Subject')} rules={[{ required: true, message: L('请填写标题', 'Enter a subject') }]}><Input id="complaint-subject" maxLength={100} /></Form.Item>
            <Form.Item name="content" label={L('内容', 'Details')} rules={[{ required: true, message: L('请填写内容', 'Describe the matter') }]}><Input.TextArea id="complaint-content" rows={5} maxLength={4000} showCount /></Form.Item>
            <Form.Item name="anonymous" valuePropName="checked"><Checkbox>{L('匿名提交（将无法收到书面告知）', 'Anonymous (no written notice)')}</Checkbox></Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.anonymous !== b.anonymous}>{({ getFieldValue }) => !getFieldValue('anonymous') && (
              <Row gutter={8}>
                <Col xs={24} sm={12}><Form.Item name="name" label={L('姓名', 'Name')} rules={[{ required: true, message: L('请填写姓名', 'Enter your name') }]}><Input id="complaint-name" /></Form.Item></Col>
                <Col xs={24} sm={12}><Form.Item name="phone" label={L('联系电话', 'Phone')} rules={[{ pattern: /^[0-9+\- ]{7,20}$/, message: L('请填写有效的电话号码', 'Enter a valid phone number') }]}><Input id="complaint-phone" /></Form.Item></Col>
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
            <Form.Item name="number" label={L('编号', 'Number')} rules={[{ required: true }]}><Input id="follow-number" /></Form.Item>
            <Form.Item name="queryCode" label={t('queryCode')} rules={[{ required: true }]}><Input id="follow-code" /></Form.Item>
            <Button htmlType="submit" data-testid="follow-submit">{L('查询', 'Look up')}</Button>
          </Form>
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={findErr} />
            {found && (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="complaint-found">
                <Descriptions column={1} size="small" bordered>
                  <Descriptions.Item label={L('标题', 'Subject')}>{found.subject}</Descriptions.Item>
                  <Descriptions.Item label={t('status')}><Tag color={COMPLAINT_STATUS[found.status]?.[2]} data-status={found.status}>{label(COMPLAINT_STATUS as any, found.status)}</Tag></Descriptions.Item>
                  <Descriptions.Item label={L('提交时间', 'Submitted')}>{fmtTime(found.receivedAt)}</Descriptions.Item>
                  <Descriptions.Item label={L('受理期限', 'Accepted by')}>{fmtDue(found.acceptanceDueAt)}</Descriptions.Item>
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
