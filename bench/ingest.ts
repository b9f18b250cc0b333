/**
 * bench/ingest: pushes a realistic mix (10,000 cases × ~10 events, batches of 500) through
 * the exchange HTTP API (real listen on 127.0.0.1, node:http keep-alive client) into PGlite and into PostgreSQL,
 * and beside it times a raw batched INSERT of the same rows into the same database. Prints
 * events/s for each and the ratio; checks that nothing was lost.
 *
 * The two sides take turns (BENCH_TURNS, default 4): the workload is split in that many shares,
 * and each share is pushed through the API and inserted raw, in the order raw API, API raw,
 * raw API, API raw. Each side's rate is its events over its total time. The speed of this
 * machine drifts by a quarter and more within a minute (each turn's rates show it), so both are timed across the same stretch of the
 * run, neither one in a fast or slow spell the other missed. Each turn's own rates are printed.
 *
 * It runs the compiled platform (tsconfig.bench.json → dist-bench/), as `npm start` does, after
 * a warm-up: a department of its own first pushes BENCH_WARMUP cases (default 5,000), so the
 * timed run measures a running server, not one whose JIT is still compiling. It prints the CPU
 * each side used per batch (Linux /proc), the WAL PostgreSQL wrote per batch, the ceiling that
 * CPU sets with every core busy, and how long each side was runnable but waiting for a core.
 *
 *   npm run bench:ingest                       # both backends (PostgreSQL at 127.0.0.1:5432)
 *   BENCH_CASES=2000 BENCH_DB=postgres npm run bench:ingest
 *   BENCH_SENDERS=2 …   two department systems pushing at once (each its own department, key,
 *                       item and cases; each sends its next batch when the last one is answered)
 *   BENCH_PG=postgres://root@127.0.0.1:5432/test BENCH_ORDER=time BENCH_OBSERVERS=0 …
 *   BENCH_PARTS=1 …     a large batch checked and stored as one part (default: the platform's, 3 on PostgreSQL)
 *   BENCH_WARMUP=0 …    no warm-up
 *   BENCH_TURNS=1 …     the raw INSERT, then the API, each in one go
 *
 * Looking inside: BENCH_CPU_PROFILE=/tmp/p writes a CPU profile of the platform thread while
 * it ingests, one file for each of the API's turns (/tmp/p.postgres.0.cpuprofile, …); BENCH_SQL_PROFILE=1 prints the time and parameter
 * size of each statement as the platform sees it; BENCH_PG_LOG=1 has the server log every
 * statement's own duration, BENCH_PG_EXPLAIN=ms the plans of statements slower than that
 * (auto_explain); BENCH_THREADS=1 prints the CPU of each thread; BENCH_MARK=/tmp/f writes that
 * file when the API's first turn starts (to attach perf or gdb); BENCH_KEEP=1 keeps the PostgreSQL
 * database for inspection.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import pino from 'pino';
import { createContext } from '../src/app.js';
import { SimulatedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/http/server.js';
import { issueApiKey } from '../src/services/admin/api-key.service.js';
import { newId } from '../src/services/ids.js';
import { openPglite, openPostgres, type Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { seedItem } from '../test/helpers/catalog-factory.js';
import { cpuSince, cpuSum, cpuTimes, profileSql, startProfile, walPerBatch, walPosition, walSince, type Cpu } from './ingest-measure.js';
import { CASES, DEPTS, officer, SENDERS, WARMUP_CASES, WARMUP_DEPT, WARMUP_SENDER, workload, type Ev } from './ingest-workload.js';

const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const PG_URL = process.env.BENCH_PG ?? 'postgres://root@127.0.0.1:5432/test';
const WHICH = process.env.BENCH_DB ?? 'both';
/** BENCH_OBSERVERS=0 detaches the supervision observers (the case path alone). */
const OBSERVERS = process.env.BENCH_OBSERVERS !== '0';
/** BENCH_TURNS: how many turns each side takes (the workload split in that many shares). */
const TURNS = Math.max(1, Number(process.env.BENCH_TURNS ?? 4));

