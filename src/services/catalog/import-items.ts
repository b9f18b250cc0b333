import { describeProblems, validateItem } from '../../domain/catalog/item.validate.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { AppError } from '../../errors.js';
import { departmentRegion } from '../../store/catalog.store.js';
import { inSavepoint, type Queryable } from '../../store/db.js';
import type { AppContext } from '../context.js';
import { storeItem } from './item-writer.js';

export interface ItemRefusal {
  code: string | null;
  name: string | null;
  error: string;
}

const actorId = (a: Actor): string | null => (a.kind === 'user' ? a.userId : a.kind === 'apiKey' ? `key:${a.keyId}` : a.kind === 'system' ? `system:${a.name}` : null);

/** An optional extension field: the instant the imported version takes effect (default: now). */
function effectiveFrom(raw: any, now: Date): Date | string {
  const v = raw?.effectiveFrom;
  if (v === undefined || v === null || v === '') return now;
  const d = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00+08:00`) : new Date(v);
  return Number.isNaN(d.getTime()) ? 'effectiveFrom: 不是有效的日期 (invalid date)' : d;
}

/**
 * Loads the `items` of a §2 import inside the import's transaction (idempotent upsert by
 * code). Owned by the catalog; the organisation import calls it after regions and departments.
 * Each item is validated (§2 refusals name the item and field), coded by the coding rule when
 * it has no code, and stored as a new version only when its content changed. Refused items
 * are listed; the rest are loaded (each in a savepoint, so a refusal leaves nothing behind).
 */
export async function importItems(q: Queryable, ctx: AppContext, actor: Actor, items: unknown[]): Promise<{ loaded: number; refused: ItemRefusal[] }> {
  const r = await importItemsDetailed(q, ctx, actor, items);
  return { loaded: r.loaded, refused: r.refused.map(({ index: _i, ...x }) => x) };
}

/** importItems, with each refusal's index in `items` and the codes loaded (for the Excel import). */
export async function importItemsDetailed(q: Queryable, ctx: AppContext, actor: Actor, items: unknown[]): Promise<{ loaded: number; codes: string[]; refused: (ItemRefusal & { index: number })[] }> {
  const refused: (ItemRefusal & { index: number })[] = [];
  const codes: string[] = [];
  let loaded = 0;
  const now = ctx.clock.now();
  const seen = new Set<string>();
  for (const [i, raw] of items.entries()) {
    const r = raw as any;
    const label = { code: typeof r?.code === 'string' ? r.code : null, name: typeof r?.name === 'string' ? r.name : null };
    const checked = validateItem(raw);
    if (!checked.ok) {
      refused.push({ index: i, ...label, error: describeProblems(r ?? {}, checked.problems) });
      continue;
    }
    // one entry per item in a batch: a second entry for the same code (or same name of a kind) is refused
    const key = checked.item.code ? `code:${checked.item.code}` : `name:${checked.item.departmentCode}|${checked.item.category}|${checked.item.name}`;
    if (seen.has(key)) {
      const field = checked.item.code ? 'code' : 'name';
      refused.push({ index: i, ...label, error: describeProblems(r, [{ field, message: '本次导入中重复出现 (duplicate entry in this import)' }]) });
      continue;
    }
    seen.add(key);
    const eff = effectiveFrom(r, now);
    if (typeof eff === 'string') {
      refused.push({ index: i, ...label, error: describeProblems(r, [{ field: 'effectiveFrom', message: eff.split(': ')[1]! }]) });
      continue;
    }
    const dept = await departmentRegion(q, checked.item.departmentCode);
    if (!dept) {
      refused.push({ index: i, ...label, error: describeProblems(r, [{ field: 'department', message: `实施部门不存在: ${checked.item.departmentCode} (unknown department)` }]) });
      continue;
    }
    if (!can(actor, 'catalog.import', { regionCode: dept.regionCode, departmentCode: checked.item.departmentCode })) {
      refused.push({ index: i, ...label, error: describeProblems(r, [{ field: 'department', message: '无权导入该地区或部门的事项 (outside your scope)' }]) });
      continue;
    }
    try {
      const res = await inSavepoint(q, () => storeItem(q, ctx, checked.item, { effectiveFrom: eff, createdBy: actorId(actor) }));
      codes.push(res.code);
      loaded++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const field = (e.details as any)?.field ?? 'item';
      refused.push({ index: i, ...label, error: describeProblems(r, [{ field, message: e.message.replace(`${field}: `, '') }]) });
    }
  }
  return { loaded, codes, refused };
}

export { actorId };
