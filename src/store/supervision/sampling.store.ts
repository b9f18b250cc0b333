import type { ScopeFilter } from '../../domain/org/policy.js';
import type { CheckAnswer, VisitMethod } from '../../domain/supervision/sampling.js';
import type { Queryable } from '../db.js';
import { scopeSql, Where } from '../scope-sql.js';

/** 抽查与回访: draws, checklists, visits and findings (all append-only, migration 0900). */

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export interface Draw {
  id: string; drawNo: string; regionCode: string; departmentCode: string; period: string; periodFrom: Date; periodTo: Date;
  sizeKind: 'count' | 'percent'; sizeValue: number; seed: string; criteria: Record<string, unknown>;
  population: number; populationHash: string; caseIds: string[]; drawnById: string | null; drawnByName: string; drawnAt: Date;
}

const drawFromRow = (r: Record<string, any>): Draw => ({
  id: r.id, drawNo: r.draw_no, regionCode: r.region_code, departmentCode: r.department_code, period: r.period,
  periodFrom: new Date(r.period_from), periodTo: new Date(r.period_to), sizeKind: r.size_kind, sizeValue: r.size_value, seed: r.seed,
  criteria: json(r.criteria), population: r.population, populationHash: r.population_hash, caseIds: json(r.case_ids),
  drawnById: r.drawn_by_id, drawnByName: r.drawn_by_name, drawnAt: new Date(r.drawn_at),
});

/** The concluded cases of a department whose conclusion falls in [from, to): the population of a draw. */
export async function concludedCaseIds(q: Queryable, departmentCode: string, from: Date, to: Date): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM cases WHERE department_code = $1 AND status = 'concluded' AND concluded_at >= $2 AND concluded_at < $3`, [departmentCode, from, to]);
  return rows.map((r) => r.id);
}

export async function insertDraw(q: Queryable, d: Draw): Promise<void> {
  await q.query(
    `INSERT INTO sampling_draws (id, draw_no, region_code, department_code, period, period_from, period_to, size_kind, size_value, seed, criteria,
       population, population_hash, case_ids, drawn_by_id, drawn_by_name, drawn_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11::jsonb,$12,$13,$14::jsonb,$15,$16,$17)`,
    [d.id, d.drawNo, d.regionCode, d.departmentCode, d.period, d.periodFrom, d.periodTo, d.sizeKind, d.sizeValue, d.seed, JSON.stringify(d.criteria),
      d.population, d.populationHash, JSON.stringify(d.caseIds), d.drawnById, d.drawnByName, d.drawnAt]);
}

export async function getDraw(q: Queryable, id: string): Promise<Draw | null> {
  const [r] = await q.query('SELECT * FROM sampling_draws WHERE id = $1', [id]);
  return r ? drawFromRow(r) : null;
}

export interface DrawFilter { regionPrefix?: string; department?: string; periods?: string[] }

/** The draws a scope may see, newest first, with the department's name. */
export async function listDraws(q: Queryable, scope: ScopeFilter, f: DrawFilter): Promise<(Draw & { departmentName: string | null })[]> {
  const w = new Where();
  w.conds.push(scopeSql(scope, w.params, { region: 'd.region_code', dept: 'd.department_code' }));
  if (f.regionPrefix) w.add('d.region_code LIKE ?', `${f.regionPrefix}%`);
  if (f.department) w.add('d.department_code = ?', f.department);
  if (f.periods) w.add('d.period = ANY(?::text[])', f.periods);
  const rows = await q.query(
    `SELECT d.*, dep.name AS department_name FROM sampling_draws d LEFT JOIN departments dep ON dep.code = d.department_code ${w.sql}
     ORDER BY d.drawn_at DESC, d.rec_seq DESC LIMIT 1000`, w.params);
  return rows.map((r) => ({ ...drawFromRow(r), departmentName: r.department_name ?? null }));
}

export interface SampledCase { id: string; caseNo: string; itemCode: string | null; itemName: string | null; category: string | null; concludedAt: Date | null; conclusion: string | null }

/** The sampled cases with their item's name and category. */
export async function sampledCases(q: Queryable, ids: string[]): Promise<SampledCase[]> {
  if (!ids.length) return [];
  const rows = await q.query(
    `SELECT c.id, c.case_no, c.item_code, c.concluded_at, c.conclusion, i.name AS item_name, i.category
       FROM cases c LEFT JOIN power_items i ON i.code = c.item_code WHERE c.id = ANY($1::text[])`, [ids]);
  return rows.map((r) => ({
    id: r.id, caseNo: r.case_no, itemCode: r.item_code, itemName: r.item_name ?? null, category: r.category ?? null,
    concludedAt: r.concluded_at ? new Date(r.concluded_at) : null, conclusion: r.conclusion ?? null,
  }));
}

export interface Check {
  id: string; drawId: string; caseId: string; category: string; answers: CheckAnswer[]; nonconforming: number; summary: string | null;
  checkedById: string | null; checkedByName: string; checkedAt: Date;
}

export async function insertCheck(q: Queryable, c: Check): Promise<void> {
  await q.query(
    `INSERT INTO sampling_checks (id, draw_id, case_id, category, answers, nonconforming, summary, checked_by_id, checked_by_name, checked_at)
     VALUES ($1,$2,$3,$4,$5::jsonb,$6,$7,$8,$9,$10)`,
    [c.id, c.drawId, c.caseId, c.category, JSON.stringify(c.answers), c.nonconforming, c.summary, c.checkedById, c.checkedByName, c.checkedAt]);
}

/** Every checklist of a draw (optionally of one case), oldest first: the last of a case is the one in force. */
export async function checksOf(q: Queryable, drawId: string, caseId?: string): Promise<Check[]> {
  const rows = await q.query(
    `SELECT * FROM sampling_checks WHERE draw_id = $1 ${caseId ? 'AND case_id = $2' : ''} ORDER BY checked_at, rec_seq`, caseId ? [drawId, caseId] : [drawId]);
  return rows.map((r) => ({
    id: r.id, drawId: r.draw_id, caseId: r.case_id, category: r.category, answers: json(r.answers), nonconforming: r.nonconforming, summary: r.summary,
    checkedById: r.checked_by_id, checkedByName: r.checked_by_name, checkedAt: new Date(r.checked_at),
  }));
}

export interface Visit {
  id: string; drawId: string; caseId: string; method: VisitMethod; visitedAt: Date; partyName: string; answer: string; satisfied: boolean;
  visitorId: string | null; visitorName: string; recordedAt: Date;
}

export async function insertVisit(q: Queryable, v: Visit): Promise<void> {
  await q.query(
    `INSERT INTO sampling_visits (id, draw_id, case_id, method, visited_at, party_name, answer, satisfied, visitor_id, visitor_name, recorded_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [v.id, v.drawId, v.caseId, v.method, v.visitedAt, v.partyName, v.answer, v.satisfied, v.visitorId, v.visitorName, v.recordedAt]);
}

