import { Breadcrumb, Button, Card, Col, Descriptions, Form, Input, InputNumber, List, Modal, Row, Select, Space, Tag, Timeline, Typography, message } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { LevelTag, StatusTag } from '../../components/light-tag';
import { PageState, errorText } from '../../components/states';
import { api, asList } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { ALERT_HISTORY_ACTIONS, ALERT_LABELS, EVENT_LABELS, STATUS_LABELS } from '../../lib/dict';
import { fmtTime } from '../../lib/format';
import { alertMessage, useI18n } from '../../lib/i18n';
import { DeptName } from '../../lib/names';
import { useApi } from '../../lib/use-api';
import { wbApi } from '../workbench/workbench.api';
import { APPEAL_GROUNDS, supApi } from './supervision.api';
import type { CaseRow } from '../../lib/api-models';
import { valuesOf } from '../../lib/form';
import { useNavigate } from 'react-router-dom';
import { DocumentsCard } from '../documents/documents-card';
import { docApi } from '../documents/documents.api';
import { ProposeAccountability } from '../documents/accountability-pages';
import { testIdProps } from '../../lib/test-id';

type Action = 'explain' | 'appeal' | 'resolve' | 'revoke' | 'return' | 'escalate' | 'order' | 'redCard' | 'cardNotice' | 'rectification' | 'accountability';

