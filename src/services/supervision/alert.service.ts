import { ACTION_SIDE, APPEAL_GROUNDS, nextStatus, type AlertAction, type AppealGround } from '../../domain/supervision/alert-lifecycle.js';
import { can, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { parentCode } from '../../domain/org/region.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import { alertHistory, getAlert, getAlertForUpdate, insertAlerts, updateAlert, type AlertPatch } from '../../store/supervision/alert.store.js';
import { listAlerts, wireAlert, type AlertFilter } from '../../store/supervision/alert-query.store.js';
import { audited, actorAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import type { Queryable } from '../../store/db.js';
import { alertTimers } from './case-supervision.js';
import { loadRegionSettings } from './region-settings.service.js';
import { newId } from '../ids.js';
import { actingPerson } from './acting.js';
import { isDeptOffice } from './dept-office.js';

/** The person who raises an alert by hand: account name, officer and post. */
const raisedBy = async (q: Queryable, actor: Actor) => {
  const who = await actingPerson(q, actor);
  return { raisedByAccountId: who.accountId, raisedByOfficerId: who.officerId, raisedByPost: who.post };
};

const actorName = (a: Actor) => actorAudit(a).actorName ?? 'unknown';
const actorId = (a: Actor) => actorAudit(a).actorId;

/** §5 `GET /api/supervision/alerts`: the supervisor's region, lower levels included (department users see their own). */
export async function searchAlerts(ctx: AppContext, actor: Actor, f: AlertFilter) {
  const scope = scopeFilter(actor, 'alert.read');
  if (!scope.all && !scope.regions.length && !scope.departments.length) throw forbidden('无权查看监察预警 (alert.read)');
  const r = await listAlerts(ctx.db, scope, f);
  return { alerts: r.alerts.map(wireAlert), total: r.total };
}

export async function alertDetail(ctx: AppContext, actor: Actor, id: string) {
  const a = await getAlert(ctx.db, id);
  if (!a || !can(actor, 'alert.read', { regionCode: a.regionCode, departmentCode: a.departmentCode })) throw notFound('预警', id);
  return { alert: wireAlert(a), details: a.details, response: a.response, history: await alertHistory(ctx.db, id) };
}

export interface AlertActionInput {
  id: string;
  action: AlertAction;
  reason?: string;
  /** Appeals: the 盐城 第二十五条 ground. */
  ground?: AppealGround;
  attachments?: { name: string; sha256?: string; url?: string }[];
  /** Returns: working days given to correct (default: settings.yellowCorrectionDays). */
  correctionDays?: number;
}

/**
 * The department explains (说明) or appeals (申诉); the supervisor resolves, revokes (撤销),
 * returns (打回) or escalates (上报). 四川电子监察办法 第八条(一); 盐城电子监察办法 第十二条, 第二十五条.
 */
export async function actOnAlert(ctx: AppContext, actor: Actor, input: AlertActionInput) {
  return audited(ctx, actor, {
    action: `alert.${input.action}`, target: input.id,
    run: async (q) => {
      const a = await getAlertForUpdate(q, input.id);
      if (!a) throw notFound('预警', input.id);
      const target = { regionCode: a.regionCode, departmentCode: a.departmentCode };
      const side = ACTION_SIDE[input.action];
      // 川 电子监察办法 第六条: the department's own supervision office (部门监察室) handles its department's
      // alerts on either side of the lifecycle, until they are escalated above it (上报)
      const office = isDeptOffice(actor, target) && !a.escalatedTo;
      if (side === 'department' ? !can(actor, 'alert.respond', target) && !office : !can(actor, 'supervision.act', { regionCode: a.escalatedTo ?? a.regionCode }) && !office) {
        if (!can(actor, 'alert.read', target)) throw notFound('预警', input.id);
        if (can(actor, 'dept.supervise')) throw forbidden('部门监察室只能处理本部门未上报的预警 (a department supervision office acts on its own department\'s alerts only)');
        throw forbidden(side === 'department' ? '只有被监察部门可以说明或申诉 (only the department may explain or appeal)' : '只有监察员可以处理预警 (supervisors only)');
      }
      // no one decides on an explanation they gave themselves (the office may explain or decide, not both)
      if (side === 'supervisor' && actor.kind === 'user' && a.response?.byAccountId === actor.userId && a.status !== 'open') {
        throw forbidden('不得审核本人所作的说明或申诉 (no one reviews their own explanation)');
      }
      const next = nextStatus(a.status, input.action);
      if (!next.ok) throw new AppError('CONFLICT', next.message, { status: a.status });
      const reason = input.reason?.trim() ?? '';
      if (input.action !== 'resolve' && !reason) throw invalid('reason', '必须填写理由或说明 (a written reason is required)');
      const now = ctx.clock.now();
      const patch: AlertPatch = { status: next.status as AlertPatch['status'] };
      if (input.action === 'appeal') {
        // 盐城电子监察办法 第二十五条: 申诉须说明不承担责任的情形
        if (!input.ground || !(input.ground in APPEAL_GROUNDS)) throw invalid('ground', `申诉理由须为 ${Object.keys(APPEAL_GROUNDS).join(' | ')} (appeal ground required)`);
      }
      if (input.action === 'explain' || input.action === 'appeal') {
        const who = await actingPerson(q, actor, a.responsible?.post);
        patch.response = {
          kind: input.action, text: reason, ground: input.ground ?? null, attachments: input.attachments ?? [], by: actorName(actor), at: now.toISOString(),
          byAccountId: who.accountId, byOfficerId: who.officerId, byPost: who.post,
        };
      }
      if (input.action === 'return') {
        // 盐城电子监察办法 第二十条: 退办事项应说明退办原因和退办完成期限
        const s = await loadRegionSettings(q, a.regionCode);
        const days = input.correctionDays ?? s.yellowCorrectionDays;
        if (!Number.isInteger(days) || days < 1 || days > 30) throw invalid('correctionDays', '须为 1–30 个工作日 (1–30 working days)');
        const due = ctx.calendars.forRegion(a.regionCode).deadline({ start: now, workingDays: days }).dueAt;
        if (a.level === 'yellow') patch.correctionDueAt = due;
        else patch.escalateAt = due;
      }
      if (input.action === 'escalate') {
        const to = parentCode(a.escalatedTo ?? a.regionCode ?? '');
        if (!to) throw new AppError('CONFLICT', '已是最高层级，无法上报 (already at the top level)');
        patch.escalationLevel = a.escalationLevel + 1;
        patch.escalatedTo = to;
        patch.escalateAt = null;
      }
      if (input.action === 'resolve' || input.action === 'revoke') {
        patch.closedAt = now;
        patch.closedReason = reason || (input.action === 'resolve' ? '已处理 (resolved)' : '');
        patch.correctionDueAt = null;
        patch.escalateAt = null;
      }
      if (input.action === 'explain' || input.action === 'appeal') {
        patch.correctionDueAt = null; // the department answered: no automatic turn to red while the supervisor reviews
        patch.escalateAt = null;
      }
      const who = await actingPerson(q, actor, a.responsible?.post);
      const updated = await updateAlert(q, a, patch, {
        at: now, actorId: actorId(actor), actorName: actorName(actor), actorOfficerId: who.officerId, actorPost: who.post,
        action: input.action, reason, details: input.ground ? { ground: input.ground } : null,
      });
      return wireAlert(updated);
    },
    details: (r) => ({ code: r.code, status: r.detailedStatus }),
  });
}

/** 成都办法 第十条: red cards issued by hand for the violations listed there (clauses (一)–(十二)). */
export const CHENGDU_ARTICLE_10 = [
  '无法定依据实施行政审批或者继续实施已取消的行政审批事项', '擅自取消或者停止实施法定行政审批事项', '擅自更改规定的行政审批程序或条件',
  '对符合法定条件的审批事项不予审批', '对不符合法定条件的事项作出准予决定或者超越法定职权', '不在承诺期限内作出准予决定',
  '不根据听证结果作出决定', '未经招标拍卖挂牌或考试或不根据其结果作出决定', '未经检验检测检疫或不根据其结果作出决定',
  '擅自改变已经生效的行政审批', '不按照法定项目和标准收费或违法收取抵押金、保证金', '其他违规审批、情节严重的情形',
] as const;

export async function issueRedCard(ctx: AppContext, actor: Actor, input: { departmentCode: string; caseNo?: string; clause: number; message: string }) {
  return audited(ctx, actor, {
    action: 'alert.red_card', target: input.caseNo ? `${input.departmentCode}/${input.caseNo}` : input.departmentCode,
    run: async (q) => {
      const dept = await q.query<{ region_code: string }>('SELECT region_code FROM departments WHERE code = $1', [input.departmentCode]);
      if (!dept.length) throw invalid('departmentCode', `部门 ${input.departmentCode} 不存在 (unknown department)`);
      const regionCode = dept[0].region_code;
      if (!can(actor, 'supervision.act', { regionCode })) throw forbidden('只有本级或上级监察员可以出示红牌 (supervisors of the region only)');
      if (!Number.isInteger(input.clause) || input.clause < 1 || input.clause > 12) throw invalid('clause', '成都办法第十条的项, 1–12 (clause of 成都办法 第十条)');
      if (!input.message?.trim()) throw invalid('message', '必须说明违规事实 (describe the violation)');
      let c: { id: string; case_no: string; item_code: string | null } | undefined;
      if (input.caseNo) {
        c = (await q.query<any>('SELECT id, case_no, item_code FROM cases WHERE department_code = $1 AND case_no = $2', [input.departmentCode, input.caseNo]))[0];
        if (!c) throw invalid('caseNo', `办件 ${input.caseNo} 不存在 (unknown case)`);
      }
      const now = ctx.clock.now();
      const s = await loadRegionSettings(q, regionCode);
      const clause = `第十条(${input.clause})`;
      const raised = await insertAlerts(q, [{
        id: newId(), code: 'MANUAL_RED_CARD', level: 'red', subjectKind: c ? 'case' : 'department', subjectId: c ? c.id : input.departmentCode,
        step: clause, caseId: c?.id ?? null, caseNo: c?.case_no ?? null, itemCode: c?.item_code ?? null, departmentCode: input.departmentCode, regionCode,
        message: `违规纠错 (成都办法 ${clause} ${CHENGDU_ARTICLE_10[input.clause - 1]}): ${input.message.trim()}`,
        details: { clause: input.clause }, manual: true, raisedBy: actorName(actor), ...alertTimers(ctx, s, regionCode, 'red', now),
        ...(await raisedBy(q, actor)),
      }], now);
      if (!raised.length) throw new AppError('CONFLICT', '同一对象同一条款已有未结红牌 (an open red card already exists for this clause)');
      return wireAlert(raised[0]);
    },
    details: (r) => ({ id: r.id }),
  });
}
