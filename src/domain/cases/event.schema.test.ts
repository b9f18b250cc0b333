import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventType } from './case.types.js';
import { fastParseEvent, parseEvent, zodParseEvent } from './event.schema.js';

const base = { eventId: 'e1', caseNo: 'C1', occurredAt: '2026-03-02T10:00:00+08:00', actor: { id: 'o', name: '李明' } };

describe('event schemas (§3)', () => {
  it('accepts each documented shape', () => {
    expect(parseEvent({ ...base, type: 'case.registered', data: { itemCode: 'X', counterparty: { kind: 'person', name: '王' }, channel: 'exchange' } }).ok).toBe(true);
    expect(parseEvent({ ...base, type: 'case.resumed' }).ok).toBe(true);
    expect(parseEvent({ ...base, type: 'case.rejected', data: { reason: '' } }).ok).toBe(true); // empty reason: a finding, not malformed
  });
  it('names the bad field', () => {
    const r = parseEvent({ ...base, type: 'case.extended', data: { workingDays: -1, reason: 'r', approvedBy: 'a' } });
    expect(r).toMatchObject({ ok: false, field: 'data.workingDays' });
    expect(parseEvent({ ...base, type: 'nope', data: {} })).toMatchObject({ ok: false, field: 'type' });
    expect(parseEvent({ ...base, occurredAt: '2026-03-02 10:00', type: 'case.closed' })).toMatchObject({ ok: false, field: 'occurredAt' });
    expect(parseEvent({ ...base, type: 'evidence.attached', data: { evidenceId: 'v', kind: 'photo', name: 'n', size: 1, sha256: 'xyz' } })).toMatchObject({ ok: false, field: 'data.sha256' });
    expect(parseEvent({ ...base, actor: {}, type: 'case.closed' })).toMatchObject({ ok: false, field: 'actor.id' });
  });
});

describe('the fast path of the event schemas', () => {
  const hex = 'ab'.repeat(32);
  const valid: Record<EventType, unknown> = {
    'application.submitted': { itemCode: 'P-1', counterparty: { kind: 'person', name: '王五', idNumber: '11010519491231002X', phone: '13800000000' }, channel: 'online', materials: ['申请书'] },
    'correction.answered': { materials: ['身份证'] },
    'case.registered': { itemCode: 'P-1', counterparty: { kind: 'person', name: '王五', idNumber: '11010519491231002X', phone: '13800000000' }, channel: 'window' },
    'step.completed': { step: 'review', opinion: { verdict: 'agree', text: '同意' } },
    'case.returned': { fromStep: 'b', toStep: 'a', reason: '退回' },
    'correction.requested': { materials: ['营业执照', '身份证'], reason: '材料不全' },
    'case.suspended': { reason: '鉴定', basis: '第二十条' },
    'case.resumed': {},
    'case.extended': { workingDays: 10, reason: '复杂', approvedBy: '局长' },
    'evidence.attached': { evidenceId: 'v1', kind: 'video', name: '执法记录.mp4', sha256: hex, size: 1024, sm3: hex },
    'evidence.removed': { evidenceId: 'v1', reason: '重复' },
    'case.decided': { outcome: 'penalty', penalty: { amount: 5000, circumstance: '一般', kind: 'fine' }, reason: '超标', legalBasis: '第六十三条', documentNo: '罚〔2026〕1号' },
    'case.rejected': { reason: '不符合条件', remedies: '可申请行政复议' },
    'case.terminated': { reason: '撤回' },
    'penalty.executed': { amount: 5000, paidAt: '2026-03-05T10:00:00+08:00', receiptNo: 'R1' },
    'fee.charged': { amount: 20, feeCode: 'F1' },
    'case.closed': {},
  };
  const sample = (type: EventType) => ({ ...base, actor: { id: 'o', name: '李明', certificateNo: '51170220260017' }, type, data: structuredClone(valid[type]) });
  /** Same parsed event, key order and instants included. */
  const same = (a: unknown, b: unknown) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

  it('takes every documented shape itself and builds what Zod builds', () => {
    for (const type of EVENT_TYPES) {
      const raw = sample(type);
      const fast = fastParseEvent(raw);
      expect(fast, type).not.toBeNull();
      const ref = zodParseEvent(raw);
      expect(ref.ok).toBe(true);
      same(fast, ref.ok && ref.event);
    }
    // optional parts left out, nulls, defaults and unknown keys
    const bare = { ...base, type: 'case.decided', data: { outcome: 'other', penalty: null, extra: 1 }, actor: { id: 'o', name: '李', certificateNo: '' } };
    const z = zodParseEvent(bare);
    expect(z.ok).toBe(true);
    same(fastParseEvent(bare), z.ok && z.event);
    expect(fastParseEvent({ ...base, type: 'case.resumed' })).not.toBeNull();
  });

  /** Every path in a value (objects only), with the value's own unknown key beside them. */
  const paths = (v: unknown, p: string[] = []): string[][] =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? [p, [...p, 'zz'], ...Object.entries(v).flatMap(([k, x]) => paths(x, [...p, k]))]
      : [p];
  const oddValue = fc.oneof(
    fc.constantFrom(undefined, null, '', 'x', 0, -1, 1.5, 3650, 3651, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY, true, [], {}, ['a'], [''], [1],
      'agree', 'person', 'photo', 'penalty', 'case.closed', hex, hex.toUpperCase(), `${hex}0`, '2026-03-02T10:00:00+08:00', '2026-03-02T10:00:00', '2026-02-30T10:00:00Z',
      'a'.repeat(40), 'a'.repeat(41), 'a'.repeat(100), 'a'.repeat(101), 'a'.repeat(200), 'a'.repeat(201), 'a'.repeat(500), 'a'.repeat(501), 'a'.repeat(20_001), new Date(0)),
    fc.string(), fc.integer(), fc.double(),
  );

  it('never accepts what Zod refuses, and accepts as Zod does (generated mutations)', () => {
    let fastOk = 0;
    let zodOk = 0;
    fc.assert(fc.property(fc.constantFrom(...EVENT_TYPES), fc.array(fc.tuple(fc.nat(), oddValue, fc.boolean()), { minLength: 1, maxLength: 3 }), (type, edits) => {
      const raw: any = sample(type);
      for (const [n, value, remove] of edits) {
        const ps = paths(raw).filter((p) => p.length);
        const p = ps[n % ps.length];
        const parent = p.slice(0, -1).reduce((o, k) => o?.[k], raw);
        if (!parent || typeof parent !== 'object') continue;
        if (remove) delete parent[p[p.length - 1]];
        else parent[p[p.length - 1]] = value;
      }
      const fast = fastParseEvent(raw);
      const ref = zodParseEvent(raw);
      if (ref.ok) zodOk++;
      if (fast) {
        fastOk++;
        expect(ref.ok).toBe(true);
        same(fast, ref.ok && ref.event);
      }
      // parseEvent answers what Zod answers
      expect(JSON.stringify(parseEvent(raw))).toBe(JSON.stringify(ref));
    }), { numRuns: 5000 });
    // the mutations reach both sides: many still valid, most of those taken by the fast path
    expect(zodOk).toBeGreaterThan(500);
    expect(fastOk).toBeGreaterThan(zodOk * 0.8);
  });
});
