import { formatChinaTime } from '../../domain/calendar/day-index.js';
import { ADJUSTMENT_KIND_NAMES, type AdjustmentKind } from '../../domain/catalog/adjustment.js';
import type { AlertCode } from '../../domain/supervision/codes.js';
import { resolveSetting } from '../../domain/supervision/overrides.js';
import type { Queryable } from '../../store/db.js';
import { insertAlerts, type NewAlert } from '../../store/supervision/alert.store.js';
import { loadOverrides } from '../../store/supervision/rule-settings.store.js';
import { dueAdjustmentClocks, dueRatingTaskClocks, dueTransferredComplaints } from '../../store/supervision/timers.store.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { alertTimers } from './case-supervision.js';
import type { SupervisionSettings } from './settings.js';
import { TASK_STEP_NAMES } from './bad-rating.service.js';

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

async function setting(q: Queryable, code: AlertCode, region: string | null) {
  return resolveSetting(await loadOverrides(q, [region]), code, region);
}

// 四川电子监察办法 第十条(三)、第十一条(三): a step of a 差评's loop (回访核实/整改/反馈/复核) past its working-day limit → BAD_RATING_OVERDUE
export async function sweepRatingTasks(q: Queryable, ctx: AppContext, s: SupervisionSettings, at: Date): Promise<number> {
  const alerts: NewAlert[] = [];
  for (const t of await dueRatingTaskClocks(q, at)) {
    const set = await setting(q, 'BAD_RATING_OVERDUE', t.region_code);
    if (!set.enabled) continue;
    const stepName = TASK_STEP_NAMES[t.step as keyof typeof TASK_STEP_NAMES] ?? t.step;
    alerts.push({
      id: newId(), code: 'BAD_RATING_OVERDUE', level: set.level, subjectKind: 'rating_task', subjectId: t.id, step: t.step,
      // 复核 is the supervisors' step: it is not held against the department
      departmentCode: t.step === 'review' ? null : t.department_code, regionCode: t.region_code,
      message: `差评处理逾期: ${t.task_no}（${t.subject_no}）的「${stepName}」应于 ${formatChinaTime(t.due_at)} 前完成 (step of a bad rating's task overdue)`,
      details: { taskId: t.id, taskNo: t.task_no, step: t.step, dueAt: iso(t.due_at) }, ...alertTimers(ctx, s, t.region_code, set.level, at), skipIfClosed: true,
    });
  }
  return (await insertAlerts(q, alerts, at)).length;
}

// 盐城电子监察办法 第十五条: 转办投诉应在规定时间内办结并将结果报市监察局 → COMPLAINT_TRANSFER_OVERDUE (the transferred-to department)
export async function sweepTransfers(q: Queryable, ctx: AppContext, s: SupervisionSettings, at: Date): Promise<number> {
  const alerts: NewAlert[] = [];
  for (const c of await dueTransferredComplaints(q, at)) {
    const set = await setting(q, 'COMPLAINT_TRANSFER_OVERDUE', c.region_code);
    if (!set.enabled) continue;
    alerts.push({
      id: newId(), code: 'COMPLAINT_TRANSFER_OVERDUE', level: set.level, subjectKind: 'complaint', subjectId: c.id, step: iso(c.transfer_due_at),
      caseNo: c.case_no, departmentCode: c.transfer_department, regionCode: c.region_code,
      message: `转办投诉逾期: 投诉 ${c.complaint_no} 应于 ${formatChinaTime(c.transfer_due_at)} 前办结并报送结果 (transferred complaint not concluded in time)`,
      details: { complaintId: c.id, complaintNo: c.complaint_no, dueAt: iso(c.transfer_due_at) }, ...alertTimers(ctx, s, c.region_code, set.level, at), skipIfClosed: true,
    });
  }
  return (await insertAlerts(q, alerts, at)).length;
}

const ADJ_TEXT: Record<string, string> = {
  // 盐城 数据库更新维护办法 第七条
  CATALOG_REVIEW_OVERDUE: '政府法制部门未在 3 个工作日内完成审核意见的回复',
  CATALOG_FILING_OVERDUE: '部门未在法律法规公布后 10 个工作日内完成申报',
  // 达州意见 三(四)
  LIST_ADJUSTMENT_OVERDUE: '未在清单公告之日起 5 个工作日内在行权平台上作出相应调整',
};

// 盐城 数据库更新维护办法 第七条 (申报 10 / 审核 3 个工作日); 达州意见 三(四) (清单调整 5 个工作日)
export async function sweepAdjustments(q: Queryable, ctx: AppContext, s: SupervisionSettings, at: Date): Promise<number> {
  const alerts: NewAlert[] = [];
  for (const a of await dueAdjustmentClocks(q, at)) {
    const code = a.code as AlertCode;
    const set = await setting(q, code, a.region_code);
    if (!set.enabled) continue;
    const what = `${ADJUSTMENT_KIND_NAMES[a.kind as AdjustmentKind] ?? ''}${a.item_code ? `事项 ${a.item_code}` : '事项'}的调整申请`;
    alerts.push({
      id: newId(), code, level: set.level, subjectKind: 'adjustment', subjectId: a.id, step: iso(a.due_at), itemCode: a.item_code,
      // 审核 is the legal office's step: not held against the department
      departmentCode: a.clock === 'review' ? null : a.department_code, regionCode: a.region_code,
      message: `${what}: ${ADJ_TEXT[code]}（期限 ${formatChinaTime(a.due_at)}）`,
      details: { adjustmentId: a.id, clock: a.clock, dueAt: iso(a.due_at), departmentCode: a.department_code }, ...alertTimers(ctx, s, a.region_code, set.level, at), skipIfClosed: true,
    });
  }
  return (await insertAlerts(q, alerts, at)).length;
}
