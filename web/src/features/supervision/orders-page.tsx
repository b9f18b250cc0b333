import { Button, Form, Input, Modal, Select, Space, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, errorText } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { fmtDue, fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useDeptName } from '../../lib/names';
import { useApi } from '../../lib/use-api';
import { ORDER_STATUS, supApi, type OrderRow } from './supervision.api';
import { Link } from 'react-router-dom';
import { ZeroExplanations } from './zero-explanations';
import { valuesOf } from '../../lib/form';
import { testIdProps } from '../../lib/test-id';


/** 督办: issued orders and their tracking; the department answers, the supervisor accepts or returns. */
export function OrdersPage() {
  const { t, L, lang } = useI18n();
  const { can } = useAuth();
  const [status, setStatus] = useState<string>();
  const r = useApi(() => supApi.orders({ status }), [status]);
  const rows = r.data?.orders ?? [];
  const sum = r.data?.summary;
  const dept = useDeptName();
  const [act, setAct] = useState<{ order: OrderRow; action: 'answer' | 'accept' | 'return' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const st = (s: string) => ORDER_STATUS[s]?.[lang === 'en' ? 1 : 0] ?? s;
  const submit = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    setBusy(true);
    try {
      if (act!.action === 'answer') await supApi.answerOrder(act!.order.id, v.text);
      else await supApi.reviewOrder(act!.order.id, { decision: act!.action, reason: v.text || undefined });
      message.success(L('已提交', 'Submitted')); setAct(null); r.reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  // 盐城电子监察办法 第二十条: 初审, then 审结; a department's supervision office reviews the orders it issued
  const reviewer = can('supervision.act') || can('dept.supervise');
  const reviewable = (s: string) => s === 'answered' || s === 'first_reviewed';
  const titles = { answer: L('反馈整改情况', 'Answer'), accept: act?.order.status === 'first_reviewed' ? L('审结', 'Final review') : L('初审', 'First review'), return: L('退回重办', 'Return') };
  return (
    <>
      <Typography.Title level={4}>{t('orders')}</Typography.Title>
      {sum && <Space style={{ marginBottom: 12 }} wrap><Tag>{L('合计', 'Total')} {sum.total}</Tag><Tag color="processing">{L('待反馈', 'Open')} {sum.open}</Tag><Tag color="cyan">{L('待初审', 'Awaiting first review')} {sum.answered}</Tag><Tag color="blue">{L('待审结', 'Awaiting final review')} {sum.firstReviewed ?? 0}</Tag><Tag color="success">{L('已审结', 'Accepted')} {sum.accepted}</Tag><Tag color="error">{L('逾期', 'Overdue')} {sum.overdue}</Tag></Space>}
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={rows} data-testid="orders-table" exportList={{ list: 'orders', filters: { status } }}
        toolbar={<Select allowClear placeholder={t('status')} style={{ width: 150 }} value={status} onChange={setStatus} options={Object.keys(ORDER_STATUS).map((k) => ({ value: k, label: st(k) }))} />}
        columns={[
          { title: L('督办编号', 'Number'), dataIndex: 'orderNo', render: (v, o) => <Link to={`/supervision/orders/${o.id}`}>{v}</Link> },
          { title: L('督办事项', 'Subject'), dataIndex: 'subject' },
          { title: t('department'), dataIndex: 'departmentCode', render: (v) => dept(v) },
          { title: L('督办要求', 'Instructions'), dataIndex: 'instructions', ellipsis: true, width: 220 },
          { title: L('下达时间', 'Issued'), dataIndex: 'issuedAt', render: fmtTime },
          { title: L('反馈期限', 'Respond by'), dataIndex: 'dueAt', render: (v, o) => <span style={{ color: o.overdue ? '#f5222d' : undefined }}>{fmtDue(v)}{o.overdue ? L('（逾期）', ' (overdue)') : ''}</span> },
          { title: L('反馈', 'Answer'), key: 'answer', ellipsis: true, width: 220, render: (_, o) => o.answer?.findings ?? '—' },
          { title: t('status'), dataIndex: 'status', render: (v) => <Tag color={ORDER_STATUS[v]?.[2]} data-status={v}>{st(v)}</Tag> },
          { title: t('actions'), key: 'a', render: (_, o) => (
            <Space size={4}>
              {can('order.respond') && ['issued', 'returned'].includes(o.status) && <Button size="small" type="primary" onClick={() => { form.resetFields(); setAct({ order: o, action: 'answer' }); }} data-testid="order-answer">{titles.answer}</Button>}
              {reviewer && reviewable(o.status) && <Button size="small" type="primary" onClick={() => { form.resetFields(); setAct({ order: o, action: 'accept' }); }} data-testid="order-accept">{o.status === 'answered' ? L('初审通过', 'Pass first review') : L('审结通过', 'Final review: accept')}</Button>}
              {reviewer && reviewable(o.status) && <Button size="small" danger onClick={() => { form.resetFields(); setAct({ order: o, action: 'return' }); }} data-testid="order-return">{titles.return}</Button>}
            </Space>
          ) },
        ]} />
      {(can('zero.explain') || can('supervision.read')) && <ZeroExplanations />}
      <Modal open={!!act} title={act ? titles[act.action] : ''} onOk={submit} onCancel={() => setAct(null)} confirmLoading={busy} destroyOnHidden okButtonProps={testIdProps('order-action-ok')}>
        {act && <Typography.Paragraph type="secondary">{act.order.instructions}</Typography.Paragraph>}
        {act?.order.answer && act.action !== 'answer' && <Typography.Paragraph>{L('反馈', 'Answer')}：{act.order.answer.findings}</Typography.Paragraph>}
        <Form form={form} layout="vertical">
          <Form.Item name="text" label={act?.action === 'answer' ? L('整改情况', 'Findings and correction') : L('意见', 'Remarks')} rules={[{ required: act?.action !== 'accept', message: L('请填写', 'Required') }]}><Input.TextArea rows={4} id="order-action-text" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
