import { z } from 'zod';
import type { RouteModule } from '../app-types.js';
import { publicProgress } from '../../services/cases/public-progress.service.js';

/**
 * 办件进度公开查询 (达州意见 三(七)): case number + query code, no login. POST so the query
 * code stays out of URLs, browser history, proxies' and the platform's access logs.
 */
export const publicCasesRoutes: RouteModule = (app, ctx) => {
  app.post('/api/public/cases/progress', {
    config: { auth: 'public' },
    schema: {
      tags: ['public'], summary: '办件进度查询 (case progress by number and query code, in the JSON body)',
      body: z.object({ caseNo: z.string().trim().min(1).max(200), queryCode: z.string().trim().min(4).max(40) }),
    },
  }, (req) => publicProgress(ctx, req.body));
};
