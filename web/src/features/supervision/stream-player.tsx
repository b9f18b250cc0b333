import { Alert, Button, Space, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type Hls from 'hls.js';
import { useI18n } from '../../lib/i18n';
import type { WindowStream } from './windows.api';

/** What the viewer sees of a stream, in words: never a raw error. */
type PlayerState = 'connecting' | 'playing' | 'waiting' | 'unreachable' | 'unsupported' | 'external';

/**
 * One camera of a service window (川办 电子监察办法 第十一条(一): 视频巡查). HLS plays natively where the
 * browser plays it (Safari, recent Chrome), else through hls.js (Media Source Extensions); a WebRTC
 * address is opened on the hall's own video platform. A stream that cannot be reached, or has no
 * picture yet, says so in words.
 */
export function StreamPlayer({ stream }: { stream: WindowStream }) {
  const { L } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<PlayerState>(stream.kind === 'hls' ? 'connecting' : 'external');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const v = video.current;
    if (stream.kind !== 'hls' || !v) return;
    setState('connecting');
    let hls: Hls | null = null;
    let cancelled = false;
    const onPlaying = () => setState('playing');
    const onWaiting = () => setState((s) => (s === 'unreachable' ? s : 'waiting'));
    const onError = () => setState('unreachable');
    v.addEventListener('playing', onPlaying);
    v.addEventListener('waiting', onWaiting);
    const start = () => { v.play().catch(() => undefined); };
    if (v.canPlayType('application/vnd.apple.mpegurl')) {
      // native HLS
      v.addEventListener('error', onError);
      v.src = stream.url;
      start();
    } else {
      void import('hls.js').then(({ default: HlsClass }) => {
        if (cancelled) return;
        if (!HlsClass.isSupported()) { setState('unsupported'); return; }
        hls = new HlsClass({ debug: false, manifestLoadingMaxRetry: 1, liveDurationInfinity: true });
        hls.on(HlsClass.Events.ERROR, (_e, data) => {
          if (!data.fatal) return;
          setState('unreachable');
          hls?.destroy();
          hls = null;
        });
        hls.on(HlsClass.Events.MANIFEST_PARSED, start);
        hls.loadSource(stream.url);
        hls.attachMedia(v);
      });
    }
    return () => {
      cancelled = true;
      v.removeEventListener('playing', onPlaying);
      v.removeEventListener('waiting', onWaiting);
      v.removeEventListener('error', onError);
      hls?.destroy();
      v.removeAttribute('src');
      v.load();
    };
  }, [stream.kind, stream.url, attempt]);

  const words: Record<PlayerState, [string, string, 'processing' | 'success' | 'warning' | 'error' | 'default']> = {
    connecting: ['正在连接视频流', 'Connecting', 'processing'],
    playing: ['正在播放', 'Playing', 'success'],
    waiting: ['等待视频信号', 'Waiting for the picture', 'warning'],
    unreachable: ['视频流无法连接：请检查视频平台、网络或地址', 'The stream cannot be reached', 'error'],
    unsupported: ['当前浏览器不支持播放该视频流', 'This browser cannot play the stream', 'error'],
    external: ['WebRTC 视频请在视频平台中观看', 'Open the WebRTC stream on the video platform', 'default'],
  };
  const [zh, en, color] = words[state];
  return (
    <div data-testid="stream-player">
      <Space style={{ marginBottom: 8 }} wrap>
        <span>{stream.label || L('摄像头', 'Camera')}</span>
        <Tag color={color} data-testid="stream-state" data-state={state}>{L(zh, en)}</Tag>
        {state === 'unreachable' && <Button size="small" onClick={() => setAttempt((n) => n + 1)}>{L('重新连接', 'Retry')}</Button>}
      </Space>
      {stream.kind === 'hls' ? (
        <video ref={video} data-testid="stream-video" muted playsInline controls style={{ width: '100%', maxWidth: 640, aspectRatio: '4 / 3', background: '#000', display: state === 'unreachable' || state === 'unsupported' ? 'none' : 'block' }} />
      ) : (
        <Alert type="info" showIcon title={L('该摄像头以 WebRTC 方式提供', 'This camera is offered over WebRTC')}
          description={<a href={stream.url} target="_blank" rel="noreferrer noopener">{L('在视频平台中打开', 'Open on the video platform')}</a>} />
      )}
      {(state === 'unreachable' || state === 'unsupported') && (
        <Alert type="warning" showIcon title={L(zh, en)} description={L('可稍后重新连接，或联系大厅视频平台管理员核实该摄像头的播放地址。', 'Retry later, or ask the hall\'s video platform administrator to check the address.')} />
      )}
    </div>
  );
}
