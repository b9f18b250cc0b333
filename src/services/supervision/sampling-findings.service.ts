import { scopeFilter, type Actor } from '../../domain/org/policy.js';
import { inRegion, REGION_CODE, regionPrefix } from '../../domain/org/region.js';
import type { AccountabilityKind } from '../../store/supervision/accountability.store.js';
import { AppError, forbidden, invalid } from '../../errors.js';
import { insertAlerts } from '../../store/supervision/alert.store.js';
import { wireAlert } from '../../store/supervision/alert-query.store.js';
import { orgNames } from '../../store/export.store.js';
import { caseFacts, checksOf, insertFinding, ledgerRows, visitsOf, type Finding, type LedgerRow } from '../../store/supervision/sampling.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { ACCOUNTABILITY_KINDS, proposeEntry } from './accountability.service.js';
import { actingPerson } from './acting.js';
import { alertTimers } from './case-supervision.js';
import { loadRegionSettings } from './region-settings.service.js';
import { loadDraw } from './sampling.service.js';

const who = (a: Actor) => ({ id: actorAudit(a).actorId ?? null, name: actorAudit(a).actorName ?? 'unknown' });

export interface FindingInput {
  drawId: string;
  caseId: string;
  description: string;
  /** The checks of the case's latest checklist the finding rests on (each answered 不符合). */
  checkKeys?: string[];
  /** A visit of the case it rests on. */
  visitId?: string;
  outcome: 'alert' | 'accountability';
  /** An alert's level (default yellow). */
  level?: 'yellow' | 'red';
  /** An accountability entry's kind, target and requirement (against the department). */
  accountability?: { kind: AccountabilityKind; requirement: string; replyDays?: number | null; alertIds?: string[] };
}

/**
 * 川办发〔2014〕2号 电子监察办法 第十一条(四): 发现并纠正存在的问题 — a finding of a sampled case becomes a
 * supervision alert (SAMPLING_FINDING, on the case, raised by hand) or an accountability entry (问责,
 * 第八条(四)) that names the finding; the finding names what it became. One transaction, one audit entry.
 */
