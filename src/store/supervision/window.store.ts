import type { ScopeFilter } from '../../domain/org/policy.js';
import type { WindowStream } from '../../domain/supervision/window-streams.js';
import type { Queryable, Row } from '../db.js';
import { scopeSql, Where } from '../scope-sql.js';

/** A service window (服务窗口) with its camera streams (migration 0920). */
export interface ServiceWindow {
  id: string;
  regionCode: string;
  departmentCode: string;
  departmentName: string | null;
  hall: string;
  name: string;
  location: string;
  streams: WindowStream[];
  active: boolean;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const toWindow = (r: Row): ServiceWindow => ({
  id: r.id, regionCode: r.region_code, departmentCode: r.department_code, departmentName: r.department_name ?? null, hall: r.hall, name: r.name,
  location: r.location, streams: typeof r.streams === 'string' ? JSON.parse(r.streams) : r.streams, active: r.active,
  createdByName: r.created_by_name ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
});

const SELECT = `SELECT w.*, d.name AS department_name FROM service_windows w JOIN departments d ON d.code = w.department_code`;

export async function insertWindow(q: Queryable, w: Omit<ServiceWindow, 'departmentName' | 'updatedAt'>): Promise<void> {
  await q.query(
    `INSERT INTO service_windows (id, region_code, department_code, hall, name, location, streams, active, created_by_name, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10)`,
    [w.id, w.regionCode, w.departmentCode, w.hall, w.name, w.location, JSON.stringify(w.streams), w.active, w.createdByName, w.createdAt]);
}

export async function updateWindow(q: Queryable, id: string, w: Pick<ServiceWindow, 'hall' | 'name' | 'location' | 'streams' | 'active'>, at: Date): Promise<void> {
  await q.query(`UPDATE service_windows SET hall = $2, name = $3, location = $4, streams = $5, active = $6, updated_at = $7 WHERE id = $1`,
    [id, w.hall, w.name, w.location, JSON.stringify(w.streams), w.active, at]);
}

export async function getWindow(q: Queryable, id: string, forUpdate = false): Promise<ServiceWindow | null> {
  const rows = await q.query(`${SELECT} WHERE w.id = $1${forUpdate ? ' FOR UPDATE OF w' : ''}`, [id]);
  return rows[0] ? toWindow(rows[0]) : null;
}

/** The windows in scope (region subtree or department), optionally of one region subtree / department, active ones unless asked. */
export async function listWindows(q: Queryable, scope: ScopeFilter, f: { regionPrefix?: string; department?: string; includeInactive?: boolean }): Promise<ServiceWindow[]> {
  const w = new Where();
  w.conds.push(scopeSql(scope, w.params, { region: 'w.region_code', dept: 'w.department_code' }));
  if (f.regionPrefix) w.add('w.region_code LIKE ?', `${f.regionPrefix}%`);
  if (f.department) w.add('w.department_code = ?', f.department);
  if (!f.includeInactive) w.conds.push('w.active');
  return (await q.query(`${SELECT} ${w.sql} ORDER BY w.region_code, w.hall, w.department_code, w.name LIMIT 500`, w.params)).map(toWindow);
}

export interface VideoPatrolRow {
  id: string;
  windowId: string;
  supervisorName: string;
  regionCode: string;
  targetRegion: string;
  day: string;
  patrolledAt: Date;
  findings: string;
  issues: { note: string }[];
  outcome: 'normal' | 'abnormal';
  alertId: string | null;
}

/** A video patrol is a row of patrols (counted in the quota like every other) naming the window. */
export async function insertPatrol(q: Queryable, p: {
  id: string; supervisorId: string; supervisorName: string; regionCode: string; targetRegion: string; day: string; at: Date; findings: string;
  issues: unknown[]; windowId?: string | null; outcome?: 'normal' | 'abnormal' | null; alertId?: string | null;
}): Promise<void> {
  await q.query(
    `INSERT INTO patrols (id, supervisor_id, supervisor_name, region_code, target_region, day, patrolled_at, findings, issues, created_at, window_id, outcome, alert_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$7,$10,$11,$12)`,
    [p.id, p.supervisorId, p.supervisorName, p.regionCode, p.targetRegion, p.day, p.at, p.findings, JSON.stringify(p.issues), p.windowId ?? null, p.outcome ?? null, p.alertId ?? null]);
}

/** The video patrols of a window, newest first. */
export async function windowPatrols(q: Queryable, windowId: string, limit = 50): Promise<VideoPatrolRow[]> {
  const rows = await q.query(
    `SELECT id, window_id, supervisor_name, region_code, target_region, day::text AS day, patrolled_at, findings, issues, outcome, alert_id
     FROM patrols WHERE window_id = $1 ORDER BY patrolled_at DESC, rec_seq DESC LIMIT $2`, [windowId, limit]);
  return rows.map((r) => ({
    id: r.id, windowId: r.window_id, supervisorName: r.supervisor_name, regionCode: r.region_code, targetRegion: r.target_region, day: r.day,
    patrolledAt: r.patrolled_at, findings: r.findings, issues: typeof r.issues === 'string' ? JSON.parse(r.issues) : r.issues, outcome: r.outcome, alertId: r.alert_id ?? null,
  }));
}

/** The patrols of supervising regions over days, with how many were video patrols. */
export async function patrolsOfRegions(q: Queryable, regions: string[], from: string, to: string) {
  return q.query<{ region_code: string; target_region: string; day: string; supervisor_name: string; window_id: string | null }>(
    `SELECT region_code, target_region, day::text AS day, supervisor_name, window_id FROM patrols WHERE region_code = ANY($1::text[]) AND day BETWEEN $2 AND $3`,
    [regions, from, to]);
}

export async function supervisingRegions(q: Queryable, scope: ScopeFilter, regionPrefix?: string): Promise<string[]> {
  const w = new Where();
  w.conds.push(scopeSql(scope, w.params, { region: 'g.region_code', dept: 'g.department_code' }));
  if (regionPrefix) w.add('g.region_code LIKE ?', `${regionPrefix}%`);
  return (await q.query<{ region_code: string }>(
    `SELECT DISTINCT g.region_code FROM role_grants g ${w.sql} AND g.role = 'supervisor' AND g.region_code IS NOT NULL ORDER BY 1`, w.params)).map((r) => r.region_code);
}

export async function departmentRegion(q: Queryable, code: string): Promise<string | null> {
  return (await q.query<{ region_code: string }>('SELECT region_code FROM departments WHERE code = $1', [code]))[0]?.region_code ?? null;
}
