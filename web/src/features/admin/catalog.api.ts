import { api, asList } from '../../lib/api';
import type { FlowView } from '../../components/flow-chart';
import type { ItemRow } from '../../lib/api-models';

/** An item version's content as the administrators read it (the §2 import shape and its state). */
export interface ItemContent {
  name?: string; version?: number; departmentName?: string | null; legalLimitDays?: number; promisedLimitDays?: number;
  legalBasis?: { law: string; article?: string | null }[]; materials?: string[]; fees?: { name: string; amount?: number | null }[];
  remedies?: string | null; effectiveFrom?: string | null; flow?: FlowView | null; location?: string | null; phone?: string | null; guide?: string | null;
  acceptanceConditions?: string | null; targets?: string | null; officeHours?: string | null; visits?: number | null; online?: boolean | null;
  [field: string]: unknown;
}
/** GET /api/catalog/items/:code: the version in force (or the pending one) and the item's state. */
export interface ItemAdminDetail { current?: ItemContent | null; pending?: ItemContent | null; status: string; category: string; departmentCode: string }
export interface ItemVersionRow {
  version: number; status?: string; name?: string; inEffect?: boolean; future?: boolean; effectiveFrom?: string | null;
  promisedLimitDays?: number; legalLimitDays?: number; stepLimits?: { name: string; limitDays: number }[];
}
/** A catalog adjustment request (目录动态调整). */
export interface AdjustmentRow {
  id: string; kind: string; itemCode?: string | null; itemName?: string | null; reason: string; effectiveOn?: string; stage: string;
  returnReasons?: string | null; late?: boolean; proposal?: { name?: string; [field: string]: unknown } | null; updatedAt?: string;
}
/** What an import of a §2 catalog file loaded and refused. */
export interface ImportResult {
  loaded?: { regions?: number; departments?: number; officers?: number; items?: number };
  refused?: { code?: string; name?: string; error: string }[];
}
export interface FieldChange { field: string; kind?: string; before?: unknown; after?: unknown }

/** Catalog administration endpoints (catalog.routes.ts). */
export const catApi = {
  items: async (q: Record<string, string | undefined>) => asList<ItemRow & { departmentName?: string | null }>(await api.get('/api/catalog/items', { pageSize: '200', ...q }), 'items'),
  item: (code: string) => api.get<ItemAdminDetail>(`/api/catalog/items/${encodeURIComponent(code)}`),
  versions: async (code: string) => asList<ItemVersionRow>(await api.get(`/api/catalog/items/${encodeURIComponent(code)}/versions`), 'versions'),
  adjustments: async (q: Record<string, string | undefined>) => asList<AdjustmentRow>(await api.get('/api/catalog/adjustments', { pageSize: '200', ...q }), 'adjustments'),
  diff: (code: string, from: number, to: number) => api.get<{ changes?: FieldChange[] }>(`/api/catalog/items/${encodeURIComponent(code)}/diff`, { from, to }),
  version: (code: string, version: number) => api.get(`/api/catalog/items/${encodeURIComponent(code)}/versions/${version}`),
  adjustment: (id: string) => api.get(`/api/catalog/adjustments/${encodeURIComponent(id)}`),
  createAdjustment: (body: Record<string, unknown>) => api.post('/api/catalog/adjustments', body),
  adjustmentAction: (id: string, action: 'submit' | 'review' | 'decide', body: Record<string, unknown> = {}) => api.post(`/api/catalog/adjustments/${encodeURIComponent(id)}/${action === 'decide' ? 'decision' : action}`, body),
  importCatalog: (body: unknown) => api.post<ImportResult>('/api/admin/import', body),
};

/** Adjustment stages: the server's names (src/domain/catalog/adjustment.ts) with the English. */
export { STAGE_LABELS } from '../../lib/shared-labels';
export const KIND_LABELS: Record<string, readonly [string, string]> = {
  add: ['增加', 'Add'], change: ['变更', 'Change'], cancel: ['取消', 'Cancel'], suspend: ['暂停', 'Suspend'], resume: ['启用', 'Resume'],
};
