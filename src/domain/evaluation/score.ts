import { indicatorValue, NO_FACTS, type DepartmentFacts, type IndicatorCode } from './indicators.js';
import type { SchemeContent } from './scheme.js';

export interface IndicatorResult { value: number | null; contribution: number }
export interface DepartmentScore {
  department: string;
  score: number;
  rank: number;
  indicators: Partial<Record<IndicatorCode, IndicatorResult>>;
}

/** Half-up to two decimals, without binary artefacts (1.005 → 1.01). */
export const round2 = (x: number): number => Math.round(Number((x * 100).toFixed(6))) / 100;

/** §8: value × points, limited to [−cap, +cap] when cap is given; 0 when the value is null. */
export function contribution(value: number | null, points: number, cap?: number): number {
  if (value === null) return 0;
  const c = value * points + 0; // + 0 turns −0 into 0
  return cap === undefined ? c : Math.min(cap, Math.max(-cap, c)) + 0;
}

/**
 * Scores every department (盐城电子监察办法 第十八条: 扣分和加分相结合): score = max(0, base + Σ
 * contributions), rounded to two decimals; rank 1 is the highest and equal scores share a rank
 * (1, 1, 3). Ordered by rank, then department code.
 */
export function scoreDepartments(scheme: Pick<SchemeContent, 'base' | 'indicators'>, departments: string[], facts: Map<string, DepartmentFacts>): DepartmentScore[] {
  const rows = departments.map((department) => {
    const f = facts.get(department) ?? NO_FACTS;
    const indicators: DepartmentScore['indicators'] = {};
    let sum = 0;
    for (const ind of scheme.indicators) {
      const value = indicatorValue(ind.code, f);
      const c = contribution(value, ind.points, ind.cap);
      indicators[ind.code] = { value, contribution: c };
      sum += c;
    }
    return { department, score: round2(Math.max(0, scheme.base + sum)), rank: 0, indicators };
  });
  rows.sort((a, b) => b.score - a.score || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  rows.forEach((r, i) => { r.rank = i > 0 && rows[i - 1].score === r.score ? rows[i - 1].rank : i + 1; });
  return rows;
}
