import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, closeBrowser, launch, login, logout, modalOk, newPage, pickSelect, see, shot } from './browser.js';

/** What the journey reads of the page's <video> (the tests compile without the DOM library). */
interface VideoLike { readyState: number; currentTime: number }

const TYPES: Record<string, string> = { '.m3u8': 'application/vnd.apple.mpegurl', '.ts': 'video/mp2t' };

/**
 * 视频巡查 (川办 电子监察办法 第十一条(一)): a department administrator registers a window with the HLS
 * stream of a camera (made here by ffmpeg and served over HTTP as a hall's video platform would);
 * the city supervisor watches it play, records the patrol, and finds it counted in the day's quota.
 */
describe('video patrol of a service window', () => {
  let browser: Browser;
  let dir = '';
  let server: http.Server;
  let streamUrl = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-hls-'));
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-t', '6', '-c:v', 'libx264', '-pix_fmt', 'yuv420p',
      '-g', '10', '-preset', 'ultrafast', '-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', path.join(dir, 'index.m3u8')]);
    server = http.createServer((req, res) => {
      const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
      const file = path.join(dir, name);
      if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(name)] ?? 'application/octet-stream', 'access-control-allow-origin': '*' });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    streamUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/live/tcq-win-7/index.m3u8`;
    browser = await launch();
  });
  afterAll(async () => {
    await closeBrowser(browser);
    await new Promise((ok) => server?.close(ok));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('register a window → watch it play → record the patrol → counted in the quota', async () => {
    const { ctx, page } = await newPage(browser);
    // the department's administrator registers the window with the camera's HLS address
    await login(page, 'tc_stj_gly');
    await page.goto(page.url().replace(/(https?:\/\/[^/]+).*$/, '$1/supervision/windows'));
    await page.click('[data-testid="window-new"]');
    await pickSelect(page, '[data-testid="window-department"]', /生态环境局/);
    await page.locator('.ant-modal #hall').fill('通川区政务服务中心');
    await page.locator('.ant-modal #name').fill('生态环境 7 号窗口');
    await page.locator('.ant-modal #location').fill('二楼 A 区');
    // a wrong address is refused in words
    await page.locator('[data-testid="stream-url"]').first().fill('rtsp://127.0.0.1/live/7');
    await modalOk(page);
    await see(page, '须以 http:// 或 https:// 开头');
    await page.locator('[data-testid="stream-url"]').first().fill(streamUrl);
    await modalOk(page);
    await see(page, '已保存');
    await see(page, '生态环境 7 号窗口');
    await shot(page, 'video-patrol-1-windows');
    await logout(page);

    // the city supervisor opens it: the video actually plays
    await login(page, 'dz_jc');
    await page.goto(page.url().replace(/(https?:\/\/[^/]+).*$/, '$1/supervision/windows'));
    await page.getByRole('link', { name: '生态环境 7 号窗口' }).click();
    await see(page, '实时画面');
    const video = page.locator('[data-testid="stream-video"]').first();
    // HAVE_CURRENT_DATA or better, and the playhead moving
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): VideoLike | null } }).document;
      const v = doc.querySelector('[data-testid="stream-video"]');
      return !!v && v.readyState >= 2 && v.currentTime > 0.5;
    }, undefined, { timeout: 30_000 });
    const t1 = await video.evaluate((v) => (v as unknown as VideoLike).currentTime);
    await page.waitForTimeout(800);
    const t2 = await video.evaluate((v) => (v as unknown as VideoLike).currentTime);
    expect(t2).toBeGreaterThan(t1);
    await see(page, '正在播放');
    await shot(page, 'video-patrol-2-playing');

    // the patrol: abnormal, with what was found; an alert is raised on the department
    await page.locator('[data-testid="patrol-outcome"]').getByText('异常').click();
    await page.locator('[data-testid="patrol-findings"]').fill('9:40 起窗口人员离岗，群众等候');
    await page.locator('[data-testid="patrol-issues"]').fill('工作时间离岗约 10 分钟');
    await page.click('[data-testid="patrol-save"]');
    await see(page, '巡查已登记');
    await page.locator('[data-testid="patrol-alert"]').waitFor();
    await see(page, '工作时间离岗约 10 分钟');
    await shot(page, 'video-patrol-3-recorded');

    // counted in the day's quota of 达州市 (a county platform patrolled), shown as a video patrol
    const sup = await apiAs('dz_jc');
    const admin = await apiAs('tc_stj_gly');
    const windows = (await admin('GET', '/api/service-windows')).windows as { id: string; name: string }[];
    const w = windows.find((x) => x.name === '生态环境 7 号窗口')!;
    const detail = await sup('GET', `/api/service-windows/${w.id}`);
    const day = detail.patrols[0].day as string;
    expect(detail.patrols[0]).toMatchObject({ outcome: 'abnormal', supervisorName: 'dz_jc' });
    const report = await sup('GET', `/api/supervision/patrols/report?from=${day}&to=${day}`);
    const row = report.rows.find((r: { region: string }) => r.region === '511700');
    expect(row.video).toBeGreaterThanOrEqual(1);
    expect(row.done.counties).toBeGreaterThanOrEqual(1);
    const alert = (await sup('GET', `/api/supervision/alerts?code=WINDOW_PATROL_ABNORMAL`)).alerts.find((a: { id: string }) => a.id === detail.patrols[0].alertId);
    expect(alert).toMatchObject({ level: 'yellow', departmentCode: '511702-STJ' });
    await page.goto(page.url().replace(/(https?:\/\/[^/]+).*$/, `$1/supervision/patrols`));
    await see(page, '其中视频巡查');
    await shot(page, 'video-patrol-4-quota');
    await ctx.close();
  });
});
