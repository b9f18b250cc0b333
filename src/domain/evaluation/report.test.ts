import { describe, expect, it } from 'vitest';
import { lastEndedPeriods, parseReportPeriod, pct, ratio, ratiosOf, sumRows } from './report.js';

const iso = (d: Date) => d.toISOString();

describe('report periods and ratios', () => {
  it('parses each kind\'s period in China time, and nothing else', () => {
    const m = parseReportPeriod('monthly', '2026-02')!;
    expect([iso(m.start), iso(m.end), m.label, m.months]).toEqual(['2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z', '2026年2月', ['2026-02']]);
    const q = parseReportPeriod('quarterly', '2026-q4')!;
    expect([q.code, iso(q.end), q.label, q.months]).toEqual(['2026-Q4', '2026-12-31T16:00:00.000Z', '2026年第四季度', ['2026-10', '2026-11', '2026-12']]);
    const y = parseReportPeriod('annual', '2025')!;
    expect([iso(y.start), iso(y.end), y.label, y.months.length]).toEqual(['2024-12-31T16:00:00.000Z', '2025-12-31T16:00:00.000Z', '2025年度', 12]);
    const s = parseReportPeriod('subject', '2026-01-20~2026-03-05')!;
    expect([iso(s.start), iso(s.end), s.label, s.months]).toEqual(['2026-01-19T16:00:00.000Z', '2026-03-05T16:00:00.000Z', '2026年1月20日至2026年3月5日', ['2026-01', '2026-02', '2026-03']]);
    for (const [k, t] of [['monthly', '2026-13'], ['monthly', '2026-Q1'], ['quarterly', '2026-Q5'], ['annual', '26'], ['subject', '2026-03-05~2026-03-01'],
      ['subject', '2026-02-30~2026-03-01'], ['subject', '2025-01-01~2026-03-01']] as const) expect(parseReportPeriod(k, t), `${k} ${t}`).toBeNull();
  });

  it('the periods that ended last: the month, with the quarter and the year when they end with it', () => {
    expect(lastEndedPeriods(new Date('2026-03-04T01:00:00Z')).map((p) => p.code)).toEqual(['2026-02']);
    expect(lastEndedPeriods(new Date('2026-04-04T01:00:00Z')).map((p) => p.code)).toEqual(['2026-03', '2026-Q1']);
    // 2026-01-01 00:30 China time is still 2025-12-31 in UTC: the year 2025 has ended
    expect(lastEndedPeriods(new Date('2025-12-31T16:30:00Z')).map((p) => p.code)).toEqual(['2025-12', '2025-Q4', '2025']);
  });

  it('ratios are printed counts over printed counts; totals are sums of rows', () => {
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(1, 0)).toBeNull();
    expect(pct(0.6667)).toBe('66.67%');
    expect(pct(0.75)).toBe('75%');
    expect(pct(1)).toBe('100%');
    expect(pct(null)).toBe('—');
    const rows = [{ a: 1, b: 2 }, { a: 3, b: 0 }];
    expect(sumRows(rows, ['a', 'b'] as const)).toEqual({ a: 4, b: 2 });
    expect(ratiosOf({ handled: 6, concluded: 4, onTime: 3, early: 3, ordersIssued: 0, ordersAnswered: 0, yellow: 1, red: 5, explained: 1, ratings: 2, ratingSum: 7, satisfied: 1 }))
      .toEqual({ onTime: 0.75, early: 0.75, conclusion: 0.6667, ordersAnswered: null, explained: 0.1667, satisfied: 0.5, meanRating: 3.5 });
  });
});
