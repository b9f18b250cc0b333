import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../src/http/security/rate-limits.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { casePlatform, type CasePlatform } from '../cases/case-helpers.js';

/**
 * Input hygiene over the whole API (issue 24 item 5): every route of GET /api/openapi.json,
 * every path, query and body parameter, called with NUL, lone surrogates, over-long strings and
 * invalid UTF-8, and with bodies from the schemas mutated by fast-check: no 500, no stack trace.
 */
type Op = { method: string; path: string; params: { in: string; name: string; schema: any }[]; body: any | null };

const BAD: Record<string, string> = {
  nul: 'a\u0000b',
  loneHigh: 'x\uD800y',
  loneLow: '\uDC00',
  long: 'L'.repeat(70_000),
};
// routes that end the caller's own session or move the drill clock: left out (they answer, but the run needs its session)
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/admin/clock']);

/** A value that fits the JSON schema closely enough to reach the service. */
function sample(s: any, depth = 0): unknown {
  if (!s || depth > 6) return 'x';
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alt) return sample(alt.find((x: any) => x.type !== 'null') ?? alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries<any>(s.properties ?? {})) if ((s.required ?? []).includes(k) || depth === 0) o[k] = sample(v, depth + 1);
      return o;
    }
    case 'array': return s.minItems ? [sample(s.items, depth + 1)] : [];
    case 'integer': case 'number': return s.minimum ?? 1;
    case 'boolean': return true;
    case 'string':
      if (s.format === 'date-time') return '2026-03-02T10:00:00+08:00';
      if (s.format === 'date') return '2026-03-02';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    default: return 'x';
  }
}

/** Every string position in a value: paths to set. */
function stringPaths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof v === 'string') return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...at, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [[...at, k], ...stringPaths(x, [...at, k])].filter((p, i) => i > 0 || typeof x !== 'object'));
  return [];
}

