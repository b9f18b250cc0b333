import { describe, expect, it } from 'vitest';
import { streamProblem, streamsProblem } from './window-streams.js';

describe('service window streams (川办 电子监察办法 第十一条(一))', () => {
  it('accepts an HLS playlist over http or https and a WebRTC address', () => {
    expect(streamProblem({ kind: 'hls', url: 'https://video.example.cn/live/win1/index.m3u8?token=x' }, 0)).toBeNull();
    expect(streamProblem({ kind: 'hls', url: 'http://10.1.2.3:8080/hls/34020000001320000001.M3U8' }, 0)).toBeNull();
    expect(streamProblem({ kind: 'webrtc', url: 'https://video.example.cn/index/api/webrtc?app=rtp&stream=win1' }, 0)).toBeNull();
  });
  it('refuses other schemes, a non-playlist HLS URL, credentials and garbage, naming the field', () => {
    expect(streamProblem({ kind: 'hls', url: 'rtsp://10.1.2.3/ch1' }, 1)).toMatchObject({ field: 'streams.1.url', message: expect.stringContaining('http') });
    expect(streamProblem({ kind: 'hls', url: 'https://video.example.cn/live/win1.mp4' }, 0)?.message).toContain('.m3u8');
    expect(streamProblem({ kind: 'webrtc', url: 'https://admin:pw@video.example.cn/rtc' }, 0)?.message).toContain('用户名或密码');
    expect(streamProblem({ kind: 'hls', url: 'javascript:alert(1)//.m3u8' }, 0)?.message).toContain('http');
    expect(streamProblem({ kind: 'hls', url: 'not a url' }, 0)?.message).toContain('格式无效');
    expect(streamProblem({ kind: 'flv' as never, url: 'https://x.cn/a.flv' }, 2)?.field).toBe('streams.2.kind');
  });
  it('needs one to eight streams', () => {
    expect(streamsProblem([])?.field).toBe('streams');
    expect(streamsProblem(Array.from({ length: 9 }, () => ({ kind: 'hls' as const, url: 'https://x.cn/a.m3u8' })))?.message).toContain('至多');
    expect(streamsProblem([{ kind: 'hls', url: 'https://x.cn/a.m3u8' }, { kind: 'hls', url: 'ftp://x.cn/a.m3u8' }])?.field).toBe('streams.1.url');
  });
});
