import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { AppError } from '../../errors.js';
import type { App } from '../app-types.js';

/**
 * Input hygiene on every route (GB/T 22239-2019 8.1.4.4 e 数据有效性检验; ASVS V5.1.3, V5.1.4):
 * a JSON body must be valid UTF-8, and no string anywhere in the body, the query or the path
 * may hold a NUL, a lone surrogate or more than MAX_STRING characters. Each answers 400
 * VALIDATION naming the field as the schemas do (`body.complainant.name`, `querystring.q`, `params.id`) before the route's own schema or
 * any SQL sees it. The exchange push is left to its own per-event check (interface standard
 * §3: one bad event is rejected alone, not the batch).
 */
export const MAX_STRING = 65_536;
const BAD_CHAR = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const OWN_CHECK = new Set(['/api/exchange/v1/events']);

/** The first bad string in a value: [path, problem], or null. */
export function badString(v: unknown, path: string, depth = 0): [string, string] | null {
  if (typeof v === 'string') {
    if (v.length > MAX_STRING) return [path, `过长 (longer than ${MAX_STRING} characters)`];
    if (BAD_CHAR.test(v)) return [path, v.includes('\u0000') ? '含空字符 (contains a NUL character)' : '含无效的 Unicode 代理字符 (contains a lone surrogate)'];
    return null;
  }
  if (depth > 64 || v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = badString(v[i], `${path}.${i}`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  for (const [k, x] of Object.entries(v)) {
    const keyBad = badString(k, `${path}.${k.slice(0, 40)}`, depth + 1);
    if (keyBad) return [keyBad[0], `字段名${keyBad[1]} (bad key)`];
    const bad = badString(x, `${path}.${k}`, depth + 1);
    if (bad) return bad;
  }
  return null;
}

/** The name of the first query parameter whose percent-encoding is not UTF-8 (the parser would keep it silently), or null. */
export function badlyEncodedQuery(url: string): string | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    for (const part of [k, v]) {
      try {
        decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        let name = k;
        try { name = decodeURIComponent(k); } catch { name = '?'; }
        return name.slice(0, 40);
      }
    }
  }
  return null;
}

export function registerInputHygiene(app: App): void {
  // JSON bodies: bytes checked as UTF-8 before the parser decodes them (decoding turns bad bytes into U+FFFD silently)
  app.addHook('preParsing', async (req, _reply, payload) => {
    if (OWN_CHECK.has(req.routeOptions.url ?? '') || !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return payload;
    const limit = req.routeOptions.bodyLimit ?? Infinity;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of payload) {
      const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
      size += b.length;
      if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE', '请求体过大 (request body too large)');
      chunks.push(b);
    }
    const buf = Buffer.concat(chunks);
    if (!isUtf8(buf)) throw new AppError('VALIDATION', 'body: 请求体不是有效的 UTF-8 (the body is not valid UTF-8)', { field: 'body' });
    return Readable.from([buf]);
  });
  app.addHook('preValidation', async (req) => {
    const badQuery = badlyEncodedQuery(req.url);
    if (badQuery) throw new AppError('VALIDATION', `querystring.${badQuery}: 不是有效的 UTF-8 编码 (not valid percent-encoded UTF-8)`, { field: `querystring.${badQuery}` });
    const url = req.routeOptions.url ?? '';
    const bad = badString(req.params, 'params') ?? badString(req.query, 'querystring') ?? (OWN_CHECK.has(url) ? null : badString(req.body, 'body'));
    if (bad) throw new AppError('VALIDATION', `${bad[0]}: ${bad[1]}`, { field: bad[0] });
  });
}
