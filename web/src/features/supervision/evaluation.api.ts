import { api } from '../../lib/api';

type Q = Record<string, string | undefined>;

/** An indicator's measured value and the points it gives. */
export interface IndicatorResult { value: number | null; contribution: number | null }
/** A department's line of a period's scores. */
export interface ScoreRow { department: string; rank: number; score: number; indicators?: Record<string, IndicatorResult> }
export interface EvalAppeal { id: string; departmentName?: string; reason: string; filedAt: string; status: string; decision?: string | null }
/** GET /api/evaluation/v1/review: the period's state, scheme and appeals. */
export interface PeriodReview {
  status?: string; names?: Record<string, string>; scheme?: { name: string; version: number; indicators: { code: string }[] } | null;
  revision?: number | null; approvedAt?: string | null; publishedAt?: string | null; appealDueAt?: string | null; ended?: boolean; appeals?: EvalAppeal[];
}
/** A region's scheme: its versions, the one inherited from above, and the indicator catalogue. */
export interface SchemeVersion { version: number; name: string; effectiveFrom: string; base: number; indicators: { code: string; points: number | null; cap?: number | null }[]; createdBy?: string; createdAt?: string }
export interface Schemes { versions?: SchemeVersion[]; inherited?: SchemeVersion | null; catalogue?: { code: string; description: string }[] }
/** A department's approved periods, with its own line and appeals. */
export interface DepartmentPeriod {
  region: string; regionName?: string; period: string; status: string; schemeName?: string; departments?: number; publishedAt?: string | null;
  appealDueAt?: string | null; appealOpen?: boolean; row?: ScoreRow | null; appeals: EvalAppeal[];
}
/** GET /api/evaluation/v1/people: officers' and posts' figures. */
export interface PeopleScores {
  scheme: { name: string; version: number; base: number } | null;
  /** true while the period's person scores await approval (leaders see none). */
  withheld?: boolean;
  people?: { department: string; departmentName?: string; officerId: string; name?: string; post?: string; rank?: number; score?: number; red?: number; yellow?: number; ordersOverdue?: number }[];
  posts?: { department: string; departmentName?: string; post: string; rank?: number; score?: number; red?: number; yellow?: number; ordersOverdue?: number }[];
}

/** The evaluation endpoints (evaluation.routes.ts; interface standard §8). */
export const evalApi = {
  schemes: (region: string) => api.get<Schemes>(`/api/evaluation/v1/schemes/${encodeURIComponent(region)}`),
  putScheme: (region: string, body: unknown) => api.put<{ version: number }>(`/api/evaluation/v1/schemes/${encodeURIComponent(region)}`, body),
  scores: (q: Q) => api.get<{ status?: string; region?: string; period?: string; departments?: ScoreRow[] }>('/api/evaluation/v1/scores', q),
  review: (q: Q) => api.get<PeriodReview>('/api/evaluation/v1/review', q),
  approve: (body: { region: string; period: string }) => api.post('/api/evaluation/v1/review/approve', body),
  publish: (body: { region: string; period: string }) => api.post('/api/evaluation/v1/review/publish', body),
  appeal: (body: { region: string; period: string; department: string; reason: string }) => api.post('/api/evaluation/v1/appeals', body),
  decide: (id: string, body: { decision: 'uphold' | 'dismiss'; reason: string }) => api.post(`/api/evaluation/v1/appeals/${encodeURIComponent(id)}/decision`, body),
  departmentResults: (code: string) => api.get<{ departmentName?: string; periods?: DepartmentPeriod[] }>(`/api/evaluation/v1/departments/${encodeURIComponent(code)}/results`),
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
export { INDICATOR_LABELS } from '../../lib/shared-labels';
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
