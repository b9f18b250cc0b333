import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest, onRequestHookHandler, preHandlerHookHandler } from 'fastify';
import { sha256hex } from '../../services/security/password.js';
import { AppError } from '../../errors.js';
import type { App } from '../app-types.js';

/**
 * Abuse limits (GB/T 22239-2019 8.1.4.1 b 限制非法登录次数; ASVS V2.2.1, V11.1.4): requests per
 * minute, per source address unless said otherwise; 429 RATE_LIMITED with Retry-After beyond.
 * Generous enough for a department system pushing batches (the exchange counts per key) and for
 * the test suite; XINGQUAN_RATE_LIMITS="login=30,progress=20" overrides, 0 turns one off.
 * Counters live in each process (several instances each count their own share).
 */
export const DEFAULT_RATE_LIMITS = {
  /**
   * POST /api/auth/login, per source: a guard against floods, set high enough for programs that
   * log in often (an integration suite); password guessing is stopped by the lockout per account
   * and source and the captcha after 3 failures, not by this.
   */
  login: 600,
  /** POST /api/auth/login, per account name (from any source). */
  loginAccount: 300,
  /** POST /api/public/cases/progress (query-code guessing). */
  progress: 30,
  /** POST /api/public/complaints. */
  complaint: 10,
  /** POST /api/public/applications and …/applications/correction (网上申请, 网上补正). */
  application: 10,
  /** POST /api/public/complaints/follow. */
  follow: 30,
  /** POST /api/public/ratings and /api/public/complaints/ratings. */
  rating: 10,
  /** GET /api/public/captcha. */
  captcha: 60,
  /** Every /api/exchange/v1/ call, per department key. */
  exchange: 1200,
} as const;
export type RateLimitName = keyof typeof DEFAULT_RATE_LIMITS;

const WINDOW_MS = 60_000;

interface Rule {
  name: RateLimitName;
  /** When the counter runs: onRequest (before the body is read) or preHandler (needs the body). */
  hook: 'onRequest' | 'preHandler';
  key?: (req: FastifyRequest) => string;
}

const bySource: Rule['key'] = (req) => req.ip;
const byAccount: Rule['key'] = (req) => `account:${String((req.body as { username?: unknown } | undefined)?.username ?? '').trim().toLowerCase()}`;
const byKey: Rule['key'] = (req) => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? `key:${sha256hex(h.slice(7).trim())}` : `ip:${req.ip}`;
};

/** Which routes count against which limits (method + URL as registered). */
function rulesFor(method: string, url: string): Rule[] {
  if (url.startsWith('/api/exchange/v1/')) return [{ name: 'exchange', hook: 'onRequest', key: byKey }];
  if (method !== 'POST' && !(method === 'GET' && url === '/api/public/captcha')) return [];
  switch (url) {
    case '/api/auth/login': return [{ name: 'login', hook: 'onRequest', key: bySource }, { name: 'loginAccount', hook: 'preHandler', key: byAccount }];
    case '/api/public/cases/progress':
    case '/api/public/cases/notices':
    case '/api/public/cases/notices/download': return [{ name: 'progress', hook: 'onRequest', key: bySource }];
    case '/api/public/complaints': return [{ name: 'complaint', hook: 'onRequest', key: bySource }];
    case '/api/public/applications':
    case '/api/public/applications/correction': return [{ name: 'application', hook: 'onRequest', key: bySource }];
    case '/api/public/complaints/follow':
    case '/api/public/complaints/receipt':
    // attachments are added with the number and query code: the same guard against guessing codes
    case '/api/public/complaints/attachments': return [{ name: 'follow', hook: 'onRequest', key: bySource }];
    case '/api/public/ratings':
    case '/api/public/complaints/ratings': return [{ name: 'rating', hook: 'onRequest', key: bySource }];
    case '/api/public/captcha': return [{ name: 'captcha', hook: 'onRequest', key: bySource }];
    default: return [];
  }
}

const asArray = <T>(h: T | T[] | undefined): T[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);

/** Registers the plugin and an onRoute hook that puts each limit on its routes (call before the routes). */
export async function registerRateLimits(app: App, overrides: Record<string, number>): Promise<void> {
  for (const k of Object.keys(overrides)) {
    if (!(k in DEFAULT_RATE_LIMITS)) throw new Error(`配置错误 (invalid configuration) XINGQUAN_RATE_LIMITS: unknown limit "${k}" (known: ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')})`);
  }
  const limits: Record<RateLimitName, number> = { ...DEFAULT_RATE_LIMITS, ...overrides };
  await app.register(rateLimit, { global: false });
  app.addHook('onRoute', (route) => {
    const methods = asArray(route.method);
    for (const rule of methods.flatMap((m) => rulesFor(String(m), route.url))) {
      const max = limits[rule.name];
      if (!max) continue;
      // createRateLimit, not rateLimit(): the plugin's own hook runs once per request, and login has two limits
      const check = app.createRateLimit({ max, timeWindow: WINDOW_MS, keyGenerator: (req: FastifyRequest) => `${rule.name}|${rule.key!(req)}` });
      const hook = async (req: FastifyRequest, reply: FastifyReply) => {
        const r = await check(req);
        if (r.isAllowed || !r.isExceeded) return;
        reply.header('retry-after', String(r.ttlInSeconds));
        throw new AppError('RATE_LIMITED', `请求过于频繁，请 ${r.ttlInSeconds} 秒后再试 (too many requests; retry in ${r.ttlInSeconds} s)`, { limit: rule.name, retryAfterSeconds: r.ttlInSeconds });
      };
      if (rule.hook === 'onRequest') route.onRequest = [...asArray(route.onRequest), hook as onRequestHookHandler];
      else route.preHandler = [...asArray(route.preHandler), hook as preHandlerHookHandler];
    }
  });
}
