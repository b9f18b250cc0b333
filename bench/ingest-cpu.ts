/**
 * bench/ingest-cpu: the platform's own work per pushed batch, without a database: the ingest
 * path (schema, hashes, fold, clocks, every supervision rule, the projection, the encoding of
 * every statement's parameters) runs against a stand-in that answers each statement as a
 * database with no earlier events would. A steadier figure than bench/ingest's, whose time is
 * shared with the database server on the same machine; use it to compare changes to the code.
 *
 *   npm run bench:ingest-cpu                     # 10,000 cases, batches of 500
 *   BENCH_CPU_PROFILE=/tmp/cpu npm run bench:ingest-cpu     # also writes /tmp/cpu.cpuprofile
 */
import pino from 'pino';
import { createContext } from '../src/app.js';
import { SimulatedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { checkEvents } from '../src/services/cases/ingest-check.js';
import { storeChecked } from '../src/services/cases/ingest.service.js';
import { CASE_COLS, EVENT_ROW_COLS } from '../src/store/case.store.js';
import { listVersions } from '../src/store/catalog.store.js';
import { openPglite, type Queryable } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { JsonbRows } from '../src/store/recordset.js';
import { seedItem } from '../test/helpers/catalog-factory.js';
import { CASES, DEPTS, officer, workload } from './ingest-workload.js';

const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const dept = DEPTS[0];

const db = await openPglite(null);
await migrate(db);
const config = loadConfig({ sweepIntervalMs: 0, logLevel: 'silent', dataDir: '/tmp/xq-bench' }, {});
const ctx = await createContext({ db, config, clock: new SimulatedClock(new Date('2026-03-02T09:00:00+08:00')), log: pino({ level: 'silent' }) });
await seedItem(db, ctx, { code: 'P-BENCH-1', department: dept } as any);
const versions = await db.query('SELECT *, xmin::text AS x FROM power_item_versions WHERE item_code = $1 ORDER BY version', ['P-BENCH-1']);
const o = officer(0);
const region = (await db.query<{ region_code: string }>('SELECT region_code FROM departments WHERE code = $1', [dept]))[0].region_code;

let seq = 0;
let statements = 0;
/** The projection rows written so far (a case's events may span two batches), as the JSON text case_ingest_open returns each in (the state a JSON string: a text column). */
const cases = new Map<string, readonly unknown[]>();
const asJson = (r: readonly unknown[]) => `{${CASE_COLS.map(([k], i) => `"${k}":${JSON.stringify(r[i])}`).join(',')}}`;
const versionKeys = JSON.stringify(versions.map((v) => [v.item_code, v.version, v.x]));
const EVENT_ID = EVENT_ROW_COLS.findIndex(([k]) => k === 'event_id');
const CASE_NO = CASE_COLS.findIndex(([k]) => k === 'case_no');
const STATE = CASE_COLS.findIndex(([k]) => k === 'state');
/** Answers as the database would for cases it has not seen; encodes parameters as the driver does. */
const stub: Queryable = {
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    statements++;
    for (const p of params) if (p instanceof JsonbRows) p.toBinary();
    let rows: unknown[] = [];
    if (sql.includes('INSERT INTO case_events')) rows = [{ m: (params[0] as JsonbRows).rows.map((r) => [r[EVENT_ID], ++seq]) }];
    else if (sql.startsWith('INSERT INTO cases')) {
      // the states travel beside the rows, joined by U+0001 (rowsWithTexts)
      const states = (params[1] as string).split('\u0001');
      (params[0] as JsonbRows).rows.forEach((r, i) => cases.set(r[CASE_NO] as string, r.map((v, k) => (k === STATE ? states[i] : v))));
    }
    else if (sql.startsWith('SELECT case_ingest_open')) {
      // the driver parses the one json value; no stored registrations in this workload
      const found = (params[1] as string[]).flatMap((n) => (cases.has(n) ? [asJson(cases.get(n)!)] : []));
      rows = [{ o: JSON.parse(`{"cases":[${found.join(',')}],"registrations":[],"versions":${versionKeys},"keyValid":true}`) }];
    }
    else if (sql.startsWith('SELECT * FROM power_item_versions')) rows = versions;
    else if (sql.startsWith('WITH raised AS')) rows = [{ n: (params[0] as JsonbRows).rows.length }];
    else if (sql.includes(') AS depts,')) {
      rows = [{ depts: [{ code: dept, region_code: region }], overrides: [], settings: null, alerts: [],
        officers: (params[1] as string[]).length ? [{ id: o.id, department_code: dept, certificate_no: o.certificateNo, valid_until: '2030-12-31' }] : [] }];
    }
    return rows as T[];
  },
  async exec() {},
};
// the catalog read through the stand-in must be the real one
if ((await listVersions(stub, 'P-BENCH-1')).length !== versions.length) throw new Error('stand-in answers the catalog wrongly');

const events = workload()[0];
const batches = Array.from({ length: Math.ceil(events.length / BATCH) }, (_, i) => events.slice(i * BATCH, (i + 1) * BATCH));
const bodies = batches.map((b) => JSON.stringify({ events: b }));
const clock = ctx.clock as SimulatedClock;

async function run(n: number): Promise<number> {
  const t = performance.now();
  for (const body of bodies.slice(0, n)) {
    const raw = (JSON.parse(body) as { events: { occurredAt: string }[] }).events;
    const at = Math.max(...raw.map((e) => Date.parse(e.occurredAt))) + 600_000;
    if (at > clock.now().getTime()) clock.set(new Date(at));
    const input = { departmentCode: dept, regionCode: region, source: 'exchange' as const };
    const r = await storeChecked(stub, ctx, input, checkEvents({ ...input, events: raw }));
    if (r.accepted !== raw.length) throw new Error(`accepted ${r.accepted} of ${raw.length}: ${JSON.stringify(r.rejected.slice(0, 3))}`);
  }
  return performance.now() - t;
}

await run(Math.min(20, bodies.length)); // warm-up
let stop: ((file: string) => Promise<void>) | null = null;
if (process.env.BENCH_CPU_PROFILE) {
  const { Session } = await import('node:inspector/promises');
  const fs = await import('node:fs');
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.start');
  stop = async (file) => {
    const { profile } = await s.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
  };
}
seq = 0;
statements = 0;
cases.clear();
const ms = await run(bodies.length);
if (stop) await stop(`${process.env.BENCH_CPU_PROFILE}.cpuprofile`);
console.log(`[ingest-cpu] ${events.length} events, ${CASES} cases, ${bodies.length} batches of ${BATCH}, every rule on, no database`);
console.log(`  platform work per batch : ${(ms / bodies.length).toFixed(1)} ms  (${Math.round(events.length / (ms / 1000))} events/s on one core)`);
console.log(`  statements per batch    : ${(statements / bodies.length).toFixed(1)}`);
await db.close();
