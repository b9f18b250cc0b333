import { newId } from '../../src/services/ids.js';
import { casePlatform, type CasePlatform } from '../cases/case-helpers.js';
import { bearer, seedDepartment, seedUser } from '../helpers/factories.js';
import { seedItem } from '../helpers/catalog-factory.js';

/**
 * A platform for evaluation tests: 达州市 (511700) with 511702-STJ (cases), 511702-SJJ (none) and
 * 511703-STJ; the supervision observers detached, so that the only alerts are those a test stores.
 */
export interface EvalPlatform extends CasePlatform {
  h: Record<'sup' | 'admin' | 'leader' | 'countySup' | 'deptAdmin' | 'handler', { authorization: string }>;
  at(iso: string): void;
  pushAt(iso: string, events: unknown[], key?: string): Promise<void>;
  alert(a: { dept: string; code?: string; level: 'red' | 'yellow'; status?: string; raisedAt: string; caseNo?: string }): Promise<string>;
  rating(dept: string, rating: number, at: string): Promise<void>;
  get(url: string, who?: keyof EvalPlatform['h'] | null): Promise<{ status: number; body: any }>;
  send(method: 'POST' | 'PUT', url: string, payload: unknown, who?: keyof EvalPlatform['h']): Promise<{ status: number; body: any }>;
}

export const SCHEME = {
  name: '达州市2026年度行政权力运行考评细则', effectiveFrom: '2026-01', base: 100,
  indicators: [
    { code: 'CASES_CONCLUDED', points: 1, cap: 2 }, { code: 'ON_TIME_RATE', points: 10 }, { code: 'RED_ALERTS', points: -2, cap: 30 },
    { code: 'YELLOW_ALERTS', points: -1 }, { code: 'ORDERS_OVERDUE', points: -3 }, { code: 'COMPLAINTS_UPHELD', points: -5 }, { code: 'SATISFACTION', points: 4 },
  ],
};

export async function evalPlatform(start = '2026-02-25T09:00:00+08:00'): Promise<EvalPlatform> {
  const p = await casePlatform(start, {}, { observers: false });
  // promised 3 working days: a case concluded a week later is late
  await seedItem(p.db, p.ctx, { code: 'P-FAST-001', promisedLimitDays: 3, legalLimitDays: 5, flow: { steps: [{ key: 'register', name: '立案', post: '承办科室', limitDays: 1 }], rollbacks: [] } } as any);
  await seedDepartment(p.db, '511702-SJJ', '通川区市场监督管理局', '511702');
  await p.db.query(`UPDATE departments SET name = '通川区生态环境局' WHERE code = '511702-STJ'`);
  await p.db.query(`UPDATE departments SET name = '达川区生态环境局' WHERE code = '511703-STJ'`);
  await seedUser(p.db, { username: 'sup', role: 'supervisor', region: '511700' });
  await seedUser(p.db, { username: 'admin', role: 'system_admin', region: null });
  await seedUser(p.db, { username: 'leader', role: 'leader', region: '511702' });
  await seedUser(p.db, { username: 'countySup', role: 'supervisor', region: '511703' });
  await seedUser(p.db, { username: 'deptAdmin', role: 'department_admin', region: '511702', department: '511702-STJ' });
  await seedUser(p.db, { username: 'handler', role: 'handler', region: '511702', department: '511702-STJ' });
  const h = {} as EvalPlatform['h'];
  for (const u of ['sup', 'admin', 'leader', 'countySup', 'deptAdmin', 'handler'] as const) h[u] = await bearer(p.app, u);
  const at = (iso: string) => { const t = new Date(iso); if (t > p.clock.now()) p.clock.set(t); };
  const self: EvalPlatform = {
    ...p, h, at,
    async pushAt(iso, events, key) {
      at(iso);
      const r = await p.push(events, key);
      if (r.status !== 200 || r.body.rejected?.length) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body)}`);
    },
    async alert(a) {
      const id = newId();
      await p.db.query(
        `INSERT INTO supervision_alerts (id, code, level, subject_kind, subject_id, department_code, region_code, case_no, status, message, raised_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '测试预警', $10, $10)`,
        [id, a.code ?? (a.level === 'red' ? 'DEADLINE_OVERDUE' : 'DEADLINE_WARNING'), a.level, a.caseNo ? 'case' : 'department', id, a.dept, a.dept.slice(0, 6), a.caseNo ?? null,
          a.status ?? 'open', new Date(a.raisedAt)]);
      return id;
    },
    async rating(dept, rating, iso) {
      const id = newId();
      await p.db.query(`INSERT INTO satisfaction_ratings (case_id, case_no, department_code, region_code, rating, rated_at) VALUES ($1, $1, $2, $3, $4, $5)`,
        [id, dept, dept.slice(0, 6), rating, new Date(iso)]);
    },
    async get(url, who = 'sup') {
      const res = await p.app.inject({ method: 'GET', url, headers: who ? h[who] : {} });
      return { status: res.statusCode, body: res.json() };
    },
    async send(method, url, payload, who = 'sup') {
      const res = await p.app.inject({ method, url, headers: h[who], payload: payload as any });
      return { status: res.statusCode, body: res.json() };
    },
  };
  return self;
}
