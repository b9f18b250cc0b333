import { can, scopeFilter, type Actor, type ScopeFilter } from '../../domain/org/policy.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { activeAlertsFor, withdrawAlerts } from '../../store/supervision/alert.store.js';
import {
  departmentName, getRatingById, getTask, insertTask, insertTaskAction, listRatings, listTasks, nextTaskSeq, ratingCounts, saveTask, taskActions,
  type RatingRow, type TaskRow, type TaskStatus,
} from '../../store/supervision/rating.store.js';
import { actorAudit, audited } from '../audit.service.js';
import { closeClocks, getClocks, setClock } from '../calendar/clocks.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { notifyHolders } from '../messages/notify.js';
import { loadRegionSettings } from './region-settings.service.js';
import { maskedListName, maskPhone } from '../../domain/seal/mask.js';

/**
 * The 差评 loop (四川电子监察办法 第十条(三) 事后监察: 相对人是否满意; 第十一条(三) 回访监察;
 * 国办发〔2019〕51号 差评核实整改反馈): every 差评 opens a task for the department —
 * 回访核实 (real-name only; required before 整改) → 整改 → 反馈 (to the rater) → 复核 (supervisor).
 * The department may contest the 差评 with evidence (申诉复核): upheld, the loop continues;
 * accepted, the 差评 is excluded from the evaluation. Each step's limit is a clock on the
 * calendar engine (working days, region settings); an overdue step raises BAD_RATING_OVERDUE.
 */
export const TASK_STEP_NAMES = { visit: '回访核实', rectify: '整改', feedback: '反馈', review: '复核' } as const;
export const TASK_STATUS_NAMES: Record<TaskStatus, string> = {
  visit: '待回访核实', rectify: '待整改', feedback: '待反馈', review: '待复核', contested: '申诉复核中', closed: '已办结', excluded: '申诉成立（不计入考评）',
};
export const VISIT_METHODS = { phone: '电话', visit: '走访', sms: '短信', online: '网络' } as const;
type Method = keyof typeof VISIT_METHODS;

const who = (a: Actor) => (a.kind === 'user' ? a.name : actorAudit(a).actorName ?? 'system');
const cstDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
const iso = (d: Date | null) => d?.toISOString() ?? null;

async function stepClock(q: Queryable, ctx: AppContext, t: TaskRow, step: keyof typeof TASK_STEP_NAMES, start: Date) {
  const s = await loadRegionSettings(q, t.regionCode); // a lower region only shortens (region-limits.ts)
  const days = { visit: s.badRatingVisitDays, rectify: s.badRatingRectifyDays, feedback: s.badRatingFeedbackDays, review: s.badRatingReviewDays }[step];
  return setClock(q, ctx, { ownerKind: 'rating_task', ownerId: t.id, kind: step, regionCode: t.regionCode, start, workingDays: days });
}

/** Opens the task of a 差评 in the rating's transaction (system). */
export async function openBadRatingTask(q: Queryable, ctx: AppContext, r: RatingRow): Promise<TaskRow> {
  const now = r.ratedAt;
  const prefix = `CP${cstDay(now)}`;
  const t: TaskRow = {
    id: newId(), taskNo: `${prefix}${String(await nextTaskSeq(q, prefix)).padStart(4, '0')}`, ratingId: r.id!, subjectKind: r.subjectKind,
    subjectNo: (r.subjectKind === 'case' ? r.caseNo : r.complaintNo) ?? '', departmentCode: r.departmentCode, regionCode: r.regionCode ?? '',
    rating: r.rating, realName: !!r.realName, openedAt: now,
    // 四川电子监察办法 第十一条(三): a real-name 差评 is visited first; an anonymous one has no one to visit
    status: r.realName ? 'visit' : 'rectify', resumeStatus: null,
    visitedAt: null, rectifyDueAt: null, rectifiedAt: null, fedBackAt: null, closedAt: null, excluded: null, updatedAt: now,
  };
  if (t.realName) await stepClock(q, ctx, t, 'visit', now);
  // 国办发〔2019〕51号: 差评整改 within the region's limit (15 working days by default), from the 差评
  t.rectifyDueAt = (await stepClock(q, ctx, t, 'rectify', now)).dueAt;
  await insertTask(q, t);
  await insertTaskAction(q, { taskId: t.id, action: 'open', at: now, actorId: null, actorName: 'system', method: null, contact: null, content: r.reason ?? '差评', attachments: null });
  // 四川电子监察办法 第十一条(三): the department hears of its 差评 at once (消息中心)
  if (t.departmentCode) {
    await notifyHolders(q, now, { perm: 'order.respond', regionCode: t.regionCode, departmentCode: t.departmentCode, departmentOnly: true }, {
      kind: 'rating_task', title: `差评待整改：${t.subjectKind === 'case' ? '办件' : '投诉'} ${t.subjectNo}`,
      body: `${t.taskNo}：${r.reason ?? '收到差评'}（${t.realName ? '实名差评，请先回访核实' : '匿名差评，请直接整改'}）`,
      link: `/supervision/ratings/tasks/${t.id}`, subjectKind: 'rating_task', subjectId: t.id, dedupeKey: `rating_task:${t.id}`,
    }, ctx.log);
  }
  return t;
}

