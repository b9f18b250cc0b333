/** The API client: cookie session + X-CSRF-Token on every non-GET; errors in the API's shape. */
import type { paths } from './api-types';

export interface ApiErrorBody { code: string; message: string; details?: unknown }

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public details?: unknown) {
    super(message);
  }
}

let csrfToken: string | null = sessionStorage.getItem('xq.csrf');
export function setCsrf(token: string | null): void {
  csrfToken = token;
  if (token) sessionStorage.setItem('xq.csrf', token);
  else sessionStorage.removeItem('xq.csrf');
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function qs(q?: Query): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try { return JSON.parse(text); } catch { return text; }
}

export async function request<T = unknown>(method: string, url: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url + qs(query), { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络 (cannot reach the server)');
  }
  const data = await parse(res);
  if (!res.ok) {
    const e = (data as { error?: ApiErrorBody } | null)?.error;
    if (e) throw new ApiError(res.status, e.code, e.message, e.details);
    throw new ApiError(res.status, 'HTTP_' + res.status, `请求失败 (${res.status})`);
  }
  return data as T;
}

/** '/api/cases/{id}/accept' → `/api/cases/${string}/accept`: a route of the OpenAPI document as the app writes it. */
type Concrete<P extends string> = P extends `${infer A}{${string}}${infer B}` ? `${A}${string}${Concrete<B>}` : P;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/**
 * The URLs the server answers for a method (web/src/lib/api-types.ts, generated from its OpenAPI
 * document): a path the server does not have, or has for another method, does not compile.
 */
export type ApiPath<M extends Method> = { [P in keyof paths]: paths[P][M] extends undefined ? never : Concrete<P> }[keyof paths];

/**
 * The client. T is the response's shape, declared by the caller (web/src/lib/api-models.ts and the
 * feature modules); the server's routes declare request schemas only, so the generated document
 * types the paths and parameters, not the replies.
 */
export const api = {
  get: <T = unknown>(url: ApiPath<'get'>, query?: Query) => request<T>('GET', url, undefined, query),
  post: <T = unknown>(url: ApiPath<'post'>, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T = unknown>(url: ApiPath<'put'>, body?: unknown) => request<T>('PUT', url, body ?? {}),
  patch: <T = unknown>(url: ApiPath<'patch'>, body?: unknown) => request<T>('PATCH', url, body ?? {}),
  del: <T = unknown>(url: ApiPath<'delete'>) => request<T>('DELETE', url),
  upload: <T = unknown>(url: ApiPath<'post'>, form: FormData, query?: Query) => request<T>('POST', url, form, query),
};

/** Lists come back as arrays or as {items|data|rows|…: [...]}: take the array. */
export function asList<T>(data: unknown, ...keys: string[]): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    for (const k of [...keys, 'items', 'data', 'rows', 'results', 'list']) if (Array.isArray(o[k])) return o[k] as T[];
    const arr = Object.values(o).find(Array.isArray);
    if (arr) return arr as T[];
  }
  return [];
}
