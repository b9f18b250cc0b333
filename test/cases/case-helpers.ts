import type { Config } from '../../src/config.js';
import type { PowerItemVersion } from '../../src/domain/catalog/item.types.js';
import { issueApiKey } from '../../src/services/admin/api-key.service.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { seedItem } from '../helpers/catalog-factory.js';

export const DEPT = '511702-STJ';
export const OTHER_DEPT = '511703-STJ';
export const system = { kind: 'system', name: 'test' } as const;

export interface CasePlatform extends TestPlatform {
  item: PowerItemVersion;
  key: string;
  otherKey: string;
  push(events: unknown[], key?: string): Promise<{ status: number; body: any }>;
}

/**
 * A platform with the §2 penalty item of 通川区生态环境局 and API keys of two departments.
 * `observers: false` detaches the supervision observers to test the case path alone.
 */
export async function casePlatform(clockStart = '2026-03-02T12:00:00+08:00', config: Partial<Config> = {}, opts: { observers?: boolean } = {}): Promise<CasePlatform> {
  const p = await testPlatform({ clockStart, config });
  if (opts.observers === false) p.ctx.hooks.caseChanged.length = 0;
  const item = await seedItem(p.db, p.ctx, { code: 'P-TEST-001' } as any);
  await seedItem(p.db, p.ctx, { code: 'P-OTHER-001', department: OTHER_DEPT } as any);
  const { key } = (await issueApiKey(p.ctx, system, { department: DEPT, name: 'test system' })) as { key: string };
  const { key: otherKey } = (await issueApiKey(p.ctx, system, { department: OTHER_DEPT, name: 'other system' })) as { key: string };
  return {
    ...p, item, key, otherKey,
    async push(events, k = key) {
      const res = await p.app.inject({ method: 'POST', url: '/api/exchange/v1/events', headers: { authorization: `Bearer ${k}` }, payload: { events } });
      return { status: res.statusCode, body: res.json() };
    },
  };
}

const actor = { id: 'o-17', name: '李明', certificateNo: '51170220260017' };

/** A §3 event on the wire. */
export const ev = (eventId: string, caseNo: string, type: string, occurredAt: string, data: unknown = {}) =>
  ({ eventId, caseNo, type, occurredAt, actor, data });

export const registered = (caseNo: string, at = '2026-03-02T10:00:00+08:00', itemCode = 'P-TEST-001') =>
  ev(`${caseNo}-reg`, caseNo, 'case.registered', at, { itemCode, counterparty: { kind: 'person', name: '王小明' }, channel: 'window' });

export const stepDone = (caseNo: string, step: string, at: string, n = step) =>
  ev(`${caseNo}-${n}`, caseNo, 'step.completed', at, { step, opinion: { verdict: 'agree', text: '同意' } });

/** Eight events of one case: registration, the three steps, a decision and the close. */
export const lifecycle = (no: string) => [
  registered(no),
  ev(`${no}-sus`, no, 'case.suspended', '2026-03-02T10:30:00+08:00', { reason: '等待补正', basis: '《行政处罚法》' }),
  ev(`${no}-res`, no, 'case.resumed', '2026-03-02T10:40:00+08:00'),
  stepDone(no, 'register', '2026-03-02T11:00:00+08:00'),
  stepDone(no, 'investigate', '2026-03-02T11:10:00+08:00'),
  ev(`${no}-dec`, no, 'case.decided', '2026-03-02T11:20:00+08:00', { outcome: 'no_penalty', legalBasis: '《行政处罚法》第三十三条', reason: '首违不罚', documentNo: `通环不罚〔2026〕${no}号` }),
  stepDone(no, 'decide', '2026-03-02T11:30:00+08:00'),
  ev(`${no}-close`, no, 'case.closed', '2026-03-02T11:40:00+08:00'),
];