function deptMay(actor: Actor, t: TaskRow) {
  return can(actor, 'order.respond', { regionCode: t.regionCode, departmentCode: t.departmentCode ?? undefined });
}
function supMay(actor: Actor, t: TaskRow) {
  return can(actor, 'supervision.act', { regionCode: t.regionCode });
}
function readMay(actor: Actor, t: TaskRow) {
  return can(actor, 'supervision.read', { regionCode: t.regionCode }) || deptMay(actor, t);
}

export interface TaskStepInput {
  id: string;
  /** visit: 电话/走访/短信/网络 */
  method?: Method;
  /** visit: whom the department spoke to; feedback: how the rater was reached */
  contact?: string;
  /** visit: what was found; rectify: the measures; feedback: what the rater was told; review/contest: the opinion or the grounds */
  content: string;
  /** visit: when it took place (default now; never in the future) */
  at?: Date;
  attachments?: { name: string; sha256?: string }[];
  decision?: 'pass' | 'return' | 'uphold' | 'accept';
}

type StepKind = 'visit' | 'rectify' | 'feedback' | 'review' | 'contest' | 'contest_decision';

/** One step of the loop: who, when, how, what; in one transaction with its clocks, audited. */
export async function actOnTask(ctx: AppContext, actor: Actor, kind: StepKind, input: TaskStepInput) {
  return audited(ctx, actor, {
    action: `rating_task.${kind}${input.decision ? `_${input.decision}` : ''}`, target: input.id,
    run: async (q) => {
      const t = await getTask(q, input.id, true);
      if (!t) throw notFound('差评任务', input.id);
      const now = ctx.clock.now();
      const content = input.content?.trim();
      if (!content) throw invalid('content', '须填写内容 (content required)');
      const attachments = (input.attachments ?? []).filter((a) => a?.name?.trim());
      const act = (action: string, extra: { method?: string | null; contact?: string | null; at?: Date } = {}) =>
        insertTaskAction(q, { taskId: t.id, action, at: extra.at ?? now, actorId: actorAudit(actor).actorId, actorName: who(actor), method: extra.method ?? null,
          contact: extra.contact ?? null, content, attachments: attachments.length ? attachments : null });
      const need = (ok: boolean, why: string) => { if (!ok) throw forbidden(why); };
      const inStatus = (...s: TaskStatus[]) => {
        if (!s.includes(t.status)) throw new AppError('CONFLICT', `任务当前为「${TASK_STATUS_NAMES[t.status]}」，不能${({ visit: '回访核实', rectify: '登记整改', feedback: '反馈', review: '复核', contest: '申诉', contest_decision: '申诉复核' })[kind]}`, { field: 'status', status: t.status });
      };
      switch (kind) {
        case 'visit': {
          need(deptMay(actor, t), '只有承办部门可以回访核实 (the department only)');
          inStatus('visit', 'rectify');
          if (t.visitedAt) throw new AppError('CONFLICT', '已回访核实 (already visited)');
          if (!input.method || !(input.method in VISIT_METHODS)) throw invalid('method', `回访方式须为 ${Object.values(VISIT_METHODS).join('、')} (phone | visit | sms | online)`);
          if (!input.contact?.trim()) throw invalid('contact', '须写明回访对象 (whom the department spoke to)');
          const when = input.at ?? now;
          if (when.getTime() > now.getTime()) throw invalid('at', '回访时间不得晚于当前时间 (a visit cannot be in the future)');
          if (when.getTime() < t.openedAt.getTime()) throw invalid('at', '回访时间不得早于差评 (before the rating)');
          await act('visit', { method: input.method, contact: input.contact.trim(), at: when });
          t.visitedAt = when;
          await closeClocks(q, 'rating_task', t.id, 'visit');
          if (t.status === 'visit') t.status = 'rectify';
          break;
        }
        case 'rectify': {
          need(deptMay(actor, t), '只有承办部门可以登记整改 (the department only)');
          // 四川电子监察办法 第十一条(三): every real-name 差评 is visited before its 整改 is recorded
          if (t.status === 'visit') throw new AppError('CONFLICT', '实名差评须先回访核实，再登记整改 (a real-name bad rating is visited first)', { field: 'status', status: t.status });
          inStatus('rectify');
          await act('rectify');
          t.rectifiedAt = now;
          t.status = 'feedback';
          await closeClocks(q, 'rating_task', t.id, 'rectify');
          await stepClock(q, ctx, t, 'feedback', now);
          break;
        }
        case 'feedback': {
          need(deptMay(actor, t), '只有承办部门可以反馈 (the department only)');
          inStatus('feedback');
          if (!input.method || !(input.method in VISIT_METHODS)) throw invalid('method', `反馈方式须为 ${Object.values(VISIT_METHODS).join('、')} (phone | visit | sms | online)`);
          await act('feedback', { method: input.method, contact: input.contact?.trim() || null });
          t.fedBackAt = now;
          t.status = 'review';
          await closeClocks(q, 'rating_task', t.id, 'feedback');
          await stepClock(q, ctx, t, 'review', now);
          break;
        }
        case 'review': {
          need(supMay(actor, t), '只有本级或上级监察员可以复核 (supervisors only)');
          inStatus('review');
          if (input.decision !== 'pass' && input.decision !== 'return') throw invalid('decision', '复核结论须为 pass（通过）或 return（退回重新整改）');
          await act(input.decision === 'pass' ? 'review_pass' : 'review_return');
          await closeClocks(q, 'rating_task', t.id, 'review');
          if (input.decision === 'pass') {
            t.status = 'closed';
            t.closedAt = now;
          } else {
            // 退回: the 整改 is redone (its first limit stays what 按时整改率 is measured against)
            t.status = 'rectify';
            t.rectifiedAt = null;
            t.fedBackAt = null;
            await stepClock(q, ctx, t, 'rectify', now);
          }
          break;
        }
        case 'contest': {
          need(deptMay(actor, t), '只有承办部门可以申诉 (the department only)');
          inStatus('visit', 'rectify', 'feedback');
          // 申诉复核: the department contests with evidence (证据材料)
          if (!attachments.length) throw invalid('attachments', '申诉须附证据材料 (evidence is required)');
          await act('contest');
          t.resumeStatus = t.status;
          t.status = 'contested';
          break;
        }
        case 'contest_decision': {
          need(supMay(actor, t), '只有本级或上级监察员可以复核申诉 (supervisors only)');
          inStatus('contested');
          if (input.decision !== 'uphold' && input.decision !== 'accept') throw invalid('decision', '申诉复核结论须为 uphold（维持差评）或 accept（申诉成立）');
          await act(input.decision === 'uphold' ? 'contest_uphold' : 'contest_accept');
          if (input.decision === 'uphold') {
            t.status = t.resumeStatus ?? 'rectify';
            t.resumeStatus = null;
          } else {
            // the 差评 stays on record, excluded from the evaluation; the loop's clocks and alerts end
            t.status = 'excluded';
            t.excluded = true;
            t.resumeStatus = null;
            t.closedAt = now;
            await closeClocks(q, 'rating_task', t.id);
            const open = await activeAlertsFor(q, 'rating_task', [t.id]);
            await withdrawAlerts(q, open.map((a) => a.id), '差评申诉成立，不计入考评 (bad rating contested successfully)', now);
          }
          break;
        }
      }
      t.updatedAt = now;
      await saveTask(q, t);
      return wireTask(t);
    },
  });
}

