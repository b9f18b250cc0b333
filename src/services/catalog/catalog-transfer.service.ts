import type { PowerItem } from '../../domain/catalog/item.types.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';
import { AppError, forbidden } from '../../errors.js';
import { queryItems } from '../../store/catalog-query.store.js';
import { latestVersion } from '../../store/catalog.store.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { scopeOf } from './catalog.service.js';
import { readTemplate, writeTemplate } from './excel-format.js';
import { importItemsDetailed } from './import-items.js';
import { stripVersion } from './item-writer.js';

/** §2 JSON export and the Excel template (import with per-row errors, export). */

/** An item in the §2 import shape (so an export imports back unchanged), plus status. */
export function toImportShape(it: PowerItem): Record<string, unknown> {
  const out: Record<string, unknown> = {
    code: it.code, name: it.name, category: it.category, department: it.departmentCode, legalBasis: it.legalBasis,
    legalLimitDays: it.legalLimitDays, fees: it.fees, materials: it.materials, confidential: it.confidential,
    flow: it.flow, discretion: it.discretion, status: it.status,
  };
  if (!it.promisedLimitDaysMissing) out.promisedLimitDays = it.promisedLimitDays;
  for (const k of ['location', 'phone', 'guide', 'remedies'] as const) if (it[k] !== undefined) out[k] = it[k];
  // 实施清单 extensions, only where the item has them (so an item without them exports as before)
  for (const k of ['acceptanceConditions', 'targets', 'officeHours', 'visits', 'online', 'onlineUrl', 'materialDetails', 'faqs'] as const) if (it[k] !== undefined) out[k] = it[k];
  return out;
}

/** The items in the actor's scope, each as its version in effect (else its latest). */
export async function itemsInScope(ctx: AppContext, actor: Actor, input: { region?: string; department?: string }): Promise<PowerItem[]> {
  if (!can(actor, 'catalog.read')) throw forbidden('catalog.read');
  const out: PowerItem[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await queryItems(ctx.db, {
      scope: scopeOf(actor), at: ctx.clock.now(), publicOnly: false, regionPrefix: input.region ? regionPrefix(input.region) : null,
      department: input.department ?? null, limit: 500, offset,
    });
    for (const r of page.rows) {
      const v = r.current ?? (await latestVersion(ctx.db, r.code));
      if (v) out.push(stripVersion(v));
    }
    if (page.rows.length < 500) break;
  }
  return out;
}

/**
 * The catalog is public data (no approval: 川办发〔2014〕2号 电子监察办法 第十五条 concerns supervision data),
 * but each export of it is still recorded (issue 24 item 7): who, which filters, how many items.
 */
async function recordExport(ctx: AppContext, actor: Actor, format: string, input: { region?: string; department?: string }, rows: number) {
  await audited(ctx, actor, { action: 'catalog.export', target: format, run: async () => rows, details: (n) => ({ format, filters: input, rows: n }) });
}

export async function exportItemsJson(ctx: AppContext, actor: Actor, input: { region?: string; department?: string }) {
  const items = await itemsInScope(ctx, actor, input);
  await recordExport(ctx, actor, 'json', input, items.length);
  return { items: items.map(toImportShape) };
}

export async function exportItemsExcel(ctx: AppContext, actor: Actor, input: { region?: string; department?: string }): Promise<Buffer> {
  const items = await itemsInScope(ctx, actor, input);
  await recordExport(ctx, actor, 'xlsx', input, items.length);
  return writeTemplate(items);
}

/** The blank template, with the departments the actor may fill in for. */
export async function excelTemplate(ctx: AppContext, actor: Actor): Promise<Buffer> {
  if (!can(actor, 'catalog.read')) throw forbidden('catalog.read');
  const s = scopeOf(actor);
  const depts = await ctx.db.query<{ code: string; name: string }>(
    `SELECT code, name FROM departments WHERE $1::boolean OR region_code LIKE ANY($2::text[]) OR code = ANY($3::text[]) ORDER BY code LIMIT 2000`,
    [s.all, s.prefixes.map((p) => `${p}%`), s.departments],
  );
  return writeTemplate([], depts);
}

export interface ExcelImportResult {
  loaded: number;
  codes: string[];
  refused: { sheet: string; row: number | null; code: string | null; name: string | null; error: string }[];
}

/** Imports a filled template: each row is checked like a §2 item; bad rows are listed by row number, the rest load. */
export async function importItemsExcel(ctx: AppContext, actor: Actor, buffer: Buffer): Promise<ExcelImportResult> {
  if (!can(actor, 'catalog.import')) throw forbidden('catalog.import');
  const { rows, problems } = await readTemplate(buffer);
  const fatal = problems.find((p) => p.row === null);
  if (fatal) throw new AppError('VALIDATION', `file: ${fatal.error}`, { field: 'file' });
  const badRows = new Set(problems.filter((p) => p.sheet === '事项').map((p) => p.row));
  const good = rows.filter((r) => !badRows.has(r.row));
  return audited(ctx, actor, {
    action: 'catalog.import.excel', target: 'catalog',
    run: async (q) => {
      const r = await importItemsDetailed(q, ctx, actor, good.map((x) => x.raw));
      const refused: ExcelImportResult['refused'] = problems.map((p) => {
        const row = rows.find((x) => x.row === p.row);
        return { sheet: p.sheet, row: p.row, code: (row?.raw.code as string) ?? null, name: (row?.raw.name as string) ?? null, error: `第${p.row}行: ${p.error}` };
      });
      for (const x of r.refused) {
        const row = good[x.index]!.row;
        refused.push({ sheet: '事项', row, code: x.code, name: x.name, error: `第${row}行: ${x.error}` });
      }
      refused.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      return { loaded: r.loaded, codes: r.codes, refused };
    },
    details: (r) => ({ loaded: r.loaded, refused: r.refused.length }),
  });
}
