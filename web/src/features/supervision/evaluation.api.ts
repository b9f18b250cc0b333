import { api } from '../../lib/api';

type Q = Record<string, string | undefined>;

/** The evaluation endpoints (evaluation.routes.ts; interface standard §8). */
export const evalApi = {
  schemes: (region: string) => api.get(`/api/evaluation/v1/schemes/${encodeURIComponent(region)}`),
  putScheme: (region: string, body: unknown) => api.put(`/api/evaluation/v1/schemes/${encodeURIComponent(region)}`, body),
  scores: (q: Q) => api.get('/api/evaluation/v1/scores', q),
  review: (q: Q) => api.get('/api/evaluation/v1/review', q),
  approve: (body: { region: string; period: string }) => api.post('/api/evaluation/v1/review/approve', body),
  publish: (body: { region: string; period: string }) => api.post('/api/evaluation/v1/review/publish', body),
  appeal: (body: { region: string; period: string; department: string; reason: string }) => api.post('/api/evaluation/v1/appeals', body),
  decide: (id: string, body: { decision: 'uphold' | 'dismiss'; reason: string }) => api.post(`/api/evaluation/v1/appeals/${encodeURIComponent(id)}/decision`, body),
  departmentResults: (code: string) => api.get(`/api/evaluation/v1/departments/${encodeURIComponent(code)}/results`),
  trends: (q: Q) => api.get<Trends>('/api/evaluation/v1/trends', q),
  drill: (q: Q) => api.get<Drill>('/api/evaluation/v1/drill', q),
  people: (q: Q) => api.get<PeopleAnswer>('/api/evaluation/v1/people', q),
  myScores: () => api.get<{ officerId: string | null; periods: (PersonScore & { region: string; period: string; status: string; schemeName: string; base: number; scored: number })[] }>('/api/evaluation/v1/people/me'),
};

/** GET /api/evaluation/v1/trends (trends.service.ts). */
export interface TrendPoint { period: string; label: string; status: string | null; schemeVersion: number | null; schemeName: string | null; departments: number; average: number | null; score: number | null; rank: number | null }
export interface Trends { region: string; regionName: string; kind: 'month' | 'quarter'; department: string | null; departmentName: string | null; points: TrendPoint[] }
/** GET /api/evaluation/v1/drill: child regions' averages (departments weigh the same) and the region's own departments. */
export interface DrillChild { code: string; name: string; departments: number; scoreSum: number; average: number | null }
export interface DrillDept { department: string; name: string; score: number; rank: number }
export interface Drill {
  region: string; period: string; status: string; schemeVersion: number; schemeName: string; scored: number;
  at: string; atName: string; path: { code: string; name: string }[]; departments: number; scoreSum: number; average: number | null;
  children: DrillChild[]; own: DrillDept[];
}
export interface PersonScore { officerId: string; name: string; post: string; department: string; departmentName: string; red: number; yellow: number; ordersOverdue: number; lateEntry: number; lateExchange: number; score: number; rank: number }
export interface PostScore { post: string; department: string; departmentName: string; red: number; yellow: number; ordersOverdue: number; score: number; rank: number }
export interface PeopleAnswer { period: string; periodLabel: string; region: string; status: string; withheld: boolean; scheme: { name: string; version: number; base: number } | null; people: PersonScore[]; posts: PostScore[] }

/** Indicator names (the server's catalogue, src/domain/evaluation/indicators.ts). */
export const INDICATOR_LABELS: Record<string, readonly [string, string]> = {
  CASES_CONCLUDED: ['办结件数', 'Cases concluded'], ON_TIME_RATE: ['按时办结率', 'On-time rate'], RED_ALERTS: ['红牌（报警）数', 'Red alerts'],
  YELLOW_ALERTS: ['黄牌（预警）数', 'Yellow alerts'], ORDERS_OVERDUE: ['督办逾期数', 'Orders overdue'], COMPLAINTS_UPHELD: ['投诉属实件数', 'Complaints upheld'],
  SATISFACTION: ['满意度', 'Satisfaction'], LATE_ENTRY: ['事后补录数', 'Late entries'], LATE_EXCHANGE: ['对接超时数', 'Late exchanges'],
  ORDERS_ANSWERED_ON_TIME: ['督办按时反馈率', 'Orders answered on time'], ZERO_CASES_UNEXPLAINED: ['零办件未按时说明数', 'Zero-case months unexplained'],
  BAD_RATINGS_RECTIFIED_ON_TIME: ['差评按时整改率', 'Bad ratings rectified on time'], ALERTS_EXPLAINED_ON_TIME: ['报（预）警按时说明率', 'Alerts explained on time'],
};
const RATES = new Set(['ON_TIME_RATE', 'ORDERS_ANSWERED_ON_TIME', 'BAD_RATINGS_RECTIFIED_ON_TIME', 'ALERTS_EXPLAINED_ON_TIME']);

export const STATUS_LABELS: Record<string, readonly [string, string, string]> = {
  draft: ['草稿（按现有数据实时计算）', 'Draft', 'default'], approved: ['已审定', 'Approved', 'processing'],
  published: ['已公布', 'Published', 'success'], superseded: ['已由新版本取代', 'Superseded', 'warning'],
};
export const APPEAL_LABELS: Record<string, readonly [string, string, string]> = {
  pending: ['待复核', 'Pending', 'processing'], upheld: ['申诉成立', 'Upheld', 'success'], dismissed: ['已驳回', 'Dismissed', 'default'],
};

/** An indicator's value as read: rates in per cent, means to two decimals, counts as they are. */
export function fmtValue(code: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (RATES.has(code)) return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
export const fmtPoints = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${Number(v.toFixed(2))}`);

/** 2026-03 → 2026年3月; 2026-Q1 → 2026年第一季度. */
export function fmtPeriod(p: string | null | undefined): string {
  if (!p) return '—';
  const q = /^(\d{4})-Q([1-4])$/.exec(p);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  return m ? `${m[1]}年${Number(m[2])}月` : p;
}

/** Months and quarters from January of last year to the current quarter, newest first. */
export function periodOptions(now = new Date()): { value: string; label: string }[] {
  const cst = new Date(now.getTime() + 8 * 3600_000);
  const y = cst.getUTCFullYear(), m = cst.getUTCMonth() + 1;
  const out: string[] = [];
  for (let yy = y; yy >= y - 1; yy--) {
    for (let mm = yy === y ? m : 12; mm >= 1; mm--) {
      out.push(`${yy}-${String(mm).padStart(2, '0')}`);
      if (mm % 3 === 1) out.push(`${yy}-Q${(mm + 2) / 3}`);
    }
  }
  return out.map((value) => ({ value, label: fmtPeriod(value) }));
}

/** The month before now (China time): the period a supervisor usually reviews. */
export function lastMonth(now = new Date()): string {
  const cst = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
