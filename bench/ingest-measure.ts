/** bench/ingest's measurements: CPU and page faults from /proc, WAL, CPU profiles, statement times. */
import fs from 'node:fs';
import type { Db } from '../src/store/db.js';

const sqlTimes = new Map<string, { n: number; ms: number; bytes: number }>();
const paramBytes = (params?: unknown[]) => (params ?? []).reduce<number>((n, p) => n + (p == null ? 0 : typeof p === 'string' ? Buffer.byteLength(p) : Buffer.isBuffer(p) ? p.length : typeof (p as any).toText === 'function' ? Buffer.byteLength((p as any).toText()) : Buffer.byteLength(JSON.stringify(p) ?? '')), 0);
export function profileSql(db: Db) {
  const wrapQ = (q: any) => {
    const orig = q.query.bind(q);
    q.query = async (sql: string, params?: unknown[], opts?: unknown) => {
      const bytes = paramBytes(params);
      const t = performance.now();
      try { return await orig(sql, params, opts); } finally {
        const k = sql.replace(/\s+/g, ' ').slice(0, 90);
        const s = sqlTimes.get(k) ?? { n: 0, ms: 0, bytes: 0 };
        s.n++; s.ms += performance.now() - t; s.bytes += bytes; sqlTimes.set(k, s);
      }
    };
    return q;
  };
  const tx = db.tx.bind(db);
  (db as any).tx = (fn: any) => tx((q: any) => fn(wrapQ(q)));
  process.on('exit', () => {
    for (const [k, v] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(v.ms.toFixed(0).padStart(7), String(v.n).padStart(6), `${(v.bytes / v.n / 1024).toFixed(1)} KiB`.padStart(10), k);
  });
}

/** A CPU profile of the API's turns only: paused while the raw INSERT runs (its samples dropped). */
export async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.setSamplingInterval', { interval: 200 });
  const parts: any[] = [];
  return {
    resume: async () => { await s.post('Profiler.start'); },
    pause: async () => parts.push((await s.post('Profiler.stop')).profile),
    async save(file: string) {
      parts.forEach((p, k) => fs.writeFileSync(file.replace(/\.cpuprofile$/, `.${k}.cpuprofile`), JSON.stringify(p)));
      s.disconnect();
    },
  };
}

/**
 * CPU seconds used so far (Linux /proc; zeros elsewhere): the platform's main thread, the
 * process's other threads (the senders' worker, libuv, GC helpers), and every PostgreSQL process
 * on the machine.
 */
export function cpuTimes() {
  const out = { main: 0, otherThreads: 0, postgres: 0, machineBusy: 0, machineIdle: 0, machineIowait: 0, machineSteal: 0, mainWait: 0, otherWait: 0, postgresWait: 0, mainFaults: 0, otherFaults: 0, postgresFaults: 0 };
  // schedstat's second field: nanoseconds spent runnable but waiting for a core
  const waitOf = (file: string) => Number(fs.readFileSync(file, 'utf8').split(' ')[1]) / 1e9;
  const fields = (stat: string) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = (stat: string) => { const f = fields(stat); return (Number(f[11]) + Number(f[12])) / 100; };
  // minor page faults: memory mapped afresh and touched (costly on a VM)
  const faults = (stat: string) => Number(fields(stat)[7]);
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const t = ticks(stat);
      const wait = waitOf(`/proc/self/task/${tid}/schedstat`);
      if (Number(tid) === process.pid) {
        out.main += t;
        out.mainWait += wait;
        out.mainFaults += faults(stat);
      } else {
        out.otherThreads += t;
        out.otherWait += wait;
        out.otherFaults += faults(stat);
      }
      // BENCH_THREADS: each thread's own figure, keyed t:<tid>:<name>
      if (process.env.BENCH_THREADS) (out as Record<string, number>)[`t:${tid}:${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`] = t;
    }
    // cpu  user nice system idle iowait irq softirq steal
    const m = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    out.machineBusy = (m[0] + m[1] + m[2] + m[5] + m[6]) / 100;
    out.machineIdle = m[3] / 100;
    out.machineIowait = m[4] / 100;
    out.machineSteal = m[7] / 100;
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.includes('(postgres)')) {
          out.postgres += ticks(stat);
          out.postgresFaults += faults(stat);
          out.postgresWait += waitOf(`/proc/${pid}/schedstat`);
        }
      } catch { /* gone */ }
    }
  } catch { /* not Linux */ }
  return out;
}

/** PostgreSQL's WAL position, to measure what a phase wrote (null on PGlite). */
export const walPosition = async (db: Db, kind: 'pglite' | 'postgres'): Promise<string | null> =>
  kind === 'postgres' ? (await db.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l'))[0].l : null;
export const walSince = async (db: Db, from: string | null): Promise<number | null> =>
  from === null ? null : Number((await db.query<{ n: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text AS n', [from]))[0].n);
export const walPerBatch = (bytes: number | null, batches: number) => (bytes === null ? '' : `; WAL ${(bytes / batches / 1024).toFixed(0)} KiB`);

export type Cpu = ReturnType<typeof cpuTimes>;
export const cpuSince = (cpu0: Cpu): Cpu => {
  const cpu1 = cpuTimes();
  return Object.fromEntries(Object.entries(cpu1).map(([k, v]) => [k, v - (cpu0[k as keyof Cpu] ?? 0)])) as Cpu;
};
export const cpuSum = (l: Cpu[]): Cpu => {
  const out = {} as Record<string, number>;
  for (const c of l) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  return out as Cpu;
};
