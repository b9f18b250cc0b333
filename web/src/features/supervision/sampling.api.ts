import { api } from '../../lib/api';

/** 抽查与回访 (sampling.routes.ts): the shapes the server answers with. */
export type CheckResult = 'conform' | 'nonconform' | 'na';
export type VisitMethod = 'phone' | 'visit' | 'sms';
export type SampleSize = { kind: 'count' | 'percent'; value: number };

export interface Draw {
  id: string; drawNo: string; regionCode: string; departmentCode: string; departmentName?: string | null; period: string;
  sizeKind: 'count' | 'percent'; sizeValue: number; seed: string; population: number; populationHash: string; caseIds: string[];
  drawnByName: string; drawnAt: string;
}

export interface DrawCase {
  order: number; id: string; caseNo: string | null; itemCode: string | null; itemName: string | null; category: string; categoryName: string;
  concludedAt: string | null; checked: boolean; nonconforming: number | null; checkedAt: string | null; visits: number; findings: number;
}

export interface DrawDetail {
  draw: Draw; cases: DrawCase[];
  summary: { cases: number; checked: number; nonconforming: number; visits: number; findings: number };
  canAct: boolean;
}

export interface CheckItem { key: string; label: string }
export interface Answer { key: string; result: CheckResult; remark: string; label?: string; resultName?: string }
export interface Check { id: string; answers: Answer[]; nonconforming: number; summary: string | null; checkedByName: string; checkedAt: string }
export interface Visit { id: string; method: VisitMethod; visitedAt: string; partyName: string; answer: string; satisfied: boolean; visitorName: string }
export interface Finding {
  id: string; description: string; checkKeys: string[]; visitId: string | null; outcome: 'alert' | 'accountability'; alertId: string | null; accountabilityId: string | null;
  createdByName: string; createdAt: string; alertLevel: string | null; alertStatus: string | null; entryNo: string | null; entryStatus: string | null;
}

export interface SampledCaseDetail {
  draw: Draw;
  case: { id: string; caseNo: string | null; itemCode: string | null; itemName: string | null; concludedAt: string | null; conclusion: string | null };
  category: string; categoryName: string; checklist: CheckItem[]; checks: Check[]; latest: Check | null; visits: Visit[]; findings: Finding[]; canAct: boolean;
}

export interface LedgerRow {
  departmentCode: string; departmentName: string | null; regionCode: string; regionName: string | null;
  draws: number; casesSampled: number; casesChecked: number; nonconformingChecks: number; casesNonconforming: number;
  visits: number; visitsUnsatisfied: number; findings: number; alerts: number; accountability: number;
}
export type LedgerTotals = Omit<LedgerRow, 'departmentCode' | 'departmentName' | 'regionCode' | 'regionName'>;
export interface Ledger { region: string; regionName: string | null; quarter: string; rows: LedgerRow[]; totals: LedgerTotals }

export interface FindingBody {
  description: string; checkKeys?: string[]; visitId?: string; outcome: 'alert' | 'accountability'; level?: 'yellow' | 'red';
  accountability?: { kind: string; requirement: string; replyDays?: number | null };
}
export interface FindingResult { finding: Finding; alert: { id: string } | null; entry: { id: string; entryNo: string } | null }

const enc = encodeURIComponent;

export const samplingApi = {
  draws: (q: { department?: string; period?: string }) => api.get<{ draws: (Draw & { sizeText: string })[]; canDraw: boolean }>('/api/supervision/sampling/draws', q),
  draw: (body: { departmentCode: string; period: string; size: SampleSize; seed?: string }) => api.post<Draw>('/api/supervision/sampling/draws', body),
  detail: (id: string) => api.get<DrawDetail>(`/api/supervision/sampling/draws/${enc(id)}`),
  sampledCase: (drawId: string, caseId: string) => api.get<SampledCaseDetail>(`/api/supervision/sampling/draws/${enc(drawId)}/cases/${enc(caseId)}`),
  check: (drawId: string, caseId: string, body: { answers: Answer[]; summary?: string }) => api.post<Check>(`/api/supervision/sampling/draws/${enc(drawId)}/cases/${enc(caseId)}/checks`, body),
  visit: (drawId: string, caseId: string, body: { method: VisitMethod; visitedAt?: string; partyName: string; answer: string; satisfied: boolean }) =>
    api.post<Visit>(`/api/supervision/sampling/draws/${enc(drawId)}/cases/${enc(caseId)}/visits`, body),
  finding: (drawId: string, caseId: string, body: FindingBody) => api.post<FindingResult>(`/api/supervision/sampling/draws/${enc(drawId)}/cases/${enc(caseId)}/findings`, body),
  ledger: (q: { region: string; quarter: string }) => api.get<Ledger>('/api/supervision/sampling/ledger', q),
};

export const CHECK_RESULTS: Record<CheckResult, readonly [string, string]> = {
  conform: ['符合', 'Conforms'], nonconform: ['不符合', 'Does not conform'], na: ['不适用', 'Not applicable'],
};
export const VISIT_METHODS: Record<VisitMethod, readonly [string, string]> = { phone: ['电话', 'Phone'], visit: ['上门', 'In person'], sms: ['短信', 'Text message'] };

/** A period in words: 2026年3月, 2026年第1季度. */
export function periodName(p: string, lang: 'zh' | 'en'): string {
  const m = /^(\d{4})-(?:Q([1-4])|(\d{2}))$/.exec(p);
  if (!m) return p;
  if (m[2]) return lang === 'en' ? `${m[1]} Q${m[2]}` : `${m[1]}年第${m[2]}季度`;
  return lang === 'en' ? `${m[1]}-${m[3]}` : `${m[1]}年${Number(m[3])}月`;
}
