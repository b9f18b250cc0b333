import { can, grantsFor, type Actor } from '../../domain/org/policy.js';
import { inRegion } from '../../domain/org/region.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { activeAlertsFor, insertAlerts } from '../../store/supervision/alert.store.js';
import { getWindow, insertPatrol, windowPatrols } from '../../store/supervision/window.store.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { actingPerson } from './acting.js';
import { alertTimers } from './case-supervision.js';
import { loadRegionSettings } from './region-settings.service.js';
import { canSeeWindow, wireWindow } from './window.service.js';

const cstDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export interface VideoPatrolInput {
  windowId: string;
  /** 巡查情况: what was observed (工作纪律、服务态度、办事状况). */
  findings: string;
  outcome: 'normal' | 'abnormal';
  issues?: { note: string }[];
  /** An abnormal patrol may raise a WINDOW_PATROL_ABNORMAL alert on the department (default: yes). */
  raiseAlert?: boolean;
  /** The supervising region the patrol counts for, when the supervisor holds several. */
  region?: string;
}

/** A window with its streams and its last video patrols, for a supervisor or the window's administrator. */
export async function windowDetail(ctx: AppContext, actor: Actor, id: string) {
  const w = await getWindow(ctx.db, id);
  if (!w || !canSeeWindow(actor, w)) throw notFound('服务窗口', id);
  const patrols = await windowPatrols(ctx.db, id);
  return {
    window: { ...wireWindow(w), canManage: can(actor, 'window.manage', { regionCode: w.regionCode, departmentCode: w.departmentCode }) },
    canPatrol: grantsFor(actor, 'patrol.record').some((g) => g.regionCode && inRegion(g.regionCode, w.regionCode)),
    patrols: patrols.map((p) => ({ ...p, patrolledAt: p.patrolledAt.toISOString() })),
  };
}

/**
 * 川办发〔2014〕2号 电子监察办法 第十一条(一): 通过视频监控系统对各窗口开展视频巡查，重点监察窗口人员工作纪律、
 * 服务态度; 盐城电子监察办法 第十条. A video patrol is recorded with the other patrols (the window's
 * region is the platform patrolled, so it counts in the quota of 第十一条(二)); an abnormal one raises
 * an alert on the department (one open per window: a second abnormal patrol joins it), from which
 * the supervisor may go on to an order or an accountability entry.
 */
export async function recordVideoPatrol(ctx: AppContext, actor: Actor, input: VideoPatrolInput) {
  if (actor.kind !== 'user') throw forbidden('只有监察员可以登记巡查 (supervisors only)');
  return audited(ctx, actor, {
    action: 'patrol.video', target: `window:${input.windowId}`,
    run: async (q) => {
      const w = await getWindow(q, input.windowId);
      if (!w || !canSeeWindow(actor, w)) throw notFound('服务窗口', input.windowId);
      if (!w.active) throw invalid('windowId', '该窗口已停用，不能巡查 (window inactive)');
      const grants = grantsFor(actor, 'patrol.record').filter((g) => g.regionCode && inRegion(g.regionCode, w.regionCode));
      const g = input.region ? grants.find((x) => x.regionCode === input.region) : grants[0];
      if (!g?.regionCode) throw forbidden('只能巡查本级或下级的窗口 (a supervisor grant over the window\'s region is required)');
      const findings = input.findings?.trim();
      if (!findings) throw invalid('findings', '巡查情况不能为空 (findings required)');
      if (findings.length > 4000) throw invalid('findings', '巡查情况不超过 4000 字 (findings too long)');
      if (input.outcome !== 'normal' && input.outcome !== 'abnormal') throw invalid('outcome', '巡查结论须为 正常 或 异常 (outcome: normal | abnormal)');
      const issues = (input.issues ?? []).map((i) => ({ note: i.note?.trim() ?? '' })).filter((i) => i.note);
      if (input.outcome === 'abnormal' && !issues.length) throw invalid('issues', '结论为异常时须写明发现的问题 (an abnormal patrol lists what was found)');
      const now = ctx.clock.now();
      const id = newId();
      let alertId: string | null = null;
      if (input.outcome === 'abnormal' && input.raiseAlert !== false) {
        const s = await loadRegionSettings(q, w.regionCode);
        const step = `窗口:${w.id}`;
        const who = await actingPerson(q, actor);
        const raised = await insertAlerts(q, [{
          id: newId(), code: 'WINDOW_PATROL_ABNORMAL', level: 'yellow', subjectKind: 'department', subjectId: w.departmentCode, step,
          departmentCode: w.departmentCode, regionCode: w.regionCode,
          message: `窗口巡查异常（${w.hall} ${w.name}）：${issues.map((i) => i.note).join('；')}`,
          details: { windowId: w.id, windowName: w.name, hall: w.hall, patrolId: id, messageEn: `Video patrol of window ${w.name} found a problem` },
          manual: true, raisedBy: actor.username, raisedByAccountId: who.accountId, raisedByOfficerId: who.officerId, raisedByPost: who.post,
          ...alertTimers(ctx, s, w.regionCode, 'yellow', now),
        }], now);
        alertId = raised[0]?.id
          ?? (await activeAlertsFor(q, 'department', [w.departmentCode])).find((a) => a.code === 'WINDOW_PATROL_ABNORMAL' && a.step === step)?.id ?? null;
      }
      await insertPatrol(q, {
        id, supervisorId: actor.userId, supervisorName: actor.username, regionCode: g.regionCode, targetRegion: w.regionCode, day: cstDay(now), at: now,
        findings, issues, windowId: w.id, outcome: input.outcome, alertId,
      });
      return { id, day: cstDay(now), regionCode: g.regionCode, targetRegion: w.regionCode, windowId: w.id, outcome: input.outcome, alertId, departmentCode: w.departmentCode };
    },
    details: (r) => ({ id: r.id, outcome: r.outcome, alertId: r.alertId }),
  });
}
