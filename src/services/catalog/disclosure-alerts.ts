import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import type { Queryable } from '../../store/db.js';
import type { AppContext } from '../context.js';

/**
 * DISCLOSURE_INCOMPLETE (interface standard §2, §4) belongs to supervision's alerts table; the
 * catalog stores the facts on each version (`disclosureProblems`) and tells whoever listens
 * when a version is stored or takes effect. Supervision registers a listener in
 * registerModules: `addDisclosureListener(ctx, async (q, ctx, d) => d.problems.length ?
 * raiseItemAlert(…) : clearItemAlert(…))`.
 */
export interface DisclosureChange {
  itemCode: string;
  departmentCode: string;
  regionCode: string;
  version: number;
  /** Missing public fields of the version now in effect ([] = complete or not published: clear). */
  problems: string[];
  effectiveFrom: Date;
}

export type DisclosureListener = (q: Queryable, ctx: AppContext, change: DisclosureChange) => Promise<void>;

const listeners = new WeakMap<AppContext, DisclosureListener[]>();

export function addDisclosureListener(ctx: AppContext, l: DisclosureListener): void {
  const ls = listeners.get(ctx) ?? [];
  ls.push(l);
  listeners.set(ctx, ls);
}

/** Called in the transaction that stores a version; only a version already in effect is reported. */
export async function onVersionStored(q: Queryable, ctx: AppContext, v: PowerItemVersion): Promise<void> {
  if (v.effectiveFrom.getTime() > ctx.clock.now().getTime() || v.status === 'draft') return;
  await notifyDisclosure(q, ctx, v);
}

export async function notifyDisclosure(q: Queryable, ctx: AppContext, v: PowerItemVersion): Promise<void> {
  const change: DisclosureChange = {
    itemCode: v.code, departmentCode: v.departmentCode, regionCode: v.regionCode, version: v.version,
    problems: v.disclosureProblems ?? [], effectiveFrom: v.effectiveFrom,
  };
  for (const l of listeners.get(ctx) ?? []) await l(q, ctx, change);
}
