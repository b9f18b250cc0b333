/**
 * The camera streams of a service window (服务窗口), as the hall's video platform offers them
 * (GB/T 28181 platforms publish a channel as HLS or WebRTC). Pure validation: no I/O.
 * 川办发〔2014〕2号 电子监察办法 第十一条(一): 通过视频监控系统对各窗口开展视频巡查.
 */
export type StreamKind = 'hls' | 'webrtc';
export const STREAM_KINDS: Record<StreamKind, string> = { hls: 'HLS 直播流', webrtc: 'WebRTC 播放地址' };

export interface WindowStream {
  kind: StreamKind;
  url: string;
  /** The camera's name (e.g. 窗口正面), optional. */
  label?: string | null;
}

export interface StreamProblem { field: string; message: string }

export const MAX_STREAMS = 8;

/** What is wrong with one stream (null when it may be saved); `at` names its place in the list. */
export function streamProblem(s: WindowStream, at: number): StreamProblem | null {
  const field = `streams.${at}.url`;
  if (s.kind !== 'hls' && s.kind !== 'webrtc') return { field: `streams.${at}.kind`, message: '视频流类型须为 HLS 或 WebRTC (kind must be hls or webrtc)' };
  const raw = (s.url ?? '').trim();
  if (!raw) return { field, message: '视频流地址不能为空 (stream URL required)' };
  if (raw.length > 2000) return { field, message: '视频流地址不超过 2000 个字符 (URL too long)' };
  let u: URL;
  try { u = new URL(raw); } catch { return { field, message: `视频流地址格式无效：${raw.slice(0, 100)} (not a URL)` }; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { field, message: `视频流地址须以 http:// 或 https:// 开头，不接受 ${u.protocol} (http or https only)` };
  // a password in the URL would be shown to every viewer and kept in the database
  if (u.username || u.password) return { field, message: '视频流地址不得包含用户名或密码 (no credentials in the URL)' };
  if (s.kind === 'hls' && !u.pathname.toLowerCase().endsWith('.m3u8')) return { field, message: 'HLS 地址须指向 .m3u8 播放列表 (an HLS URL ends in .m3u8)' };
  if (s.label != null && s.label.length > 50) return { field: `streams.${at}.label`, message: '摄像头名称不超过 50 字 (label too long)' };
  return null;
}

/** The list's first problem: at least one stream, at most MAX_STREAMS, each valid. */
export function streamsProblem(list: readonly WindowStream[] | null | undefined): StreamProblem | null {
  if (!Array.isArray(list) || list.length === 0) return { field: 'streams', message: '至少登记一路视频流 (at least one stream)' };
  if (list.length > MAX_STREAMS) return { field: 'streams', message: `每个窗口至多 ${MAX_STREAMS} 路视频流 (at most ${MAX_STREAMS})` };
  for (let i = 0; i < list.length; i++) {
    const p = streamProblem(list[i], i);
    if (p) return p;
  }
  return null;
}

/** The streams as stored: URLs trimmed, blank labels dropped. */
export function normalizeStreams(list: readonly WindowStream[]): WindowStream[] {
  return list.map((s) => ({ kind: s.kind, url: s.url.trim(), label: s.label?.trim() || null }));
}
