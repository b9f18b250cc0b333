import type { PowerItem } from './item.types.js';

/** One changed field between two versions: a path such as `flow.steps[investigate].limitDays`. */
export interface FieldChange {
  field: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** Lists whose entries are matched by a key rather than by position. */
const KEYED: Record<string, (x: any) => string> = {
  'flow.steps': (s) => String(s?.key),
  fees: (f) => String(f?.code),
  discretion: (d) => String(d?.circumstance),
  legalBasis: (b) => `${b?.law}${b?.article ?? ''}`,
  materialDetails: (m) => String(m?.name),
  faqs: (f) => String(f?.question),
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const unkeyed = (path: string) => path.replace(/\[[^\]]*\]/g, '');

function walk(path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (same(a, b)) return;
  if (a === undefined || a === null) {
    if (b !== undefined && b !== null) out.push({ field: path, kind: 'added', after: b });
    return;
  }
  if (b === undefined || b === null) {
    out.push({ field: path, kind: 'removed', before: a });
    return;
  }
  const keyOf = KEYED[unkeyed(path)];
  if (Array.isArray(a) && Array.isArray(b) && keyOf) {
    const am = new Map(a.map((x) => [keyOf(x), x]));
    const bm = new Map(b.map((x) => [keyOf(x), x]));
    for (const [k, x] of am) walk(`${path}[${k}]`, x, bm.get(k), out);
    for (const [k, x] of bm) if (!am.has(k)) walk(`${path}[${k}]`, undefined, x, out);
    const ao = a.map(keyOf).filter((k) => bm.has(k));
    const bo = b.map(keyOf).filter((k) => am.has(k));
    if (!same(ao, bo)) out.push({ field: `${path}(顺序 order)`, kind: 'changed', before: ao, after: bo });
    return;
  }
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) walk(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  out.push({ field: path, kind: 'changed', before: a, after: b });
}

/**
 * Field-by-field differences between two versions of an item (any two, either order):
 * steps are matched by key, fees by code, discretion bands by circumstance.
 */
export function diffItems(before: PowerItem, after: PowerItem): FieldChange[] {
  const out: FieldChange[] = [];
  walk('', before, after, out);
  return out;
}
