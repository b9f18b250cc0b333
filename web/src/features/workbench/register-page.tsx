import { Alert, Button, Card, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/states';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { wbApi } from './workbench.api';
import type { CaseDetailDto } from '../../lib/api-models';

interface RegisterForm { itemCode: string; channel: string; kind: string; name: string; idNumber?: string; phone?: string }

/** 受理登记: register a case on an in-force item of the department (the same event the exchange sends). */
export function RegisterPage() {
  const { t, L } = useI18n();
  const items = useApi(() => wbApi.items(), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<CaseDetailDto | null>(null);
  const [form] = Form.useForm<RegisterForm>();
  const submit = async (v: RegisterForm) => {
    setBusy(true); setError(null);
    try {
      const r = await wbApi.register({
        itemCode: v.itemCode, channel: v.channel,
        counterparty: { kind: v.kind, name: v.name, ...(v.idNumber ? { idNumber: v.idNumber } : {}), ...(v.phone ? { phone: v.phone } : {}) },
      });
      setDone(r);
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  if (done) {
    const caseNo = done.caseNo;
    return (
      <Result status="success" title={L('受理成功', 'Case registered')} data-testid="register-done"
        subTitle={<span>{t('caseNo')}：<b data-testid="new-case-no">{caseNo}</b>　{t('queryCode')}：<b data-testid="new-query-code">{done.queryCode}</b><br />{L('请将编号和查询码告知当事人，用于在电子政务大厅查询进度和评价。', 'Give the number and query code to the party, to follow and rate the case in the public hall.')}</span>}
        extra={[<Link key="o" to={`/workbench/cases/${encodeURIComponent(done.id)}`}><Button type="primary">{L('进入办件', 'Open the case')}</Button></Link>, <Button key="n" onClick={() => { setDone(null); form.resetFields(); }}>{L('继续受理', 'Register another')}</Button>]} />
    );
  }
  return (
    <Card title={t('registerCase')} style={{ maxWidth: 760 }}>
      <ErrorAlert error={error} />
      {items.error ? <ErrorAlert error={items.error} onRetry={items.reload} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ channel: 'window', kind: 'person' }}>
        <Form.Item name="itemCode" label={t('item')} rules={[{ required: true, message: L('请选择事项', 'Choose an item') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={items.loading} id="register-item" placeholder={L('选择本部门的权力事项', 'An item of your department')}
            options={(items.data ?? []).map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }))} />
        </Form.Item>
        <Form.Item name="channel" label={L('受理渠道', 'Channel')}>
          <Radio.Group options={[{ value: 'window', label: L('窗口', 'Window') }, { value: 'online', label: L('网上', 'Online') }, { value: 'onsite', label: L('现场', 'On site') }]} />
        </Form.Item>
        <Form.Item name="kind" label={L('当事人类型', 'Party kind')}>
          <Radio.Group options={[{ value: 'person', label: L('自然人', 'Person') }, { value: 'organization', label: L('法人或其他组织', 'Organization') }]} />
        </Form.Item>
        <Form.Item name="name" label={L('当事人名称', 'Party name')} rules={[{ required: true, message: L('请填写当事人', 'Enter the party') }]}><Input id="register-name" /></Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
          {({ getFieldValue }) => (
            <Form.Item name="idNumber" label={getFieldValue('kind') === 'person' ? L('身份证号', 'ID number') : L('统一社会信用代码', 'Unified social credit code')}
              rules={[{ required: true, message: L('请填写证件号码', 'Enter the ID number') }, { pattern: getFieldValue('kind') === 'person' ? /^\d{17}[\dXx]$/ : /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, message: L('格式不正确', 'Wrong format') }]}>
              <Input id="register-idNumber" />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item name="phone" label={L('联系电话', 'Phone')}><Input id="register-phone" /></Form.Item>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={L('受理时间即为时限起算点（期间开始之日不计算在内）。', 'Limits start at acceptance (the starting day is not counted).')} />
        <Space><Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">{L('受理', 'Register')}</Button></Space>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{L('受理登记与部门业务系统推送使用同一条数据通道（一次录入、实时共享）。', 'The workbench and department systems write through the same path.')}</Typography.Paragraph>
    </Card>
  );
}
