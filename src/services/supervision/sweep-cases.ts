import { evaluateTime, TIME_RULES } from '../../domain/supervision/rules/index.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import { reviveState } from '../../store/case.store.js';
import type { Queryable } from '../../store/db.js';
import { activeAlertsFor, raiseAlerts, type NewAlert } from '../../store/supervision/alert.store.js';
import { loadOverrides } from '../../store/supervision/rule-settings.store.js';
import { getItemVersion } from '../catalog/item-lookup.js';
import type { AppContext } from '../context.js';
import { caseAlert, withdrawStale } from './case-supervision.js';
import { ruleContext } from './rule-context.js';
import type { SupervisionSettings } from './settings.js';

const TIME_CODES = new Set<string>(TIME_RULES.map((r) => r.code));
const CLOCK_REASON = '时限重新计算后不再成立 (no longer holds after the deadlines were recomputed)';

export interface CaseSweepCounts { selected: number; casesChecked: number; raised: number; withdrawn: number }

/**
 * One batch of the time sweep (§4): the cases whose next_check_at has fallen due, locked
 * with SKIP LOCKED so several sweeps share the work; each is evaluated as of `at`, its
 * alerts raised or withdrawn, and its next_check_at moved on. Cost ∝ cases due.
 */
export async function sweepCaseBatch(q: Queryable, ctx: AppContext, settings: SupervisionSettings, at: Date, limit: number,
  items: Map<string, PowerItemVersion | null>): Promise<CaseSweepCounts> {
  const locked = await q.query(
    `SELECT id, case_no, department_code, region_code, item_code, item_version, state FROM cases
     WHERE next_check_at <= $1 ORDER BY next_check_at LIMIT $2 FOR UPDATE SKIP LOCKED`, [at, limit]);
  if (!locked.length) return { selected: 0, casesChecked: 0, raised: 0, withdrawn: 0 };
  // A case being written right now (the ingest holds its advisory key, see lockCaseKeys) is left to
  // that writer, which re-evaluates it: never wait on it, so the two can never deadlock.
  const free = new Set((await q.query<{ id: string }>(
    `SELECT id FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, d, n) WHERE pg_try_advisory_xact_lock(hashtextextended(d || '|' || n, 4002))`,
    [locked.map((r) => r.id), locked.map((r) => r.department_code), locked.map((r) => r.case_no)])).map((r) => r.id));
  const rows = locked.filter((r) => free.has(r.id));
  if (!rows.length) return { selected: locked.length, casesChecked: 0, raised: 0, withdrawn: 0 };
  const overrides = await loadOverrides(q, [...new Set(rows.map((r) => r.region_code as string | null))]);
  const active = await activeAlertsFor(q, 'case', rows.map((r) => r.id));
  const activeBy = new Map<string, typeof active>();
  for (const a of active) activeBy.set(a.subjectId, [...(activeBy.get(a.subjectId) ?? []), a]);
  const alerts: NewAlert[] = [];
  const next: (string | null)[] = [];
  let withdrawn = 0;
  for (const r of rows) {
    const k = `${r.item_code}|${r.item_version}`;
    if (r.item_code && r.item_version != null && !items.has(k)) items.set(k, await getItemVersion(q, r.item_code, r.item_version));
    const item = items.get(k) ?? null;
    const state = reviveState(r.state);
    const rc = ruleContext({ item, calendar: ctx.calendars.forRegion(r.region_code), overrides, regionCode: r.region_code });
    const t = evaluateTime(state, rc, at);
    const ref = { caseId: r.id, caseNo: r.case_no, departmentCode: r.department_code, regionCode: r.region_code, itemCode: r.item_code };
    for (const f of t.findings) alerts.push(caseAlert(ctx, settings, ref, f, at, { skipIfClosed: true }));
    withdrawn += await withdrawStale(q, activeBy.get(r.id) ?? [], TIME_CODES, new Set(t.findings.map((f) => `${f.code}|${f.step ?? ''}`)), CLOCK_REASON, at);
    next.push(t.nextCheckAt ? t.nextCheckAt.toISOString() : null);
  }
  const raised = await raiseAlerts(q, alerts, at);
  await q.query(
    `UPDATE cases c SET next_check_at = x.n FROM unnest($1::text[], $2::timestamptz[]) AS x(id, n) WHERE c.id = x.id`,
    [rows.map((r) => r.id), next]);
  return { selected: locked.length, casesChecked: rows.length, raised, withdrawn };
}
