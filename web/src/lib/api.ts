/** The API client: cookie session + X-CSRF-Token on every non-GET; errors in the API's shape. */
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

export async function request<T = any>(method: string, url: string, body?: unknown, query?: Query): Promise<T> {
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

export const api = {
  get: <T = any>(url: string, query?: Query) => request<T>('GET', url, undefined, query),
  post: <T = any>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T = any>(url: string, body?: unknown) => request<T>('PUT', url, body ?? {}),
  patch: <T = any>(url: string, body?: unknown) => request<T>('PATCH', url, body ?? {}),
  del: <T = any>(url: string) => request<T>('DELETE', url),
  upload: <T = any>(url: string, form: FormData) => request<T>('POST', url, form),
};

/** Lists come back as arrays or as {items|data|rows|…: [...]}: take the array. */
export function asList<T = any>(data: unknown, ...keys: string[]): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    for (const k of [...keys, 'items', 'data', 'rows', 'results', 'list']) if (Array.isArray(o[k])) return o[k] as T[];
    const arr = Object.values(o).find(Array.isArray);
    if (arr) return arr as T[];
  }
  return [];
}
