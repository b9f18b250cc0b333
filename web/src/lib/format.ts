import dayjs from 'dayjs';

/** Instants shown in China Standard Time (interface standard §1). */
export function fmtTime(v: unknown): string {
  if (!v) return '—';
  const d = dayjs(v as string);
  if (!d.isValid()) return String(v);
  const cst = new Date(d.valueOf() + 8 * 3600_000);
  return cst.toISOString().slice(0, 16).replace('T', ' ');
}

export function fmtDate(v: unknown): string {
  if (!v) return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return fmtTime(v).slice(0, 10);
}

export function fmtPct(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  if (Number.isNaN(n)) return String(v);
  return `${(n * 100).toFixed(1)}%`;
}

export function fmtMoney(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return `¥${Number(v).toLocaleString('zh-CN')}`;
}

/** Now (business time, from the server) as an ISO instant with +08:00. */
export function toCstIso(d: Date): string {
  const cst = new Date(d.getTime() + 8 * 3600_000);
  return cst.toISOString().slice(0, 19) + '+08:00';
}

/** A deadline instant: midnight China time is shown as 24:00 of the day before (§1: due at the end of the day). */
export function fmtDue(v: unknown): string {
  const s = fmtTime(v);
  if (!s.endsWith(' 00:00')) return s;
  const d = new Date(Date.parse(s.slice(0, 10) + 'T00:00:00Z') - 86_400_000).toISOString().slice(0, 10);
  return `${d} 24:00`;
}
