/**
 * Sweep cost (`npm run bench:sweep`; needs PostgreSQL: DATABASE_URL, default
 * postgres://root@127.0.0.1:5432/test, used only to create and drop a fresh database).
 * 1,000,000 open cases are generated with generate_series; then sweeps with 0, 1,000 and
 * 10,000 cases falling due are timed. Goal: the empty sweep < 50 ms and the time growing
 * with the transitions, not with the open cases. Options: BENCH_CASES=n, BENCH_KEEP=1.
 */
import pino from 'pino';
import { SimulatedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createCalendarProvider } from '../src/services/calendar/calendar-provider.js';
import type { AppContext } from '../src/services/context.js';
import { runSweep } from '../src/services/supervision/sweep.service.js';
import { openPostgres } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { seedItem } from '../test/helpers/catalog-factory.js';
import { createScratchDatabase } from '../test/helpers/scratch-db.js';

const url = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const N = Number(process.env.BENCH_CASES ?? 1_000_000);
const scratch = await createScratchDatabase(url, 'xq_bench_sweep');
const db = await openPostgres(scratch.url, 4);
const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;
try {
  await migrate(db);
  const clock = new SimulatedClock(new Date('2026-03-10T00:30:00+08:00'));
  const ctx: AppContext = {
    db, config: loadConfig({ sweepIntervalMs: 0, logLevel: 'silent' }, {}), clock, wallClock: clock, log: pino({ level: 'silent' }),
    calendars: await createCalendarProvider(db), hooks: { caseChanged: [], calendarChanged: [], clockMoved: [] },
  };
  const item = await seedItem(db, ctx, { code: 'P-BENCH-001' } as any);
  const accepted = '2026-03-02T02:00:00.000Z';
  let t = performance.now();
  // 1M open cases accepted 2026-03-02 10:00 (China time), in 立案; none due before December.
  for (let from = 1; from <= N; from += 250_000) {
    const to = Math.min(N, from + 250_000 - 1);
    await db.query(
      `INSERT INTO cases (id, department_code, region_code, case_no, item_code, item_version, status, current_step, accepted_at, warn_at, due_at,
          legal_due_at, light, next_check_at, state, event_count, created_at, updated_at)
       SELECT 'bench-' || g, $1, '511702', 'B-' || g, $2, $3, 'open', 'register', $4::timestamptz, now(), now(), now(), 'green',
          '2026-12-01T00:00:00+08:00'::timestamptz + (g % 1000) * interval '1 minute',
          jsonb_build_object('caseNo', 'B-' || g, 'departmentCode', $1::text, 'itemCode', $2::text, 'itemVersion', $3::int, 'status', 'open',
            'conclusion', null, 'acceptedAt', $4::text, 'concludedAt', null, 'counterparty', jsonb_build_object('kind', 'person', 'name', '王小明'),
            'channel', 'exchange', 'queryCode', null, 'currentStep', 'register', 'currentStepStartedAt', $4::text,
            'steps', jsonb_build_array(jsonb_build_object('step', 'register', 'startedAt', $4::text, 'completedAt', null)),
            'suspensions', '[]'::jsonb, 'extensionDays', 0, 'extensions', '[]'::jsonb, 'corrections', '[]'::jsonb, 'returns', '[]'::jsonb,
            'evidence', '{}'::jsonb, 'decision', null, 'executions', '[]'::jsonb, 'fees', '[]'::jsonb, 'eventCount', 1, 'lastEventAt', $4::text),
          1, now(), now()
       FROM generate_series($5::int, $6::int) AS g`,
      [item.departmentCode, item.code, item.version, accepted, from, to]);
  }
  await db.query('ANALYZE cases');
  console.log(`generated ${N.toLocaleString()} open cases in ${Math.round(ms(t) / 1000)} s`);
  const at = clock.now();
  await runSweep(ctx, at); // warm-up (and the month's zero-case check, which runs once)
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const empty: number[] = [];
  for (let i = 0; i < 7; i++) {
    t = performance.now();
    const c = await runSweep(ctx, at);
    if (c.casesChecked !== 0) throw new Error('empty sweep checked cases');
    empty.push(ms(t));
  }
  console.log(`sweep with      0 due transitions: ${median(empty)} ms (median of 7; all: ${empty.join(', ')})`);
  for (const due of [1_000, 10_000]) {
    // make `due` cases fall due now: each raises STEP_OVERDUE (立案 5 working days from 03-02)
    await db.query(`UPDATE cases SET next_check_at = $1 WHERE id IN (SELECT id FROM cases WHERE next_check_at >= '2026-12-01T00:00:00+08:00' ORDER BY id LIMIT $2)`, [new Date(at.getTime() - 1000), due]);
    t = performance.now();
    const c = await runSweep(ctx, at);
    const took = ms(t);
    console.log(`sweep with ${String(due.toLocaleString()).padStart(6)} due transitions: ${took} ms (${c.casesChecked} checked, ${c.raised} alerts raised; ${Math.round((took / due) * 1000) / 1000} ms per case)`);
  }
  t = performance.now();
  await runSweep(ctx, at);
  console.log(`sweep with      0 due transitions afterwards: ${ms(t)} ms`);
} finally {
  await db.close();
  if (!process.env.BENCH_KEEP) await scratch.drop();
}
