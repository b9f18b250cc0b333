import { Tag } from 'antd';
import { useI18n } from '../lib/i18n';
import { CASE_STATUS_LABELS, LIGHT_LABELS, STATUS_LABELS } from '../lib/dict';

const COLORS: Record<string, string> = { green: 'success', yellow: 'warning', red: 'error', none: 'default' };

export function LightTag({ light }: { light: string | null | undefined }) {
  const { label } = useI18n();
  if (!light) return <Tag>—</Tag>;
  return <Tag color={COLORS[light] ?? 'default'} data-light={light}>● {label(LIGHT_LABELS, light)}</Tag>;
}

export function LevelTag({ level }: { level: string | null | undefined }) {
  const { L } = useI18n();
  if (level === 'red') return <Tag color="error" data-level="red">{L('红色报警', 'Red')}</Tag>;
  if (level === 'yellow') return <Tag color="warning" data-level="yellow">{L('黄色预警', 'Yellow')}</Tag>;
  return <Tag>{level ?? '—'}</Tag>;
}

const STATUS_COLORS: Record<string, string> = {
  open: 'processing', suspended: 'warning', concluded: 'default', explained: 'cyan', resolved: 'success',
  draft: 'default', in_force: 'success', submitted: 'processing', reviewed: 'cyan', approved: 'success', rejected: 'error',
  pending: 'processing', accepted: 'cyan', answered: 'success', closed: 'default', issued: 'processing', responded: 'cyan', overdue: 'error',
};

/**
 * Working days left until the promised (else legal) limit, as the server counts them
 * (daysLeft: negative when overdue): one wording everywhere — 剩余 N 个工作日, 今日到期, 超期 N 个工作日.
 */
export function DaysLeft({ days }: { days: number | null | undefined }) {
  const { L } = useI18n();
  if (days == null) return <>—</>;
  if (days < 0) return <Tag color="error" data-days={days}>{L(`超期 ${-days} 个工作日`, `${-days} working days overdue`)}</Tag>;
  if (days === 0) return <Tag color="warning" data-days={days}>{L('今日到期', 'Due today')}</Tag>;
  return <Tag color={days <= 2 ? 'warning' : 'default'} data-days={days}>{L(`剩余 ${days} 个工作日`, `${days} working days left`)}</Tag>;
}

/** A case's status: 待受理 for an online application not yet accepted. */
export function CaseStatusTag({ status }: { status: string | null | undefined }) {
  const { label } = useI18n();
  if (!status) return <Tag>—</Tag>;
  return <Tag color={STATUS_COLORS[status] ?? 'default'} data-case-status={status}>{label(CASE_STATUS_LABELS, status)}</Tag>;
}

export function StatusTag({ status }: { status: string | null | undefined }) {
  const { label } = useI18n();
  if (!status) return <Tag>—</Tag>;
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label(STATUS_LABELS, status)}</Tag>;
}
