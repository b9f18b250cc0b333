import { bearer, seedUser } from '../helpers/factories.js';
import { casePlatform, DEPT, type CasePlatform } from '../cases/case-helpers.js';

export { DEPT };
export const OFFICER = { id: 'o-17', name: '李明', certificateNo: '51170220260017' };

export interface SupPlatform extends CasePlatform {
  sup: { authorization: string };
  handler: { authorization: string };
  /** Moves the drill clock forward to `iso` (never back). */
  at(iso: string): void;
  /** Pushes events at `iso` (the clock is moved there first). */
  pushAt(iso: string, events: unknown[]): Promise<any>;
  sweep(iso: string): Promise<any>;
  alerts(query: string): Promise<any[]>;
  codes(caseNo: string): Promise<string[]>;
}

/** A case platform with a registered officer, a city supervisor (达州市 511700) and a department handler. */
export async function supPlatform(start = '2026-03-02T09:00:00+08:00'): Promise<SupPlatform> {
  const p = await casePlatform(start);
  await p.db.query(`INSERT INTO officers (id, name, department_code, certificate_no, valid_until) VALUES ($1,$2,$3,$4,'2028-12-31') ON CONFLICT DO NOTHING`,
    [OFFICER.id, OFFICER.name, DEPT, OFFICER.certificateNo]);
  await seedUser(p.db, { username: 'sup', role: 'supervisor', region: '511700' });
  await seedUser(p.db, { username: 'handler', role: 'handler', region: '511702', department: DEPT });
  const sup = await bearer(p.app, 'sup');
  const handler = await bearer(p.app, 'handler');
  const at = (iso: string) => {
    const t = new Date(iso);
    if (t > p.clock.now()) p.clock.set(t);
  };
  const self: SupPlatform = {
    ...p, sup, handler, at,
    async pushAt(iso, events) {
      at(iso);
      const r = await p.push(events);
      if (r.status !== 200 || r.body.rejected?.length) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async sweep(iso) {
      at(iso);
      const res = await p.app.inject({ method: 'POST', url: '/api/supervision/sweep', headers: sup, payload: {} });
      if (res.statusCode !== 200) throw new Error(`sweep failed: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    async alerts(query) {
      const res = await p.app.inject({ method: 'GET', url: `/api/supervision/alerts?${query}`, headers: sup });
      if (res.statusCode !== 200) throw new Error(`alerts failed: ${res.statusCode} ${res.body}`);
      return res.json().alerts;
    },
    /** The codes (with step) of a case's alerts that have not been withdrawn. */
    async codes(caseNo) {
      const list = await self.alerts(`caseNo=${encodeURIComponent(caseNo)}&limit=1000`);
      return list.filter((a: any) => a.detailedStatus !== 'withdrawn').map((a: any) => (a.code === 'STEP_OVERDUE' ? `${a.code}:${a.step}` : a.code)).sort();
    },
  };
  return self;
}

export const wire = (eventId: string, caseNo: string, type: string, occurredAt: string, data: Record<string, unknown> = {}, actor: Record<string, unknown> = OFFICER) =>
  ({ eventId, caseNo, type, occurredAt, actor, data });
export const reg = (caseNo: string, at: string, itemCode = 'P-TEST-001') =>
  wire(`${caseNo}-reg`, caseNo, 'case.registered', at, { itemCode, counterparty: { kind: 'person', name: '王小明' }, channel: 'window' });
export const step = (caseNo: string, s: string, at: string, n = s) =>
  wire(`${caseNo}-${n}`, caseNo, 'step.completed', at, { step: s, opinion: { verdict: 'agree', text: '同意' } });
export const SHA = 'a'.repeat(64);
