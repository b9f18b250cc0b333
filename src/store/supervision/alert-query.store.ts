import type { ScopeFilter } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';
import type { Queryable } from '../db.js';
import { scopeSql, Where } from '../scope-sql.js';
import { alertFromRow, type AlertRow, type AlertStatus } from './alert.store.js';

/**
 * §5 wire status (v2): open | explained | resolved | withdrawn | revoked. The richer internal states
 * map onto the nearest: returned (打回, to be explained again) and escalated (上报, still unanswered)
 * read as open; appealed (申诉, the department's answer awaiting the supervisor) as explained.
 * withdrawn (no longer true after a late event) and revoked (appeal upheld) are their own.
 */
export type WireStatus = 'open' | 'explained' | 'resolved' | 'withdrawn' | 'revoked';
export const WIRE_STATUSES: readonly WireStatus[] = ['open', 'explained', 'resolved', 'withdrawn', 'revoked'];
export const WIRE_STATUS: Record<AlertStatus, WireStatus> = {
  open: 'open', returned: 'open', escalated: 'open', explained: 'explained', appealed: 'explained',
  resolved: 'resolved', revoked: 'revoked', withdrawn: 'withdrawn',
};
const INTERNAL: Record<WireStatus, AlertStatus[]> = {
  open: ['open', 'returned', 'escalated'], explained: ['explained', 'appealed'], resolved: ['resolved'], withdrawn: ['withdrawn'], revoked: ['revoked'],
};

/** §5 alert shape, with a few extra fields (allowed). */
export function wireAlert(a: AlertRow) {
  return {
    id: a.id, code: a.code, level: a.level, caseNo: a.caseNo, step: a.step, raisedAt: a.raisedAt.toISOString(),
    status: WIRE_STATUS[a.status], message: a.message,
    // §5: the supervision read gives each alert with its department (the code)
    department: a.departmentCode,
    detailedStatus: a.status, departmentCode: a.departmentCode, regionCode: a.regionCode, itemCode: a.itemCode,
    subjectKind: a.subjectKind, subjectId: a.subjectId, manual: a.manual, escalationLevel: a.escalationLevel, escalatedTo: a.escalatedTo,
    correctionDueAt: a.correctionDueAt?.toISOString() ?? null, closedReason: a.closedReason,
    // for people: the step by its name in the item's flow, and the message's English form (UI language switch)
    stepName: typeof a.details?.stepName === 'string' ? a.details.stepName : null,
    messageEn: typeof a.details?.messageEn === 'string' ? a.details.messageEn : null,
    // 盐城电子监察办法 第二十二条: the officer and post the finding is attributed to
    responsibleOfficerId: a.responsible?.officerId ?? null, responsibleOfficerName: a.responsible?.officerName ?? null,
    responsiblePost: a.responsible?.post ?? null,
  };
}
export type WireAlert = ReturnType<typeof wireAlert>;

export interface AlertFilter {
  department?: string; caseNo?: string; code?: string; level?: 'yellow' | 'red'; status?: WireStatus | AlertStatus;
  item?: string; region?: string; from?: Date; to?: Date; limit?: number; offset?: number;
}

export async function listAlerts(q: Queryable, scope: ScopeFilter, f: AlertFilter): Promise<{ alerts: AlertRow[]; total: number }> {
  const w = new Where();
  w.conds.push(scopeSql(scope, w.params, { region: `coalesce(a.region_code, '')`, dept: 'a.department_code' }));
  if (f.department) w.add('a.department_code = ?', f.department);
  if (f.caseNo) w.add('a.case_no = ?', f.caseNo);
  if (f.code) w.add('a.code = ?', f.code);
  if (f.level) w.add('a.level = ?', f.level);
  if (f.status) w.add('a.status = ANY(?::text[])', f.status in INTERNAL ? INTERNAL[f.status as WireStatus] : [f.status]);
  if (f.item) w.add('a.item_code = ?', f.item);
  if (f.region) w.add('a.region_code LIKE ?', `${regionPrefix(f.region)}%`);
  if (f.from) w.add('a.raised_at >= ?', f.from);
  if (f.to) w.add('a.raised_at < ?', f.to);
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM supervision_alerts a ${w.sql}`, w.params))[0].n;
  const rows = await q.query(`SELECT a.* FROM supervision_alerts a ${w.sql} ORDER BY a.raised_at DESC, a.id LIMIT ${w.p(f.limit ?? 200)} OFFSET ${w.p(f.offset ?? 0)}`, w.params);
  return { alerts: rows.map(alertFromRow), total };
}

/** §5 exchange read: the department's alerts (of one case when caseNo is given), newest first. */
export async function listAlertsForDepartment(q: Queryable, dept: string, caseNo?: string | null, limit = 1000) {
  const rows = await q.query(
    `SELECT * FROM supervision_alerts WHERE department_code = $1 AND ($2::text IS NULL OR case_no = $2)
     ORDER BY raised_at DESC, id LIMIT $3`, [dept, caseNo ?? null, limit]);
  return rows.map(alertFromRow).map((a) => {
    const w = wireAlert(a);
    return { id: w.id, code: w.code, level: w.level, caseNo: w.caseNo, step: w.step, raisedAt: w.raisedAt, status: w.status, message: w.message };
  });
}