async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openPglite(null);
    return { db, drop: () => db.close() };
  }
  const name = `xq_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  if (process.env.BENCH_PG_LOG) {
    await admin.query(`ALTER DATABASE ${name} SET log_min_duration_statement = 0`);
    await admin.query(`ALTER DATABASE ${name} SET log_parameter_max_length = 0`);
  }
  if (process.env.BENCH_PG_EXPLAIN) {
    // plans of statements slower than BENCH_PG_EXPLAIN ms, with their actual row counts and times
    for (const s of ["session_preload_libraries = 'auto_explain'", `auto_explain.log_min_duration = ${Number(process.env.BENCH_PG_EXPLAIN)}`, 'auto_explain.log_analyze = on', 'auto_explain.log_buffers = on', 'auto_explain.log_triggers = on', 'auto_explain.log_nested_statements = on']) await admin.query(`ALTER DATABASE ${name} SET ${s}`);
  }
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

/**
 * The department systems: one loop per department, each batch sent when the last is answered.
 * They use node:http with a kept-alive connection: a department system runs on its own machine,
 * and fetch's heavier client would take CPU from the platform on this one. Their bodies arrive
 * encoded (bytes made before the timed run), for the same reason.
 */
const SENDER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, senders } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: senders.length });
const post = (key, b) => new Promise((resolve, reject) => {
  const body = b.body;
  const req = http.request(url + '/api/exchange/v1/events', { method: 'POST', agent,
    headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json', 'content-length': body.length, 'x-bench-received-at': String(b.at) } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    res.on('error', reject);
  });
  req.on('error', reject);
  req.end(body);
});
// each message names a turn (k of n): every department pushes the k-th of n shares of its batches,
// then the worker answers with what was accepted
parentPort.on('message', async (m) => {
  let accepted = 0, refused = 0, error = null;
  await Promise.all(senders.map(async ({ key, batches }) => {
    for (const b of batches.slice(Math.floor(m.k * batches.length / m.n), Math.floor((m.k + 1) * batches.length / m.n))) {
      if (error) return;
      const res = await post(key, b).catch((e) => ({ status: 0, text: String(e) }));
      if (res.status !== 200) { error = 'push answered ' + res.status + ': ' + res.text.slice(0, 500); return; }
      const r = JSON.parse(res.text);
      accepted += r.accepted;
      refused += r.rejected.length;
    }
  }));
  parentPort.postMessage({ accepted, refused, error });
});`;

/** Each batch's request body as the bytes a department system sends (encoded before the timed run). */
type Sender = { key: string; batches: { at: number; body: Uint8Array }[] };

/** What one timed stretch of a side measured. */
interface Stretch { secs: number; cpu: Cpu; wal: number | null }

/**
 * The department systems, in a worker thread: turn(k, n) has each push the k-th of n shares
 * of its batches, one after the other, and resolves when the last is answered.
 */
async function departmentSystems(url: string, senders: Sender[]) {
  const w = new Worker(SENDER, { eval: true, workerData: { url, senders } });
  const failed = new Promise<never>((_, reject) => w.once('error', reject));
  failed.catch(() => undefined);
  await new Promise((r) => setTimeout(r, 50));
  return {
    async turn(k: number, n: number): Promise<{ accepted: number; refused: number; secs: number; busySecs: number; cpu: Cpu }> {
      const answered = new Promise<{ accepted: number; refused: number; error: string | null }>((resolve) => w.once('message', resolve));
      const elu = performance.eventLoopUtilization();
      const cpu0 = cpuTimes();
      const t = performance.now();
      w.postMessage({ k, n });
      const r = await Promise.race([answered, failed]);
      const secs = (performance.now() - t) / 1000;
      const busySecs = performance.eventLoopUtilization(elu).active / 1000;
      const cpu = cpuSince(cpu0);
      if (r.error) throw new Error(r.error);
      return { accepted: r.accepted, refused: r.refused, secs, busySecs, cpu };
    },
    close: () => w.terminate(),
  };
}

/**
 * Before the timed run: the tables vacuumed and analysed, and the writes checkpointed. During
 * it autovacuum is off for this database's tables, so that it does not run in one side's time
 * and not the other's (the run inserts enough rows to start it).
 */
async function quiet(db: Db, kind: 'pglite' | 'postgres') {
  if (kind !== 'postgres') return;
  await db.exec('VACUUM (ANALYZE)');
  await db.exec('CHECKPOINT');
}
async function autovacuumOff(db: Db, kind: 'pglite' | 'postgres') {
  if (kind !== 'postgres') return;
  const tables = await db.query<{ t: string }>(`SELECT format('%I.%I', schemaname, relname) AS t FROM pg_stat_user_tables`);
  for (const { t } of tables) await db.exec(`ALTER TABLE ${t} SET (autovacuum_enabled = off)`);
}

/**
 * The raw baseline's rows: the platform's own, each case's id made as the platform makes one
 * (newId: time-ordered) when its first event is met, a SHA-256 content hash. Inserted into a
 * table of the same shape as the events' (its indexes included) with batched multi-row
 * INSERTs, one batch after the other, each its own transaction.
 */
