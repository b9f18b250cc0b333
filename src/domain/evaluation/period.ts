/**
 * Evaluation periods (interface standard §8): a month `YYYY-MM` or a quarter `YYYY-Qn`, in China
 * time (UTC+8, no DST); an instant belongs to the period when it lies in [start, end).
 */
export interface Period {
  /** Canonical code: `2026-03` or `2026-Q1`. */
  code: string;
  kind: 'month' | 'quarter';
  start: Date;
  end: Date;
  /** The month the period starts in (`YYYY-MM`): a scheme in effect then scores it. */
  startMonth: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-[Qq]([1-4])$/;

/** 00:00 China time on the first day of month m (1-based; 13 = January of the next year). */
const monthStart = (y: number, m: number): Date => new Date(Date.UTC(y, m - 1, 1) - 8 * 3600_000);
const ym = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;

/** Parses a period code; null when it is neither a month nor a quarter. */
export function parsePeriod(text: string): Period | null {
  const s = text.trim();
  let m = MONTH.exec(s);
  if (m) {
    const y = Number(m[1]), mo = Number(m[2]);
    return { code: ym(y, mo), kind: 'month', start: monthStart(y, mo), end: monthStart(y, mo + 1), startMonth: ym(y, mo) };
  }
  m = QUARTER.exec(s);
  if (m) {
    const y = Number(m[1]), q = Number(m[2]), first = (q - 1) * 3 + 1;
    return { code: `${y}-Q${q}`, kind: 'quarter', start: monthStart(y, first), end: monthStart(y, first + 3), startMonth: ym(y, first) };
  }
  return null;
}

/** True for a well-formed `YYYY-MM` month (a scheme's effectiveFrom). */
export const isMonth = (s: unknown): s is string => typeof s === 'string' && MONTH.test(s);
