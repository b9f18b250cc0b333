import { useEffect, useState } from 'react';
import { api, asList } from './api';
import { useAuth } from './auth';
import type { Named } from './api-models';

/**
 * Departments by their names: a department code (511702-STJ) is shown as 通川区生态环境局.
 * The names come once per page load from the public catalog (departments with published
 * items) and, for staff who may read the organisation, from /api/org/departments.
 */
const names = new Map<string, string>();
let loaded: Promise<void> | null = null;
let loadedOrg = false;
const listeners = new Set<() => void>();

function load(withOrg: boolean): Promise<void> {
  const parts: Promise<unknown>[] = [];
  if (!loaded) parts.push(api.get('/api/public/catalog/departments').then((d) => { for (const x of asList<Named>(d, 'departments')) names.set(x.code, x.name); }, () => undefined));
  if (withOrg && !loadedOrg) {
    loadedOrg = true;
    parts.push(api.get('/api/org/departments', { limit: 1000 }).then((d) => { for (const x of asList<Named>(d, 'departments')) names.set(x.code, x.name); }, () => undefined));
  }
  const p = Promise.all(parts).then(() => { listeners.forEach((l) => l()); });
  loaded = loaded ? loaded.then(() => p) : p;
  return p;
}

/** A function from department code to its name (the code itself until the names arrive, or when unknown). */
export function useDeptName(): (code: string | null | undefined) => string {
  const { can } = useAuth();
  const [, setTick] = useState(0);
  const withOrg = can('org.read');
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    void load(withOrg);
    return () => { listeners.delete(l); };
  }, [withOrg]);
  return (code) => (code ? names.get(code) ?? code : '—');
}

/** A department by its name; the code stays in the tooltip. */
export function DeptName({ code }: { code: string | null | undefined }) {
  const name = useDeptName();
  return <span title={code ?? undefined}>{name(code)}</span>;
}
