import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedUser } from '../helpers/factories.js';
import { DEPT, supPlatform, type SupPlatform } from './sup-helpers.js';

/** 川办发〔2014〕2号 电子监察办法 第十一条(一); 盐城电子监察办法 第十条: service windows and their video patrols. */
describe('service windows and video patrols', () => {
  let p: SupPlatform;
  let radmin: { authorization: string };
  let dadmin: { authorization: string };
  let otherAdmin: { authorization: string };
  let county: { authorization: string };
  let otherCounty: { authorization: string };
  const HLS = 'https://video.tcq.gov.cn/live/34020000001320000001/index.m3u8';
  const req = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) =>
    p.app.inject({ method, url, headers, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
  const body = (over: Record<string, unknown> = {}) => ({
    departmentCode: DEPT, hall: '通川区政务服务中心', name: '生态环境窗口 3 号', location: '一楼 B 区', streams: [{ kind: 'hls', url: HLS, label: '窗口正面' }], ...over,
  });

  beforeAll(async () => {
    p = await supPlatform('2026-03-02T09:00:00+08:00');
    await seedUser(p.db, { username: 'radmin', role: 'region_admin', region: '511702' });
    await seedUser(p.db, { username: 'dadmin', role: 'department_admin', region: '511702', department: DEPT });
    await seedUser(p.db, { username: 'radmin3', role: 'region_admin', region: '511703' });
    await seedUser(p.db, { username: 'sup-county', role: 'supervisor', region: '511702' });
    await seedUser(p.db, { username: 'sup-703', role: 'supervisor', region: '511703' });
    [radmin, dadmin, otherAdmin, county, otherCounty] = await Promise.all(['radmin', 'dadmin', 'radmin3', 'sup-county', 'sup-703'].map((u) => bearer(p.app, u)));
  }, 60_000);
  afterAll(() => p.close());

  let windowId = '';

  it('validates the stream URLs, naming the stream at fault; nothing is saved on a refusal', async () => {
    const bad = async (streams: unknown[], field: string, words: string) => {
      const r = await req('POST', '/api/service-windows', radmin, body({ streams }));
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.details?.field ?? r.json().error.field).toBe(field);
      expect(r.json().error.message).toContain(words);
    };
    await bad([{ kind: 'hls', url: 'rtsp://10.1.2.3/ch1' }], 'streams.0.url', 'http');
    await bad([{ kind: 'hls', url: HLS }, { kind: 'hls', url: 'https://video.tcq.gov.cn/live/1.flv' }], 'streams.1.url', '.m3u8');
    await bad([{ kind: 'webrtc', url: 'https://admin:123@video.tcq.gov.cn/rtc' }], 'streams.0.url', '用户名或密码');
    await bad([], 'streams', '至少');
    const noName = await req('POST', '/api/service-windows', radmin, body({ name: '  ' }));
    expect(noName.statusCode).toBe(400);
    expect((await req('GET', '/api/service-windows', radmin)).json().windows).toEqual([]);
  });

  it('is kept by the region and the department administrators, in their scope only', async () => {
    const r = await req('POST', '/api/service-windows', dadmin, body());
    expect(r.statusCode, r.body).toBe(201);
    windowId = r.json().id;
    expect(r.json()).toMatchObject({ regionCode: '511702', departmentCode: DEPT, active: true, streams: [{ kind: 'hls', url: HLS, label: '窗口正面' }] });
    // another county's administrator can neither create for this department nor see or change the window
    expect((await req('POST', '/api/service-windows', otherAdmin, body())).statusCode).toBe(403);
    expect((await req('GET', `/api/service-windows/${windowId}`, otherAdmin)).statusCode).toBe(404);
    expect((await req('PUT', `/api/service-windows/${windowId}`, otherAdmin, { ...body(), departmentCode: undefined })).statusCode).toBe(404);
    expect((await req('GET', '/api/service-windows', otherAdmin)).json().windows).toEqual([]);
    // a supervisor reads but does not manage; a handler sees nothing
    expect((await req('GET', '/api/service-windows', p.sup)).json().windows.map((w: any) => [w.id, w.canManage])).toEqual([[windowId, false]]);
    expect((await req('PUT', `/api/service-windows/${windowId}`, p.sup, { hall: 'x', name: 'x', location: 'x', streams: [{ kind: 'hls', url: HLS }] })).statusCode).toBe(403);
    expect((await req('GET', '/api/service-windows', p.handler)).statusCode).toBe(403);
    // the region administrator edits: a WebRTC stream added
    const { departmentCode: _d, ...edit } = body({ streams: [{ kind: 'hls', url: HLS }, { kind: 'webrtc', url: 'https://video.tcq.gov.cn/index/api/webrtc?stream=win3' }] });
    const u = await req('PUT', `/api/service-windows/${windowId}`, radmin, edit);
    expect(u.statusCode, u.body).toBe(200);
    expect(u.json().streams).toHaveLength(2);
    const audit = await p.db.query(`SELECT action FROM audit_log WHERE action LIKE 'window.%' AND outcome = 'success' ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(['window.create', 'window.update']);
  });

  it('a video patrol is a patrol: counted in the quota of the supervisor\'s region, shown as video', async () => {
    p.at('2026-03-02T10:00:00+08:00');
    const ok = await req('POST', `/api/service-windows/${windowId}/patrols`, county, { findings: '窗口人员在岗，着装规范，服务态度良好', outcome: 'normal' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ regionCode: '511702', targetRegion: '511702', outcome: 'normal', alertId: null });
    // a supervisor of another county may not patrol this window (nor see it)
    expect((await req('POST', `/api/service-windows/${windowId}/patrols`, otherCounty, { findings: 'x', outcome: 'normal' })).statusCode).toBe(404);
    // the city supervisor patrols the county's window: a lower platform for the city's quota
    expect((await req('POST', `/api/service-windows/${windowId}/patrols`, p.sup, { findings: '正常', outcome: 'normal' })).statusCode).toBe(200);
    const rep = (await req('GET', '/api/supervision/patrols/report?from=2026-03-02&to=2026-03-02', p.sup)).json();
    const row = (region: string) => rep.rows.find((x: any) => x.region === region && x.day === '2026-03-02');
    expect(row('511702')).toMatchObject({ done: { own: 1 }, short: { own: 1 }, met: false, video: 1, bySupervisor: { 'sup-county': 1 } });
    expect(row('511700')).toMatchObject({ done: { own: 0, counties: 1 }, video: 1 });
    // the second own patrol, by video, meets the county's quota
    await req('POST', `/api/service-windows/${windowId}/patrols`, county, { findings: '午间窗口有人值守', outcome: 'normal' });
    const rep2 = (await req('GET', '/api/supervision/patrols/report?from=2026-03-02&to=2026-03-02', p.sup)).json();
    expect(rep2.rows.find((x: any) => x.region === '511702')).toMatchObject({ met: true, video: 2 });
  });

  it('an abnormal patrol names what was found and raises one alert on the department per window', async () => {
    p.at('2026-03-03T10:00:00+08:00');
    const noIssue = await req('POST', `/api/service-windows/${windowId}/patrols`, county, { findings: '窗口无人', outcome: 'abnormal' });
    expect(noIssue.statusCode).toBe(400);
    expect(noIssue.json().error.message).toContain('问题');
    const a = await req('POST', `/api/service-windows/${windowId}/patrols`, county, { findings: '10:00 窗口无人值守', outcome: 'abnormal', issues: [{ note: '工作时间窗口空岗 15 分钟' }] });
    expect(a.statusCode, a.body).toBe(200);
    const alertId = a.json().alertId;
    expect(alertId).toBeTruthy();
    const alerts = await p.alerts('code=WINDOW_PATROL_ABNORMAL');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: alertId, level: 'yellow', departmentCode: DEPT });
    expect(alerts[0].message).toContain('工作时间窗口空岗 15 分钟');
    // a second abnormal patrol joins the open alert
    const b = await req('POST', `/api/service-windows/${windowId}/patrols`, county, { findings: '仍空岗', outcome: 'abnormal', issues: [{ note: '再次空岗' }] });
    expect(b.json().alertId).toBe(alertId);
    expect(await p.alerts('code=WINDOW_PATROL_ABNORMAL')).toHaveLength(1);
    // the alert leads on to an accountability entry, like any other
    const acc = await req('POST', '/api/supervision/accountability', p.sup, {
      kind: 'inquiry', targetKind: 'department', departmentCode: DEPT, reason: '窗口多次空岗', requirement: '说明情况并整改', replyDays: 5, alertIds: [alertId],
    });
    expect(acc.statusCode, acc.body).toBe(201);
    const detail = (await req('GET', `/api/service-windows/${windowId}`, county)).json();
    expect(detail.canPatrol).toBe(true);
    expect(detail.patrols.map((x: any) => [x.outcome, x.alertId])).toEqual([['abnormal', alertId], ['abnormal', alertId], ['normal', null], ['normal', null], ['normal', null]]);
  });

  it('a deactivated window is not patrolled and leaves the list', async () => {
    const { departmentCode: _d, ...edit } = body({ active: false });
    expect((await req('PUT', `/api/service-windows/${windowId}`, dadmin, edit)).statusCode).toBe(200);
    expect((await req('GET', '/api/service-windows', p.sup)).json().windows).toEqual([]);
    expect((await req('GET', '/api/service-windows?includeInactive=true', p.sup)).json().windows).toHaveLength(1);
    const r = await req('POST', `/api/service-windows/${windowId}/patrols`, county, { findings: '正常', outcome: 'normal' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('停用');
  });
});
