import { formatChinaTime } from '../../domain/calendar/day-index.js';
import { ALERT_CODES } from '../../domain/supervision/codes.js';
import { resolveSetting } from '../../domain/supervision/overrides.js';
import { parentCode } from '../../domain/org/region.js';
import type { Queryable } from '../../store/db.js';
import { alertFromRow, insertAlerts, updateAlert, type NewAlert } from '../../store/supervision/alert.store.js';
import { notifyAlertsTurnedRed } from '../messages/notify.js';
import { loadOverrides } from '../../store/supervision/rule-settings.store.js';
import type { AppContext } from '../context.js';
import { alertTimers } from './case-supervision.js';
import type { SupervisionSettings } from './settings.js';
import { zeroCaseWindow } from '../../domain/supervision/zero-cases.js';
import { newId } from '../ids.js';

async function levelFor(q: Queryable, code: 'SUPERVISION_ORDER_OVERDUE' | 'COMPLAINT_ACCEPTANCE_OVERDUE' | 'ZERO_CASES_UNEXPLAINED', region: string | null) {
  return resolveSetting(await loadOverrides(q, [region]), code, region);
}

// 四川电子监察办法 第九条; 盐城电子监察办法 第二十条: 督办事项在规定时限内办结并反馈 → 逾期 SUPERVISION_ORDER_OVERDUE
export async function sweepOrders(q: Queryable, ctx: AppContext, s: SupervisionSettings, at: Date): Promise<number> {
  const rows = await q.query(
    `SELECT * FROM supervision_orders o WHERE status IN ('issued', 'returned') AND due_at <= $1
       AND NOT EXISTS (SELECT 1 FROM supervision_alerts a WHERE a.subject_kind = 'order' AND a.subject_id = o.id
                       AND a.code = 'SUPERVISION_ORDER_OVERDUE' AND a.step = to_char(o.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
     ORDER BY due_at LIMIT 1000 FOR UPDATE SKIP LOCKED`, [at]);
  const alerts: NewAlert[] = [];
  for (const o of rows) {
    const set = await levelFor(q, 'SUPERVISION_ORDER_OVERDUE', o.region_code);
    if (!set.enabled) continue;
    alerts.push({
      id: newId(), code: 'SUPERVISION_ORDER_OVERDUE', level: set.level, subjectKind: 'order', subjectId: o.id,
      step: (o.due_at as Date).toISOString().replace('.000Z', 'Z'), caseId: o.case_id, caseNo: o.case_no, departmentCode: o.department_code,
      regionCode: o.region_code, message: `督办逾期: 督办 ${o.order_no} 应于 ${formatChinaTime(o.due_at as Date)} 前反馈 (order unanswered at its deadline)`,
      details: { orderId: o.id, orderNo: o.order_no }, ...alertTimers(ctx, s, o.region_code, set.level, at), skipIfClosed: true,
    });
  }
  return (await insertAlerts(q, alerts, at)).length;
}

// 成都办法 第十一条; 盐城电子监察办法 第十四条: 5 个工作日内决定是否受理 → COMPLAINT_ACCEPTANCE_OVERDUE
export async function sweepComplaints(q: Queryable, ctx: AppContext, s: SupervisionSettings, at: Date): Promise<number> {
  const rows = await q.query(
    `SELECT * FROM complaints c WHERE status = 'submitted' AND kind <> 'consultation' AND acceptance_due_at <= $1
       AND NOT EXISTS (SELECT 1 FROM supervision_alerts a WHERE a.subject_kind = 'complaint' AND a.subject_id = c.id AND a.code = 'COMPLAINT_ACCEPTANCE_OVERDUE')
     ORDER BY acceptance_due_at LIMIT 1000 FOR UPDATE SKIP LOCKED`, [at]);
  const alerts: NewAlert[] = [];
  for (const c of rows) {
    const set = await levelFor(q, 'COMPLAINT_ACCEPTANCE_OVERDUE', c.region_code);
    if (!set.enabled) continue;
    alerts.push({
      id: newId(), code: 'COMPLAINT_ACCEPTANCE_OVERDUE', level: set.level, subjectKind: 'complaint', subjectId: c.id, step: null,
      caseNo: c.case_no, departmentCode: c.department_code, regionCode: c.region_code,
      message: `投诉受理逾期: 投诉 ${c.complaint_no} 未在 5 个工作日内决定是否受理 (no acceptance decision by ${formatChinaTime(c.acceptance_due_at as Date)})`,
      details: { complaintId: c.id, complaintNo: c.complaint_no }, ...alertTimers(ctx, s, c.region_code, set.level, at), skipIfClosed: true,
    });
  }
  return (await insertAlerts(q, alerts, at)).length;
}

