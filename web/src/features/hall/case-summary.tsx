import { Descriptions, Steps, Tag } from 'antd';
import { StatusTag } from '../../components/light-tag';
import { fmtDue, fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** A case as the public sees it (GET /api/public/cases/progress): status, limits, steps. */
export function CaseSummary({ c }: { c: any }) {
  const { t, L } = useI18n();
  const steps: any[] = c.steps ?? [];
  const cur = steps.findIndex((s) => !s.completedAt);
  return (
    <>
      <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small" data-testid="case-summary">
        <Descriptions.Item label={t('caseNo')}>{c.caseNo}</Descriptions.Item>
        <Descriptions.Item label={t('item')}>{c.itemName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('department')}>{c.department ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('counterparty')}>{c.counterparty ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('status')}><StatusTag status={c.status} />{c.conclusion && c.conclusion !== 'closed' && <Tag>{c.conclusion === 'closed' ? L('已办结', 'Closed') : c.conclusion === 'rejected' ? L('不予受理', 'Rejected') : L('已终止', 'Terminated')}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={t('acceptedAt')}>{fmtTime(c.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('dueAt')}>{fmtDue(c.promisedDueAt ?? c.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={c.concludedAt ? L('办结时间', 'Concluded') : t('currentStep')}>{c.concludedAt ? fmtTime(c.concludedAt) : c.currentStep ?? '—'}</Descriptions.Item>
        {c.decided && <Descriptions.Item label={L('决定', 'Decision')}>{fmtTime(c.decided.at)} {c.decided.documentNo}</Descriptions.Item>}
        {(c.suspensions ?? []).length > 0 && <Descriptions.Item label={L('暂停', 'Suspended')}>{c.suspensions.map((s: any) => `${fmtTime(s.from)} → ${s.to ? fmtTime(s.to) : L('至今', 'now')}`).join('；')}</Descriptions.Item>}
        {(c.extensions ?? []).length > 0 && <Descriptions.Item label={L('延期', 'Extended')}>{c.extensions.map((s: any) => `+${s.workingDays}`).join('，')} {t('workingDays')}</Descriptions.Item>}
        {(c.corrections ?? []).length > 0 && <Descriptions.Item label={L('补正告知', 'Corrections requested')}>{c.corrections.map((s: any) => s.materials.join('、')).join('；')}</Descriptions.Item>}
      </Descriptions>
      {steps.length > 0 && (
        <Steps style={{ marginTop: 24 }} size="small" orientation="vertical" current={c.status === 'concluded' ? steps.length : Math.max(cur, 0)}
          items={steps.map((s) => ({ title: s.name, description: s.completedAt ? `${L('完成于', 'done')} ${fmtTime(s.completedAt)}` : `${L('开始于', 'since')} ${fmtTime(s.startedAt)}` }))} />
      )}
    </>
  );
}
