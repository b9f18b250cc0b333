/**
 * bench/ingest: pushes a realistic mix (10,000 cases × ~10 events, batches of 500) through
 * the exchange HTTP API (real listen on 127.0.0.1, fetch) into PGlite and into PostgreSQL,
 * and beside it times a raw batched INSERT of the same rows into the same database.
 * Prints events/s for each and the ratio; checks that nothing was lost.
 *
 *   npm run bench:ingest                       # both backends (PostgreSQL at 127.0.0.1:5432)
 *   BENCH_CASES=2000 BENCH_DB=postgres npm run bench:ingest
 *   BENCH_PG=postgres://root@127.0.0.1:5432/test BENCH_CONCURRENCY=2 …
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { createContext } from '../src/app.js';
import { SimulatedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/http/server.js';
import { issueApiKey } from '../src/services/admin/api-key.service.js';
import { openPglite, openPostgres, type Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { seedItem } from '../test/helpers/catalog-factory.js';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);
const PG_URL = process.env.BENCH_PG ?? 'postgres://root@127.0.0.1:5432/test';
const WHICH = process.env.BENCH_DB ?? 'both';
const DEPT = '511702-STJ';
/** BENCH_OBSERVERS=0 detaches the supervision observers (the case path alone). */
const OBSERVERS = process.env.BENCH_OBSERVERS !== '0';

type Ev = { eventId: string; caseNo: string; type: string; occurredAt: string; actor: object; data: object };

/** ~10 events a case: registration, three steps, correction, suspension/resumption, evidence, decision, execution, closing. */
function workload(): Ev[] {
  const out: Ev[] = [];
  const t0 = Date.parse('2026-03-02T01:00:00Z');
  const H = 3_600_000;
  const actor = { id: 'o-17', name: '李明', certificateNo: '51170220260017' };
  for (let i = 0; i < CASES; i++) {
    const no = `B${String(i).padStart(6, '0')}`;
    const start = t0 + (i % 2000) * 60_000 + Math.floor(i / 2000) * 24 * H;
    let k = 0;
    const e = (type: string, h: number, data: object = {}) =>
      out.push({ eventId: `${no}-${++k}`, caseNo: no, type, occurredAt: new Date(start + h * H).toISOString(), actor, data });
    e('case.registered', 0, { itemCode: 'P-BENCH-1', counterparty: { kind: i % 3 ? 'person' : 'organization', name: `相对人${i}` }, channel: 'exchange' });
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
  if (process.env.BENCH_ORDER === 'time') out.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.eventId.localeCompare(b.eventId));
  return out;
}