// 攀枝花 二(六): 每月 3 日前(遇节假日顺延)书面说明上月办件为"0"的原因 → ZERO_CASES_UNEXPLAINED
export async function sweepZeroCases(q: Queryable, ctx: AppContext, s: SupervisionSettings, at: Date): Promise<number> {
  const w = zeroCaseWindow(at, s.zeroCaseDueDay, (d) => ctx.calendars.forRegion(null).rollForward(d));
  if (at.getTime() < w.dueAt.getTime()) return 0;
  const done = await q.query(`SELECT 1 FROM app_settings WHERE key = 'supervision.zeroCheck' AND value = to_jsonb($1::text)`, [w.month]);
  if (done.length) return 0;
  const rows = await q.query(
    `SELECT d.code, d.region_code FROM departments d
     WHERE EXISTS (SELECT 1 FROM power_items p WHERE p.department_code = d.code AND p.status = 'in_force')
       AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.department_code = d.code AND c.accepted_at >= $1 AND c.accepted_at < $2)
       AND NOT EXISTS (SELECT 1 FROM zero_case_explanations z WHERE z.department_code = d.code AND z.month = $3)
       -- 接口标准 §9: a region with its own platform checks its departments there and forwards the alerts
       AND NOT EXISTS (SELECT 1 FROM platform_keys k WHERE k.revoked_at IS NULL AND d.region_code LIKE platform_region_prefix(k.region_code) || '%')`,
    [w.monthStart, w.monthEnd, w.month]);
  const alerts: NewAlert[] = [];
  for (const d of rows) {
    const set = await levelFor(q, 'ZERO_CASES_UNEXPLAINED', d.region_code);
    if (!set.enabled) continue;
    alerts.push({
      id: newId(), code: 'ZERO_CASES_UNEXPLAINED', level: set.level, subjectKind: 'department', subjectId: d.code, step: w.month,
      departmentCode: d.code, regionCode: d.region_code,
      message: `零办件未说明: ${w.month} 无办件且未在 ${w.dueDate} 前报送说明 (no cases in ${w.month} and no explanation filed)`,
      details: { month: w.month, dueDate: w.dueDate }, ...alertTimers(ctx, s, d.region_code, set.level, at), skipIfClosed: true,
    });
  }
  const raised = await insertAlerts(q, alerts, at);
  await q.query(`INSERT INTO app_settings (key, value) VALUES ('supervision.zeroCheck', to_jsonb($1::text))
                 ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [w.month]);
  return raised.length;
}

/**
 * 盐城电子监察办法 第十一条(二): 黄牌超过限期仍未更正的, 自动出示红牌; a red card not dealt with
 * in time is escalated to the level above (上报), once per period, up to the province.
 */
export async function sweepAlertTimers(q: Queryable, ctx: AppContext, s: SupervisionSettings, at: Date): Promise<{ turnedRed: number; escalated: number }> {
  const yellow = await q.query(
    `SELECT * FROM supervision_alerts WHERE status IN ('open', 'returned') AND level = 'yellow' AND correction_due_at <= $1
     ORDER BY correction_due_at LIMIT 1000 FOR UPDATE SKIP LOCKED`, [at]);
  for (const r of yellow) {
    const a = alertFromRow(r);
    await updateAlert(q, a, { level: 'red', correctionDueAt: null, escalateAt: alertTimers(ctx, s, a.regionCode, 'red', at).escalateAt },
      { at, actorId: null, actorName: 'system', action: 'turn_red', reason: `黄牌逾期未更正，自动转为红牌 (${ALERT_CODES[a.code].name})` });
  }
  // 消息中心: those the alert concerns hear that it turned red
  if (yellow.length) await notifyAlertsTurnedRed(q, at, yellow.map((r) => r.id as string), ctx.log);
  const red = await q.query(
    `SELECT * FROM supervision_alerts WHERE status IN ('open', 'returned', 'escalated') AND level = 'red' AND escalate_at <= $1
     ORDER BY escalate_at LIMIT 1000 FOR UPDATE SKIP LOCKED`, [at]);
  let escalated = 0;
  for (const r of red) {
    const a = alertFromRow(r);
    const from = a.escalatedTo ?? a.regionCode;
    const to = from ? parentCode(from) : null;
    if (!to) {
      await updateAlert(q, a, { escalateAt: null }, { at, actorId: null, actorName: 'system', action: 'escalation_end', reason: '已到最高层级 (top level reached)' });
      continue;
    }
    await updateAlert(q, a, { status: 'escalated', escalationLevel: a.escalationLevel + 1, escalatedTo: to, escalateAt: alertTimers(ctx, s, to, 'red', at).escalateAt },
      { at, actorId: null, actorName: 'system', action: 'escalate', reason: `红牌逾期未处理，自动上报 ${to} (not dealt with in time: escalated)` });
    escalated++;
  }
  return { turnedRed: yellow.length, escalated };
}
