import type { AddressInfo } from 'node:net';
import { issueApiKey } from '../../src/services/admin/api-key.service.js';
import { configureUpstream } from '../../src/services/levels/upstream.service.js';
import { buildServer } from '../../src/http/server.js';
import type { App } from '../../src/http/app-types.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { sampleItem } from '../helpers/catalog-factory.js';
import { bearer, seedRegions, seedUser } from '../helpers/factories.js';

export const DEPT = '511702-STJ';
const system = { kind: 'system', name: 'test' } as const;
type Auth = { authorization: string };

/** An upper platform served over HTTP on a local port, which a test can stop and start again on the same port. */
export interface Upper extends TestPlatform {
  url: string;
  admin: Auth;
  sup: Auth;
  stopHttp(): Promise<void>;
  startHttp(): Promise<void>;
}

export async function upperPlatform(clockStart: string): Promise<Upper> {
  const p = await testPlatform({ clockStart });
  await seedRegions(p.db);
  await seedUser(p.db, { username: 'up_admin', role: 'system_admin' });
  await seedUser(p.db, { username: 'up_sup', role: 'supervisor', region: '511700' });
  let server: App = p.app;
  await server.listen({ port: 0, host: '127.0.0.1' });
  const port = (server.server.address() as AddressInfo).port;
  const self: Upper = {
    ...p, url: `http://127.0.0.1:${port}`, admin: await bearer(p.app, 'up_admin'), sup: await bearer(p.app, 'up_sup'),
    async stopHttp() { await server.close(); },
    async startHttp() {
      server = await buildServer(p.ctx, { logger: false });
      await server.listen({ port, host: '127.0.0.1' });
      self.app = server;
    },
    async close() {
      await server.close();
      await p.db.close();
    },
  };
  return self;
}

/** A lower platform (通川区 511702) forwarding to `upper` with a platform key issued there through the admin API. */
export interface Lower extends TestPlatform {
  admin: Auth;
  sup: Auth;
  handler: Auth;
  key: string;
  push(events: unknown[]): Promise<any>;
}

export async function lowerPlatform(upper: Upper, clockStart: string): Promise<Lower> {
  const res = await upper.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: upper.admin, payload: { region: '511702', name: '通川区平台' } });
  if (res.statusCode !== 201) throw new Error(`platform key: ${res.statusCode} ${res.body}`);
  const p = await testPlatform({ clockStart, config: { upstreamUrl: upper.url, upstreamKey: res.json().key } });
  await seedRegions(p.db); // stored before forwarding is configured: the outbox is seeded with it
  await configureUpstream(p.ctx);
  await seedUser(p.db, { username: 'lo_admin', role: 'system_admin' });
  await seedUser(p.db, { username: 'lo_sup', role: 'supervisor', region: '511702' });
  const admin = await bearer(p.app, 'lo_admin');
  const imp = await p.app.inject({
    method: 'POST', url: '/api/admin/import', headers: admin,
    payload: {
      departments: [{ code: DEPT, name: '通川区生态环境局', region: '511702' }],
      officers: [{ id: 'o-17', name: '李明', department: DEPT, certificateNo: '51170220260017', validUntil: '2028-12-31' }],
      items: [{ code: 'P-TEST-001', ...sampleItem() }],
    },
  });
  if (imp.statusCode !== 200 || imp.json().refused.length) throw new Error(`import: ${imp.body}`);
  await seedUser(p.db, { username: 'lo_handler', role: 'handler', region: '511702', department: DEPT });
  const { key } = (await issueApiKey(p.ctx, system, { department: DEPT, name: 'system' })) as { key: string };
  return {
    ...p, admin, sup: await bearer(p.app, 'lo_sup'), handler: await bearer(p.app, 'lo_handler'), key,
    async push(events) {
      const r = await p.app.inject({ method: 'POST', url: '/api/exchange/v1/events', headers: { authorization: `Bearer ${key}` }, payload: { events } });
      if (r.statusCode !== 200 || r.json().rejected.length) throw new Error(`push: ${r.statusCode} ${r.body}`);
      return r.json();
    },
  };
}

const actor = { id: 'o-17', name: '李明', certificateNo: '51170220260017' };
export const ev = (eventId: string, caseNo: string, type: string, occurredAt: string, data: unknown = {}) => ({ eventId, caseNo, type, occurredAt, actor, data });
export const registered = (caseNo: string, at: string) =>
  ev(`${caseNo}-reg`, caseNo, 'case.registered', at, { itemCode: 'P-TEST-001', counterparty: { kind: 'person', name: '王小明' }, channel: 'window' });
/** A step completed with a disagreeing opinion and no reason: NEGATIVE_OPINION_WITHOUT_REASON (yellow) on that step. */
export const disagreed = (caseNo: string, step: string, at: string) =>
  ev(`${caseNo}-${step}`, caseNo, 'step.completed', at, { step, opinion: { verdict: 'disagree', text: '' } });

export const alertsOf = async (p: TestPlatform, who: Auth, query: string) => {
  const r = await p.app.inject({ method: 'GET', url: `/api/supervision/alerts?${query}`, headers: who });
  if (r.statusCode !== 200) throw new Error(`alerts: ${r.statusCode} ${r.body}`);
  return r.json().alerts as any[];
};
/** The §5 fields an upper must show as the lower has them. */
export const sameFields = (a: any) => ({ code: a.code, level: a.level, caseNo: a.caseNo, step: a.step, raisedAt: a.raisedAt, status: a.status });
