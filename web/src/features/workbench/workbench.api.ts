import { api, asList } from '../../lib/api';
import type { CaseDetailDto, CaseRow, ItemRow } from '../../lib/api-models';

import { CASE_COMMAND_PATHS, type CaseCommandKind } from '@domain/cases/command-paths';

/** Workbench commands → their path under /api/cases/:id/: the server's own table (src/domain/cases/command-paths.ts). */
export const COMMAND_PATHS = CASE_COMMAND_PATHS;

/** The workbench endpoints (cases.routes.ts); a case is addressed by its platform id. */
export const wbApi = {
  cases: async (q: Record<string, string | undefined>) => api.get<{ cases: CaseRow[] } | CaseRow[]>('/api/cases', q),
  case: (id: string) => api.get<CaseDetailDto>(`/api/cases/${encodeURIComponent(id)}`),
  register: (body: Record<string, unknown>) => api.post<CaseDetailDto>('/api/cases', body),
  command: (id: string, kind: CaseCommandKind, data: Record<string, unknown>) => api.post(`/api/cases/${encodeURIComponent(id)}/${COMMAND_PATHS[kind]}`, data),
  /** 查看: the counterparty unmasked (the reading is recorded). */
  revealCounterparty: (id: string) => api.post<Record<string, unknown>>(`/api/cases/${encodeURIComponent(id)}/personal-data`, {}),
  upload: (id: string, form: FormData) => api.upload(`/api/cases/${encodeURIComponent(id)}/evidence`, form),
  evidenceUrl: (id: string, fileId: string) => `/api/cases/${encodeURIComponent(id)}/evidence/${encodeURIComponent(fileId)}`,
  items: async (q?: Record<string, string | undefined>) => asList<ItemRow>(await api.get('/api/catalog/items', { status: 'in_force', pageSize: 200, ...q }), 'items'),
};
