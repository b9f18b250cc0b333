/**
 * §2 import throughput for the organisation part: regions, departments, officers, on the
 * embedded PGlite, or with DATABASE_URL in a scratch database created (and dropped) on
 * that server — never in the database the URL names. Run: `npx tsx bench/org-import.ts [officers]`.
 */
import pino from 'pino';
import { createContext } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importCatalog } from '../src/services/org/import.service.js';
import { demoOrganisation } from '../src/services/demo/org.demo.js';
import { openPglite, openPostgres } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { createScratchDatabase } from '../test/helpers/scratch-db.js';

const n = Number(process.argv[2] ?? 5000);
const serverUrl = process.env.DATABASE_URL;
const scratch = serverUrl ? await createScratchDatabase(serverUrl, 'xq_bench_org') : null;
const url = scratch?.url ?? null;
const db = url ? await openPostgres(url) : await openPglite(null);
await migrate(db);
const ctx = await createContext({ db, config: loadConfig({ sweepIntervalMs: 0, logLevel: 'silent' }, {}), log: pino({ level: 'silent' }) });
const org = demoOrganisation();
const departments = org.departments;
const officers = Array.from({ length: n }, (_, i) => ({
  id: `bench-${i}`, name: `执法人员${i}`, department: departments[i % departments.length].code,
  certificateNo: `BENCH${String(i).padStart(8, '0')}`, validUntil: '2028-12-31',
}));
const body = { regions: org.regions, departments, officers };
const actor = { kind: 'system' as const, name: 'bench' };
for (const label of ['first load', 'same file again (idempotent)']) {
  const t0 = performance.now();
  const r = await importCatalog(ctx, actor, body);
  const ms = performance.now() - t0;
  console.log(`${label}: ${r.loaded.regions} regions, ${r.loaded.departments} departments, ${r.loaded.officers} officers in ${ms.toFixed(0)} ms (${(r.loaded.officers / (ms / 1000)).toFixed(0)} officers/s) on ${db.kind}`);
}
await db.close();
await scratch?.drop();
