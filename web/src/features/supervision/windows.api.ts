import { api } from '../../lib/api';

/** 服务窗口与视频巡查 (windows.routes.ts). */
export type StreamKind = 'hls' | 'webrtc';
export interface WindowStream { kind: StreamKind; url: string; label?: string | null }
export interface ServiceWindow {
  id: string; regionCode: string; departmentCode: string; departmentName: string | null; hall: string; name: string; location: string;
  streams: WindowStream[]; active: boolean; canManage?: boolean; createdByName: string | null; createdAt: string; updatedAt: string;
}
export interface VideoPatrol {
  id: string; supervisorName: string; regionCode: string; day: string; patrolledAt: string; findings: string; issues: { note: string }[];
  outcome: 'normal' | 'abnormal'; alertId: string | null;
}
export interface WindowDetail { window: ServiceWindow; canPatrol: boolean; patrols: VideoPatrol[] }
export interface WindowInput { departmentCode?: string; hall: string; name: string; location: string; streams: WindowStream[]; active?: boolean }
export interface PatrolInput { findings: string; outcome: 'normal' | 'abnormal'; issues?: { note: string }[]; raiseAlert?: boolean }
export interface PatrolResult { id: string; outcome: 'normal' | 'abnormal'; alertId: string | null; departmentCode: string }

export const windowApi = {
  list: (q: { includeInactive?: string } = {}): Promise<{ windows: ServiceWindow[] }> => api.get('/api/service-windows', q),
  get: (id: string): Promise<WindowDetail> => api.get(`/api/service-windows/${encodeURIComponent(id)}`),
  create: (body: WindowInput): Promise<ServiceWindow> => api.post('/api/service-windows', body),
  update: (id: string, body: WindowInput): Promise<ServiceWindow> => api.put(`/api/service-windows/${encodeURIComponent(id)}`, body),
  patrol: (id: string, body: PatrolInput): Promise<PatrolResult> => api.post(`/api/service-windows/${encodeURIComponent(id)}/patrols`, body),
};

export const STREAM_KIND_LABELS: Record<StreamKind, readonly [string, string]> = { hls: ['HLS 直播流', 'HLS stream'], webrtc: ['WebRTC 地址', 'WebRTC address'] };
export const OUTCOME_LABELS: Record<'normal' | 'abnormal', readonly [string, string, string]> = { normal: ['正常', 'Normal', 'success'], abnormal: ['异常', 'Abnormal', 'error'] };
