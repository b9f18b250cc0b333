/**
 * Supervision reports (监察报告): their periods and the totals and ratios printed in them. Pure.
 * 川办发〔2014〕2号 电子监察办法 第十三条: 电子监察工作月报; 第十二条: 专题分析报告;
 * 盐城电子监察办法 第十六条: 统计分析, 定期形成专题报告; 成都暂行办法 第十三—十四条: 每月效能评估.
 */
export type ReportKind = 'monthly' | 'quarterly' | 'annual' | 'subject';
export const REPORT_KINDS: readonly ReportKind[] = ['monthly', 'quarterly', 'annual', 'subject'];
export const KIND_NAMES: Record<ReportKind, string> = { monthly: '月报', quarterly: '季报', annual: '年报', subject: '专题报告' };

export interface ReportPeriod {
  kind: ReportKind;
  /** `2026-03`, `2026-Q1`, `2026`, or `2026-03-01~2026-03-15` (subject: first and last day, inclusive). */
  code: string;
  start: Date;
  end: Date;
  /** 2026年3月, 2026年第一季度, 2026年度, 2026年3月1日至2026年3月15日. */
  label: string;
  /** The months the period covers (YYYY-MM), for the zero-case explanations. */
  months: string[];
}

const CST = 8 * 3600_000;
const monthStart = (y: number, m: number): Date => new Date(Date.UTC(y, m - 1, 1) - CST);
const ym = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
const monthsOf = (y: number, first: number, n: number) => Array.from({ length: n }, (_, i) => { const t = new Date(Date.UTC(y, first - 1 + i, 1)); return ym(t.getUTCFullYear(), t.getUTCMonth() + 1); });
const dayStart = (s: string) => new Date(Date.parse(`${s}T00:00:00Z`) - CST);
const cn = (s: string) => { const [y, m, d] = s.split('-').map(Number); return `${y}年${m}月${d}日`; };

/** Parses a report's period for its kind; null when the text does not fit the kind. */
export function parseReportPeriod(kind: ReportKind, text: string): ReportPeriod | null {
  const s = text.trim();
  let m: RegExpExecArray | null;
  if (kind === 'monthly' && (m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s))) {
    const y = Number(m[1]), mo = Number(m[2]);
    return { kind, code: ym(y, mo), start: monthStart(y, mo), end: monthStart(y, mo + 1), label: `${y}年${mo}月`, months: [ym(y, mo)] };
  }
  if (kind === 'quarterly' && (m = /^(\d{4})-[Qq]([1-4])$/.exec(s))) {
    const y = Number(m[1]), q = Number(m[2]), first = (q - 1) * 3 + 1;
    return { kind, code: `${y}-Q${q}`, start: monthStart(y, first), end: monthStart(y, first + 3), label: `${y}年第${'一二三四'[q - 1]}季度`, months: monthsOf(y, first, 3) };
  }
  if (kind === 'annual' && (m = /^(\d{4})$/.exec(s))) {
    const y = Number(m[1]);
    return { kind, code: `${y}`, start: monthStart(y, 1), end: monthStart(y + 1, 1), label: `${y}年度`, months: monthsOf(y, 1, 12) };
  }
  if (kind === 'subject' && (m = /^(\d{4}-\d{2}-\d{2})~(\d{4}-\d{2}-\d{2})$/.exec(s))) {
    const [a, b] = [m[1], m[2]];
    if (Number.isNaN(Date.parse(a)) || Number.isNaN(Date.parse(b)) || new Date(a).toISOString().slice(0, 10) !== a || new Date(b).toISOString().slice(0, 10) !== b || b < a) return null;
    const start = dayStart(a), end = new Date(dayStart(b).getTime() + 86_400_000);
    if (end.getTime() - start.getTime() > 366 * 86_400_000) return null;
    const months: string[] = [];
    for (let t = new Date(Date.UTC(Number(a.slice(0, 4)), Number(a.slice(5, 7)) - 1, 1)); ym(t.getUTCFullYear(), t.getUTCMonth() + 1) <= b.slice(0, 7); t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1))) {
      months.push(ym(t.getUTCFullYear(), t.getUTCMonth() + 1));
    }
    return { kind, code: `${a}~${b}`, start, end, label: `${cn(a)}至${cn(b)}`, months };
  }
  return null;
}

/** The month, quarter and year that ended most recently before `now` (China time), as report periods. */
export function lastEndedPeriods(now: Date): ReportPeriod[] {
  const c = new Date(now.getTime() + CST);
  const y = c.getUTCFullYear(), m = c.getUTCMonth() + 1;
  const prev = new Date(Date.UTC(y, m - 2, 1));
  const out: ReportPeriod[] = [parseReportPeriod('monthly', ym(prev.getUTCFullYear(), prev.getUTCMonth() + 1))!];
  if (m % 3 === 1) { const py = m === 1 ? y - 1 : y; out.push(parseReportPeriod('quarterly', `${py}-Q${m === 1 ? 4 : (m - 1) / 3}`)!); }
  if (m === 1) out.push(parseReportPeriod('annual', String(y - 1))!);
  return out;
}

/** Counts that add up: a ratio is one printed count over another printed count (null when the base is 0). */
export const ratio = (n: number, of: number): number | null => (of ? Math.round((n / of) * 10000) / 10000 : null);

/** A ratio as printed: 66.67%, or — when there is nothing to measure. */
export const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2).replace(/\.?0+$/, '')}%`);

export interface Ratios {
  /** concluded on time / concluded */
  onTime: number | null;
  /** concluded early / concluded */
  early: number | null;
  /** concluded / handled (the cases concluded in the period are among those handled in it) */
  conclusion: number | null;
  /** orders answered / orders issued */
  ordersAnswered: number | null;
  /** alerts explained / alerts */
  explained: number | null;
  /** ratings of 4–5 / ratings */
  satisfied: number | null;
  /** mean rating (1–5), two decimals */
  meanRating: number | null;
}

export function ratiosOf(f: { handled: number; concluded: number; onTime: number; early: number; ordersIssued: number; ordersAnswered: number;
  yellow: number; red: number; explained: number; ratings: number; ratingSum: number; satisfied: number }): Ratios {
  return {
    onTime: ratio(f.onTime, f.concluded), early: ratio(f.early, f.concluded), conclusion: ratio(f.concluded, f.handled),
    ordersAnswered: ratio(f.ordersAnswered, f.ordersIssued), explained: ratio(f.explained, f.yellow + f.red), satisfied: ratio(f.satisfied, f.ratings),
    meanRating: f.ratings ? Math.round((f.ratingSum / f.ratings) * 100) / 100 : null,
  };
}

/** Sums each numeric key over rows: a report's totals are the sums of its department rows. */
export function sumRows<K extends string>(rows: Record<K, number>[], keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, rows.reduce((n, r) => n + (r[k] ?? 0), 0)])) as Record<K, number>;
}
