import { api, asList } from '../../lib/api';
import type { FlowView } from '../../components/flow-chart';
import type { ItemRow, Named } from '../../lib/api-models';

/** A published item as the hall shows it (GET /api/public/catalog/items/:code). */
export interface PublicItem extends ItemRow {
  department?: Named | null; departmentName?: string | null; region?: Named | null; regionName?: string | null;
  targets?: string | null; online?: boolean | null; onlineUrl?: string | null; legalLimitDays?: number | null; promisedLimitDays?: number | null;
  visits?: number | null; phone?: string | null; officeHours?: string | null; location?: string | null; guide?: string | null;
  acceptanceConditions?: string | null; materials?: string[]; materialDetails?: PublicMaterial[];
  faqs?: { question: string; answer: string }[]; legalBasis?: { law: string; article?: string | null; text?: string | null }[];
  fees?: { code: string; name: string; amount?: number | null; basis?: string | null }[];
  remedies?: string | null; discretion?: { circumstance: string; kind?: string; min?: number | null; max?: number | null }[] | null; flow?: FlowView | null;
}
export interface PublicMaterial { name: string; note?: string | null; form?: string | null; copies?: number | null; required?: boolean | null; sampleForm?: { url: string } | null }

/** A case as the public sees it (POST /api/public/cases/progress), with the number and query code it was read with. */
export interface PublicCase {
  caseNo: string; queryCode: string; itemName?: string | null; department?: string | null; counterparty?: string | null; status: string;
  daysLeft?: number | null; overdue?: boolean; submittedAt?: string | null; acceptanceDueAt?: string | null; acceptedAt?: string | null;
  promisedDueAt?: string | null; dueAt?: string | null; concludedAt?: string | null; currentStep?: string | null; conclusion?: string | null;
  ending?: { kind: string; reason?: string | null; remedies?: string | null } | null;
  decided?: { at: string; documentNo?: string | null } | null;
  suspensions?: { from: string; to?: string | null }[]; extensions?: { workingDays: number }[];
  corrections?: { at?: string; materials: string[]; reason?: string | null; answeredAt?: string | null }[];
  steps?: { name: string; completedAt?: string | null; startedAt?: string | null }[];
}

/** A complaint as its complainant follows it (number and query code). */
export interface PublicComplaint {
  complaintNo: string; queryCode?: string; kind: string; subject: string; status: string; receivedAt?: string; acceptanceDueAt?: string | null;
  notice?: string | null; result?: string | null; attachments?: { name: string }[];
}

/** The published league table of a region's departments (GET /api/public/league). */
export interface League {
  period?: string | null; regionName?: string; schemeName?: string; publishedAt?: string;
  departments?: LeagueRow[];
}
export interface LeagueRow { code: string; name: string; rank: number; score: number; indicators: { code: string; name: string; value: number | null; contribution: number | null }[] }


/** The public (no-login) endpoints the hall uses; paths follow public-*.routes.ts. */
export const hallApi = {
  regions: async () => asList<Named>(await api.get('/api/public/catalog/regions'), 'regions'),
  departments: async (region?: string) => asList<Named>(await api.get('/api/public/catalog/departments', { region }), 'departments'),
  items: async (q: { region?: string; department?: string; category?: string; q?: string }) => asList<PublicItem>(await api.get('/api/public/catalog/items', { ...q, pageSize: 100 }), 'items'),
  item: (code: string) => api.get<PublicItem & { item?: PublicItem }>(`/api/public/catalog/items/${encodeURIComponent(code)}`),
  progress: (caseNo: string, queryCode: string) => api.post<Omit<PublicCase, 'queryCode'>>('/api/public/cases/progress', { caseNo, queryCode }),
  apply: (form: FormData) => api.upload<{ caseNo: string; queryCode: string; itemName?: string | null; department?: string | null; submittedAt?: string }>('/api/public/applications', form),
  answerCorrection: (form: FormData) => api.upload('/api/public/applications/correction', form),
  submitComplaint: (body: Record<string, unknown>) => api.post<{ complaintNo: string; queryCode: string }>('/api/public/complaints', body),
  attach: (form: FormData) => api.upload('/api/public/complaints/attachments', form),
  complaint: (complaintNo: string, queryCode: string) => api.post<PublicComplaint & { complaint?: PublicComplaint }>('/api/public/complaints/follow', { complaintNo, queryCode }),
  rate: (body: Record<string, unknown>) => api.post<{ taskNo?: string | null } | null>('/api/public/ratings', body),
  rateComplaint: (body: Record<string, unknown>) => api.post<{ taskNo?: string | null } | null>('/api/public/complaints/ratings', body),
  league: async (q: { region?: string; period?: string }) => api.get<League>('/api/public/league', q),
};
