import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../catalog/item.types.js';
import { foldEvents } from './case.fold.js';
import type { CaseEvent } from './case.types.js';

const flow: Flow = {
  steps: [{ key: 'register', name: '立案', limitDays: 5 }, { key: 'investigate', name: '调查', limitDays: 30 }, { key: 'decide', name: '决定', limitDays: 10 }],
  rollbacks: [['decide', 'investigate']],
};
const item = { code: 'P1', version: 1, flow };
const actor = { id: 'o', name: '李' };
const t0 = Date.parse('2026-03-02T02:00:00Z');
const H = 3_600_000;

let seq = 0;
const e = (type: CaseEvent['type'], hours: number, data: any = {}): CaseEvent =>
  ({ eventId: `e${++seq}`, caseNo: 'C', type, occurredAt: new Date(t0 + hours * H), actor, data, departmentCode: 'D', receivedAt: new Date(t0), seq, source: 'exchange' }) as CaseEvent;

const history = (): CaseEvent[] => [
  e('case.registered', 0, { itemCode: 'P1', counterparty: { kind: 'person', name: '王五' }, channel: 'window' }),
  e('step.completed', 5, { step: 'register', opinion: { verdict: 'agree', text: 'ok' } }),
  e('correction.requested', 6, { materials: ['a', 'b'], reason: 'r' }),
  e('case.suspended', 24, { reason: '鉴定', basis: '第X条' }),
  e('case.resumed', 72),
  e('case.extended', 80, { workingDays: 5, reason: 'r', approvedBy: 'a' }),
  e('evidence.attached', 90, { evidenceId: 'v1', kind: 'video', name: 'a.mp4', size: 10, sha256: 'a'.repeat(64) }),
  e('step.completed', 100, { step: 'investigate', opinion: { verdict: 'agree', text: 'ok' } }),
  e('case.returned', 110, { fromStep: 'decide', toStep: 'investigate', reason: '补充调查' }),
  e('step.completed', 120, { step: 'investigate', opinion: { verdict: 'agree', text: 'ok' } }),
  e('case.decided', 130, { outcome: 'penalty', legalBasis: 'X', reason: 'Y', documentNo: 'N', penalty: { kind: 'fine', amount: 100, circumstance: '轻微' } }),
  e('penalty.executed', 140, { amount: 100, receiptNo: 'R1', paidAt: '2026-03-10T10:00:00+08:00' }),
  e('case.closed', 150),
];

describe('case fold', () => {
  it('folds a full history', () => {
    const s = foldEvents('C', 'D', history(), item);
    expect(s).toMatchObject({ status: 'concluded', conclusion: 'closed', itemCode: 'P1', itemVersion: 1, extensionDays: 5, currentStep: null, eventCount: 13 });
    expect(s.suspensions).toEqual([{ from: new Date(t0 + 24 * H), to: new Date(t0 + 72 * H), reason: '鉴定', basis: '第X条' }]);
    expect(s.steps.map((r) => r.step)).toEqual(['register', 'investigate', 'decide', 'investigate', 'decide']);
    expect(s.returns).toHaveLength(1);
    expect(s.decision?.penalty?.amount).toBe(100);
    expect(s.concludedAt).toEqual(new Date(t0 + 150 * H));
  });

  it('any arrival order of the same events gives the same state (§3: ordered by occurredAt, then arrival)', () => {
    const h = history();
    const expected = foldEvents('C', 'D', h, item);
    fc.assert(fc.property(fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length }), (perm) => {
      // a new arrival order: seq follows the permuted arrival
      const arrived = perm.map((x, i) => ({ ...x, seq: i + 1 }));
      expect(foldEvents('C', 'D', arrived, item)).toEqual(expected);
    }), { numRuns: 200 });
  });

  it('breaks ties in occurredAt by arrival', () => {
    const a = e('case.registered', 0, { itemCode: 'P1', counterparty: { kind: 'person', name: '王五' }, channel: 'window' });
    const s1 = e('case.suspended', 5, { reason: 'a', basis: 'b' });
    const r1 = e('case.resumed', 5);
    expect(foldEvents('C', 'D', [a, { ...r1, seq: 100 }, { ...s1, seq: 99 }], item).status).toBe('open');
    expect(foldEvents('C', 'D', [a, { ...r1, seq: 98 }, { ...s1, seq: 99 }], item).status).toBe('suspended');
  });

  it('keeps every hash an evidenceId was attached with', () => {
    const reg = e('case.registered', 0, { itemCode: 'P1', counterparty: { kind: 'person', name: '王五' }, channel: 'window' });
    const a1 = e('evidence.attached', 1, { evidenceId: 'v', kind: 'photo', name: 'p', size: 1, sha256: 'a'.repeat(64) });
    const a2 = e('evidence.attached', 2, { evidenceId: 'v', kind: 'photo', name: 'p', size: 1, sha256: 'b'.repeat(64) });
    const rm = e('evidence.removed', 3, { evidenceId: 'v', reason: 'r' });
    const s = foldEvents('C', 'D', [reg, a1, a2, rm], item);
    expect(s.evidence.v.hashes).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(s.evidence.v.removedAt).toEqual(new Date(t0 + 3 * H));
  });
});
