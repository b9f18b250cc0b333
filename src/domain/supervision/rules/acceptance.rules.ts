import { formatChinaTime } from '../../calendar/day-index.js';
import type { CaseState } from '../../cases/case.types.js';
import { finding, type RuleContext, type TimeRule } from '../rule.types.js';

/**
 * 网上申请的受理时限 (APPLICATION_ACCEPTANCE_OVERDUE). 川办发〔2014〕2号 平台办法 第五条(六): the
 * platform accepts the hall's applications; 达州意见 三(六): 在法律、法规规定的时限内立案(受理);
 * 行政许可法 第三十二条: 五日内一次告知补正 — an application neither accepted nor refused within the
 * acceptance limit (default 5 working days; a region's threshold may lower it) is red. A request
 * for corrections (一次性告知) stops the clock; the applicant's answer starts it anew
 * (行政许可法 第三十二条(四): 自收到全部补正申请材料之日起受理).
 */
export const ACCEPTANCE_LIMIT_DAYS = 5;

export interface AcceptancePhase {
  start: Date;
  /** When the phase ended: a correction request, the acceptance or the refusal; null while it runs. */
  end: Date | null;
  dueAt: Date;
}

const limitDays = (ctx: RuleContext) => {
  const t = ctx.setting('APPLICATION_ACCEPTANCE_OVERDUE').threshold;
  return t != null && t > 0 ? Math.floor(t) : ACCEPTANCE_LIMIT_DAYS;
};

/** The periods the acceptance clock ran, each with its due instant (only for online applications). */
export function acceptancePhases(s: CaseState, ctx: RuleContext): AcceptancePhase[] {
  if (!s.submittedAt) return [];
  const decidedAt = s.acceptedAt ?? s.concludedAt ?? null;
  const days = limitDays(ctx);
  const due = (start: Date) => ctx.calendar.deadline({ start, workingDays: days }).dueAt;
  const out: AcceptancePhase[] = [];
  let start: Date | null = s.submittedAt;
  for (const c of s.corrections) {
    if (!start || (decidedAt && c.at.getTime() > decidedAt.getTime())) break;
    out.push({ start, end: c.at, dueAt: due(start) });
    start = c.answeredAt ?? null; // the clock is stopped until the applicant answers
  }
  if (start && (!decidedAt || decidedAt.getTime() >= start.getTime())) out.push({ start, end: decidedAt, dueAt: due(start) });
  return out;
}

export const applicationAcceptanceOverdue: TimeRule = {
  code: 'APPLICATION_ACCEPTANCE_OVERDUE',
  evaluate(s, ctx, at) {
    const late = acceptancePhases(s, ctx).find((p) => (p.end ? p.end.getTime() > p.dueAt.getTime() : at.getTime() >= p.dueAt.getTime()));
    if (!late) return [];
    const due = formatChinaTime(late.dueAt);
    return [finding(ctx, 'APPLICATION_ACCEPTANCE_OVERDUE', null,
      [`申请受理逾期: 网上申请应于 ${due} 前受理、不予受理或一次性告知补正`, `Application acceptance overdue: the online application was to be accepted, refused or sent back for corrections by ${due}`],
      { dueAt: late.dueAt })];
  },
  nextCheck(s, ctx, at) {
    if (s.status !== 'submitted') return null;
    const open = acceptancePhases(s, ctx).find((p) => !p.end);
    return open && open.dueAt.getTime() > at.getTime() ? open.dueAt : null;
  },
};