function rawRows(batches: { dept: string; b: Ev[] }[]): unknown[][][] {
  const now = new Date();
  const ids = new Map<string, string>();
  const caseId = (no: string) => ids.get(no) ?? ids.set(no, newId()).get(no)!;
  return batches.map(({ dept, b }) => b.map((e) => [dept, e.eventId, caseId(e.caseNo), e.caseNo, e.type, e.occurredAt, now, JSON.stringify(e.actor), JSON.stringify(e.data), 'exchange', createHash('sha256').update(e.eventId).digest('hex')]));
}
const RAW = 'bench_raw';
async function rawInsert(db: Db, kind: 'pglite' | 'postgres', rows: unknown[][][]): Promise<Stretch> {
  const wal0 = await walPosition(db, kind);
  const cpu0 = cpuTimes();
  const t = performance.now();
  for (const batch of rows) {
    const params: unknown[] = [];
    const values = batch.map((r) => {
      const o = params.length;
      params.push(...r);
      return `(${r.map((_, j) => `$${o + j + 1}`).join(',')})`;
    });
    await db.query(
      `INSERT INTO ${RAW} (department_code, event_id, case_id, case_no, type, occurred_at, received_at, actor, data, source, content_hash)
       VALUES ${values.join(',')}`, params);
  }
  const secs = (performance.now() - t) / 1000;
  const cpu = cpuSince(cpu0);
  return { secs, cpu, wal: await walSince(db, wal0) };
}

