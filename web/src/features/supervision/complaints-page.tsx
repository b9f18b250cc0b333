import { PersonalReveal } from '../../components/personal-reveal';
import { Button, Form, Input, Modal, Select, Space, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { PaperClipOutlined } from '@ant-design/icons';
import { DataTable } from '../../components/data-table';
import { ErrorAlert, errorText } from '../../components/states';
import { fmtDue, fmtTime } from '../../lib/format';
import { useAuth } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';
import { useDeptName } from '../../lib/names';
import { useApi } from '../../lib/use-api';
import { orgApi } from '../admin/org-pages';
import { supApi, type ComplaintRow } from './supervision.api';
import { valuesOf } from '../../lib/form';
import { DocumentsCard } from '../documents/documents-card';
import { testIdProps } from '../../lib/test-id';

export const COMPLAINT_STATUS: Record<string, readonly [string, string, string]> = {
  submitted: ['待受理', 'Awaiting acceptance', 'processing'], accepted: ['已受理', 'Accepted', 'cyan'], not_accepted: ['不予受理', 'Not accepted', 'default'],
  transferred: ['已转办', 'Transferred', 'purple'], concluded: ['已办结', 'Concluded', 'success'],
};
export const COMPLAINT_KIND: Record<string, readonly [string, string]> = { complaint: ['投诉', 'Complaint'], report: ['举报', 'Report'], consultation: ['咨询', 'Question'] };

type Act = 'accept' | 'decline' | 'transfer' | 'conclude';

/** 投诉受理: accept within 5 working days or decline with reason; transfer; conclude with the result. */
export function ComplaintsQueuePage() {
  const { t, L, label, lang } = useI18n();
  const { can } = useAuth();
  const dept = useDeptName();
  const [status, setStatus] = useState<string>();
  const [kind, setKind] = useState<string>();
  const r = useApi(() => supApi.complaints({ status, kind }), [status, kind]);
  const depts = useApi(() => orgApi.departments(), []);
  const rows = r.data?.complaints ?? [];
  const [act, setAct] = useState<{ c: ComplaintRow; action: Act } | null>(null);
  const [busy, setBusy] = useState(false);
  const [docsOf, setDocsOf] = useState<ComplaintRow | null>(null);
  const [form] = Form.useForm<{ text?: string; department?: string }>();
  const st = (s: string) => COMPLAINT_STATUS[s]?.[lang === 'en' ? 1 : 0] ?? s;
  const submit = async () => {
    const v = await valuesOf(form);
    if (!v || !act) return;
    setBusy(true);
    try {
      const id = act.c.id;
      if (act.action === 'accept') await supApi.decideComplaint(id, { accept: true, notice: v.text || undefined });
      else if (act.action === 'decline') await supApi.decideComplaint(id, { accept: false, reason: v.text, notice: v.text });
      else if (act.action === 'transfer') await supApi.transferComplaint(id, { departmentCode: v.department ?? '' });
      else await supApi.concludeComplaint(id, v.text ?? '');
      message.success(L('已提交', 'Submitted')); setAct(null); r.reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const titles: Record<Act, string> = { accept: L('受理', 'Accept'), decline: L('不予受理', 'Decline'), transfer: L('转办', 'Transfer'), conclude: L('办结答复', 'Conclude') };
  const open = (c: ComplaintRow, action: Act) => { form.resetFields(); setAct({ c, action }); };
  return (
    <>
      <Typography.Title level={4}>{t('complaints')}</Typography.Title>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={rows} exportList={{ list: 'complaints', filters: { status, kind } }} data-testid="complaints-table"
        toolbar={<Space wrap>
          <Select allowClear placeholder={L('类型', 'Kind')} style={{ width: 120 }} value={kind} onChange={setKind} options={Object.keys(COMPLAINT_KIND).map((k) => ({ value: k, label: label(COMPLAINT_KIND, k) }))} data-testid="complaint-kind-filter" />
          <Select allowClear placeholder={t('status')} style={{ width: 140 }} value={status} onChange={setStatus} options={Object.keys(COMPLAINT_STATUS).map((k) => ({ value: k, label: st(k) }))} />
        </Space>}
        expandable={{ expandedRowRender: (c) => (
          <div>
            <div className="xq-pre">{c.content}{c.result ? `\n\n${L('办理结果', 'Result')}：${c.result}` : ''}</div>
            {(c.attachments?.length ?? 0) > 0 && (
              <div style={{ marginTop: 8 }} data-testid="complaint-attachments">
                <Typography.Text strong>{L('附件', 'Attachments')}：</Typography.Text>
                <Space wrap>{(c.attachments ?? []).map((a) => (
                  <a key={a.id} href={`/api/supervision/complaints/${encodeURIComponent(c.id)}/attachments/${encodeURIComponent(a.id)}`} download={a.name}>
                    <PaperClipOutlined /> {a.name}（{Math.max(1, Math.round(a.size / 1024))} KB）
                  </a>
                ))}</Space>
              </div>
            )}
          </div>
        ) }}
        columns={[
          { title: L('编号', 'Number'), dataIndex: 'complaintNo' },
          { title: L('类型', 'Kind'), dataIndex: 'kind', render: (v) => <Tag>{label(COMPLAINT_KIND, v)}</Tag> },
          { title: L('标题', 'Subject'), dataIndex: 'subject' },
          { title: t('department'), dataIndex: 'departmentCode', render: (v) => dept(v) },
          { title: L('投诉（举报）人', 'From'), key: 'who', render: (_, c) => c.realName
            ? <PersonalReveal masked={c.complainant ?? null} allowed={can('complaint.handle') || can('order.respond')} reveal={() => supApi.revealComplainant(c.id)} testId="complainant" />
            : L('匿名', 'Anonymous') },
          { title: L('附件', 'Files'), key: 'files', render: (_, c) => (c.attachments?.length ? <Tag icon={<PaperClipOutlined />}>{c.attachments.length}</Tag> : '—') },
          { title: L('收到时间', 'Received'), dataIndex: 'receivedAt', render: fmtTime },
          { title: L('受理期限', 'Accept by'), dataIndex: 'acceptanceDueAt', render: fmtDue },
          { title: t('status'), dataIndex: 'status', render: (v) => <Tag color={COMPLAINT_STATUS[v]?.[2]}>{st(v)}</Tag> },
          { title: t('actions'), key: 'a', render: (_, c) => (
            <Space size={4} wrap>
              {['accepted', 'transferred', 'concluded'].includes(c.status) && <Button size="small" onClick={() => setDocsOf(c)} data-testid="complaint-documents">{L('文书', 'Notices')}</Button>}
              {c.status === 'submitted' && <Button size="small" type="primary" onClick={() => open(c, 'accept')} data-testid="complaint-accept">{titles.accept}</Button>}
              {c.status === 'submitted' && <Button size="small" danger onClick={() => open(c, 'decline')}>{titles.decline}</Button>}
              {c.status === 'accepted' && <Button size="small" onClick={() => open(c, 'transfer')}>{titles.transfer}</Button>}
              {['accepted', 'transferred'].includes(c.status) && <Button size="small" type="primary" onClick={() => open(c, 'conclude')} data-testid="complaint-conclude">{titles.conclude}</Button>}
            </Space>
          ) },
        ]} />
      <Modal open={!!docsOf} title={docsOf ? `${L('文书', 'Notices')} · ${docsOf.complaintNo}` : ''} footer={null} onCancel={() => setDocsOf(null)} destroyOnHidden>
        {docsOf && <DocumentsCard subjectType="complaint" subjectId={docsOf.id} />}
      </Modal>
      <Modal open={!!act} title={act ? titles[act.action] : ''} onOk={submit} onCancel={() => setAct(null)} confirmLoading={busy} destroyOnHidden okButtonProps={testIdProps('complaint-action-ok')}>
        {act && <Typography.Paragraph type="secondary" className="xq-pre">{act.c.subject}{'\n'}{act.c.content}</Typography.Paragraph>}
        <Form form={form} layout="vertical">
          {act?.action === 'transfer'
            ? <Form.Item name="department" label={t('department')} rules={[{ required: true }]}><Select showSearch={{ optionFilterProp: 'label' }} options={(depts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} /></Form.Item>
            : <Form.Item name="text" label={act?.action === 'conclude' ? L('办理结果（反馈投诉人）', 'Result (sent to the complainant)') : act?.action === 'decline' ? L('不予受理理由', 'Reason') : L('受理告知（可选）', 'Notice (optional)')} rules={[{ required: act?.action !== 'accept', message: L('请填写', 'Required') }]}><Input.TextArea rows={4} id="complaint-action-text" /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}