export async function raiseFinding(ctx: AppContext, actor: Actor, input: FindingInput) {
  return audited(ctx, actor, {
    action: 'sampling.finding', target: `${input.drawId}/${input.caseId}`,
    run: async (q) => {
      const d = await loadDraw(q, actor, input.drawId, true);
      if (!d.caseIds.includes(input.caseId)) throw invalid('caseId', '该办件不在本次抽查样本中 (not in the sample)');
      const description = input.description?.trim();
      if (!description) throw invalid('description', '须写明发现的问题 (describe the finding)');
      const checks = await checksOf(q, d.id, input.caseId);
      const latest = checks.at(-1) ?? null;
      const checkKeys = [...new Set(input.checkKeys ?? [])];
      for (const key of checkKeys) {
        const a = latest?.answers.find((x) => x.key === key);
        if (!a || a.result !== 'nonconform') throw invalid('checkKeys', `检查项 ${key} 在最近一次检查中不是「不符合」 (not a nonconforming check)`);
      }
      if (input.visitId && !(await visitsOf(q, d.id, input.caseId)).some((v) => v.id === input.visitId)) throw invalid('visitId', '回访记录不属于该办件 (visit not of this case)');
      if (!checkKeys.length && !input.visitId && !latest?.nonconforming) throw invalid('checkKeys', '须先完成检查并有不符合项，或依据回访记录 (a nonconforming check or a visit is required)');
      const c = await caseFacts(q, input.caseId);
      if (!c) throw invalid('caseId', '办件不存在 (unknown case)');
      const now = ctx.clock.now();
      const by = who(actor);
      const f: Finding = {
        id: newId(), drawId: d.id, caseId: c.id, departmentCode: d.departmentCode, regionCode: d.regionCode, description,
        checkId: checkKeys.length ? latest!.id : null, checkKeys, visitId: input.visitId ?? null, outcome: input.outcome, alertId: null, accountabilityId: null,
        createdById: by.id, createdByName: by.name, createdAt: now,
      };
      let alert: ReturnType<typeof wireAlert> | null = null;
      let entry: Awaited<ReturnType<typeof proposeEntry>> | null = null;
      if (input.outcome === 'alert') {
        const level = input.level ?? 'yellow';
        if (level !== 'yellow' && level !== 'red') throw invalid('level', '级别须为 黄色预警 或 红色报警 (yellow or red)');
        const s = await loadRegionSettings(q, d.regionCode);
        const person = await actingPerson(q, actor);
        const raised = await insertAlerts(q, [{
          id: newId(), code: 'SAMPLING_FINDING', level, subjectKind: 'case', subjectId: c.id, step: `抽查${d.drawNo}`, caseId: c.id, caseNo: c.caseNo,
          itemCode: c.itemCode, departmentCode: d.departmentCode, regionCode: d.regionCode, message: `抽查发现问题（${d.period}抽查 ${d.drawNo}）：${description}`,
          details: { drawId: d.id, drawNo: d.drawNo, findingId: f.id, checkKeys, visitId: f.visitId }, manual: true, raisedBy: by.name,
          raisedByAccountId: person.accountId, raisedByOfficerId: person.officerId, raisedByPost: person.post, ...alertTimers(ctx, s, d.regionCode, level, now),
        }], now);
        if (!raised.length) throw new AppError('CONFLICT', '该办件在本次抽查中已有未结的抽查预警 (an open sampling alert already exists for the case)');
        alert = wireAlert(raised[0]);
        f.alertId = alert.id;
      } else if (input.outcome === 'accountability') {
        const a = input.accountability;
        if (!a || !Object.hasOwn(ACCOUNTABILITY_KINDS, a.kind)) throw invalid('accountability', '须选择问责方式 (accountability kind required)');
        entry = await proposeEntry(q, ctx, actor, {
          kind: a.kind, targetKind: 'department', departmentCode: d.departmentCode, reason: `抽查发现问题（办件 ${c.caseNo}）：${description}`,
          requirement: a.requirement, replyDays: a.replyDays ?? null, alertIds: a.alertIds ?? [], samplingFindingId: f.id,
        });
        f.accountabilityId = entry.entry.id;
      } else {
        throw invalid('outcome', '须转为 预警 或 问责 (alert or accountability)');
      }
      await insertFinding(q, f);
      return { finding: { ...f, createdAt: f.createdAt.toISOString() }, alert, entry: entry?.entry ?? null, document: entry?.document ?? null };
    },
    details: (r) => ({ findingId: r.finding.id, outcome: r.finding.outcome, alertId: r.finding.alertId, accountabilityId: r.finding.accountabilityId }),
  });
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The periods a quarter's ledger covers: the quarter itself and its three months. */
export function quarterPeriods(quarter: string): string[] | null {
  const m = QUARTER.exec(quarter);
  if (!m) return null;
  const first = (Number(m[2]) - 1) * 3 + 1;
  return [quarter, ...[0, 1, 2].map((i) => `${m[1]}-${String(first + i).padStart(2, '0')}`)];
}

/**
 * 季度检查台账 (达州意见 四(三): 按季开展督导检查, 建立工作台账) of a region and its subtree: per department,
 * the draws of the quarter (of the quarter itself or one of its months), cases checked, findings,
 * visits and the alerts and accountability entries they became; totals below.
 */
export async function samplingLedger(ctx: AppContext, actor: Actor, input: { region: string; quarter: string }) {
  if (!REGION_CODE.test(input.region ?? '')) throw invalid('region', '须为 6 位行政区划代码');
  const periods = quarterPeriods(input.quarter ?? '');
  if (!periods) throw invalid('quarter', '季度须为 YYYY-Qn (quarter)');
  const scope = scopeFilter(actor, 'supervision.read');
  if (!scope.all && !scope.regions.some((r) => inRegion(r, input.region))) throw forbidden('只能查看本地区及下级地区的检查台账 (outside your region)');
  const rows = await ledgerRows(ctx.db, regionPrefix(input.region), periods);
  const names = await orgNames(ctx.db);
  const keys = ['draws', 'casesSampled', 'casesChecked', 'nonconformingChecks', 'casesNonconforming', 'visits', 'visitsUnsatisfied', 'findings', 'alerts', 'accountability'] as const;
  const totals = Object.fromEntries(keys.map((k) => [k, rows.reduce((s, r) => s + r[k], 0)])) as Record<(typeof keys)[number], number>;
  return {
    region: input.region, regionName: names.get(input.region) ?? null, quarter: input.quarter, periods,
    rows: rows.map((r: LedgerRow) => ({ ...r, regionName: names.get(r.regionCode) ?? null })), totals,
  };
}
