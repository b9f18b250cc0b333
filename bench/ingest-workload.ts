/** The ingest benchmarks' workload (bench/ingest.ts, bench/ingest-cpu.ts). */
import { randomBytes } from 'node:crypto';

export const CASES = Number(process.env.BENCH_CASES ?? 10_000);
export const SENDERS = Math.max(1, Number(process.env.BENCH_SENDERS ?? 1));
/** Sender k is the system of department k (the first is 通川区生态环境局). */
export const DEPTS = Array.from({ length: SENDERS }, (_, k) => (k === 0 ? '511702-STJ' : `511702-B${String(k).padStart(2, '0')}`));
/**
 * Cases pushed before the timed run by a department of their own (BENCH_WARMUP, default 5,000):
 * the platform is measured as the running server it is in production, its code compiled by the
 * JIT, not while it compiles. The raw INSERT inserts the same warm-up rows into its table first.
 */
export const WARMUP_CASES = Number(process.env.BENCH_WARMUP ?? 5000);
export const WARMUP_DEPT = '511702-W00';
export const WARMUP_SENDER = 90;

export type Ev = { eventId: string; caseNo: string; type: string; occurredAt: string; actor: object; data: object };
export const officer = (k: number) => ({ id: `o-${17 + k}`, name: '李明', certificateNo: `5117022026${String(17 + k).padStart(4, '0')}` });

/**
 * ~10 events a case: registration, three steps, correction, suspension/resumption, evidence,
 * decision, execution, closing. Case i belongs to department i mod SENDERS. One list per department.
 */
export function workload(opts: { cases?: number; senders?: number; prefix?: string; sender?: (d: number) => number; daysBefore?: number } = {}): Ev[][] {
  const { cases = CASES, senders = SENDERS, prefix = 'B', sender = (d: number) => d, daysBefore = 0 } = opts;
  const out: Ev[][] = Array.from({ length: senders }, () => []);
  const H = 3_600_000;
  const t0 = Date.parse('2026-03-02T01:00:00Z') - daysBefore * 24 * H;
  for (let i = 0; i < cases; i++) {
    const d = sender(i % senders);
    const actor = officer(d);
    const no = `${prefix}${String(i).padStart(6, '0')}`;
    const start = t0 + (i % 2000) * 60_000 + Math.floor(i / 2000) * 24 * H;
    let k = 0;
    const e = (type: string, h: number, data: object = {}) =>
      out[i % senders].push({ eventId: `${no}-${++k}`, caseNo: no, type, occurredAt: new Date(start + h * H).toISOString(), actor, data });
    e('case.registered', 0, { itemCode: `P-BENCH-${d + 1}`, counterparty: { kind: i % 3 ? 'person' : 'organization', name: `相对人${i}` }, channel: 'exchange' });
    e('correction.requested', 1, { materials: ['营业执照', '现场照片'], reason: '材料不全' });
    // suspended during the first step (see the report: supervision's step rule fails on an open suspension after a completed step)
    e('case.suspended', 2, { reason: '等待补正材料', basis: '《行政处罚法》' });
    e('case.resumed', 26);
    e('step.completed', 28, { step: 'register', opinion: { verdict: 'agree', text: '同意立案' } });
    e('evidence.attached', 40, { evidenceId: `${no}-v`, kind: 'video', name: '执法记录.mp4', size: 1024 * 1024, sha256: randomBytes(32).toString('hex') });
    e('step.completed', 60, { step: 'investigate', opinion: { verdict: 'agree', text: '事实清楚' } });
    e('case.decided', 70, { outcome: 'penalty', legalBasis: '环境保护法第六十三条', reason: '超标排放', documentNo: `通环罚〔2026〕${i}号`, penalty: { kind: 'fine', amount: 30000, circumstance: '一般' } });
    if (i % 2 === 0) e('penalty.executed', 80, { amount: 30000, receiptNo: `R${i}`, paidAt: new Date(start + 80 * H).toISOString() });
    e('step.completed', 90, { step: 'decide', opinion: { verdict: 'agree', text: '同意' } });
    e('case.closed', 91);
  }
  // BENCH_ORDER=case (default): a department system syncing its cases, each case's events together
  // (~50 cases a batch); BENCH_ORDER=time: the live stream in order of occurrence (~500 cases a batch)
  if (process.env.BENCH_ORDER === 'time') for (const l of out) l.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.eventId.localeCompare(b.eventId));
  return out;
}