export async function visitsOf(q: Queryable, drawId: string, caseId?: string): Promise<Visit[]> {
  const rows = await q.query(
    `SELECT * FROM sampling_visits WHERE draw_id = $1 ${caseId ? 'AND case_id = $2' : ''} ORDER BY visited_at, rec_seq`, caseId ? [drawId, caseId] : [drawId]);
  return rows.map((r) => ({
    id: r.id, drawId: r.draw_id, caseId: r.case_id, method: r.method, visitedAt: new Date(r.visited_at), partyName: r.party_name, answer: r.answer,
    satisfied: r.satisfied, visitorId: r.visitor_id, visitorName: r.visitor_name, recordedAt: new Date(r.recorded_at),
  }));
}

export interface Finding {
  id: string; drawId: string; caseId: string; departmentCode: string; regionCode: string; description: string; checkId: string | null; checkKeys: string[];
  visitId: string | null; outcome: 'alert' | 'accountability'; alertId: string | null; accountabilityId: string | null;
  createdById: string | null; createdByName: string; createdAt: Date;
}

export async function insertFinding(q: Queryable, f: Finding): Promise<void> {
  await q.query(
    `INSERT INTO sampling_findings (id, draw_id, case_id, department_code, region_code, description, check_id, check_keys, visit_id, outcome, alert_id,
       accountability_id, created_by_id, created_by_name, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8::jsonb,$9,$10,$11,$12,$13,$14,$15)`,
    [f.id, f.drawId, f.caseId, f.departmentCode, f.regionCode, f.description, f.checkId, JSON.stringify(f.checkKeys), f.visitId, f.outcome, f.alertId,
      f.accountabilityId, f.createdById, f.createdByName, f.createdAt]);
}

export async function findingsOf(q: Queryable, drawId: string, caseId?: string): Promise<(Finding & { alertStatus: string | null; alertLevel: string | null; entryNo: string | null; entryStatus: string | null })[]> {
  const rows = await q.query(
    `SELECT f.*, a.status AS alert_status, a.level AS alert_level, e.entry_no, e.status AS entry_status
       FROM sampling_findings f LEFT JOIN supervision_alerts a ON a.id = f.alert_id LEFT JOIN accountability_entries e ON e.id = f.accountability_id
      WHERE f.draw_id = $1 ${caseId ? 'AND f.case_id = $2' : ''} ORDER BY f.created_at, f.rec_seq`, caseId ? [drawId, caseId] : [drawId]);
  return rows.map((r) => ({
    id: r.id, drawId: r.draw_id, caseId: r.case_id, departmentCode: r.department_code, regionCode: r.region_code, description: r.description,
    checkId: r.check_id, checkKeys: json(r.check_keys), visitId: r.visit_id, outcome: r.outcome, alertId: r.alert_id, accountabilityId: r.accountability_id,
    createdById: r.created_by_id, createdByName: r.created_by_name, createdAt: new Date(r.created_at),
    alertStatus: r.alert_status ?? null, alertLevel: r.alert_level ?? null, entryNo: r.entry_no ?? null, entryStatus: r.entry_status ?? null,
  }));
}

