/**
 * Issuing a notice (`npx tsx bench/notices.ts`): the template in force, the next 文号, the PDF set
 * in Chinese (Noto Sans SC subset embedded) and its archive with SHA-256, in one transaction.
 * On an in-memory PGlite (BENCH_PGLITE unset) or PostgreSQL with BENCH_PG=1 (DATABASE_URL).
 * Prints the median and the 90th percentile of BENCH_NOTICES issues (default 40) and the size.
 */
import { openPglite, openPostgres, type Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { issueNotice } from '../src/services/documents/notices.service.js';
import { createScratchDatabase, type ScratchDatabase } from '../test/helpers/scratch-db.js';

const N = Number(process.env.BENCH_NOTICES ?? 40);
let db: Db;
let scratch: ScratchDatabase | null = null;
if (process.env.BENCH_PG === '1') {
  scratch = await createScratchDatabase(process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test', 'xq_bench_notices');
  db = await openPostgres(scratch.url, 4);
} else db = await openPglite(null);
try {
  await migrate(db);
  await db.query(`INSERT INTO regions (code, name, parent_code, level) VALUES ('510000','四川省',NULL,'province'), ('511700','达州市','510000','city'), ('511702','通川区','511700','county')`);
  await db.query(`INSERT INTO departments (code, name, region_code) VALUES ('511702-STJ', '通川区生态环境局', '511702')`);
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const d = await db.tx((q) => issueNotice(q, {
      kind: 'correction_notice', regionCode: '511702', departmentCode: '511702-STJ', subjectType: 'case', subjectId: `c${i}`,
      values: { 申请人: '某某环保科技有限公司', 事项名称: '排污许可证核发', 办件编号: `511702-STJ-20260302-${i}`, 补正材料: ['营业执照副本', '排污口位置图', '环评批复文件'], 理由: '申请材料不齐全', 部门: '通川区生态环境局' },
      issuedBy: { id: null, name: 'bench' }, at: new Date('2026-03-02T02:00:00Z'),
    }));
    times.push(performance.now() - t);
    size = d.sizeBytes;
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10;
  console.log(JSON.stringify({ backend: scratch ? 'postgres' : 'pglite', notices: N, medianMs: q(0.5), p90Ms: q(0.9), minMs: Math.round(times[0]), pdfBytes: size }));
} finally {
  await db.close();
  await scratch?.drop();
}
