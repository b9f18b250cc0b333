import { z } from 'zod';
import type { App, RouteModule } from '../app-types.js';
import { exchangeAlerts, exchangeCase, pushEvents } from '../../services/cases/exchange.service.js';
import { instantString } from '../../domain/cases/event.schema.js';
import { parseEventsBody } from '../events-body.js';

const MiB = 1024 * 1024;

/** Interface standard §3 (pushing events) and §5 (reading results), department API keys only. */
export const exchangeRoutes: RouteModule = async (app, ctx) => {
  // the push in a context of its own: its JSON bodies are parsed a group of events at a time
  await app.register(async (push: App) => {
    push.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
      try {
        done(null, parseEventsBody(body as Buffer));
      } catch (e) {
        done(e as Error, undefined);
      }
    });
    push.post('/api/exchange/v1/events', {
      bodyLimit: 5 * MiB, // §3: at most 5 MiB (413 beyond, nothing stored)
      config: { auth: 'apiKey', keyCheckedInTransaction: true }, // pushEvents checks the key with the batch's cases
      schema: {
        tags: ['exchange'],
        summary: '推送办件事件 (push case events, §3)',
        body: z.object({ events: z.array(z.unknown()).max(1000, '每批至多 1000 个事件 (at most 1,000 events)') }),
      },
    }, (req) => pushEvents(ctx, req.actor, req.body));
  });

  app.get('/api/exchange/v1/cases/:caseNo', {
    config: { auth: 'apiKey' },
    schema: {
      tags: ['exchange'],
      summary: '查询案件状态 (case status as of an instant, §5)',
      params: z.object({ caseNo: z.string().min(1).max(200) }),
      querystring: z.object({ asOf: z.string().transform((s) => s.replace(' ', '+')).pipe(instantString).optional() }),
    },
  }, (req) => exchangeCase(ctx, req.actor, req.params.caseNo, req.query.asOf ? new Date(req.query.asOf) : undefined));

  app.get('/api/exchange/v1/alerts', {
    config: { auth: 'apiKey' },
    schema: { tags: ['exchange'], summary: '本部门告警 (alerts of the key\'s department, §5)', querystring: z.object({ caseNo: z.string().min(1).max(200).optional() }) },
  }, (req) => exchangeAlerts(ctx, req.actor, req.query.caseNo));
};