export interface LedgerRow {
  departmentCode: string; departmentName: string | null; regionCode: string;
  draws: number; casesSampled: number; casesChecked: number; nonconformingChecks: number; casesNonconforming: number;
  visits: number; visitsUnsatisfied: number; findings: number; alerts: number; accountability: number;
}

/**
 * 季度检查台账: per department, over the draws of the given periods (the quarter and its months):
 * draws, cases sampled, cases checked (a case counts once), checks answered 不符合 in each case's
 * latest checklist, cases with any, visits, visits not satisfied, findings and what they became.
 */
export async function ledgerRows(q: Queryable, regionPrefix: string, periods: string[]): Promise<LedgerRow[]> {
  const rows = await q.query(
    `WITH d AS (SELECT * FROM sampling_draws WHERE region_code LIKE $1 AND period = ANY($2::text[])),
          latest AS (SELECT DISTINCT ON (c.draw_id, c.case_id) c.draw_id, c.case_id, c.nonconforming
                       FROM sampling_checks c JOIN d ON d.id = c.draw_id ORDER BY c.draw_id, c.case_id, c.checked_at DESC, c.rec_seq DESC)
     SELECT d.department_code, max(dep.name) AS department_name, max(d.region_code) AS region_code,
            count(*)::int AS draws,
            coalesce(sum(jsonb_array_length(d.case_ids)), 0)::int AS cases_sampled,
            (SELECT count(*) FROM latest l JOIN d d2 ON d2.id = l.draw_id WHERE d2.department_code = d.department_code)::int AS cases_checked,
            (SELECT coalesce(sum(l.nonconforming), 0) FROM latest l JOIN d d2 ON d2.id = l.draw_id WHERE d2.department_code = d.department_code)::int AS nonconforming_checks,
            (SELECT count(*) FROM latest l JOIN d d2 ON d2.id = l.draw_id WHERE d2.department_code = d.department_code AND l.nonconforming > 0)::int AS cases_nonconforming,
            (SELECT count(*) FROM sampling_visits v JOIN d d2 ON d2.id = v.draw_id WHERE d2.department_code = d.department_code)::int AS visits,
            (SELECT count(*) FROM sampling_visits v JOIN d d2 ON d2.id = v.draw_id WHERE d2.department_code = d.department_code AND NOT v.satisfied)::int AS visits_unsatisfied,
            (SELECT count(*) FROM sampling_findings f JOIN d d2 ON d2.id = f.draw_id WHERE d2.department_code = d.department_code)::int AS findings,
            (SELECT count(*) FROM sampling_findings f JOIN d d2 ON d2.id = f.draw_id WHERE d2.department_code = d.department_code AND f.alert_id IS NOT NULL)::int AS alerts,
            (SELECT count(*) FROM sampling_findings f JOIN d d2 ON d2.id = f.draw_id WHERE d2.department_code = d.department_code AND f.accountability_id IS NOT NULL)::int AS accountability
       FROM d LEFT JOIN departments dep ON dep.code = d.department_code
      GROUP BY d.department_code ORDER BY max(d.region_code), d.department_code`, [`${regionPrefix}%`, periods]);
  return rows.map((r) => ({
    departmentCode: r.department_code, departmentName: r.department_name ?? null, regionCode: r.region_code, draws: r.draws, casesSampled: r.cases_sampled,
    casesChecked: r.cases_checked, nonconformingChecks: r.nonconforming_checks, casesNonconforming: r.cases_nonconforming, visits: r.visits,
    visitsUnsatisfied: r.visits_unsatisfied, findings: r.findings, alerts: r.alerts, accountability: r.accountability,
  }));
}

/** The case's department and number (for alerts raised on it). */
export async function caseFacts(q: Queryable, id: string): Promise<{ id: string; caseNo: string; itemCode: string | null; departmentCode: string } | null> {
  const [r] = await q.query<{ id: string; case_no: string; item_code: string | null; department_code: string }>(
    'SELECT id, case_no, item_code, department_code FROM cases WHERE id = $1', [id]);
  return r ? { id: r.id, caseNo: r.case_no, itemCode: r.item_code, departmentCode: r.department_code } : null;
}
