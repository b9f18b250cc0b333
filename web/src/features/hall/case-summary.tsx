import { Alert, Descriptions, Steps, Tag } from 'antd';
import { CaseStatusTag, DaysLeft } from '../../components/light-tag';
import { fmtDue, fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { PublicCase } from './hall.api';

/** A case as the public sees it (GET /api/public/cases/progress): status, limits, steps. */
export function CaseSummary({ c }: { c: PublicCase }) {
  const { t, L } = useI18n();
  const steps = c.steps ?? [];
  const cur = steps.findIndex((s) => !s.completedAt);
  // 不予受理 / 终止: the case ended at the step then open (shown as refused, never as done), with the reason and remedies
  const ending = c.ending ?? (c.conclusion === 'rejected' || c.conclusion === 'terminated' ? { kind: c.conclusion } : null);
  const endName = ending?.kind === 'rejected' ? L('不予受理', 'Not accepted') : L('已终止', 'Terminated');
  return (
    <>
      {ending && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="case-ending"
          title={ending.kind === 'rejected' ? L('您的申请不予受理', 'Your application was not accepted') : L('该办件已终止办理', 'This case was terminated')}
          description={<>
            <div>{L('理由', 'Reason')}：{ending.reason ?? L('（部门未说明理由）', '(no reason given)')}</div>
            <div>{t('remedies')}：{ending.remedies ?? L('可依法申请行政复议或提起行政诉讼', 'Administrative review or litigation as the law provides')}</div>
          </>} />
      )}
      {c.overdue && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="case-overdue"
          title={L('该办件已超过承诺期限仍未办结', 'This case is past its promised limit')}
          description={L('可通过「投诉咨询」向监察机构反映。', 'You may tell the supervision office through Complaints & questions.')} />
      )}
      <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small" data-testid="case-summary">
        <Descriptions.Item label={t('caseNo')}>{c.caseNo}</Descriptions.Item>
        <Descriptions.Item label={t('item')}>{c.itemName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('department')}>{c.department ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('counterparty')}>{c.counterparty ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('status')}>{ending ? <Tag color="error" data-testid="case-status">{endName}</Tag> : <span data-testid="case-status"><CaseStatusTag status={c.status} /></span>}{c.status !== 'concluded' && c.daysLeft != null && <DaysLeft days={c.daysLeft} />}</Descriptions.Item>
        {c.submittedAt && <Descriptions.Item label={L('网上申请时间', 'Applied online')}>{fmtTime(c.submittedAt)}</Descriptions.Item>}
        {c.acceptanceDueAt && <Descriptions.Item label={L('受理期限', 'To be accepted by')}>{fmtDue(c.acceptanceDueAt)}</Descriptions.Item>}
        <Descriptions.Item label={t('acceptedAt')}>{c.acceptedAt ? fmtTime(c.acceptedAt) : c.status === 'submitted' ? L('待受理', 'Awaiting acceptance') : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('dueAt')}>{fmtDue(c.promisedDueAt ?? c.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={c.concludedAt ? L('办结时间', 'Concluded') : t('currentStep')}>{c.concludedAt ? fmtTime(c.concludedAt) : c.currentStep ?? '—'}</Descriptions.Item>
        {c.decided && <Descriptions.Item label={L('决定', 'Decision')}>{fmtTime(c.decided.at)} {c.decided.documentNo}</Descriptions.Item>}
        {(c.suspensions ?? []).length > 0 && <Descriptions.Item label={L('暂停', 'Suspended')}>{(c.suspensions ?? []).map((s) => `${fmtTime(s.from)} → ${s.to ? fmtTime(s.to) : L('至今', 'now')}`).join('；')}</Descriptions.Item>}
        {(c.extensions ?? []).length > 0 && <Descriptions.Item label={L('延期', 'Extended')}>{(c.extensions ?? []).map((s) => `+${s.workingDays}`).join('，')} {t('workingDays')}</Descriptions.Item>}
        {(c.corrections ?? []).length > 0 && <Descriptions.Item label={L('补正告知', 'Corrections requested')}>{(c.corrections ?? []).map((s) => `${s.materials.join('、')}${s.answeredAt ? L('（已提交）', ' (supplied)') : L('（待提交）', ' (awaiting)')}`).join('；')}</Descriptions.Item>}
      </Descriptions>
      {steps.length > 0 && (
        <Steps style={{ marginTop: 24 }} size="small" orientation="vertical" current={c.status === 'concluded' && !ending ? steps.length : Math.max(cur, 0)}
          status={ending ? 'error' : c.overdue ? 'error' : 'process'}
          items={steps.map((s) => ({
            title: s.name,
            description: s.completedAt ? `${L('完成于', 'done')} ${fmtTime(s.completedAt)}`
              : ending ? `${endName} ${fmtTime(c.concludedAt)}` : `${L('开始于', 'since')} ${fmtTime(s.startedAt)}`,
          }))} />
      )}
    </>
  );
}
