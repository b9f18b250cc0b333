import type { ScopeFilter } from '../domain/org/policy.js';
import type { Queryable } from './db.js';
import { scopeSql } from './scope-sql.js';

/** 导出登记簿 (migration 0820): export requests, their approval, and each download. */

export type ExportStatus = 'pending' | 'approved' | 'refused';

export interface ExportRequestRow {
  id: string;
  list: string;
  filters: Record<string, string>;
  approvalRequired: boolean;
  purpose: string;
  requestedBy: string;
  requestedByName: string;
  regionCode: string | null;
  departmentCode: string | null;
  requestedAt: Date;
  status: ExportStatus;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  expiresAt: Date | null;
  /** From export_downloads. */
  downloads: number;
  lastRowCount: number | null;
}

const SELECT = `SELECT r.*, coalesce(d.n, 0)::int AS downloads, d.last_rows
  FROM export_requests r
  LEFT JOIN LATERAL (SELECT count(*)::int AS n, (array_agg(row_count ORDER BY seq DESC))[1] AS last_rows FROM export_downloads WHERE request_id = r.id) d ON TRUE`;

function fromRow(r: any): ExportRequestRow {
  return {
    id: r.id, list: r.list, filters: r.filters ?? {}, approvalRequired: r.approval_required, purpose: r.purpose,
    requestedBy: r.requested_by, requestedByName: r.requested_by_name, regionCode: r.region_code, departmentCode: r.department_code,
    requestedAt: r.requested_at, status: r.status, decidedBy: r.decided_by, decidedByName: r.decided_by_name, decidedAt: r.decided_at,
    decisionReason: r.decision_reason, expiresAt: r.expires_at, downloads: r.downloads ?? 0, lastRowCount: r.last_rows ?? null,
  };
}

export async function insertExportRequest(q: Queryable, r: Omit<ExportRequestRow, 'downloads' | 'lastRowCount'>): Promise<void> {
  await q.query(
    `INSERT INTO export_requests (id, list, filters, approval_required, purpose, requested_by, requested_by_name, region_code, department_code,
       requested_at, status, decided_by, decided_by_name, decided_at, decision_reason, expires_at)
     VALUES ($1,$2,$3::jsonb,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
    [r.id, r.list, JSON.stringify(r.filters), r.approvalRequired, r.purpose, r.requestedBy, r.requestedByName, r.regionCode, r.departmentCode,
      r.requestedAt, r.status, r.decidedBy, r.decidedByName, r.decidedAt, r.decisionReason, r.expiresAt]);
}

export async function getExportRequest(q: Queryable, id: string, forUpdate = false): Promise<ExportRequestRow | null> {
  if (forUpdate) await q.query('SELECT id FROM export_requests WHERE id = $1 FOR UPDATE', [id]);
  const rows = await q.query(`${SELECT} WHERE r.id = $1`, [id]);
  return rows.length ? fromRow(rows[0]) : null;
}

export async function listExportRequestsBy(q: Queryable, accountId: string, limit = 200): Promise<ExportRequestRow[]> {
  const rows = await q.query(`${SELECT} WHERE r.requested_by = $1 ORDER BY r.requested_at DESC, r.rec_seq DESC LIMIT $2`, [accountId, limit]);
  return rows.map(fromRow);
}

/** Requests of the units a leader's scope covers (region subtree, or the departments a grant is confined to). */
export async function listExportRequestsInScope(q: Queryable, scope: ScopeFilter, f: { status?: ExportStatus; limit?: number }): Promise<ExportRequestRow[]> {
  const params: unknown[] = [];
  const conds = [scopeSql(scope, params, { region: `coalesce(r.region_code, '')`, dept: 'r.department_code' })];
  if (f.status) { params.push(f.status); conds.push(`r.status = $${params.length}`); }
  params.push(f.limit ?? 200);
  const rows = await q.query(`${SELECT} WHERE ${conds.join(' AND ')} ORDER BY r.requested_at DESC, r.rec_seq DESC LIMIT $${params.length}`, params);
  return rows.map(fromRow);
}

export async function decideExportRequest(q: Queryable, id: string, d: {
  status: 'approved' | 'refused'; decidedBy: string; decidedByName: string; decidedAt: Date; reason: string; expiresAt: Date | null;
}): Promise<void> {
  await q.query(
    `UPDATE export_requests SET status = $2, decided_by = $3, decided_by_name = $4, decided_at = $5, decision_reason = $6, expires_at = $7 WHERE id = $1`,
    [id, d.status, d.decidedBy, d.decidedByName, d.decidedAt, d.reason, d.expiresAt]);
}

export async function insertExportDownload(q: Queryable, d: { requestId: string; at: Date; accountId: string; accountName: string; rowCount: number; sha256: string }): Promise<number> {
  const [r] = await q.query<{ seq: number }>(
    `INSERT INTO export_downloads (request_id, downloaded_at, account_id, account_name, row_count, sha256) VALUES ($1,$2,$3,$4,$5,$6) RETURNING seq`,
    [d.requestId, d.at, d.accountId, d.accountName, d.rowCount, d.sha256]);
  return r.seq;
}

export async function listExportDownloads(q: Queryable, requestId: string) {
  return q.query<{ seq: number; downloaded_at: Date; account_name: string; row_count: number; sha256: string }>(
    'SELECT seq, downloaded_at, account_name, row_count, sha256 FROM export_downloads WHERE request_id = $1 ORDER BY seq', [requestId]);
}

/** Names of departments and regions by code (export columns show names, not codes). */
export async function orgNames(q: Queryable): Promise<Map<string, string>> {
  const rows = await q.query<{ code: string; name: string }>('SELECT code, name FROM departments UNION ALL SELECT code, name FROM regions');
  return new Map(rows.map((r) => [r.code, r.name]));
}
