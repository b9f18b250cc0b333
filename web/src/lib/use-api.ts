import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiState<T> { data: T | undefined; loading: boolean; error: unknown; reload: () => void }

/** Runs `fn` when deps change; keeps loading/error/data for the page. */
export function useApi<T>(fn: () => Promise<T>, deps: unknown[], enabled = true): ApiState<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    if (!enabled) { setLoading(false); return; }
    let live = true;
    setLoading(true);
    setError(null);
    fnRef.current().then((d) => { if (live) setData(d); }, (e) => { if (live) { setError(e); setData(undefined); } })
      .finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, enabled]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}
