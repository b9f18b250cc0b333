import type { AdjustmentKind, AdjustmentStage } from '../domain/catalog/adjustment.js';
import type { LegalBasis } from '../domain/catalog/item.types.js';
import type { Queryable } from './db.js';

/** SQL of the catalog adjustment requests (动态调整申请). */

export interface HistoryEntry {
  at: string;
  by: string | null;
  byName: string;
  action: string;
  stage: AdjustmentStage;
  note?: string;
}

export interface Attachment {
  name: string;
  id?: string;
}

export interface Adjustment {
  id: string;
  kind: AdjustmentKind;
  itemCode: string | null;
  departmentCode: string;
  regionCode: string;
  stage: AdjustmentStage;
  proposal: Record<string, unknown> | null;
  reason: string;
  legalBasis: LegalBasis[];
  lawChangedOn: string | null;
  effectiveOn: string;
  attachments: Attachment[];
  late: boolean;
  daysAfterChange: number | null;
  returnReasons: string | null;
  history: HistoryEntry[];
  resultingVersion: number | null;
  createdBy: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  updatedAt: Date;
}

const fromRow = (r: any): Adjustment => ({
  id: r.id, kind: r.kind, itemCode: r.item_code, departmentCode: r.department_code, regionCode: r.region_code, stage: r.stage,
  proposal: r.proposal, reason: r.reason, legalBasis: r.legal_basis, lawChangedOn: r.law_changed_on, effectiveOn: r.effective_on,
  attachments: r.attachments, late: r.late, daysAfterChange: r.days_after_change, returnReasons: r.return_reasons,
  history: r.history, resultingVersion: r.resulting_version, createdBy: r.created_by, createdAt: r.created_at,
  submittedAt: r.submitted_at, updatedAt: r.updated_at,
});

export async function insertAdjustment(q: Queryable, a: Adjustment): Promise<void> {
  await q.query(
    `INSERT INTO catalog_adjustments (id, kind, item_code, department_code, region_code, stage, proposal, reason, legal_basis,
       law_changed_on, effective_on, attachments, late, days_after_change, return_reasons, history, resulting_version,
       created_by, created_at, submitted_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)`,
    [a.id, a.kind, a.itemCode, a.departmentCode, a.regionCode, a.stage, a.proposal === null ? null : JSON.stringify(a.proposal), a.reason,
      JSON.stringify(a.legalBasis), a.lawChangedOn, a.effectiveOn, JSON.stringify(a.attachments), a.late, a.daysAfterChange,
      a.returnReasons, JSON.stringify(a.history), a.resultingVersion, a.createdBy, a.createdAt, a.submittedAt, a.updatedAt],
  );
}

export async function updateAdjustment(q: Queryable, a: Adjustment): Promise<void> {
  await q.query(
    `UPDATE catalog_adjustments SET item_code = $2, stage = $3, proposal = $4, reason = $5, legal_basis = $6, law_changed_on = $7,
       effective_on = $8, attachments = $9, late = $10, days_after_change = $11, return_reasons = $12, history = $13,
       resulting_version = $14, submitted_at = $15, updated_at = $16
     WHERE id = $1`,
    [a.id, a.itemCode, a.stage, a.proposal === null ? null : JSON.stringify(a.proposal), a.reason, JSON.stringify(a.legalBasis),
      a.lawChangedOn, a.effectiveOn, JSON.stringify(a.attachments), a.late, a.daysAfterChange, a.returnReasons,
      JSON.stringify(a.history), a.resultingVersion, a.submittedAt, a.updatedAt],
  );
}

export async function getAdjustment(q: Queryable, id: string, forUpdate = false): Promise<Adjustment | null> {
  const rows = await q.query(`SELECT * FROM catalog_adjustments WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** An open request (draft, in review, awaiting approval or returned) on the item, if any. */
export async function openAdjustmentFor(q: Queryable, itemCode: string, exceptId: string | null = null): Promise<string | null> {
  const rows = await q.query(
    `SELECT id FROM catalog_adjustments WHERE item_code = $1 AND stage IN ('draft','review','staffing','risk_review','secrecy','approval','returned') AND ($2::text IS NULL OR id <> $2) LIMIT 1`,
    [itemCode, exceptId],
  );
  return rows[0]?.id ?? null;
}

export interface AdjustmentFilter {
  all: boolean;
  regions: string[];
  departments: string[];
  stage?: string | null;
  itemCode?: string | null;
  limit: number;
  offset: number;
}

/** Requests in scope (region subtrees by prefix, departments), newest first. */
export async function listAdjustments(q: Queryable, f: AdjustmentFilter): Promise<{ total: number; rows: Adjustment[] }> {
  const where = [`($1::boolean OR region_code LIKE ANY($2::text[]) OR department_code = ANY($3::text[]))`];
  const params: unknown[] = [f.all, f.regions.map((r) => `${r}%`), f.departments];
  if (f.stage) { params.push(f.stage); where.push(`stage = $${params.length}`); }
  if (f.itemCode) { params.push(f.itemCode); where.push(`item_code = $${params.length}`); }
  const w = where.join(' AND ');
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog_adjustments WHERE ${w}`, params);
  params.push(f.limit, f.offset);
  const rows = await q.query(`SELECT * FROM catalog_adjustments WHERE ${w} ORDER BY created_at DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { total: c?.n ?? 0, rows: rows.map(fromRow) };
}

/** 达州意见 三(四): the day the power list this request answers was announced (清单公告之日). */
export async function setListAnnounced(q: Queryable, id: string, date: string): Promise<void> {
  await q.query('UPDATE catalog_adjustments SET list_announced_on = $2 WHERE id = $1', [id, date]);
}
