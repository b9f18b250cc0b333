import { z } from 'zod';
import { createWindow, editWindow, searchWindows } from '../../services/supervision/window.service.js';
import { recordVideoPatrol, windowDetail } from '../../services/supervision/video-patrol.service.js';
import type { RouteModule } from '../app-types.js';

const tags = ['supervision'];
const idParams = z.object({ id: z.string().min(1).max(100) });
// the URL itself is checked by the service (http/https, .m3u8 for HLS), which names the stream at fault
const stream = z.object({ kind: z.enum(['hls', 'webrtc']), url: z.string().max(2000), label: z.string().max(50).nullable().optional() });
const windowBody = {
  hall: z.string().max(100), name: z.string().max(100), location: z.string().max(200), streams: z.array(stream).max(8), active: z.boolean().optional(),
};

/** 服务窗口与视频巡查 (川办发〔2014〕2号 电子监察办法 第十一条(一); 盐城电子监察办法 第十条). */
export const windowRoutes: RouteModule = (app, ctx) => {
  app.get('/api/service-windows', {
    schema: {
      tags, summary: '服务窗口 (service windows in scope, with their camera streams)',
      querystring: z.object({ region: z.string().max(6).optional(), department: z.string().max(100).optional(), includeInactive: z.enum(['true', 'false']).optional() }),
    },
  }, (req) => searchWindows(ctx, req.actor, { region: req.query.region, department: req.query.department, includeInactive: req.query.includeInactive === 'true' }));

  app.post('/api/service-windows', {
    schema: { tags, summary: '登记服务窗口 (region or department administrator; audited)', body: z.object({ departmentCode: z.string().min(1).max(100), ...windowBody }) },
  }, async (req, reply) => reply.code(201).send(await createWindow(ctx, req.actor, req.body)));

  app.put('/api/service-windows/:id', {
    schema: { tags, summary: '修改或停用服务窗口 (audited)', params: idParams, body: z.object(windowBody) },
  }, (req) => editWindow(ctx, req.actor, req.params.id, req.body));

  app.get('/api/service-windows/:id', { schema: { tags, summary: '服务窗口详情与视频巡查记录 (window, streams, last video patrols)', params: idParams } },
    (req) => windowDetail(ctx, req.actor, req.params.id));

  app.post('/api/service-windows/:id/patrols', {
    schema: {
      tags, summary: '登记视频巡查 (record a video patrol of the window; counted in the patrol quota)', params: idParams,
      body: z.object({
        findings: z.string().max(4000), outcome: z.enum(['normal', 'abnormal']), issues: z.array(z.object({ note: z.string().max(1000) })).max(50).optional(),
        raiseAlert: z.boolean().optional(), region: z.string().regex(/^[0-9]{6}$/).optional(),
      }),
    },
  }, (req) => recordVideoPatrol(ctx, req.actor, { windowId: req.params.id, ...req.body }));
};
