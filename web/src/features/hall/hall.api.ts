import { api, asList } from '../../lib/api';

/** The public (no-login) endpoints the hall uses; paths follow public-*.routes.ts. */
export const hallApi = {
  regions: async () => asList(await api.get('/api/public/catalog/regions'), 'regions'),
  departments: async (region?: string) => asList(await api.get('/api/public/catalog/departments', { region }), 'departments'),
  items: async (q: { region?: string; department?: string; category?: string; q?: string }) => asList(await api.get('/api/public/catalog/items', { ...q, pageSize: 100 }), 'items'),
  item: (code: string) => api.get(`/api/public/catalog/items/${encodeURIComponent(code)}`),
  progress: (caseNo: string, queryCode: string) => api.post('/api/public/cases/progress', { caseNo, queryCode }),
  apply: (form: FormData) => api.upload('/api/public/applications', form),
  answerCorrection: (form: FormData) => api.upload('/api/public/applications/correction', form),
  submitComplaint: (body: Record<string, unknown>) => api.post('/api/public/complaints', body),
  attach: (form: FormData) => api.upload('/api/public/complaints/attachments', form),
  complaint: (complaintNo: string, queryCode: string) => api.post('/api/public/complaints/follow', { complaintNo, queryCode }),
  rate: (body: Record<string, unknown>) => api.post('/api/public/ratings', body),
  rateComplaint: (body: Record<string, unknown>) => api.post('/api/public/complaints/ratings', body),
  league: async (q: { region?: string; period?: string }) => api.get('/api/public/league', q),
};
