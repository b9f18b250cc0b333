import { api, asList } from '../../lib/api';

/** Workbench commands → their path under /api/cases/:id/ (cases.routes.ts). */
export const COMMAND_PATHS: Record<string, string> = {
  completeStep: 'complete-step', requestCorrection: 'corrections', suspend: 'suspend', resume: 'resume', extend: 'extend',
  return: 'return', decide: 'decide', reject: 'reject', terminate: 'terminate', execute: 'executions', chargeFee: 'fees',
  close: 'close', removeEvidence: 'evidence-removal', accept: 'accept',
};

/** The workbench endpoints (cases.routes.ts); a case is addressed by its platform id. */
export const wbApi = {
  cases: async (q: Record<string, string | undefined>) => api.get('/api/cases', q),
  case: (id: string) => api.get(`/api/cases/${encodeURIComponent(id)}`),
  register: (body: Record<string, unknown>) => api.post('/api/cases', body),
  command: (id: string, kind: string, data: Record<string, unknown>) => api.post(`/api/cases/${encodeURIComponent(id)}/${COMMAND_PATHS[kind]}`, data),
  /** 查看: the counterparty unmasked (the reading is recorded). */
  revealCounterparty: (id: string) => api.post(`/api/cases/${encodeURIComponent(id)}/personal-data`, {}),
  upload: (id: string, form: FormData) => api.upload(`/api/cases/${encodeURIComponent(id)}/evidence`, form),
  evidenceUrl: (id: string, fileId: string) => `/api/cases/${encodeURIComponent(id)}/evidence/${encodeURIComponent(fileId)}`,
  items: async (q?: Record<string, string | undefined>) => asList(await api.get('/api/catalog/items', { status: 'in_force', pageSize: 200, ...q }), 'items'),
};
