/**
 * 动态调整 (川 目录动态调整办法; 盐城 数据库更新维护办法): a department's request to add,
 * change, cancel, suspend or resume an item, reviewed by the legal office and approved by the
 * leader of the same government, taking effect on its date. Pure stage machine and dates.
 */
export const ADJUSTMENT_KINDS = ['add', 'change', 'cancel', 'suspend', 'resume'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

export const ADJUSTMENT_KIND_NAMES: Record<AdjustmentKind, string> = {
  add: '增加', change: '变更', cancel: '取消', suspend: '暂停', resume: '启用',
};

export type AdjustmentStage = 'draft' | 'review' | 'staffing' | 'risk_review' | 'secrecy' | 'approval' | 'returned' | 'approved' | 'rejected';

export const STAGE_NAMES: Record<AdjustmentStage, string> = {
  draft: '草稿', review: '法制审核', staffing: '编办审核', risk_review: '风险点审核', secrecy: '涉密联合审查', approval: '领导审定', returned: '已退回', approved: '已批准', rejected: '不予批准',
};

export type AdjustmentAction = 'submit' | 'revise' | 'review_pass' | 'review_return' | 'approve' | 'reject' | 'leader_return';

const TRANSITIONS: Record<AdjustmentAction, { from: AdjustmentStage[]; to: AdjustmentStage }> = {
  submit: { from: ['draft', 'returned'], to: 'review' },
  revise: { from: ['draft', 'returned'], to: 'draft' },
  // 川 目录动态调整办法 第四条: 政府法制部门提出审核意见
  review_pass: { from: ['review'], to: 'approval' },
  review_return: { from: ['review'], to: 'returned' },
  // 川 目录动态调整办法 第四条: 报本级人民政府审定
  approve: { from: ['approval'], to: 'approved' },
  reject: { from: ['approval'], to: 'rejected' },
  leader_return: { from: ['approval'], to: 'returned' },
};

/** The stage after `action`, or null when the action is not allowed in `stage`. */
export function nextStage(stage: AdjustmentStage, action: AdjustmentAction): AdjustmentStage | null {
  const t = TRANSITIONS[action];
  return t.from.includes(stage) ? t.to : null;
}

export const OPEN_STAGES: AdjustmentStage[] = ['draft', 'review', 'staffing', 'risk_review', 'secrecy', 'approval', 'returned'];

// 川 目录动态调整办法 第三条: 自法律、法规、规章或职能调整文件公布之日起20日内提出申请
export const FILING_LIMIT_DAYS = 20;
// 盐城 网上运行办法 第十七条(三) / 数据库更新维护办法 第七条: 法制办3个工作日内完成审核意见
export const REVIEW_WORKING_DAYS = 3;
// 盐城 数据库更新维护办法 第七条: 法律、法规、规章公布或者机构职能调整确定后10个工作日内完成申报
export const FILING_WORKING_DAYS = 10;
// 达州意见 三(四): 行政权力清单公告之日起5个工作日内, 在行权平台上作出相应调整
export const LIST_ADJUSTMENT_WORKING_DAYS = 5;
// Not fixed by the regulations: the platform's default for the leader's decision (本级政府审定).
export const APPROVAL_WORKING_DAYS = 5;

/** The calendar day (China Standard Time) of an instant, 'YYYY-MM-DD'. */
export function cstDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Midnight (00:00 China Standard Time) starting a calendar day. */
export function cstMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/**
 * Natural days from the day the law changed to the day of filing (the day of change itself
 * not counted), and whether that exceeds the 20 days of 川 第三条.
 */
export function filingLateness(lawChangedOn: string | null, filedAt: Date): { daysAfterChange: number | null; late: boolean } {
  if (!lawChangedOn) return { daysAfterChange: null, late: false };
  const days = Math.round((cstMidnight(cstDate(filedAt)).getTime() - cstMidnight(lawChangedOn).getTime()) / 86_400_000);
  return { daysAfterChange: days, late: days > FILING_LIMIT_DAYS };
}

/**
 * When an approved version takes effect: midnight of its date, but never before the approval
 * itself, so a case already registered is never judged by a version approved after it.
 */
export function effectiveInstant(effectiveOn: string, approvedAt: Date): Date {
  const d = cstMidnight(effectiveOn);
  return d.getTime() >= approvedAt.getTime() ? d : approvedAt;
}

/** The item status an approved request leads to (add/change keep the proposal's status). */
export function statusAfter(kind: AdjustmentKind): 'in_force' | 'suspended' | 'cancelled' {
  return kind === 'cancel' ? 'cancelled' : kind === 'suspend' ? 'suspended' : 'in_force';
}

/** Whether `kind` may be asked of an item currently in `status` (null: not in the catalog). */
export function kindAllowed(kind: AdjustmentKind, status: string | null): string | null {
  if (kind === 'add') return status === null ? null : '事项已存在，请使用变更 (item exists: use change)';
  if (status === null) return '事项不存在 (unknown item)';
  if (status === 'cancelled') return '事项已取消，不得调整 (item cancelled)';
  // 达州意见 三(四): 暂停、启用须报经同意
  if (kind === 'suspend' && status !== 'in_force') return '只有在用事项可以暂停 (only an item in force can be suspended)';
  if (kind === 'resume' && status !== 'suspended') return '只有暂停的事项可以启用 (only a suspended item can be resumed)';
  return null;
}