export function wireTask(t: TaskRow & { departmentName?: string | null }) {
  return {
    ...t, statusName: TASK_STATUS_NAMES[t.status], openedAt: t.openedAt.toISOString(), visitedAt: iso(t.visitedAt), rectifyDueAt: iso(t.rectifyDueAt),
    rectifiedAt: iso(t.rectifiedAt), fedBackAt: iso(t.fedBackAt), closedAt: iso(t.closedAt), updatedAt: t.updatedAt.toISOString(),
  };
}

/** A task with its rating, its steps (who, when, how, what) and the due instant of each step. */
export async function readTask(ctx: AppContext, actor: Actor, id: string) {
  const t = await getTask(ctx.db, id);
  if (!t || !readMay(actor, t)) throw notFound('差评任务', id);
  const rating = await getRatingById(ctx.db, t.ratingId);
  const clocks = await getClocks(ctx.db, 'rating_task', t.id);
  const actions = await taskActions(ctx.db, t.id);
  const now = ctx.clock.now().getTime();
  const order = ['visit', 'rectify', 'feedback', 'review'];
  clocks.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return {
    task: { ...wireTask(t), departmentName: t.departmentCode ? await departmentName(ctx.db, t.departmentCode) : null },
    rating: rating && { ...rating, ratedAt: rating.ratedAt.toISOString() },
    steps: clocks.map((c) => ({ step: c.kind, name: TASK_STEP_NAMES[c.kind as keyof typeof TASK_STEP_NAMES] ?? c.kind, dueAt: c.dueAt.toISOString(), open: c.open, overdue: c.open && c.dueAt.getTime() <= now })),
    actions: actions.map((a) => ({ ...a, at: a.at.toISOString() })),
    may: { department: deptMay(actor, t), supervisor: supMay(actor, t) },
  };
}

