import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrf } from './api';

export interface Grant { role: string; regionCode: string | null; departmentCode: string | null }
export interface Me {
  id: string;
  username: string;
  name: string;
  region: { code: string; name: string } | null;
  department: { code: string; name: string } | null;
  grants: Grant[];
  permissions: string[];
  csrfToken?: string;
  mustChangePassword?: boolean;
}

/** The second factor and captcha a login may carry (interface standard §6). */
export interface LoginExtra { totp?: string; recoveryCode?: string; captchaId?: string; captcha?: string }

interface Auth {
  me: Me | null;
  loading: boolean;
  mustChangePassword: boolean;
  login: (username: string, password: string, extra?: LoginExtra) => Promise<{ mustChangePassword: boolean; recoveryCodes?: string[] }>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  can: (perm: string) => boolean;
  hasRole: (role: string) => boolean;
  passwordChanged: () => Promise<void>;
}

const Ctx = createContext<Auth | null>(null);

/**
 * Public pages (the hall, the login form) ask who is signed in only when this browser
 * signed in before: a visitor's page load makes no request that answers 401.
 */
const HINT = 'xq.signedIn';
const isPublicPath = (p: string) => p === '/' || p.startsWith('/hall') || p.startsWith('/login');
const markSignedIn = (yes: boolean) => { if (yes) localStorage.setItem(HINT, '1'); else localStorage.removeItem(HINT); };

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [mustChange, setMustChange] = useState(() => sessionStorage.getItem('xq.mustChange') === '1');

  const refresh = useCallback(async () => {
    if (isPublicPath(window.location.pathname) && !localStorage.getItem(HINT)) { setMe(null); setLoading(false); return; }
    try {
      const m = await api.get<Me>('/api/auth/me');
      if (m.csrfToken) setCsrf(m.csrfToken);
      if (m.mustChangePassword !== undefined) { setMustChange(!!m.mustChangePassword); sessionStorage.setItem('xq.mustChange', m.mustChangePassword ? '1' : '0'); }
      setMe(m);
      markSignedIn(true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PASSWORD_CHANGE_REQUIRED') setMustChange(true);
      else markSignedIn(false);
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => { void refresh(); }, [refresh]);

  const login = useCallback(async (username: string, password: string, extra: LoginExtra = {}) => {
    const r = await api.post<{ token: string; csrfToken: string; mustChangePassword: boolean; recoveryCodes?: string[] }>('/api/auth/login', { username, password, ...extra });
    setCsrf(r.csrfToken);
    markSignedIn(true);
    setMustChange(!!r.mustChangePassword);
    sessionStorage.setItem('xq.mustChange', r.mustChangePassword ? '1' : '0');
    await refresh();
    return { mustChangePassword: !!r.mustChangePassword, recoveryCodes: r.recoveryCodes };
  }, [refresh]);

  const logout = useCallback(async () => {
    try { await api.post('/api/auth/logout'); } catch { /* already gone */ }
    setCsrf(null);
    markSignedIn(false);
    sessionStorage.removeItem('xq.mustChange');
    setMe(null);
  }, []);

  const passwordChanged = useCallback(async () => {
    setMustChange(false);
    sessionStorage.setItem('xq.mustChange', '0');
    await refresh();
  }, [refresh]);

  const value: Auth = {
    me, loading, mustChangePassword: mustChange, login, logout, refresh, passwordChanged,
    can: (p) => !!me?.permissions.includes(p),
    hasRole: (r) => !!me?.grants.some((g) => g.role === r),
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const c = useContext(Ctx);
  if (!c) throw new Error('AuthProvider missing');
  return c;
}
