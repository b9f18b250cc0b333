import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../lib/api';
import { fmtTime } from '../lib/format';
import { useI18n } from '../lib/i18n';

export interface ClockInfo { now: string; simulated: boolean }

let listeners: ((c: ClockInfo) => void)[] = [];
/** Tell banners the clock moved (the admin clock page calls it). */
export function clockMoved(c: ClockInfo): void { listeners.forEach((l) => l(c)); }

export function useClock(): ClockInfo | null {
  const [c, setC] = useState<ClockInfo | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => api.get<ClockInfo>('/api/clock').then((x) => live && setC(x), () => undefined);
    load();
    const l = (x: ClockInfo) => live && setC(x);
    listeners.push(l);
    const timer = setInterval(load, 30_000);
    return () => { live = false; clearInterval(timer); listeners = listeners.filter((f) => f !== l); };
  }, []);
  return c;
}

/** Shown on every page while the platform runs on the simulated clock (演练时钟). */
export function ClockBanner() {
  const c = useClock();
  const { t } = useI18n();
  if (!c?.simulated) return null;
  return <Alert type="warning" banner showIcon title={<span data-testid="clock-banner">{t('simulatedClock')}：{fmtTime(c.now)}</span>} />;
}