async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openPglite(null);
    return { db, drop: () => db.close() };
  }
  const name = `xq_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), 10);
  return {
    db,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function run(kind: 'pglite' | 'postgres', events: Ev[]) {
  const { db, drop } = await freshDatabase(kind);
  try {
    await migrate(db);
    const config = loadConfig({ sweepIntervalMs: 0, logLevel: 'silent', dataDir: '/tmp/xq-bench' }, {});
    const ctx = await createContext({ db, config, clock: new SimulatedClock(new Date('2026-03-02T09:00:00+08:00')), log: pino({ level: 'silent' }) });
    if (!OBSERVERS) ctx.hooks.caseChanged.length = 0;
    await seedItem(db, ctx, { code: 'P-BENCH-1' } as any);
    // the officer acting holds a valid 执法证 in the department, as a real department's officers do
    await db.query(`INSERT INTO officers (id, name, department_code, certificate_no, valid_until) VALUES ('o-17', '李明', $1, '51170220260017', '2030-12-31')`, [DEPT]);
    const { key } = (await issueApiKey(ctx, { kind: 'system', name: 'bench' }, { department: DEPT, name: 'bench' })) as { key: string };
    const app = await buildServer(ctx, { logger: false });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    // each batch is received ten minutes after the latest event it carries: in the live order
    // (BENCH_ORDER=time) nothing is late; a case-ordered sync carries days-old events (LATE_EXCHANGE)
    const clock = ctx.clock as SimulatedClock;
    const receive = (b: Ev[]) => {
      const at = Math.max(...b.map((e) => Date.parse(e.occurredAt))) + 600_000;
      if (at > clock.now().getTime()) clock.set(new Date(at));
    };
    const batches: Ev[][] = [];
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));

    let accepted = 0;
    let refused = 0;
    const t1 = performance.now();
    await pool(batches, CONCURRENCY, async (b) => {
      receive(b);
      const res = await fetch(`${url}/api/exchange/v1/events`, {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ events: b }),
      });
      if (res.status !== 200) throw new Error(`push answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
      const body = (await res.json()) as { accepted: number; rejected: unknown[] };
      accepted += body.accepted;
      refused += body.rejected.length;
      if (body.rejected.length) console.error('rejected', JSON.stringify(body.rejected.slice(0, 3)));
    });
    const apiSecs = (performance.now() - t1) / 1000;
    await app.close();

    const stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events'))[0].n;
    const cases = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases'))[0].n;
    const closed = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE status = 'concluded'`))[0].n;
    const alerts = await db.query<{ code: string; n: number }>('SELECT code, count(*)::int AS n FROM supervision_alerts GROUP BY 1 ORDER BY 2 DESC');

    // raw baseline: the same rows, batched multi-row INSERT into a table of the same shape
    await db.exec(`CREATE TABLE bench_raw_events (LIKE case_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    const now = new Date();
    const t2 = performance.now();
    for (const b of batches) {
      const params: unknown[] = [];
      const rows = b.map((e) => {
        params.push(DEPT, e.eventId, e.caseNo, e.caseNo, e.type, e.occurredAt, now, JSON.stringify(e.actor), JSON.stringify(e.data), 'exchange', e.eventId);
        const o = params.length - 11;
        return `(${Array.from({ length: 11 }, (_, j) => `$${o + j + 1}`).join(',')})`;
      });
      await db.query(
        `INSERT INTO bench_raw_events (department_code, event_id, case_id, case_no, type, occurred_at, received_at, actor, data, source, content_hash)
         VALUES ${rows.join(',')}`, params);
    }
    const rawSecs = (performance.now() - t2) / 1000;
    const raw = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_raw_events'))[0].n;

    const apiRate = events.length / apiSecs;
    const rawRate = events.length / rawSecs;
    const ok = stored === events.length && accepted === events.length && refused === 0 && cases === CASES && closed === CASES && raw === events.length;
    console.log(`\n[${kind}] ${events.length} events, ${CASES} cases, batches of ${BATCH}, order ${process.env.BENCH_ORDER ?? 'case'}, concurrency ${CONCURRENCY}, observers ${ctx.hooks.caseChanged.length}`);
    console.log(`  exchange API (${ctx.hooks.caseChanged.length ? "every rule on" : "no observers"}): ${apiSecs.toFixed(1)} s  ${Math.round(apiRate)} events/s`);
    console.log(`  raw batched INSERT          : ${rawSecs.toFixed(1)} s  ${Math.round(rawRate)} events/s`);
    console.log(`  ratio API / raw             : ${(apiRate / rawRate).toFixed(2)}`);
    console.log(`  count check                 : stored ${stored}, accepted ${accepted}, refused ${refused}, cases ${cases} (concluded ${closed}), raw ${raw} → ${ok ? 'OK, nothing lost' : 'MISMATCH'}`);
    console.log(`  alerts raised               : ${alerts.map((a) => `${a.code} ${a.n}`).join(', ') || 'none'}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await drop();
  }
}

const events = workload();
for (const kind of ['pglite', 'postgres'] as const) {
  if (WHICH !== 'both' && WHICH !== kind) continue;
  await run(kind, events);
}
