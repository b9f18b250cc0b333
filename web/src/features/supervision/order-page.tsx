import { Breadcrumb, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { LevelTag } from '../../components/light-tag';
import { PageState } from '../../components/states';
import { ALERT_LABELS } from '../../lib/dict';
import { fmtDue, fmtTime } from '../../lib/format';
import { alertMessage, useI18n } from '../../lib/i18n';
import { DeptName } from '../../lib/names';
import { useApi } from '../../lib/use-api';
import { ORDER_STATUS, supApi } from './supervision.api';
import { DocumentsCard } from '../documents/documents-card';
import { OrderReviews } from './order-reviews';

const HISTORY: Record<string, readonly [string, string]> = {
  issue: ['下达督办', 'Issued'], answer: ['部门反馈', 'Answered'], first_review: ['初审通过', 'First review passed'], accept: ['审结', 'Final review: accepted'],
  return: ['退回重办', 'Returned'], extend: ['延长期限', 'Extended'],
};

/** 督办单: one order with its alert, its deadline, the department's answer and its history. */
export function OrderPage() {
  const { id = '' } = useParams();
  const { t, L, label, lang } = useI18n();
  const r = useApi(() => supApi.order(id), [id]);
  const o = r.data?.order;
  const a = r.data?.alert;
  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/supervision/orders">{t('orders')}</Link> }, { title: o?.orderNo ?? id }]} style={{ marginBottom: 12 }} />
      <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        {o && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card>
              <Space wrap style={{ marginBottom: 12 }}>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="order-title">{o.subject}</Typography.Title>
                <Tag color={ORDER_STATUS[o.status]?.[2]} data-status={o.status}>{ORDER_STATUS[o.status]?.[lang === 'en' ? 1 : 0] ?? o.status}</Tag>
                {o.overdue && <Tag color="error">{L('已逾期', 'Overdue')}</Tag>}
              </Space>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
                <Descriptions.Item label={L('督办编号', 'Number')}>{o.orderNo}</Descriptions.Item>
                <Descriptions.Item label={t('department')}><DeptName code={o.departmentCode} /></Descriptions.Item>
                <Descriptions.Item label={L('下达时间', 'Issued')}>{fmtTime(o.issuedAt)}{o.issuedBy ? ` · ${o.issuedBy}` : ''}</Descriptions.Item>
                <Descriptions.Item label={L('反馈期限', 'Respond by')}><span style={{ color: o.overdue ? '#f5222d' : undefined }}>{fmtDue(o.dueAt)}</span>{L(`（${o.responseDays} 个工作日${o.extensionDays ? `，延长 ${o.extensionDays} 个工作日` : ''}）`, ` (${o.responseDays} working days${o.extensionDays ? `, +${o.extensionDays}` : ''})`)}</Descriptions.Item>
                <Descriptions.Item label={t('caseNo')}>{o.caseNo ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={L('督办来源', 'Source')}>{o.ownInitiative ? L('主动督办', 'Own initiative') : L('交办', 'Referred')}</Descriptions.Item>
                <Descriptions.Item label={L('督办要求', 'Instructions')} span={2}><span className="xq-pre">{o.instructions}</span></Descriptions.Item>
                <Descriptions.Item label={L('部门反馈', 'Answer')} span={2} >
                  {o.answer ? <span data-testid="order-answer-text"><span className="xq-pre">{o.answer.findings}</span><Typography.Text type="secondary">（{o.answer.by}，{fmtTime(o.answer.at)}）</Typography.Text></span> : L('尚未反馈', 'Not answered yet')}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={L('所督办的预警', 'The alert ordered on')} size="small" data-testid="order-alert">
              {a ? (
                <Space wrap>
                  <LevelTag level={a.level} />
                  <Link to={`/supervision/alerts/${a.id}`}>{label(ALERT_LABELS, a.code)}</Link>
                  <span>{alertMessage(a)}</span>
                  <Typography.Text type="secondary">{fmtTime(a.raisedAt)}</Typography.Text>
                </Space>
              ) : <Typography.Text type="secondary">{L('此督办不针对某一预警', 'Not about an alert')}</Typography.Text>}
            </Card>
            <OrderReviews history={o.history ?? []} />
            <DocumentsCard subjectType="order" subjectId={o.id} />
            <Card title={L('督办过程', 'History')} size="small">
              <Timeline items={(o.history ?? []).map((h) => ({ children: <span><b>{label(HISTORY, h.action)}</b> {fmtTime(h.at)} · {h.by}{h.reason ? `：${h.reason}` : ''}{h.dueAt ? L(`（期限 ${fmtDue(h.dueAt)}）`, ` (due ${fmtDue(h.dueAt)})`) : ''}</span> }))} />
            </Card>
          </Space>
        )}
      </PageState>
    </>
  );
}