/** 预警详情: the case's trace, explanations and appeal, the supervisor's decision, 督办. */
export function AlertPage() {
  const { id = '' } = useParams();
  const { t, L, label } = useI18n();
  const { can } = useAuth();
  const r = useApi(() => supApi.alert(id), [id]);
  const a = r.data?.alert;
  // the case's trace: find the case by number in the department, then its events
  const trace = useApi(async () => {
    const list = asList<CaseRow>(await wbApi.cases({ scope: 'department', caseNo: a?.caseNo ?? undefined, limit: '50' }), 'cases').filter((c) => c.caseNo === a?.caseNo && c.departmentCode === a?.departmentCode);
    return list[0] ? wbApi.case(list[0].id) : null;
  }, [a?.caseNo, a?.departmentCode], !!a?.caseNo && can('case.read'));
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const [docsKey, setDocsKey] = useState(0);
  const nav = useNavigate();
  const history = r.data?.history ?? [];
  const st = a?.detailedStatus ?? a?.status ?? '';
  const submit = async () => {
    const v = await valuesOf(form);
    if (!v || !a) return;
    setBusy(true);
    try {
      if (action === 'redCard') {
        // 成都办法 第十条: 监察机构可出示红牌
        await api.post('/api/supervision/red-cards', { departmentCode: a.departmentCode, caseNo: a.caseNo ?? undefined, clause: v.clause, message: v.reason });
      } else if (action === 'cardNotice') {
        // 盐城电子监察办法 第十一条(二): 黄牌、红牌警告通知书
        await docApi.cardNotice(a.id, { requirement: v.reason, responseDays: v.responseDays });
      } else if (action === 'rectification') {
        await docApi.alertRectification(a.id, { advice: v.reason, responseDays: v.responseDays });
      } else if (action === 'order') {
        await supApi.issueOrder({ departmentCode: a.departmentCode ?? null, alertId: a.id, caseNo: a.caseNo ?? undefined, subject: v.subject, instructions: v.reason, responseDays: v.responseDays });
      } else {
        await supApi.alertAction(a.id, { action: action!, reason: v.reason, ground: v.ground, correctionDays: v.correctionDays });
      }
      message.success(L('已提交', 'Submitted'));
      setAction(null);
      r.reload();
      setDocsKey((k) => k + 1);
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const titles: Record<Action, string> = {
    explain: L('情况说明', 'Explain'), appeal: L('申诉', 'Appeal'), resolve: L('办结销号', 'Resolve'), revoke: L('撤销（说明成立）', 'Revoke'),
    return: L('打回整改', 'Return for correction'), escalate: L('上报上级', 'Escalate'), order: L('发起督办', 'Issue 督办'), redCard: L('出示红牌', 'Red card'),
    cardNotice: a?.level === 'red' ? L('出具红牌警告通知书', 'Red card notice') : L('出具黄牌警告通知书', 'Yellow card notice'), rectification: L('出具整改建议书', 'Rectification advice'),
    accountability: L('提出问责', 'Propose accountability'),
  };
  const buttons: Action[] = !a ? [] : [
    ...(can('alert.respond') && ['open', 'returned', 'escalated'].includes(st) ? (['explain', 'appeal'] as Action[]) : []),
    ...(can('supervision.act') && !['resolved', 'revoked', 'withdrawn'].includes(st) ? (['resolve', 'revoke', 'return', 'escalate', 'order', 'redCard', ...(a.departmentCode ? ['cardNotice', 'rectification', 'accountability'] : [])] as Action[]) : []),
  ];
  const open = (x: Action) => { form.resetFields(); if (x === 'cardNotice' || x === 'rectification') form.setFieldsValue({ responseDays: 5 }); if (x === 'order') form.setFieldsValue({ subject: `${label(ALERT_LABELS, a?.code)}${a?.caseNo ? ` · ${a.caseNo}` : ''}`, responseDays: 5 }); setAction(x); };
  const events = trace.data?.events ?? [];
  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/supervision/alerts">{t('alerts')}</Link> }, { title: a ? label(ALERT_LABELS, a.code) : id }]} style={{ marginBottom: 12 }} />
      <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        {a && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card>
              <Space wrap style={{ marginBottom: 12 }}>
                <LevelTag level={a.level} />
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="alert-title">{label(ALERT_LABELS, a.code)}</Typography.Title>
                <StatusTag status={a.status} />{st !== a.status && <StatusTag status={st} />}
                {(a.escalationLevel ?? 0) > 0 && <Tag color="purple">{L(`已上报 ${a.escalationLevel} 级`, `Escalated ×${a.escalationLevel}`)}</Tag>}
              </Space>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
                <Descriptions.Item label={t('caseNo')}>{a.caseNo ? (trace.data ? <Link to={`/workbench/cases/${trace.data.id}`}>{a.caseNo}</Link> : a.caseNo) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('department')}><DeptName code={a.departmentCode} /></Descriptions.Item>
                <Descriptions.Item label={L('环节', 'Step')}>{a.stepName ?? a.step ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={L('发生时间', 'Raised')}>{fmtTime(a.raisedAt)}</Descriptions.Item>
                <Descriptions.Item label={L('责任人', 'Responsible')}>{a.responsibleOfficerName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={L('责任岗位', 'Post')}>{a.responsiblePost ?? '—'}</Descriptions.Item>
                {a.correctionDueAt && <Descriptions.Item label={L('整改期限', 'Correct by')}>{fmtTime(a.correctionDueAt)}</Descriptions.Item>}
                <Descriptions.Item label={t('message')} span={2}>{alertMessage(a)}</Descriptions.Item>
                {r.data?.response && <Descriptions.Item label={L('部门回应', 'Department’s answer')} span={2}>{r.data.response.kind === 'appeal' ? L('申诉', 'Appeal') : L('说明', 'Explanation')}：{r.data.response.text}{r.data.response.ground ? `（${label(APPEAL_GROUNDS, r.data.response.ground)}）` : ''}</Descriptions.Item>}
                {a.closedReason && <Descriptions.Item label={L('结论', 'Conclusion')} span={2}>{a.closedReason}</Descriptions.Item>}
              </Descriptions>
              <Space wrap style={{ marginTop: 16 }}>
                {buttons.map((b) => <Button key={b} type={b === 'order' || b === 'explain' ? 'primary' : 'default'} danger={b === 'order' || b === 'redCard'} onClick={() => open(b)} data-testid={`alert-${b}`}>{titles[b]}</Button>)}
              </Space>
            </Card>
            <DocumentsCard subjectType="alert" subjectId={a.id} reloadKey={docsKey} />
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Card title={L('办件轨迹', 'Case trace')} size="small" loading={trace.loading}>
                  {events.length ? <Timeline items={events.map((e) => ({ color: e.receivedAt && new Date(e.receivedAt).getTime() - new Date(e.occurredAt).getTime() > 24 * 3600_000 ? 'red' : 'blue', children: <span><b>{label(EVENT_LABELS, e.type)}</b> {fmtTime(e.occurredAt)} · {e.actor?.name ?? ''} <Typography.Text type="secondary">（{L('接收', 'received')} {fmtTime(e.receivedAt)}{e.source === 'exchange' ? L('，接口推送', ', exchange') : ''}）</Typography.Text></span> }))} />
                    : <Typography.Text type="secondary">{a.caseNo ? L('无法读取该办件（不在您的范围内）', 'The case is outside your scope') : L('非办件类预警', 'Not about a case')}</Typography.Text>}
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card title={L('处理记录', 'History')} size="small">
                  <List size="small" dataSource={history} locale={{ emptyText: L('暂无', 'None yet') }} renderItem={(n) => (
                    <List.Item><List.Item.Meta title={<span>{titles[n.action as Action] ?? label(ALERT_HISTORY_ACTIONS, n.action)} · {n.actorName ?? ''}{n.actorPost ? `（${n.actorPost}）` : ''} · {fmtTime(n.at)}</span>} description={<span className="xq-pre">{n.action === 'order' && n.details?.orderId
                      ? <Link to={`/supervision/orders/${n.details.orderId}`} data-testid="alert-order-link">{L('督办单', 'Order')} {n.details.orderNo}</Link>
                      : n.action === 'accountability' && n.details?.entryId ? <Link to={`/supervision/accountability/${n.details.entryId}`}>{L('问责', 'Accountability')} {n.details.entryNo}</Link>
                      : (n.action === 'card_notice' || n.action === 'rectification') && n.details?.docNo ? <span>{n.details.docNo}</span>
                      : n.fromStatus === n.toStatus ? null : <>{label(STATUS_LABELS, n.fromStatus)} → {label(STATUS_LABELS, n.toStatus)}</>}{n.reason ? `：${n.reason}` : ''}</span>} /></List.Item>
                  )} />
                </Card>
              </Col>
            </Row>
          </Space>
        )}
      </PageState>
      <ProposeAccountability alert={a} open={action === 'accountability'} onClose={() => setAction(null)} onDone={(entryId) => { setAction(null); nav(`/supervision/accountability/${entryId}`); }} />
      <Modal open={!!action && action !== 'accountability'} title={action ? titles[action] : ''} onOk={submit} onCancel={() => setAction(null)} confirmLoading={busy} destroyOnHidden okButtonProps={testIdProps('alert-action-ok')}>
        <Form form={form} layout="vertical">
          {action === 'order' && <Form.Item name="subject" label={L('督办事项', 'Subject')} rules={[{ required: true }]}><Input id="order-subject" /></Form.Item>}
          {action === 'appeal' && (
            // 盐城电子监察办法 第二十五条: 申诉须说明不承担责任的情形
            <Form.Item name="ground" label={L('申诉情形', 'Ground')} rules={[{ required: true }]}><Select options={Object.keys(APPEAL_GROUNDS).map((k) => ({ value: k, label: label(APPEAL_GROUNDS, k) }))} /></Form.Item>
          )}
          <Form.Item name="reason" label={action === 'order' ? L('督办要求', 'Instructions') : action === 'cardNotice' ? L('整改要求', 'Requirement') : action === 'rectification' ? L('整改建议', 'Advice') : L('理由或说明', 'Reason')} rules={[{ required: action !== 'resolve', message: L('请填写', 'Required') }]}><Input.TextArea rows={4} id="alert-action-text" /></Form.Item>
          {(action === 'order' || action === 'cardNotice' || action === 'rectification') && <Form.Item name="responseDays" label={L('反馈期限（工作日）', 'Answer within (working days)')}><InputNumber min={1} max={20} /></Form.Item>}
          {action === 'redCard' && <Form.Item name="clause" label={L('依据《成都办法》第十条第几项', 'Clause of 成都办法 第十条')} rules={[{ required: true }]} initialValue={1}><InputNumber min={1} max={12} /></Form.Item>}
          {action === 'return' && <Form.Item name="correctionDays" label={L('整改期限（工作日）', 'Correct within (working days)')}><InputNumber min={1} max={30} /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}