function readScope(actor: Actor): ScopeFilter {
  if (can(actor, 'supervision.read')) return scopeFilter(actor, 'supervision.read');
  if (can(actor, 'order.respond')) return scopeFilter(actor, 'order.respond');
  throw forbidden('无权查看好差评 (supervision.read)');
}

/** The department's (or the region's) 差评 tasks. */
export async function listRatingTasks(ctx: AppContext, actor: Actor, f: { status?: string; open?: boolean; department?: string }) {
  const rows = await listTasks(ctx.db, readScope(actor), f);
  return { tasks: rows.map(wireTask) };
}

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 10_000 : null);

/**
 * The console's 好差评: the ratings and the loop's rates, each with the counts it is made of —
 * 好评率 = 好评/评价数; 差评整改率 = 已整改/计入的差评 (申诉成立的不计); 按时整改率 = 在首次整改期限内整改/计入的差评;
 * 回访率 = 已回访的实名差评/计入的实名差评.
 */
export async function ratingsOverview(ctx: AppContext, actor: Actor, f: { region?: string; department?: string; level?: 'good' | 'neutral' | 'bad'; from?: Date; to?: Date }) {
  const scope = readScope(actor);
  const filter = { scope, ...f };
  const [rows, c] = await Promise.all([listRatings(ctx.db, filter), ratingCounts(ctx.db, { ...filter, level: undefined })]);
  const counted = c.bad - c.excluded;
  return {
    summary: {
      total: c.total, good: c.good, neutral: c.neutral, bad: c.bad, excluded: c.excluded, counted,
      realNameBad: c.real_name_bad, visited: c.visited, rectified: c.rectified, rectifiedOnTime: c.rectified_on_time, closed: c.closed,
      goodRate: rate(c.good, c.total), rectifiedRate: rate(c.rectified, counted), onTimeRate: rate(c.rectified_on_time, counted), visitRate: rate(c.visited, c.real_name_bad),
    },
    ratings: rows.map((r) => ({
      id: r.id, subjectKind: r.subjectKind, caseNo: r.caseNo, complaintNo: r.complaintNo, departmentCode: r.departmentCode, departmentName: r.departmentName,
      regionCode: r.regionCode, rating: r.rating, indicators: r.indicators, reason: r.reason, comment: r.comment, channel: r.channel ?? 'hall', realName: !!r.realName,
      ratedAt: r.ratedAt.toISOString(), taskId: r.taskId, taskStatus: r.taskStatus,
    })),
  };
}

/**
 * The ratings of ratingsOverview for an export (导出, 川办发〔2014〕2号 电子监察办法 第十五条), all pages of
 * them in the same scope, up to `max`; the rater of a real-name rating only masked (张*, 138****5678:
 * GB/T 22239-2019 8.1.4.11 个人信息保护 最小必要), never the name or number as given.
 */
export async function ratingsForExport(ctx: AppContext, actor: Actor, f: { region?: string; department?: string; level?: 'good' | 'neutral' | 'bad'; from?: Date; to?: Date }, max: number) {
  const filter = { scope: readScope(actor), ...f };
  const out: Awaited<ReturnType<typeof listRatings>> = [];
  for (let offset = 0; out.length <= max; offset += 1000) {
    const rows = await listRatings(ctx.db, filter, 1000, offset);
    out.push(...rows);
    if (rows.length < 1000) break;
  }
  return out.map((r) => ({
    id: r.id, subjectKind: r.subjectKind, caseNo: r.caseNo, complaintNo: r.complaintNo, departmentCode: r.departmentCode, departmentName: r.departmentName,
    regionCode: r.regionCode, rating: r.rating, indicators: r.indicators, reason: r.reason, comment: r.comment, channel: r.channel ?? 'hall', realName: !!r.realName,
    raterMasked: r.realName && r.raterName ? maskedListName(r.raterName) : null,
    raterPhoneMasked: r.realName && r.raterPhone ? (r.raterPhone.includes('*') ? r.raterPhone : maskPhone(r.raterPhone)) : null,
    ratedAt: r.ratedAt, taskId: r.taskId, taskStatus: r.taskStatus,
  }));
}
