import { z } from 'zod';
import type { App, RouteModule } from '../app-types.js';
import { exchangeAlerts, exchangeCase, pushEvents } from '../../services/cases/exchange.service.js';
import { calendarInstant } from '../../domain/cases/event.schema.js';
import { parseEventsBody } from '../events-body.js';
import { ALERT_STATUS_DOC } from '../alert-status-doc.js';

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
        description: [
          '接口标准 v2 §3. 200: `{ accepted, duplicates, conflicts: [{ index, eventId }], rejected: [{ index, eventId, code, message, field? }] }`, always the four keys.',
          'Every fault of one event is that event\'s `INVALID_EVENT`, its `message` starting with the field (and `field` naming it): an instant outside the calendar\'s range',
          '(2000-01-01 – 2040-12-31, China time) or one that does not exist (`2026-02-30T10:00:00+08:00`), a string holding NUL or a lone surrogate (`\\u0000`, `\\ud800` in the JSON text),',
          'a field over its size limit. The batch\'s valid events are stored. An eventId resent with other content is kept beside the original (DATA_MODIFIED) and listed in',
          '`conflicts`, counted in neither `accepted` nor `duplicates` (each time it is resent). 400 only for a body that is not well-formed UTF-8 JSON of the shape',
          '`{ "events": [...] }` (at most 1,000 events); 413 beyond 5 MiB. `data.queryCode` is ignored: the platform makes every case\'s 查询码 (read it with GET /api/exchange/v1/cases/{caseNo}).',
        ].join(' '),
        body: z.object({ events: z.array(z.unknown()).max(1000, '每批至多 1000 个事件 (at most 1,000 events)') }),
      },
    }, (req) => pushEvents(ctx, req.actor, req.body));
  });

  app.get('/api/exchange/v1/cases/:caseNo', {
    config: { auth: 'apiKey' },
    schema: {
      tags: ['exchange'],
      summary: '查询案件状态 (case status as of an instant, §5)',
      description: '接口标准 v2 §5: `{ caseNo, itemCode, status, acceptedAt, dueAt, legalDueAt, light, currentStep, concludedAt, queryCode }` as of `asOf` (default now; within the calendar\'s range, 2000–2040). `concludedAt` is null until the case concludes; `queryCode` is the 查询码 the platform made, for the sender\'s notices.',
      params: z.object({ caseNo: z.string().min(1).max(200) }),
      querystring: z.object({ asOf: z.string().transform((s) => s.replace(' ', '+')).pipe(calendarInstant).optional() }),
    },
  }, (req) => exchangeCase(ctx, req.actor, req.params.caseNo, req.query.asOf ? new Date(req.query.asOf) : undefined));

  app.get('/api/exchange/v1/alerts', {
    config: { auth: 'apiKey' },
    schema: {
      tags: ['exchange'], summary: '本部门告警 (alerts of the key\'s department, §5)', description: ALERT_STATUS_DOC,
      querystring: z.object({ caseNo: z.string().min(1).max(200).optional() }),
    },
  }, (req) => exchangeAlerts(ctx, req.actor, req.query.caseNo));
};
