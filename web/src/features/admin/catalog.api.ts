import { api, asList } from '../../lib/api';

/** Catalog administration endpoints (catalog.routes.ts). */
export const catApi = {
  items: async (q: Record<string, string | undefined>) => asList(await api.get('/api/catalog/items', { pageSize: '200', ...q }), 'items'),
  item: (code: string) => api.get(`/api/catalog/items/${encodeURIComponent(code)}`),
  versions: async (code: string) => asList(await api.get(`/api/catalog/items/${encodeURIComponent(code)}/versions`), 'versions'),
  adjustments: async (q: Record<string, string | undefined>) => asList(await api.get('/api/catalog/adjustments', { pageSize: '200', ...q }), 'adjustments'),
  diff: (code: string, from: number, to: number) => api.get(`/api/catalog/items/${encodeURIComponent(code)}/diff`, { from, to }),
  version: (code: string, version: number) => api.get(`/api/catalog/items/${encodeURIComponent(code)}/versions/${version}`),
  adjustment: (id: string) => api.get(`/api/catalog/adjustments/${encodeURIComponent(id)}`),
  createAdjustment: (body: Record<string, unknown>) => api.post('/api/catalog/adjustments', body),
  adjustmentAction: (id: string, action: 'submit' | 'review' | 'decide', body: Record<string, unknown> = {}) => api.post(`/api/catalog/adjustments/${encodeURIComponent(id)}/${action === 'decide' ? 'decision' : action}`, body),
  importCatalog: (body: unknown) => api.post('/api/admin/import', body),
};

/** An adjustment request as the list gives it (the fields the pages read). */
export interface AdjustmentRow {
  id: string;
  kind: string;
  stage: string;
  itemCode: string | null;
  reason: string;
  effectiveOn: string;
  returnReasons: string | null;
  proposal: Record<string, unknown> | null;
}

export const STAGE_LABELS: Record<string, readonly [string, string]> = {
  draft: ['草稿', 'Draft'], review: ['法制审核', 'Legal review'], approval: ['领导审定', 'Approval'], returned: ['已退回', 'Returned'],
  approved: ['已批准', 'Approved'], rejected: ['不予批准', 'Rejected'],
};
export const KIND_LABELS: Record<string, readonly [string, string]> = {
  add: ['增加', 'Add'], change: ['变更', 'Change'], cancel: ['取消', 'Cancel'], suspend: ['暂停', 'Suspend'], resume: ['启用', 'Resume'],
};
