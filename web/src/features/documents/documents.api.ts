import { api } from '../../lib/api';
import type { AlertRow } from '../../lib/api-models';

/** An accountability entry (问责登记) in the register and on its page. */
export interface EntryRow {
  id: string; entryNo: string; kind: string; status: string; targetKind: string; targetName: string; departmentCode: string; reason: string;
  requirement?: string; replyDueAt?: string | null; createdAt: string; createdByName?: string | null; evaluationPeriods?: { period: string }[];
  reply?: string | null; repliedAt?: string | null; conclusion?: string | null; closedAt?: string | null;
}
export interface EntryDetail {
  entry?: EntryRow; canAct?: boolean; canReply?: boolean;
  alerts: AlertRow[]; orders: { id: string; orderNo: string; subject: string }[];
  actions: { action: string; at: string; actorName?: string | null; note?: string | null }[];
}
/** A notice template kind of a region: the text in force, where it comes from, and the region's versions. */
export interface TemplateKind {
  kind: string; name: string; placeholders: string[];
  inForce: { title: string; authority: string; numberPrefix: string; paragraphs: string[] };
  source?: { regionCode: string; version: number } | null;
  versions: { version: number; title: string; createdAt: string; createdByName?: string | null; note?: string | null }[];
}

export type SubjectType = 'case' | 'order' | 'alert' | 'complaint' | 'accountability';

export interface NoticeDoc { id: string; kind: string; kindName: string; docNo: string | null; title: string; issuedAt: string; sha256: string; issuedByName?: string | null }

export const docApi = {
  list: (subjectType: SubjectType, subjectId: string) => api.get<{ documents: NoticeDoc[] }>('/api/documents', { subjectType, subjectId }),
  pdfUrl: (id: string) => `/api/documents/${encodeURIComponent(id)}/pdf`,
  templates: (region: string) => api.get<{ templates?: TemplateKind[] }>('/api/admin/notice-templates', { region }),
  saveTemplate: (body: unknown) => api.post<{ version: number }>('/api/admin/notice-templates', body),
  cardNotice: (alertId: string, body: { requirement: string; responseDays?: number }) => api.post(`/api/supervision/alerts/${alertId}/card-notice`, body),
  alertRectification: (alertId: string, body: { advice: string; problem?: string; responseDays?: number }) => api.post(`/api/supervision/alerts/${alertId}/rectification`, body),
  register: (q: Record<string, string | undefined>) => api.get<{ entries?: EntryRow[]; summary?: { total: number; draft: number; served: number; replied: number; closed: number } }>('/api/supervision/accountability', q),
  entry: (id: string) => api.get<EntryDetail>(`/api/supervision/accountability/${id}`),
  createEntry: (body: unknown) => api.post<{ entry: { id: string }; document: { docNo: string } }>('/api/supervision/accountability', body),
  actOnEntry: (id: string, action: 'serve' | 'reply' | 'close', text?: string) => api.post(`/api/supervision/accountability/${id}/${action}`, { text }),
  entryRectification: (id: string, body: { advice: string; responseDays?: number }) => api.post(`/api/supervision/accountability/${id}/rectification`, body),
  applicantNotices: (caseNo: string, queryCode: string) => api.post<{ notices: NoticeDoc[] }>('/api/public/cases/notices', { caseNo, queryCode }),
  /** The applicant's PDF: POSTed (the query code stays out of URLs), saved through a blob. */
  async applicantDownload(caseNo: string, queryCode: string, doc: NoticeDoc): Promise<void> {
    const res = await fetch('/api/public/cases/notices/download', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/pdf' }, body: JSON.stringify({ caseNo, queryCode, documentId: doc.id }),
    });
    if (!res.ok) throw new Error(`下载失败 (${res.status})`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${doc.kindName}-${doc.docNo ?? doc.id}.pdf`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

export const ENTRY_KINDS: Record<string, readonly [string, string]> = {
  liability_proposal: ['追究建议', 'Liability proposal'], inquiry: ['函询', 'Written inquiry'], interview: ['约谈', 'Interview'],
  admonition: ['告诫', 'Admonition'], circular: ['通报批评', 'Public criticism'],
};
export const ENTRY_STATUS: Record<string, readonly [string, string, string]> = {
  draft: ['拟办', 'Drafted', 'default'], served: ['已送达', 'Served', 'processing'], replied: ['已回复', 'Replied', 'cyan'], closed: ['已办结', 'Closed', 'success'],
};
export const TARGET_KINDS: Record<string, readonly [string, string]> = { department: ['部门', 'Department'], post: ['岗位', 'Post'], officer: ['人员', 'Person'] };
export const ENTRY_ACTIONS: Record<string, readonly [string, string]> = {
  create: ['提出', 'Proposed'], document: ['出具文书', 'Notice issued'], serve: ['送达', 'Served'], reply: ['回复', 'Replied'], close: ['办结', 'Closed'],
};