async function run(kind: 'pglite' | 'postgres', perDept: Ev[][]) {
  const events = perDept.flat();
  const { db, drop } = await freshDatabase(kind);
  if (process.env.BENCH_SQL_PROFILE) profileSql(db);
  try {
    await migrate(db);
    const config = loadConfig({ sweepIntervalMs: 0, logLevel: 'silent', dataDir: '/tmp/xq-bench', exchangeParallelism: process.env.BENCH_PARTS ? Number(process.env.BENCH_PARTS) : null }, {});
    const ctx = await createContext({ db, config, clock: new SimulatedClock(new Date('2026-03-02T09:00:00+08:00')), log: pino({ level: 'silent' }) });
    if (!OBSERVERS) ctx.hooks.caseChanged.length = 0;
    const sender = async (k: number, dept: string): Promise<string> => {
      await seedItem(db, ctx, { code: `P-BENCH-${k + 1}`, department: dept } as any);
      // the officer acting holds a valid 执法证 in the department, as a real department's officers do
      const o = officer(k);
      await db.query(`INSERT INTO officers (id, name, department_code, certificate_no, valid_until) VALUES ($1, $2, $3, $4, '2030-12-31')`, [o.id, o.name, dept, o.certificateNo]);
      return ((await issueApiKey(ctx, { kind: 'system', name: 'bench' }, { department: dept, name: 'bench' })) as { key: string }).key;
    };
    const keys: string[] = [];
    for (const [k, dept] of DEPTS.entries()) keys.push(await sender(k, dept));
    const warmKey = WARMUP_CASES > 0 ? await sender(WARMUP_SENDER, WARMUP_DEPT) : null;
    const app = await buildServer(ctx, { logger: false });
    // each batch is received ten minutes after the latest event it carries: in the live order
    // (BENCH_ORDER=time) nothing is late; a case-ordered sync carries days-old events (LATE_EXCHANGE)
    const clock = ctx.clock as SimulatedClock;
    const receiveAt = (b: Ev[]) => Math.max(...b.map((e) => Date.parse(e.occurredAt))) + 600_000;
    app.addHook('onRequest', async (req) => {
      const at = Number(req.headers['x-bench-received-at']);
      if (at > clock.now().getTime()) clock.set(new Date(at));
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const split = (l: Ev[]) => Array.from({ length: Math.ceil(l.length / BATCH) }, (_, i) => l.slice(i * BATCH, (i + 1) * BATCH));
    const perSender = perDept.map(split);
    const bodies = (bs: Ev[][]) => bs.map((b) => ({ at: receiveAt(b), body: Buffer.from(JSON.stringify({ events: b })) }));

    // warm-up: a department of its own pushes its cases (a month earlier) before anything is timed
    // and the raw INSERT inserts the same rows into its table (which then holds what the platform's does)
    await db.exec(`CREATE TABLE ${RAW} (LIKE case_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    if (warmKey) {
      const warm = split(workload({ cases: WARMUP_CASES, senders: 1, prefix: 'W', sender: () => WARMUP_SENDER, daysBefore: 30 })[0]);
      const systems = await departmentSystems(url, [{ key: warmKey, batches: bodies(warm) }]);
      const w = await systems.turn(0, 1);
      await systems.close();
      if (w.refused) throw new Error(`warm-up: ${w.refused} events refused`);
      await rawInsert(db, kind, rawRows(warm.map((b) => ({ dept: WARMUP_DEPT, b }))));
    }

    // the department systems are other programs: they send from a worker thread, so their JSON
    // and HTTP work does not run on the platform's event loop
    const systems = await departmentSystems(url, perSender.map((bs, k) => ({ key: keys[k], batches: bodies(bs) })));
    const rawOf = perSender.map((bs, k) => rawRows(bs.map((b) => ({ dept: DEPTS[k], b }))));
    const share = <T>(l: T[], k: number) => l.slice(Math.floor((k * l.length) / TURNS), Math.floor(((k + 1) * l.length) / TURNS));
    await quiet(db, kind);
    await autovacuumOff(db, kind);
    const prof = process.env.BENCH_CPU_PROFILE ? await startProfile() : null;
    // the two sides take turns, share by share, in the order raw API, API raw, raw API, …: both
    // are timed across the same stretch of the run (this machine's speed drifts within a minute)
    const api: Awaited<ReturnType<typeof systems.turn>>[] = [];
    const apiWal: (number | null)[] = [];
    const raws: Stretch[] = [];
    for (let k = 0; k < TURNS; k++) {
      const rawTurn = async () => raws.push(await rawInsert(db, kind, rawOf.flatMap((rows) => share(rows, k))));
      const apiTurn = async () => {
        // BENCH_MARK=/tmp/f: the file appears when the API's first turn starts (to attach a profiler to it)
        if (k === 0 && process.env.BENCH_MARK) fs.writeFileSync(process.env.BENCH_MARK, String(process.pid));
        await prof?.resume();
        const wal0 = await walPosition(db, kind);
        api.push(await systems.turn(k, TURNS));
        apiWal.push(await walSince(db, wal0));
        await prof?.pause();
      };
      if (k % 2 === 0) { await rawTurn(); await apiTurn(); } else { await apiTurn(); await rawTurn(); }
    }
    await systems.close();
    if (prof) await prof.save(`${process.env.BENCH_CPU_PROFILE}.${kind}.cpuprofile`);
    const sent = { secs: api.reduce((n, x) => n + x.secs, 0), busySecs: api.reduce((n, x) => n + x.busySecs, 0), cpu: cpuSum(api.map((x) => x.cpu)) };
    const accepted = api.reduce((n, x) => n + x.accepted, 0);
    const refused = api.reduce((n, x) => n + x.refused, 0);
    const apiSecs = sent.secs;
    const walApi = apiWal.includes(null) ? null : apiWal.reduce<number>((n, x) => n + x!, 0);
    const raw = { secs: raws.reduce((n, x) => n + x.secs, 0), cpu: cpuSum(raws.map((x) => x.cpu)), wal: raws.some((x) => x.wal === null) ? null : raws.reduce((n, x) => n + x.wal!, 0) };
    await app.close();

    // the timed departments' own (the warm-up department's are not counted)
    const count = async (sql: string) => (await db.query<{ n: number }>(sql, [DEPTS]))[0].n;
    const stored = await count('SELECT count(*)::int AS n FROM case_events WHERE department_code = ANY($1)');
    const cases = await count('SELECT count(*)::int AS n FROM cases WHERE department_code = ANY($1)');
    const closed = await count(`SELECT count(*)::int AS n FROM cases WHERE status = 'concluded' AND department_code = ANY($1)`);
    const alerts = await db.query<{ code: string; n: number }>('SELECT code, count(*)::int AS n FROM supervision_alerts WHERE department_code = ANY($1) GROUP BY 1 ORDER BY 2 DESC', [DEPTS]);

    const rawStored = await count(`SELECT count(*)::int AS n FROM ${RAW} WHERE department_code = ANY($1)`);
    const apiRate = events.length / apiSecs;
    const rawSecs = raw.secs;
    const rawRate = events.length / rawSecs;
    const ok = stored === events.length && accepted === events.length && refused === 0 && cases === CASES && closed === CASES && rawStored === events.length;
    console.log(`\n[${kind}] ${events.length} events, ${CASES} cases (after a warm-up of ${WARMUP_CASES} cases), batches of ${BATCH}, order ${process.env.BENCH_ORDER ?? 'case'}, ${SENDERS} department system(s) pushing at once, observers ${ctx.hooks.caseChanged.length}`);
    console.log(`  exchange API (${ctx.hooks.caseChanged.length ? "every rule on" : "no observers"}): ${apiSecs.toFixed(1)} s  ${Math.round(apiRate)} events/s`);
    console.log(`    platform event loop busy     : ${sent.busySecs.toFixed(1)} s (HTTP, validation, fold, rules, SQL encoding)`);
    console.log(`    CPU during the API phase     : platform thread ${sent.cpu.main.toFixed(1)} s, other threads ${sent.cpu.otherThreads.toFixed(1)} s, PostgreSQL ${sent.cpu.postgres.toFixed(1)} s; machine busy ${sent.cpu.machineBusy.toFixed(1)} s, idle ${sent.cpu.machineIdle.toFixed(1)} s, iowait ${sent.cpu.machineIowait.toFixed(1)} s, steal ${sent.cpu.machineSteal.toFixed(1)} s (of ${(os.availableParallelism() * apiSecs).toFixed(1)} s on ${os.availableParallelism()} cores)`);
    // with every core busy all the time, the API could go no faster than its CPU allows
    const used = sent.cpu.main + sent.cpu.otherThreads + sent.cpu.postgres;
    const ceiling = events.length / (used / os.availableParallelism());
    console.log(`    CPU per batch                : ${(1000 * used / (events.length / BATCH)).toFixed(1)} ms (platform thread ${(1000 * sent.cpu.main / (events.length / BATCH)).toFixed(1)}, other threads ${(1000 * sent.cpu.otherThreads / (events.length / BATCH)).toFixed(1)}, PostgreSQL ${(1000 * sent.cpu.postgres / (events.length / BATCH)).toFixed(1)})${walPerBatch(walApi, events.length / BATCH)}; ceiling with every core busy: ${Math.round(ceiling)} events/s`);
    if (process.env.BENCH_THREADS) console.log(Object.entries(sent.cpu).filter(([k, v]) => k.startsWith('t:') && v > 0.05).map(([k, v]) => `${k} ${v.toFixed(2)}`).join('\n'));
    // runnable but not running: on a VM mostly the wake-up of an idle core, once per round trip
    console.log(`    waiting for a core           : platform thread ${sent.cpu.mainWait.toFixed(1)} s, other threads ${sent.cpu.otherWait.toFixed(1)} s, PostgreSQL ${sent.cpu.postgresWait.toFixed(1)} s`);
    const perBatch = (n: number) => Math.round(n / (events.length / BATCH));
    console.log(`    page faults per batch        : platform thread ${perBatch(sent.cpu.mainFaults)}, other threads ${perBatch(sent.cpu.otherFaults)}, PostgreSQL ${perBatch(sent.cpu.postgresFaults)}`);
    console.log(`  raw batched INSERT          : ${rawSecs.toFixed(1)} s  ${Math.round(rawRate)} events/s`);
    console.log(`    CPU per batch                : ${(1000 * (raw.cpu.main + raw.cpu.otherThreads + raw.cpu.postgres) / (events.length / BATCH)).toFixed(1)} ms (platform thread ${(1000 * raw.cpu.main / (events.length / BATCH)).toFixed(1)}, PostgreSQL ${(1000 * raw.cpu.postgres / (events.length / BATCH)).toFixed(1)})${walPerBatch(raw.wal, events.length / BATCH)}; page faults per batch: platform ${perBatch(raw.cpu.mainFaults + raw.cpu.otherFaults)}, PostgreSQL ${perBatch(raw.cpu.postgresFaults)}`);
    console.log(`  ratio API / raw             : ${(apiRate / rawRate).toFixed(2)}  (ceiling / raw: ${(ceiling / rawRate).toFixed(2)})`);
    // each turn's own rates (events/s): how far the machine's speed moved during the run
    const turnRate = (n: number, secs: number) => Math.round(n / secs);
    console.log(`  turns, API / raw (events/s) : ${api.map((x, k) => `${turnRate(x.accepted, x.secs)} / ${turnRate(rawOf.reduce((n, rows) => n + share(rows, k).flat().length, 0), raws[k].secs)}`).join(', ')}`);
    console.log(`  count check                 : stored ${stored}, accepted ${accepted}, refused ${refused}, cases ${cases} (concluded ${closed}), raw ${rawStored} → ${ok ? 'OK, nothing lost' : 'MISMATCH'}`);
    console.log(`  alerts raised               : ${alerts.map((a) => `${a.code} ${a.n}`).join(', ') || 'none'}`);
    if (!ok) process.exitCode = 1;
  } finally {
    if (!process.env.BENCH_KEEP) await drop();
  }
}

const events = workload();
for (const kind of ['pglite', 'postgres'] as const) {
  if (WHICH !== 'both' && WHICH !== kind) continue;
  await run(kind, events);
}
