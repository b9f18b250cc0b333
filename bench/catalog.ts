/**
 * Catalog import and public search (`npx tsx bench/catalog.ts`). On PostgreSQL by default
 * (DATABASE_URL, default postgres://root@127.0.0.1:5432/test, used only to create and drop a
 * fresh database); BENCH_PGLITE=1 runs on an in-memory PGlite instead. BENCH_ITEMS items
 * (default 5,000) are loaded through the §2 import (validation, coding rule, versions), then
 * public catalog queries are timed (median of 20): a Chinese word, two words, a rare word,
 * a region subtree page; the hall's pinyin, initials and abbreviation. Goal: each query well under 100 ms at 5,000 items.
 */
import pino from 'pino';
import { SimulatedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { Actor } from '../src/domain/org/policy.js';
import { createCalendarProvider } from '../src/services/calendar/calendar-provider.js';
import { importItems } from '../src/services/catalog/import-items.js';
import { listPublicItems } from '../src/services/catalog/public-catalog.service.js';
import type { AppContext } from '../src/services/context.js';
import { openPglite, openPostgres, type Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { sampleItem } from '../test/helpers/catalog-factory.js';
import { createScratchDatabase, type ScratchDatabase } from '../test/helpers/scratch-db.js';

const N = Number(process.env.BENCH_ITEMS ?? 5000);
const usePglite = process.env.BENCH_PGLITE === '1';
const url = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;

let db: Db;
let scratch: ScratchDatabase | null = null;
if (usePglite) db = await openPglite(null);
else {
  scratch = await createScratchDatabase(url, 'xq_bench_catalog');
  db = await openPostgres(scratch.url, 4);
}
try {
  await migrate(db);
  const clock = new SimulatedClock(new Date('2026-03-02T10:00:00+08:00'));
  const ctx: AppContext = {
    db, config: loadConfig({ sweepIntervalMs: 0, logLevel: 'silent' }, {}), clock, wallClock: clock, log: pino({ level: 'silent' }),
    calendars: await createCalendarProvider(db), hooks: { caseChanged: [], calendarChanged: [], clockMoved: [] },
  };
  const regions = ['511702', '511703', '510411', '510100'];
  await db.query(`INSERT INTO regions (code, name, parent_code, level) VALUES ('510000','四川省',NULL,'province'),('511700','达州市','510000','city'),
    ('510400','攀枝花市','510000','city'),('510100','成都市','510000','city'),('511702','通川区','511700','county'),('511703','达川区','511700','county'),('510411','仁和区','510400','county')`);
  const kinds = [['STJ', '生态环境局'], ['SJJ', '市场监督管理局'], ['ZRJ', '自然资源局'], ['JTJ', '交通运输局'], ['WJW', '卫生健康委员会']];
  for (const r of regions) for (const [k, n] of kinds) await db.query('INSERT INTO departments (code, name, region_code) VALUES ($1,$2,$3)', [`${r}-${k}`, `${r}${n}`, r]);
  const words = ['排污', '食品', '建设用地', '道路运输', '医疗机构', '危险废物', '广告', '特种设备', '药品', '噪声', '林木', '矿产'];
  const cats = ['penalty', 'license', 'inspection', 'coercion', 'confirmation'];
  const items = Array.from({ length: N }, (_, i) => ({
    ...sampleItem({ name: `对${words[i % words.length]}违法行为第${i}项的${['处罚', '许可', '检查', '强制', '确认'][i % 5]}`, category: cats[i % 5] } as any),
    department: `${regions[i % regions.length]}-${kinds[Math.floor(i / 4) % kinds.length]![0]}`,
    ...(i === 4242 ? { name: '对稀有的鹦鹉螺化石违法采挖的处罚', category: 'penalty' } : {}),
  }));
  const system: Actor = { kind: 'system', name: 'bench' };
  let t = performance.now();
  for (let i = 0; i < N; i += 500) {
    const r = await db.tx((q) => importItems(q, ctx, system, items.slice(i, i + 500)));
    if (r.refused.length) throw new Error(JSON.stringify(r.refused[0]));
  }
  const importMs = ms(t);
  console.log(`${db.kind}: imported ${N} items in ${importMs} ms (${Math.round((N / importMs) * 1000)} items/s)`);
  t = performance.now();
  const again = await db.tx((q) => importItems(q, ctx, system, items.slice(0, 500)));
  console.log(`${db.kind}: re-import of 500 unchanged items (idempotent, ${again.loaded} loaded, no new versions): ${ms(t)} ms`);
  await db.query('ANALYZE');
  const time = async (label: string, input: Parameters<typeof listPublicItems>[1]) => {
    const runs: number[] = [];
    let total = 0;
    for (let k = 0; k < 20; k++) {
      const s = performance.now();
      total = (await listPublicItems(ctx, input)).total;
      runs.push(performance.now() - s);
    }
    runs.sort((a, b) => a - b);
    console.log(`${db.kind}: ${label}: median ${Math.round(runs[10]! * 10) / 10} ms, p95 ${Math.round(runs[18]! * 10) / 10} ms (${total} hits)`);
  };
  await time('search 「食品」', { q: '食品' });
  await time('search 「排污 处罚」', { q: '排污 处罚' });
  await time('search 「鹦鹉螺化石」 (rare)', { q: '鹦鹉螺化石' });
  // the hall's pinyin / initials / abbreviation keys (power_items.search_keys, computed at write time)
  await time('search 「shipin」 (pinyin)', { q: 'shipin' });
  await time('search 「yingwuluo」 (rare pinyin)', { q: 'yingwuluo' });
  await time('search 「spwf」 (initials)', { q: 'spwf' });
  await time('search 「排污证」 (abbreviation)', { q: '排污证' });
  await time('region 511700 page 1', { region: '511700' });
  await time('region 511702 + category license', { region: '511702', category: 'license' });
} finally {
  await db.close();
  await scratch?.drop();
}
