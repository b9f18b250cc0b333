import { api } from '../../lib/api';

type Q = Record<string, string | undefined>;

/** The supervision endpoints (supervision.routes.ts). */
export const supApi = {
  dashboard: (q: Q) => api.get('/api/supervision/dashboard', q),
  alerts: (q: Q) => api.get('/api/supervision/alerts', { limit: '1000', ...q }),
  alert: (id: string) => api.get(`/api/supervision/alerts/${encodeURIComponent(id)}`),
  /** explain | appeal (department); resolve | revoke | return | escalate (supervisor). */
  alertAction: (id: string, body: { action: string; reason?: string; ground?: string; correctionDays?: number }) => api.post(`/api/supervision/alerts/${encodeURIComponent(id)}/actions`, body),
  orders: (q: Q) => api.get('/api/supervision/orders', q),
  order: (id: string) => api.get(`/api/supervision/orders/${encodeURIComponent(id)}`),
  issueOrder: (body: { departmentCode: string; alertId?: string; caseNo?: string; subject: string; instructions: string; responseDays?: number }) => api.post('/api/supervision/orders', body),
  answerOrder: (id: string, findings: string) => api.post(`/api/supervision/orders/${encodeURIComponent(id)}/answer`, { findings }),
  reviewOrder: (id: string, body: { decision: 'accept' | 'return'; reason?: string }) => api.post(`/api/supervision/orders/${encodeURIComponent(id)}/review`, body),
  complaints: (q: Q) => api.get('/api/supervision/complaints', q),
  decideComplaint: (id: string, body: { accept: boolean; reason?: string; notice?: string }) => api.post(`/api/supervision/complaints/${encodeURIComponent(id)}/decision`, body),
  transferComplaint: (id: string, body: { departmentCode: string; workingDays?: number }) => api.post(`/api/supervision/complaints/${encodeURIComponent(id)}/transfer`, body),
  /** 查看: the complainant unmasked (the reading is recorded). */
  revealComplainant: (id: string) => api.post(`/api/supervision/complaints/${encodeURIComponent(id)}/complainant`, {}),
  concludeComplaint: (id: string, result: string) => api.post(`/api/supervision/complaints/${encodeURIComponent(id)}/conclude`, { result }),
  recordPatrol: (body: { targetRegion: string; findings: string; issues?: { caseNo?: string; note: string }[] }) => api.post('/api/supervision/patrols', body),
  patrolReport: (q: Q) => api.get('/api/supervision/patrols/report', q),
  dailyLog: (q: Q) => api.get('/api/supervision/daily-log', q),
  sweep: (at?: string) => api.post('/api/supervision/sweep', at ? { at } : {}),
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
