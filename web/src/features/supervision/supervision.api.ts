import { api } from '../../lib/api';
import type { AlertRow } from '../../lib/api-models';

type Q = Record<string, string | undefined>;

/** GET /api/supervision/alerts/:id: the alert, the department's answer and what was done. */
export interface AlertDetail {
  alert: AlertRow;
  response?: { kind: string; text: string; ground?: string | null } | null;
  history?: AlertHistoryEntry[];
}
export interface AlertHistoryEntry {
  action: string; at: string; actorName?: string | null; actorPost?: string | null; fromStatus?: string | null; toStatus?: string | null; reason?: string | null;
  details?: { orderId?: string; orderNo?: string; entryId?: string; entryNo?: string; docNo?: string } | null;
}
/** A 督办单 in the list and on its page. */
export interface OrderRow {
  id: string; orderNo: string; subject: string; status: string; departmentCode: string; instructions: string; issuedAt: string; issuedBy?: string | null;
  dueAt?: string | null; overdue?: boolean; responseDays?: number; extensionDays?: number; caseNo?: string | null; ownInitiative?: boolean;
  answer?: { findings: string; by?: string | null; at?: string } | null;
  history?: { action: string; at: string; by?: string | null; reason?: string | null; dueAt?: string | null }[];
}
/** A complaint or report (投诉、举报) in the supervision queue. */
export interface ComplaintRow {
  id: string; complaintNo: string; kind: string; subject: string; content: string; result?: string | null; departmentCode?: string | null;
  realName?: boolean; complainant?: { name?: string | null; idNumber?: string | null; phone?: string | null; address?: string | null } | null;
  attachments?: { id: string; name: string; size: number }[]; receivedAt: string; acceptanceDueAt?: string | null; status: string;
}
/** GET /api/supervision/dashboard: the lights of the last 30 days by region, department, day and code. */
export interface DashboardData {
  open?: number; explained?: number;
  byRegion?: { region?: string | null; yellow?: number; red?: number }[];
  byDepartment?: DashboardDepartment[];
  trend?: DashboardDay[];
  topCodes?: DashboardCode[];
}
export interface DashboardDepartment { department?: string | null; name?: string | null; yellow?: number; red?: number; open?: number }
export interface DashboardDay { day: string; yellow?: number; red?: number }
export interface DashboardCode { code: string; count: number }
/** A line of the patrol report: a region's patrols on a day against the required count. */
export interface PatrolRow { region: string; day: string; met: boolean; required?: PatrolTally | null; done?: PatrolTally | null; short?: PatrolTally | null }
export interface PatrolReport { rows: PatrolRow[]; workingDays?: number; shortfalls?: unknown[] }
export interface PatrolTally { own: number; cities: number; counties: number }
/** GET /api/supervision/daily-log. */
export interface DailyLog {
  total?: DailyLogLine;
  departments?: DailyLogLine[];
}
export interface DailyLogLine {
  code?: string; name?: string; handled?: number; completedEarly?: number; nearLimit?: number; overdue?: number; abnormal?: number;
  overdueOrAbnormal?: number; ordersAnswered?: number; ordersOwnInitiative?: number;
  ratios?: { early?: number | null; nearLimit?: number | null; overdueOrAbnormal?: number | null; answered?: number | null };
}

/** The supervision endpoints (supervision.routes.ts). */
export const supApi = {
  dashboard: (q: Q) => api.get<DashboardData>('/api/supervision/dashboard', q),
  alerts: (q: Q) => api.get<{ alerts: AlertRow[] } | AlertRow[]>('/api/supervision/alerts', { limit: '1000', ...q }),
  alert: (id: string) => api.get<AlertDetail>(`/api/supervision/alerts/${encodeURIComponent(id)}`),
  /** explain | appeal (department); resolve | revoke | return | escalate (supervisor). */
  alertAction: (id: string, body: { action: string; reason?: string; ground?: string; correctionDays?: number }) => api.post(`/api/supervision/alerts/${encodeURIComponent(id)}/actions`, body),
  orders: (q: Q) => api.get<{ orders?: OrderRow[]; summary?: { total: number; open: number; answered: number; firstReviewed?: number; accepted: number; overdue: number } }>('/api/supervision/orders', q),
  order: (id: string) => api.get<{ order?: OrderRow; alert?: AlertRow | null }>(`/api/supervision/orders/${encodeURIComponent(id)}`),
  issueOrder: (body: { departmentCode: string | null; alertId?: string; caseNo?: string; subject: string; instructions: string; responseDays?: number }) => api.post('/api/supervision/orders', body),
  answerOrder: (id: string, findings: string) => api.post(`/api/supervision/orders/${encodeURIComponent(id)}/answer`, { findings }),
  reviewOrder: (id: string, body: { decision: 'accept' | 'return'; reason?: string }) => api.post(`/api/supervision/orders/${encodeURIComponent(id)}/review`, body),
  complaints: (q: Q) => api.get<{ complaints?: ComplaintRow[] }>('/api/supervision/complaints', q),
  decideComplaint: (id: string, body: { accept: boolean; reason?: string; notice?: string }) => api.post(`/api/supervision/complaints/${encodeURIComponent(id)}/decision`, body),
  transferComplaint: (id: string, body: { departmentCode: string; workingDays?: number }) => api.post(`/api/supervision/complaints/${encodeURIComponent(id)}/transfer`, body),
  /** 查看: the complainant unmasked (the reading is recorded). */
  revealComplainant: (id: string) => api.post<Record<string, unknown>>(`/api/supervision/complaints/${encodeURIComponent(id)}/complainant`, {}),
  concludeComplaint: (id: string, result: string) => api.post(`/api/supervision/complaints/${encodeURIComponent(id)}/conclude`, { result }),
  recordPatrol: (body: { targetRegion: string; findings: string; issues?: { caseNo?: string; note: string }[] }) => api.post('/api/supervision/patrols', body),
  patrolReport: (q: Q) => api.get<PatrolReport>('/api/supervision/patrols/report', q),
  dailyLog: (q: Q) => api.get<DailyLog>('/api/supervision/daily-log', q),
  sweep: (at?: string) => api.post<Record<string, unknown>>('/api/supervision/sweep', at ? { at } : {}),
};

/** 督办状态: [中文, English, tag colour]. */
export const ORDER_STATUS: Record<string, readonly [string, string, string]> = {
  issued: ['待反馈', 'Awaiting answer', 'processing'], answered: ['已反馈待初审', 'Answered', 'cyan'], first_reviewed: ['初审通过待审结', 'Awaiting final review', 'blue'],
  returned: ['退回重办', 'Returned', 'warning'], accepted: ['已办结', 'Accepted', 'success'],
};

export const APPEAL_GROUNDS: Record<string, readonly [string, string]> = {
  counterparty_fraud: ['相对人弄虚作假（第二十五条(一)）', 'Counterparty fraud'],
  law_conflict: ['法律法规规章存在冲突（第二十五条(二)）', 'Conflicting laws'],
  system_failure: ['网络传输、系统故障或软件缺陷（第二十五条(三)）', 'System failure'],
  force_majeure: ['不可预见或不可抗力（第二十五条(四)）', 'Force majeure'],
  other_lawful: ['法律法规规定的其他情形（第二十五条(五)）', 'Other lawful ground'],
};
