import { CATEGORIES, type PowerItemVersion } from '../../domain/catalog/item.types.js';
import { diffItems, type FieldChange } from '../../domain/catalog/diff.js';
import { flowchartSvg, type FlowchartKind } from '../../domain/catalog/flowchart.js';
import { can, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { openAdjustmentFor } from '../../store/adjustment.store.js';
import { queryItems, type ItemListRow } from '../../store/catalog-query.store.js';
import { findVersionAt, getItemRow, getVersion, latestVersion, listVersions, type ItemRow } from '../../store/catalog.store.js';
import type { Queryable } from '../../store/db.js';
import type { AppContext } from '../context.js';
import { stripVersion } from './item-writer.js';

/** Internal catalog reads (行政职权目录): items in the actor's scope, versions, diff, flowcharts. */

export interface ListItemsInput {
  q?: string;
  region?: string;
  department?: string;
  category?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

export function summary(r: ItemListRow) {
  return {
    code: r.code, name: r.name, category: r.category, categoryName: CATEGORIES[r.category as keyof typeof CATEGORIES],
    departmentCode: r.departmentCode, departmentName: r.departmentName, regionCode: r.regionCode, regionName: r.regionName,
    status: r.status, confidential: r.confidential, version: r.current?.version ?? null, latestVersion: r.latestVersion,
    effectiveFrom: r.current?.effectiveFrom ?? null, legalLimitDays: r.current?.legalLimitDays ?? null,
    promisedLimitDays: r.current?.promisedLimitDays ?? null, disclosureProblems: r.current?.disclosureProblems ?? [],
  };
}

export function scopeOf(actor: Actor) {
  const s = scopeFilter(actor, 'catalog.read');
  return { all: s.all, prefixes: s.regions.map(regionPrefix), departments: s.departments };
}

export async function listItems(ctx: AppContext, actor: Actor, input: ListItemsInput) {
  if (!can(actor, 'catalog.read')) throw forbidden('catalog.read');
  const pageSize = input.pageSize ?? 20;
  const page = input.page ?? 1;
  const r = await queryItems(ctx.db, {
    scope: scopeOf(actor), at: ctx.clock.now(), publicOnly: false, regionPrefix: input.region ? regionPrefix(input.region) : null,
    department: input.department ?? null, category: input.category ?? null, status: input.status ?? null, text: input.q ?? null,
    limit: pageSize, offset: (page - 1) * pageSize,
  });
  return { total: r.total, page, pageSize, items: r.rows.map(summary) };
}

async function itemInScope(q: Queryable, actor: Actor, code: string): Promise<ItemRow> {
  const row = await getItemRow(q, code);
  if (!row) throw notFound('权力事项', code);
  if (!can(actor, 'catalog.read', { regionCode: row.regionCode, departmentCode: row.departmentCode })) throw forbidden('catalog.read');
  return row;
}

export async function getItem(ctx: AppContext, actor: Actor, code: string) {
  const row = await itemInScope(ctx.db, actor, code);
  const now = ctx.clock.now();
  const current = await findVersionAt(ctx.db, code, now);
  const latest = await latestVersion(ctx.db, code);
  return {
    code, category: row.category, categoryName: CATEGORIES[row.category], departmentCode: row.departmentCode, regionCode: row.regionCode,
    status: current?.status ?? 'draft', retired: row.retired, current,
    // a version approved for a later date, not yet in effect
    pending: latest && (!current || latest.version > current.version) && latest.effectiveFrom.getTime() > now.getTime() ? latest : null,
    latestVersion: row.latestVersion, openAdjustment: await openAdjustmentFor(ctx.db, code),
  };
}

export async function itemVersions(ctx: AppContext, actor: Actor, code: string) {
  await itemInScope(ctx.db, actor, code);
  const now = ctx.clock.now();
  const current = await findVersionAt(ctx.db, code, now);
  const versions = await listVersions(ctx.db, code);
  return {
    code, currentVersion: current?.version ?? null,
    versions: versions.map((v) => ({
      version: v.version, effectiveFrom: v.effectiveFrom, status: v.status, name: v.name, createdAt: v.createdAt, createdBy: v.createdBy,
      // the limits each version promises, so administrators see a shortened limit version by version
      promisedLimitDays: v.promisedLimitDays, legalLimitDays: v.legalLimitDays, stepLimits: (v.flow?.steps ?? []).map((s) => ({ name: s.name, limitDays: s.limitDays })),
      adjustmentId: v.adjustmentId, inEffect: v.version === current?.version, future: v.effectiveFrom.getTime() > now.getTime(),
    })),
  };
}

async function versionOrThrow(q: Queryable, code: string, version: number): Promise<PowerItemVersion> {
  const v = await getVersion(q, code, version);
  if (!v) throw notFound('事项版本', `${code} v${version}`);
  return v;
}

export async function itemVersion(ctx: AppContext, actor: Actor, code: string, version: number): Promise<PowerItemVersion> {
  await itemInScope(ctx.db, actor, code);
  return versionOrThrow(ctx.db, code, version);
}

export async function diffItemVersions(ctx: AppContext, actor: Actor, code: string, from: number, to: number): Promise<{ code: string; from: number; to: number; changes: FieldChange[] }> {
  await itemInScope(ctx.db, actor, code);
  const a = await versionOrThrow(ctx.db, code, from);
  const b = await versionOrThrow(ctx.db, code, to);
  const changes = diffItems(stripVersion(a), stripVersion(b));
  if (a.effectiveFrom.getTime() !== b.effectiveFrom.getTime())
    changes.unshift({ field: 'effectiveFrom', kind: 'changed', before: a.effectiveFrom, after: b.effectiveFrom });
  return { code, from, to, changes };
}

/** The flowchart of a version (default: the one in effect, else the latest). */
export async function itemFlowchart(ctx: AppContext, actor: Actor, code: string, kind: FlowchartKind, version?: number): Promise<string> {
  await itemInScope(ctx.db, actor, code);
  const v = version ? await versionOrThrow(ctx.db, code, version) : (await findVersionAt(ctx.db, code, ctx.clock.now())) ?? (await latestVersion(ctx.db, code));
  if (!v) throw notFound('事项版本', code);
  if (kind !== 'public' && kind !== 'internal') throw invalid('kind', 'public 或 internal');
  return flowchartSvg(v.flow, kind, v.name);
}
