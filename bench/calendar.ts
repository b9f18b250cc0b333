/**
 * Deadline computations per second for 20-working-day limits (`npm run bench:calendar`):
 * the engine's O(1) primitive, the full deadline() with its explanation, a naive
 * day-by-day loop over the same data, and chinese-days' findWorkday, in one run.
 */
import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { dateOfIndex, dayIndexOfDate, endOfDayMs } from '../src/domain/calendar/day-index.js';
import { FastCalendar } from '../src/domain/calendar/fast-calendar.js';
import { expandYear, specialDaysFromChineseDays } from '../src/domain/calendar/year-rows.js';

const N = 20;
const { findWorkday } = chineseDays;
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');
const special = specialDaysFromChineseDays(data);
const years = [...special.keys()].sort();
const cal = new FastCalendar({ version: 1, regionCode: null, loadedYears: years, days: years.flatMap((y) => expandYear(y, special.get(y)!)) });

// 65,536 random start days across 2004-01-01 … 2026-11-30 (deterministic LCG).
const SIZE = 1 << 16;
const lo = dayIndexOfDate('2004-01-01');
const hi = dayIndexOfDate('2026-11-30');
const starts = new Int32Array(SIZE);
let seed = 42;
for (let i = 0; i < SIZE; i++) {
  seed = (seed * 1103515245 + 12345) >>> 0;
  starts[i] = lo + (seed % (hi - lo));
}
const startDates = Array.from(starts, (i) => dateOfIndex(i));
const startInstants = Array.from(starts, (i) => new Date(endOfDayMs(i) - 14 * 3_600_000)); // 10:00 China time

function measure(name: string, minMs: number, run: (iterations: number) => number): { name: string; perSec: number; check: number } {
  let iterations = 1000;
  let check = run(iterations); // warm-up
  for (;;) {
    const t0 = performance.now();
    check = run(iterations);
    const ms = performance.now() - t0;
    if (ms >= minMs) return { name, perSec: (iterations / ms) * 1000, check };
    iterations = Math.min(iterations * Math.max(2, Math.ceil(minMs / Math.max(ms, 1))), 2 ** 31);
  }
}

const engine = measure('engine dueDayIndex (O(1), typed arrays)', 1000, (it) => {
  let acc = 0;
  for (let i = 0; i < it; i++) acc += cal.dueDayIndex(starts[i & (SIZE - 1)], N);
  return acc;
});
const full = measure('engine deadline() with explanation', 1000, (it) => {
  let acc = 0;
  for (let i = 0; i < it; i++) acc += cal.deadline({ start: startInstants[i & (SIZE - 1)], workingDays: N }).dueAt.getTime() & 1;
  return acc;
});
const naive = measure('naive day-by-day loop (same data)', 1000, (it) => {
  let acc = 0;
  for (let i = 0; i < it; i++) {
    let d = starts[i & (SIZE - 1)];
    let counted = 0;
    while (counted < N) if (cal.isWorkingIndex(++d)) counted++;
    acc += d;
  }
  return acc;
});
const cd = measure("chinese-days findWorkday(20, date)", 1000, (it) => {
  let acc = 0;
  for (let i = 0; i < it; i++) acc += findWorkday(N, startDates[i & (SIZE - 1)]).length;
  return acc;
});

// The fast path and the reference agree on every sampled start.
for (let i = 0; i < 2000; i++) {
  const a = dateOfIndex(cal.dueDayIndex(starts[i], N));
  let d = starts[i];
  for (let c = 0; c < N;) if (cal.isWorkingIndex(++d)) c++;
  if (a !== dateOfIndex(d)) throw new Error(`mismatch at ${startDates[i]}: ${a} vs ${dateOfIndex(d)}`);
}

const fmt = (x: number) => x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k/s` : `${x.toFixed(0)} /s`;
console.log(`Deadline computations per second, ${N}-working-day limits, ${SIZE} random starts 2004–2026 (node ${process.version})`);
for (const r of [engine, full, naive, cd]) console.log(`  ${r.name.padEnd(44)} ${fmt(r.perSec).padStart(12)}   ×${(r.perSec / cd.perSec).toFixed(1)} findWorkday`);
console.log(`  goal: ≥ 10 M/s and ≥ 100× findWorkday → engine ${fmt(engine.perSec)}, ×${(engine.perSec / cd.perSec).toFixed(0)}: ${engine.perSec >= 1e7 && engine.perSec / cd.perSec >= 100 ? 'met' : 'NOT met'}`);
