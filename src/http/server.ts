import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../services/context.js';
import { API_KEY_PREFIX, resolveApiKey, resolveApiKeyForPush, resolveSession } from '../services/auth.service.js';
import { AppError } from '../errors.js';
import { errorHandler, sendError } from './errors.js';
import type { App, AuthMode } from './app-types.js';
import { routeModules } from './routes/index.js';
import { registerSecurity } from './security/index.js';

export const SESSION_COOKIE = 'xq_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ServerOptions {
  logger?: boolean;
}

export async function buildServer(ctx: AppContext, opts: ServerOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: opts.logger === false ? undefined : (ctx.log as any),
    logger: opts.logger === false ? false : undefined,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy as any, // XINGQUAN_TRUST_PROXY: req.ip and req.protocol from X-Forwarded-For/-Proto
    return503OnClosing: true,
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply), // a badly encoded URL gets the one error shape too
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('actor', null as any);
  app.decorateRequest('csrfToken', null);

  // Item 11: the routes anyone may call (auth 'public'), for the API reference shown without login.
  const publicOps = new Set<string>();
  app.addHook('onRoute', (r) => {
    // §9 platform routes are 'public' at this edge but need the platform key (checked in their service): not public
    if (r.config?.auth !== 'public' || !r.url.startsWith('/api/') || r.url.startsWith('/api/platform/')) return;
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) publicOps.add(`${m.toLowerCase()} ${path}`);
  });

  await registerSecurity(app, ctx);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.evidenceMaxBytes, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Xingquan 行权平台 API', version: '1.0.0', description: 'Interface standard v1 and the platform API' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });

  // Who is calling: a bearer token (session or department key) or the session cookie.
  app.addHook('onRequest', async (req, reply) => {
    req.actor = { kind: 'public', sourceIp: req.ip };
    if (!req.url.startsWith('/api/')) return;
    const mode: AuthMode = req.routeOptions.config?.auth ?? 'user';
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const cookieToken = req.cookies?.[SESSION_COOKIE] ?? null;
    try {
      if (bearer && bearer.startsWith(API_KEY_PREFIX)) {
        req.actor = req.routeOptions.config?.keyCheckedInTransaction ? await resolveApiKeyForPush(ctx, bearer, req.ip) : await resolveApiKey(ctx, bearer, req.ip);
      } else if (bearer || cookieToken) {
        const s = await resolveSession(ctx, (bearer ?? cookieToken)!, req.ip);
        req.actor = s.actor;
        req.csrfToken = s.csrfToken;
        // CSRF: a cookie-authenticated change must echo the session's token in a header.
        if (!bearer && !SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== s.csrfToken) {
          throw new AppError('CSRF', '缺少或错误的 CSRF 令牌 (missing or wrong X-CSRF-Token header)');
        }
        if (s.mustChangePassword && !req.routeOptions.config?.allowPasswordChange && mode !== 'public') {
          throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录须先修改密码 (change your password before continuing)');
        }
      }
    } catch (e) {
      if (mode === 'public' && e instanceof AppError && e.code === 'UNAUTHENTICATED') return; // public pages ignore stale credentials
      throw e;
    }
    const kind = req.actor.kind;
    if (mode === 'public') return;
    if (kind === 'public') return sendError(reply, 'UNAUTHENTICATED', '请先登录 (authentication required)');
    if (mode === 'user' && kind !== 'user') return sendError(reply, 'FORBIDDEN', '此接口仅供用户登录后使用 (user session required)');
    if (mode === 'apiKey' && kind !== 'apiKey') return sendError(reply, 'FORBIDDEN', '此接口仅供部门 API 密钥使用 (department API key required)');
  });

  // The API reference: without login only the public routes (the hall, public progress, complaints, ratings …);
  // a signed-in user or a department key sees the whole of it.
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async (req) => {
    const doc = app.swagger() as { info?: Record<string, unknown>; paths?: Record<string, Record<string, unknown>> };
    if (req.actor.kind === 'user' || req.actor.kind === 'apiKey') return doc;
    const paths: Record<string, Record<string, unknown>> = {};
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const ops = Object.fromEntries(Object.entries(item).filter(([m]) => publicOps.has(`${m} ${path}`)));
      if (Object.keys(ops).length) paths[path] = ops;
    }
    return {
      ...doc, paths,
      info: { ...doc.info, description: `${String(doc.info?.description ?? '')}. 未登录: 仅列出无需登录的公开接口 (public routes only; sign in or send a bearer token for the whole reference).` },
    };
  });

  for (const mod of routeModules) await mod(app, ctx);

  const webDir = ctx.config.webDir ?? path.resolve(process.cwd(), 'web/dist');
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return sendError(reply, 'NOT_FOUND', `没有这个接口 (no such endpoint): ${req.method} ${req.url.split('?')[0]}`);
    }
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
