import { api } from '../../lib/api';

/** 导出 (川办发〔2014〕2号 电子监察办法 第十五条): requests, approvals, downloads — all on the server. */
export interface ExportFilters { [k: string]: string | number | boolean | null | undefined }

/** A registered export request (mine, or awaiting my approval). */
export interface ExportRow {
  id: string; status: string; listTitle?: string; filtersText?: string; purpose?: string | null; requestedAt?: string; requestedByName?: string | null;
  departmentName?: string | null; regionName?: string | null; approvalRequired?: boolean; decidedByName?: string | null; decisionReason?: string | null;
  expiresAt?: string | null; downloads?: number; lastRowCount?: number | null;
}

export const exportsApi = {
  lists: () => api.get<{ lists: { key: string; title: string; kind: string; approvalRequired: boolean; allowed: boolean }[]; approvalDays: number; maxRows: number }>('/api/exports/lists'),
  request: (list: string, filters: ExportFilters, purpose?: string) => {
    const clean = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    return api.post<ExportRow>('/api/exports', { list, filters: clean, purpose });
  },
  mine: () => api.get<{ exports: ExportRow[] }>('/api/exports'),
  approvals: (status?: string) => api.get<{ exports: ExportRow[] }>('/api/exports/approvals', { status }),
  decide: (id: string, approve: boolean, reason: string) => api.post<ExportRow>(`/api/exports/${id}/decision`, { approve, reason }),
  fileUrl: (id: string) => `/api/exports/${encodeURIComponent(id)}/file`,
};

/** Starts the download of an approved export (the browser sends the session cookie; the server records it). */
export function download(id: string): void {
  const a = document.createElement('a');
  a.href = exportsApi.fileUrl(id);
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export const EXPORT_STATUS: Record<string, readonly [string, string, string]> = {
  pending: ['待审批', 'Pending', 'processing'],
  approved: ['已批准', 'Approved', 'success'],
  refused: ['不予批准', 'Refused', 'error'],
  expired: ['已过期', 'Expired', 'default'],
};
