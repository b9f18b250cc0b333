import helmet from '@fastify/helmet';
import type { App } from '../app-types.js';

/**
 * Security headers on every answer, app and API alike (GB/T 22239-2019 8.1.4.4; ASVS V3.4,
 * V14.4): a CSP with scripts from the platform's own origin only (Vite emits no inline script),
 * styles also inline because Ant Design writes its CSS-in-JS into <style> elements at run time
 * (a nonce would have to reach every antd style tag; 'unsafe-inline' for styles only, never
 * scripts), no framing (frame-ancestors 'none' and X-Frame-Options DENY), nosniff, a strict
 * Referrer-Policy, and HSTS only on requests that arrived over TLS (directly, or through a
 * trusted proxy's X-Forwarded-Proto).
 */
export async function registerHeaders(app: App): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // 川办 电子监察办法 第十一条(一): the service windows' cameras play from the hall's own video platform
        // (another origin, http or https: a GB/T 28181 platform inside the government network); media
        // only, never scripts or fetches. Browsers without native HLS (hls.js) also need the platform in connect-src.
        mediaSrc: ["'self'", 'blob:', 'http:', 'https:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}