/** Percent-encoding that keeps a lone surrogate as the bytes a client would send for it (CESU-8, invalid UTF-8). */
const enc = (s: string): string => s.split(/([\uD800-\uDFFF])/).map((part) => /^[\uD800-\uDFFF]$/.test(part)
  ? [0xe0 | (part.charCodeAt(0) >> 12), 0x80 | ((part.charCodeAt(0) >> 6) & 0x3f), 0x80 | (part.charCodeAt(0) & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')
  : encodeURIComponent(part)).join('');

function setAt(v: any, p: (string | number)[], x: unknown): any {
  if (!p.length) return x;
  const copy = Array.isArray(v) ? [...v] : { ...v };
  copy[p[0]] = setAt(v?.[p[0]], p.slice(1), x);
  return copy;
}

describe('fuzzing every OpenAPI route: no 500', () => {
  let p: CasePlatform;
  let ops: Op[];
  let user: Record<string, string>;
  beforeAll(async () => {
    // the abuse limits are tested on their own (rate-limits.test.ts): off here, or the run meets 429s
    p = await casePlatform(undefined, { rateLimits: Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, 0])) });
    await seedUser(p.db, { username: 'fz_sys', role: 'system_admin' });
    user = await bearer(p.app, 'fz_sys');
    const doc = (await p.app.inject({ method: 'GET', url: '/api/openapi.json', headers: user })).json(); // the whole reference (issue 24 item 11)
    ops = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (SKIP.has(`${method.toUpperCase()} ${path}`)) continue;
        ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema ?? null });
      }
    }
  });
  afterAll(() => p.close());

  const call = async (op: Op, o: { path?: Record<string, string>; query?: Record<string, string>; body?: unknown; raw?: Buffer }) => {
    const url = op.path.replace(/\{(\w+)\}/g, (_, k) => enc(o.path?.[k] ?? 'x1'));
    const qs = Object.entries(o.query ?? {}).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
    const auth = op.path.startsWith('/api/exchange/') ? { authorization: `Bearer ${p.key}` } : user;
    const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
    const r = await p.app.inject({
      method: op.method as any, url: qs ? `${url}?${qs}` : url,
      headers: { ...auth, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      payload: hasBody ? (o.raw ?? JSON.stringify(o.body ?? sample(op.body) ?? {})) : undefined,
    });
    return r;
  };
  const noServerError = (what: string, r: { statusCode: number; body: string }) => {
    expect(r.statusCode, `${what} → ${r.statusCode} ${r.body.slice(0, 300)}`).toBeLessThan(500);
    expect(r.body).not.toMatch(/\bat [^\s]+ \(?[^\s]*\.(ts|js):\d+/);
  };

  it('publishes the routes it fuzzes', () => {
    expect(ops.length).toBeGreaterThan(60);
    expect(ops.some((o) => o.path === '/api/public/cases/progress' && o.method === 'POST')).toBe(true);
  });

  it('every parameter of every route, each bad string: 400 naming the field (never 500)', async () => {
    let checked = 0;
    for (const op of ops) {
      const positions: { where: 'path' | 'query' | 'body'; name: string; bodyPath?: (string | number)[] }[] = [
        ...op.params.filter((x) => x.in === 'path' || x.in === 'query').map((x) => ({ where: x.in as 'path' | 'query', name: x.name })),
        ...(op.body ? stringPaths(sample(op.body)).map((bp) => ({ where: 'body' as const, name: bp.join('.'), bodyPath: bp })) : []),
      ];
      for (const pos of positions) {
        for (const [kind, bad] of Object.entries(BAD)) {
          if (pos.where === 'path' && kind === 'long') continue; // a URL of 70 KB is refused by the HTTP layer itself
          const r = pos.where === 'path' ? await call(op, { path: { [pos.name]: bad } })
            : pos.where === 'query' ? await call(op, { query: { [pos.name]: bad } })
            : await call(op, { body: setAt(sample(op.body), pos.bodyPath!, bad) });
          const what = `${op.method} ${op.path} ${pos.where}.${pos.name} ${kind}`;
          noServerError(what, r);
          if (op.path !== '/api/exchange/v1/events') {
            expect(r.statusCode, `${what}: ${r.body.slice(0, 200)}`).toBe(400);
            // a lone surrogate cannot travel in a URL: its bytes are invalid UTF-8, refused by the router before any parameter is named
            const field = pos.where === 'body' ? (pos.name ? `body.${pos.name}` : 'body') /* a body the schema leaves free is itself the bad string */ : pos.where === 'query' ? `querystring.${pos.name}` : kind.startsWith('lone') ? 'params' : `params.${pos.name}`;
            expect(r.json().error.message, what).toContain(field);
          }
          checked++;
        }
      }
      if (op.body) {
        const raw = Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
        const r = await call(op, { raw });
        noServerError(`${op.method} ${op.path} invalid UTF-8`, r);
        if (op.path !== '/api/exchange/v1/events') expect(r.statusCode).toBe(400);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  }, 300_000);

  it('bodies from the schemas mutated by fast-check: no 500', async () => {
    const withBody = ops.filter((o) => o.body);
    const weird = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(...Object.values(BAD), '', ' ', '\u202e', '\uFEFF', "'; DROP TABLE users; --", '../../etc/passwd', '%00', '\\u0000', '9'.repeat(400)),
      fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: withBody.length - 1 }), fc.nat(), weird, fc.boolean(), async (i, j, value, dropOne) => {
        const op = withBody[i];
        let body: any = sample(op.body);
        const paths = stringPaths(body).concat(Object.keys(body ?? {}).map((k) => [k]));
        if (paths.length) {
          const at = paths[j % paths.length];
          body = dropOne && at.length === 1 ? Object.fromEntries(Object.entries(body).filter(([k]) => k !== at[0])) : setAt(body, at, value);
        }
        const r = await call(op, { body, path: { id: typeof value === 'string' ? value.slice(0, 60) || 'x' : 'x' } });
        noServerError(`${op.method} ${op.path} ${JSON.stringify(body).slice(0, 200)}`, r);
      }),
      { numRuns: 400, seed: 2026 },
    );
  }, 300_000);

  it('queries with bad percent-encoding and odd values: no 500', async () => {
    for (const op of ops.filter((o) => o.params.some((x) => x.in === 'query'))) {
      for (const q of op.params.filter((x) => x.in === 'query')) {
        for (const raw of ['%FF%FE', '%C3%28', '%ED%A0%80', '%00', '-1', '1e309', '2026-13-45']) {
          const url = `${op.path.replace(/\{(\w+)\}/g, 'x1')}?${q.name}=${raw}`;
          const auth = op.path.startsWith('/api/exchange/') ? { authorization: `Bearer ${p.key}` } : user;
          const r = await p.app.inject({ method: op.method as any, url, headers: auth });
          noServerError(`${op.method} ${url}`, r);
        }
      }
    }
  }, 300_000);
});
