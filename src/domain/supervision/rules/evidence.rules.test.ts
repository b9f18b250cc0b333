import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../cases/case.types.js';
import { evidenceAltered, evidenceMissing } from './evidence.rules.js';
import { ev, item, ruleCtx, state, T } from './test-kit.js';

const evidence = (id: string, removed = false): Record<string, EvidenceRecord> => ({
  [id]: { evidenceId: id, kind: 'photo', name: '现场照片', size: 10, sha256: 'a'.repeat(64), attachedAt: T('2026-03-03T09:00:00+08:00'),
    removedAt: removed ? T('2026-03-03T09:30:00+08:00') : null, removedReason: removed ? '误传' : null, hashes: ['a'.repeat(64)] },
});
const decide = (outcome: 'penalty' | 'approved' = 'penalty') => ev('case.decided', { outcome, legalBasis: '环保法第六十三条', reason: '…', documentNo: 'X1', penalty: null });

describe('evidence rules', () => {
  it('a decision with evidence attached raises nothing', () => {
    expect(evidenceMissing.check(state({ currentStep: 'decide', evidence: evidence('p1') }), decide(), ruleCtx())).toEqual([]);
    expect(evidenceAltered.check(state({ evidence: evidence('p1') }), ev('evidence.removed', { evidenceId: 'p1', reason: '误传' }), ruleCtx())).toEqual([]);
  });
  it('EVIDENCE_MISSING for a penalty with no live evidence (removed evidence does not count)', () => {
    expect(evidenceMissing.check(state({ currentStep: 'decide' }), decide(), ruleCtx())).toMatchObject([{ code: 'EVIDENCE_MISSING', step: 'decide' }]);
    expect(evidenceMissing.check(state({ currentStep: 'decide', evidence: evidence('p1', true) }), decide(), ruleCtx())).toHaveLength(1);
  });
  it('a licence step without evidenceRequired needs none', () => {
    const lic = item({ category: 'license', flow: { steps: [{ key: 'review', name: '审查', limitDays: 5 }], rollbacks: [] } });
    expect(evidenceMissing.check(state({ currentStep: 'review' }), decide('approved'), ruleCtx({ item: lic }))).toEqual([]);
  });
  it('EVIDENCE_ALTERED when removed after a decision or re-attached with another hash', () => {
    const decided = state({ evidence: evidence('p1'), decision: { outcome: 'penalty', legalBasis: 'x', reason: 'r', documentNo: 'd', at: T('2026-03-04T10:00:00+08:00'), actor: { id: 'o', name: 'o' } } });
    expect(evidenceAltered.check(decided, ev('evidence.removed', { evidenceId: 'p1', reason: '' }), ruleCtx())[0].code).toBe('EVIDENCE_ALTERED');
    const reattach = ev('evidence.attached', { evidenceId: 'p1', kind: 'photo', name: 'x', size: 1, sha256: 'b'.repeat(64) });
    expect(evidenceAltered.check(state({ evidence: evidence('p1') }), reattach, ruleCtx())[0].details).toMatchObject({ evidenceId: 'p1' });
    const same = ev('evidence.attached', { evidenceId: 'p1', kind: 'photo', name: 'x', size: 1, sha256: 'a'.repeat(64) });
    expect(evidenceAltered.check(state({ evidence: evidence('p1') }), same, ruleCtx())).toEqual([]);
  });
});
