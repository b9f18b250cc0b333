import { REGION_CODE, inRegion, regionLevel } from './region.js';

/**
 * Pure checks of organisation entries (from the API and from a §2 import). Each returns
 * the problem, naming the field, or null. Existence of parents comes in as an argument.
 */

export const DEPT_CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;
export const OFFICER_ID = /^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/;

const text = (v: unknown, field: string, max = 100): string | null =>
  typeof v !== 'string' || !v.trim() ? `${field}: 不能为空 (required)` : v.length > max ? `${field}: 超过 ${max} 个字符 (too long)` : null;

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** GB/T 2260: six digits; a province has no parent; others lie in their parent's subtree, one level down or more. */
export function regionProblem(r: { code?: unknown; name?: unknown; parent?: unknown }, parentExists: (code: string) => boolean): string | null {
  if (typeof r.code !== 'string' || !REGION_CODE.test(r.code)) return 'code: 须为 6 位 GB/T 2260 行政区划代码 (six-digit GB/T 2260 code)';
  const nameErr = text(r.name, 'name');
  if (nameErr) return nameErr;
  const level = regionLevel(r.code);
  const parent = r.parent ?? null;
  if (parent !== null && typeof parent !== 'string') return 'parent: 须为行政区划代码 (must be a region code)';
  if (level === 'province') return parent ? 'parent: 省级区划没有上级 (a province has no parent)' : null;
  if (!parent) return 'parent: 市、县级区划须指明上级 (a city or county needs its parent)';
  if (!REGION_CODE.test(parent)) return 'parent: 须为 6 位行政区划代码 (six-digit code)';
  const rank = { province: 0, city: 1, county: 2 } as const;
  if (rank[regionLevel(parent)] >= rank[level] || !inRegion(parent, r.code)) {
    return `parent: ${r.code} 不属于 ${parent} 的下级区划 (${r.code} is not under ${parent})`;
  }
  if (!parentExists(parent)) return `parent: 上级区划 ${parent} 不存在 (unknown parent region)`;
  return null;
}

export function departmentProblem(d: { code?: unknown; name?: unknown; region?: unknown }, regionExists: (code: string) => boolean): string | null {
  if (typeof d.code !== 'string' || !DEPT_CODE.test(d.code)) return 'code: 部门编码须为 1–64 位字母、数字、点、下划线或连字符 (letters, digits, . _ -)';
  const nameErr = text(d.name, 'name');
  if (nameErr) return nameErr;
  if (typeof d.region !== 'string' || !REGION_CODE.test(d.region)) return 'region: 须为 6 位行政区划代码 (six-digit region code)';
  if (!regionExists(d.region)) return `region: 行政区划 ${d.region} 不存在 (unknown region)`;
  return null;
}

export function officerProblem(
  o: { id?: unknown; name?: unknown; department?: unknown; certificateNo?: unknown; validUntil?: unknown },
  departmentExists: (code: string) => boolean,
): string | null {
  if (typeof o.id !== 'string' || !OFFICER_ID.test(o.id)) return 'id: 执法人员编号须为 1–64 位字母、数字或 . _ : - (letters, digits, . _ : -)';
  const nameErr = text(o.name, 'name', 50);
  if (nameErr) return nameErr;
  if (typeof o.department !== 'string' || !departmentExists(o.department)) return `department: 部门 ${String(o.department)} 不存在 (unknown department)`;
  if (o.certificateNo != null && (typeof o.certificateNo !== 'string' || !o.certificateNo.trim() || o.certificateNo.length > 64)) {
    return 'certificateNo: 执法证号须为 1–64 个字符 (1–64 characters)';
  }
  if (o.validUntil != null && (typeof o.validUntil !== 'string' || !isIsoDate(o.validUntil))) return 'validUntil: 须为 YYYY-MM-DD 日期 (a YYYY-MM-DD date)';
  if (o.validUntil != null && o.certificateNo == null) return 'certificateNo: 有效期须与执法证号一同提供 (validUntil needs a certificateNo)';
  return null;
}
