/** GB/T 2260 region codes: 510000 province, 511700 city (prefecture), 511702 county/district. */
export type RegionLevel = 'province' | 'city' | 'county';

export const REGION_CODE = /^[0-9]{6}$/;

export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The prefix every code in the region's subtree starts with (510000 → "51", 511700 → "5117"). */
export function regionPrefix(code: string): string {
  const level = regionLevel(code);
  return level === 'province' ? code.slice(0, 2) : level === 'city' ? code.slice(0, 4) : code;
}

/** True when `code` lies in the subtree of `scope` (the scope itself included). */
export function inRegion(scope: string, code: string): boolean {
  return code.startsWith(regionPrefix(scope));
}

/** The expected parent of a code by the standard: county → city, city → province. */
export function parentCode(code: string): string | null {
  const level = regionLevel(code);
  if (level === 'province') return null;
  if (level === 'city') return code.slice(0, 2) + '0000';
  return code.slice(0, 4) + '00';
}
