import type { ScopeFilter } from '../domain/org/policy.js';
import { REGION_CODE, regionPrefix } from '../domain/org/region.js';

/**
 * Turns a policy scope filter into one SQL condition (川办发〔2014〕2号 建设和使用管理办法
 * 第九条: each level sees its own area). Pushes its parameters onto `params`.
 * `deptExpr` receives the placeholder of the department-code array.
 */
export function scopeSql(
  f: ScopeFilter,
  params: unknown[],
  cols: { region: string; dept: string | ((arrayParam: string) => string) },
): string {
  if (f.all) return 'TRUE';
  const parts: string[] = [];
  if (f.regions.length) {
    params.push(f.regions.map((r) => `${regionPrefix(r)}%`));
    parts.push(`${cols.region} LIKE ANY($${params.length}::text[])`);
  }
  if (f.departments.length) {
    params.push(f.departments);
    const p = `$${params.length}::text[]`;
    parts.push(typeof cols.dept === 'function' ? cols.dept(p) : `${cols.dept} = ANY(${p})`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}

/** Builds a WHERE clause from conditions ('?' is replaced by the next placeholder). */
export class Where {
  readonly conds: string[] = [];
  constructor(readonly params: unknown[] = []) {}
  add(cond: string, ...values: unknown[]): this {
    let c = cond;
    for (const v of values) {
      this.params.push(v);
      c = c.replace('?', `$${this.params.length}`);
    }
    this.conds.push(c);
    return this;
  }
  get sql(): string {
    return this.conds.length ? `WHERE ${this.conds.join(' AND ')}` : '';
  }
  /** Pushes a value and returns its placeholder. */
  p(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
}

/** LIKE pattern for a region filter: a six-digit code means its whole subtree, fewer digits a raw prefix. */
export const subtreePattern = (v: string): string => `${REGION_CODE.test(v) ? regionPrefix(v) : v}%`;
