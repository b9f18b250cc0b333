import { describe, expect, it } from 'vitest';
import type { PowerItemVersion } from '../catalog/item.types.js';
import { CommandRefused, decide } from './case.decide.js';
import { evolve, initialState } from './case.fold.js';
import { caseClockSpecs, lightAt } from './case.clocks.js';

const item = {
  code: 'P1', version: 1, status: 'in_force', category: 'penalty', confidential: false, promisedLimitDays: 60, legalLimitDays: 90,
  fees: [{ code: 'F1', name: 'f', amount: 10 }], discretion: [{ circumstance: '一般', kind: 'fine', min: 100, max: 1000 }],
  flow: { steps: [{ key: 'a', name: 'A', limitDays: 5 }, { key: 'b', name: 'B', limitDays: 5, evidenceRequired: true }], rollbacks: [['b', 'a']] },
} as unknown as PowerItemVersion;
const actor = { id: 'o', name: '李' };
const at = new Date('2026-03-02T02:00:00Z');
const registered = evolve(initialState('C', 'D'), { eventId: '1', caseNo: 'C', type: 'case.registered', occurredAt: at, actor,
  data: { itemCode: 'P1', counterparty: { kind: 'person', name: '王' }, channel: 'window' } }, item);
const refusal = (f: () => unknown) => { try { f(); } catch (e) { return e as CommandRefused; } throw new Error('not refused'); };

describe('decide (workbench commands)', () => {
  it('refuses out-of-order steps and a negative opinion without reason', () => {
    expect(refusal(() => decide({ kind: 'completeStep', data: { step: 'b', opinion: { verdict: 'agree', text: '' } } }, registered, item)).field).toBe('step');
    expect(refusal(() => decide({ kind: 'completeStep', data: { step: 'a', opinion: { verdict: 'disagree', text: '' } } }, registered, item)).field).toBe('opinion.text');
    expect(decide({ kind: 'completeStep', data: { step: 'a', opinion: { verdict: 'agree', text: '' } } }, registered, item)[0].type).toBe('step.completed');
  });
  it('requires legal basis, discretion band and fee standard', () => {
    const ev = evolve(registered, { eventId: '2', caseNo: 'C', type: 'evidence.attached', occurredAt: at, actor, data: { evidenceId: 'v', kind: 'photo', name: 'p', size: 1, sha256: 'a'.repeat(64) } }, item);
    const d = { outcome: 'penalty' as const, legalBasis: '', reason: 'r', documentNo: 'N', penalty: { kind: 'fine', amount: 500, circumstance: '一般' } };
    expect(refusal(() => decide({ kind: 'decide', data: d }, ev, item)).field).toBe('legalBasis');
    expect(refusal(() => decide({ kind: 'decide', data: { ...d, legalBasis: 'X', penalty: { ...d.penalty, amount: 5000 } } }, ev, item)).field).toBe('penalty.amount');
    expect(refusal(() => decide({ kind: 'decide', data: { ...d, legalBasis: 'X' } }, registered, item)).field).toBe('evidence');
    expect(decide({ kind: 'decide', data: { ...d, legalBasis: 'X' } }, ev, item)).toHaveLength(1);
    expect(refusal(() => decide({ kind: 'chargeFee', data: { feeCode: 'F1', amount: 11 } }, ev, item)).field).toBe('amount');
    expect(refusal(() => decide({ kind: 'return', data: { toStep: 'a', reason: 'r' } }, ev, item)).field).toBe('toStep');
  });
  it('computes clocks and lights (§1)', () => {
    const specs = caseClockSpecs(registered, item);
    expect(specs.map((s) => [s.kind, s.workingDays])).toEqual([['promised', 60], ['legal', 90], ['step', 5]]);
    const d = { warnAt: new Date('2026-05-01T00:00:00Z'), dueAt: new Date('2026-05-10T00:00:00Z'), legalDueAt: new Date('2026-06-10T00:00:00Z') };
    expect(lightAt('open', d, new Date('2026-04-01T00:00:00Z'))).toBe('green');
    expect(lightAt('suspended', d, new Date('2026-05-02T00:00:00Z'))).toBe('yellow');
    expect(lightAt('open', d, new Date('2026-05-10T00:00:00Z'))).toBe('red');
    expect(lightAt('concluded', d, new Date('2026-05-10T00:00:00Z'))).toBe('none');
  });
});
