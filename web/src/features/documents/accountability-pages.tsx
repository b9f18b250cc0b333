import { Breadcrumb, Button, Card, Descriptions, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Timeline, Typography, message } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DataTable } from '../../components/data-table';
import { LevelTag } from '../../components/light-tag';
import { ErrorAlert, PageState, errorText } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { fmtDue, fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { DeptName, useDeptName } from '../../lib/names';
import { useApi } from '../../lib/use-api';
import { valuesOf } from '../../lib/form';
import { DocumentsCard } from './documents-card';
import { docApi, ENTRY_ACTIONS, ENTRY_KINDS, ENTRY_STATUS, TARGET_KINDS, type EntryDetail } from './documents.api';
import type { AlertRow } from '../../lib/api-models';
import { testIdProps } from '../../lib/test-id';

/** An alert or an order behind an entry, as one list. */
type BehindIt = { a: AlertRow; o?: undefined } | { a?: undefined; o: EntryDetail['orders'][number] };

/**
 * 问责台账 (川办发〔2014〕2号 电子监察办法 第八条(四); 达州意见 四(五); 盐城电子监察办法 第二十二条):
 * the entries of a region, filtered by kind, status and department.
 */
export function AccountabilityPage() {
  const { t, L, label, lang } = useI18n();
  const [kind, setKind] = useState<string>();
  const [status, setStatus] = useState<string>();
  const r = useApi(() => docApi.register({ kind, status }), [kind, status]);
  const rows = r.data?.entries ?? [];
  const sum = r.data?.summary;
  const dept = useDeptName();
  const st = (s: string) => ENTRY_STATUS[s]?.[lang === 'en' ? 1 : 0] ?? s;
  return (
    <>
      <Typography.Title level={4}>{t('accountability')}</Typography.Title>
      {sum && <Space style={{ marginBottom: 12 }} wrap data-testid="accountability-summary"><Tag>{L('合计', 'Total')} {sum.total}</Tag><Tag>{st('draft')} {sum.draft}</Tag><Tag color="processing">{st('served')} {sum.served}</Tag><Tag color="cyan">{st('replied')} {sum.replied}</Tag><Tag color="success">{st('closed')} {sum.closed}</Tag></Space>}
      <ErrorAlert error={r.error} onRetry={r.reload} />
      <DataTable rowKey="id" loading={r.loading} dataSource={rows} data-testid="accountability-table" exportList={{ list: 'accountability', filters: { kind, status } }}
        toolbar={<Space>
          <Select allowClear placeholder={L('问责方式', 'Kind')} style={{ width: 140 }} value={kind} onChange={setKind} options={Object.keys(ENTRY_KINDS).map((k) => ({ value: k, label: label(ENTRY_KINDS, k) }))} data-testid="accountability-kind" />
          <Select allowClear placeholder={t('status')} style={{ width: 120 }} value={status} onChange={setStatus} options={Object.keys(ENTRY_STATUS).map((k) => ({ value: k, label: st(k) }))} />
        </Space>}
        columns={[
          { title: L('编号', 'Number'), dataIndex: 'entryNo', render: (v, e) => <Link to={`/supervision/accountability/${e.id}`}>{v}</Link> },
          { title: L('问责方式', 'Kind'), dataIndex: 'kind', render: (v) => label(ENTRY_KINDS, v) },
          { title: L('问责对象', 'Target'), dataIndex: 'targetName', render: (v, e) => <span>{v}<Typography.Text type="secondary">（{e.targetKind === 'department' ? label(TARGET_KINDS, e.targetKind) : dept(e.departmentCode)}）</Typography.Text></span> },
          { title: L('事由', 'Reason'), dataIndex: 'reason', ellipsis: true, width: 220 },
          { title: L('回复期限', 'Reply by'), dataIndex: 'replyDueAt', render: (v) => (v ? fmtDue(v) : '—') },
          { title: L('提出时间', 'Proposed'), dataIndex: 'createdAt', render: fmtTime },
          { title: t('status'), dataIndex: 'status', render: (v) => <Tag color={ENTRY_STATUS[v]?.[2]}>{st(v)}</Tag> },
        ]} />
    </>
  );
}

/** One entry: what led to it, its notices, its steps; the supervisor serves and closes it, the department replies. */
export function AccountabilityEntryPage() {
  const { id = '' } = useParams();
  const { t, L, label, lang } = useI18n();
  const r = useApi(() => docApi.entry(id), [id]);
  const e = r.data?.entry;
  const [act, setAct] = useState<'serve' | 'reply' | 'close' | 'rectification' | null>(null);
  const [busy, setBusy] = useState(false);
  const [n, setN] = useState(0);
  const [form] = Form.useForm<{ text: string; days?: number }>();
  const titles = { serve: L('送达', 'Serve'), reply: L('回复', 'Reply'), close: L('办结', 'Close'), rectification: L('出具整改建议书', 'Rectification advice') };
  const submit = async () => {
    const v = await valuesOf(form);
    if (!v || !act) return;
    setBusy(true);
    try {
      if (act === 'rectification') await docApi.entryRectification(id, { advice: v.text, responseDays: v.days });
      else await docApi.actOnEntry(id, act, v.text);
      message.success(L('已提交', 'Submitted')); setAct(null); r.reload(); setN((x) => x + 1);
    } catch (err) { message.error(errorText(err)); } finally { setBusy(false); }
  };
  const d = r.data;
  const buttons: (keyof typeof titles)[] = !e || !d ? [] : [
    ...(d.canAct && e.status === 'draft' ? ['serve' as const] : []),
    ...((d.canReply || d.canAct) && e.status === 'served' ? ['reply' as const] : []),
    ...(d.canAct && e.status !== 'closed' ? ['rectification' as const] : []),
    ...(d.canAct && ['served', 'replied'].includes(e.status) ? ['close' as const] : []),
  ];
  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/supervision/accountability">{t('accountability')}</Link> }, { title: e?.entryNo ?? id }]} style={{ marginBottom: 12 }} />
      <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        {e && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card>
              <Space wrap style={{ marginBottom: 12 }}>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="entry-title">{label(ENTRY_KINDS, e.kind)} · {e.targetName}</Typography.Title>
                <Tag color={ENTRY_STATUS[e.status]?.[2]} data-testid="entry-status">{ENTRY_STATUS[e.status]?.[lang === 'en' ? 1 : 0]}</Tag>
              </Space>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
                <Descriptions.Item label={L('编号', 'Number')}>{e.entryNo}</Descriptions.Item>
                <Descriptions.Item label={t('department')}><DeptName code={e.departmentCode} /></Descriptions.Item>
                <Descriptions.Item label={L('问责对象', 'Target')}>{e.targetName}（{label(TARGET_KINDS, e.targetKind)}）</Descriptions.Item>
                <Descriptions.Item label={L('提出', 'Proposed')}>{fmtTime(e.createdAt)} · {e.createdByName}</Descriptions.Item>
                <Descriptions.Item label={L('回复期限', 'Reply by')}>{e.replyDueAt ? fmtDue(e.replyDueAt) : '—'}</Descriptions.Item>
                <Descriptions.Item label={L('考评期', 'Evaluation periods')}>{e.evaluationPeriods?.length ? e.evaluationPeriods.map((p) => p.period).join('、') : '—'}</Descriptions.Item>
                <Descriptions.Item label={L('事由', 'Reason')} span={2}><span className="xq-pre">{e.reason}</span></Descriptions.Item>
                <Descriptions.Item label={L('要求', 'Requirement')} span={2}><span className="xq-pre">{e.requirement}</span></Descriptions.Item>
                {e.reply && <Descriptions.Item label={L('部门回复', 'Reply')} span={2}><span className="xq-pre">{e.reply}</span>（{fmtTime(e.repliedAt)}）</Descriptions.Item>}
                {e.conclusion && <Descriptions.Item label={L('办结结论', 'Conclusion')} span={2}><span className="xq-pre">{e.conclusion}</span>（{fmtTime(e.closedAt)}）</Descriptions.Item>}
              </Descriptions>
              <Space wrap style={{ marginTop: 16 }}>
                {buttons.map((b) => <Button key={b} type={b === 'serve' || b === 'reply' ? 'primary' : 'default'} onClick={() => { form.resetFields(); setAct(b); }} data-testid={`entry-${b}`}>{titles[b]}</Button>)}
              </Space>
            </Card>
            <DocumentsCard subjectType="accountability" subjectId={id} reloadKey={n} />
            <Card title={L('所依据的预警与督办', 'Alerts and orders behind it')} size="small">
              <List size="small" dataSource={[...(d?.alerts ?? []).map((a): BehindIt => ({ a })), ...(d?.orders ?? []).map((o): BehindIt => ({ o }))]} locale={{ emptyText: L('无', 'None') }} renderItem={(x) => (
                <List.Item>{x.a
                  ? <Space wrap><LevelTag level={x.a.level} /><Link to={`/supervision/alerts/${x.a.id}`}>{x.a.message}</Link><Typography.Text type="secondary">{fmtTime(x.a.raisedAt)}</Typography.Text></Space>
                  : x.o ? <Space wrap><Tag>{L('督办', 'Order')}</Tag><Link to={`/supervision/orders/${x.o.id}`}>{x.o.orderNo}</Link><span>{x.o.subject}</span></Space> : null}</List.Item>
              )} />
            </Card>
            <Card title={L('办理过程', 'History')} size="small">
              <Timeline items={(d?.actions ?? []).map((h) => ({ children: <span><b>{label(ENTRY_ACTIONS, h.action)}</b> {fmtTime(h.at)} · {h.actorName}{h.note ? `：${h.note}` : ''}</span> }))} />
            </Card>
          </Space>
        )}
      </PageState>
      <Modal open={!!act} title={act ? titles[act] : ''} onOk={submit} onCancel={() => setAct(null)} confirmLoading={busy} destroyOnHidden okButtonProps={testIdProps('entry-action-ok')}>
        <Form form={form} layout="vertical">
          {act !== 'serve' && <Form.Item name="text" label={act === 'reply' ? L('回复内容', 'Reply') : act === 'close' ? L('处理结论', 'Conclusion') : L('整改建议', 'Advice')} rules={[{ required: true, message: L('请填写', 'Required') }]}><Input.TextArea rows={4} id="entry-action-text" /></Form.Item>}
          {act === 'serve' && <Typography.Paragraph>{L('确认问责文书已送达问责对象。', 'Confirm the notice was handed over.')}</Typography.Paragraph>}
          {act === 'rectification' && <Form.Item name="days" label={L('整改期限（工作日）', 'Within (working days)')} initialValue={10}><InputNumber min={1} max={30} /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}

/** 提出问责 from an alert's page: kind, target (the department, or a post or officer of it), reason and requirement. */
export function ProposeAccountability({ alert, open, onClose, onDone }: { alert: AlertRow | undefined; open: boolean; onClose: () => void; onDone: (entryId: string) => void }) {
  const { L, label } = useI18n();
  const [form] = Form.useForm<{ kind: string; targetKind: string; reason: string; requirement: string; replyDays?: number }>();
  const [busy, setBusy] = useState(false);
  const target = Form.useWatch('targetKind', form);
  const submit = async () => {
    const v = await valuesOf(form);
    if (!v || !alert) return;
    setBusy(true);
    try {
      const r = await docApi.createEntry({
        kind: v.kind, targetKind: v.targetKind, departmentCode: alert.departmentCode, alertIds: [alert.id], reason: v.reason, requirement: v.requirement,
        officerId: v.targetKind === 'officer' ? alert.responsibleOfficerId : undefined, replyDays: v.replyDays ?? undefined,
      });
      message.success(L(`已提出问责，文书 ${r.document.docNo}`, `Proposed; notice ${r.document.docNo}`));
      onDone(r.entry.id);
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  return (
    <Modal open={open} title={L('提出问责', 'Propose accountability')} onOk={submit} onCancel={onClose} confirmLoading={busy} destroyOnHidden okButtonProps={testIdProps('propose-ok')}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'inquiry', targetKind: 'department', reason: alert?.message, replyDays: 10 }}>
        <Form.Item name="kind" label={L('问责方式', 'Kind')} rules={[{ required: true }]}><Select options={Object.keys(ENTRY_KINDS).map((k) => ({ value: k, label: label(ENTRY_KINDS, k) }))} data-testid="propose-kind" /></Form.Item>
        <Form.Item name="targetKind" label={L('问责对象', 'Target')} rules={[{ required: true }]}>
          <Select options={[{ value: 'department', label: L('被监察部门', 'The department') }, ...(alert?.responsibleOfficerId ? [{ value: 'officer', label: `${L('责任人', 'Responsible')} ${alert.responsibleOfficerName ?? ''}` }] : [])]} />
        </Form.Item>
        {target === 'officer' && <Typography.Paragraph type="secondary">{alert?.responsibleOfficerName}</Typography.Paragraph>}
        <Form.Item name="reason" label={L('事由', 'Reason')} rules={[{ required: true, message: L('请填写', 'Required') }]}><Input.TextArea rows={3} id="propose-reason" /></Form.Item>
        <Form.Item name="requirement" label={L('要求', 'Requirement')} rules={[{ required: true, message: L('请填写', 'Required') }]}><Input.TextArea rows={3} id="propose-requirement" /></Form.Item>
        <Form.Item name="replyDays" label={L('回复期限（工作日，函询、约谈）', 'Reply within (working days)')}><InputNumber min={1} max={30} /></Form.Item>
      </Form>
    </Modal>
  );
}
