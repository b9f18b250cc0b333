import { describe, expect, it } from 'vitest';
import type { PowerItemVersion } from '../catalog/item.types.js';
import { allowedActions, CommandRefused, decide } from './case.decide.js';
import { evolve, initialState } from './case.fold.js';
import type { CaseEventInput, CaseState, EventType } from './case.types.js';

// 川办发〔2014〕2号 平台办法 第五条(六): 网上申请 → 待受理 → 受理 / 不予受理 / 一次性告知补正
const item = {
  code: 'L1', version: 2, status: 'in_force', category: 'license', confidential: false, promisedLimitDays: 10, legalLimitDays: 20,
  materials: ['申请书', '营业执照'], fees: [], discretion: [], remedies: '可依法申请行政复议或提起行政诉讼',
  flow: { steps: [{ key: 'review', name: '审查', limitDays: 5 }], rollbacks: [] },
} as unknown as PowerItemVersion;
const applicant = { kind: 'person' as const, name: '王五', idNumber: '11010519491231002X', phone: '13800000000' };
const at = (d: number) => new Date(Date.UTC(2026, 2, 2 + d, 2));
let n = 0;
const apply = (s: CaseState, type: EventType, data: any, d = 0): CaseState =>
  evolve(s, { eventId: `e${++n}`, caseNo: 'C', type, occurredAt: at(d), actor: { id: 'x', name: 'x' }, data } as CaseEventInput, item);
const refusal = (f: () => unknown) => { try { f(); } catch (e) { return e as CommandRefused; } throw new Error('not refused'); };
const submitted = apply(initialState('C', 'D'), 'application.submitted', { itemCode: 'L1', counterparty: applicant, channel: 'online', materials: ['申请书'] });

describe('online application (网上申请) in the decider and the fold', () => {
  it('an application waits 待受理: item, applicant and materials kept, no clock, no acceptance yet', () => {
    expect(submitted).toMatchObject({ status: 'submitted', itemCode: 'L1', itemVersion: 2, channel: 'online', acceptedAt: null, appliedMaterials: ['申请书'] });
    expect(submitted.submittedAt).toEqual(at(0));
    expect(submitted.counterparty?.idNumber).toBe('11010519491231002X');
    expect(allowedActions(submitted, item)).toEqual(['accept', 'reject', 'requestCorrection']);
  });

  it('apply refuses a material the item does not list, a bad identity number, a confidential item', () => {
    const cmd = { kind: 'apply' as const, data: { itemCode: 'L1', counterparty: applicant, channel: 'online' as const, materials: ['申请书'] } };
    expect(decide(cmd, initialState('C', 'D'), item)[0].type).toBe('application.submitted');
    expect(refusal(() => decide({ ...cmd, data: { ...cmd.data, materials: ['户口本'] } }, initialState('C', 'D'), item)).field).toBe('materials');
    expect(refusal(() => decide({ ...cmd, data: { ...cmd.data, counterparty: { ...applicant, idNumber: '110105194912310021' } } }, initialState('C', 'D'), item)).field).toBe('counterparty.idNumber');
    expect(refusal(() => decide(cmd, initialState('C', 'D'), { ...item, confidential: true })).field).toBe('itemCode');
    expect(refusal(() => decide(cmd, initialState('C', 'D'), { ...item, category: 'penalty' })).field).toBe('itemCode');
    expect(refusal(() => decide(cmd, submitted, item)).conflict).toBe(true);
  });

  it('accept registers the case (受理) with channel online; the limits start then', () => {
    const [e] = decide({ kind: 'accept', data: {} }, submitted, item);
    expect(e).toEqual({ type: 'case.registered', data: { itemCode: 'L1', counterparty: applicant, channel: 'online' } });
    const accepted = apply(submitted, e.type, e.data, 1);
    expect(accepted).toMatchObject({ status: 'open', currentStep: 'review', channel: 'online' });
    expect(accepted.acceptedAt).toEqual(at(1));
    expect(accepted.submittedAt).toEqual(at(0));
    expect(refusal(() => decide({ kind: 'accept', data: {} }, accepted, item)).field).toBe('status');
  });

  it('a refusal (不予受理) needs its reason and the remedies, and concludes the application', () => {
    expect(refusal(() => decide({ kind: 'reject', data: { reason: ' ', remedies: 'x' } }, submitted, item)).field).toBe('reason');
    expect(refusal(() => decide({ kind: 'reject', data: { reason: '不属于本机关职权', remedies: '' } }, submitted, item)).field).toBe('remedies');
    const [e] = decide({ kind: 'reject', data: { reason: '不属于本机关职权', remedies: '可申请行政复议' } }, submitted, item);
    const rejected = apply(submitted, e.type, e.data, 1);
    expect(rejected).toMatchObject({ status: 'concluded', conclusion: 'rejected', acceptedAt: null });
  });

  it('corrections are asked once (一次性告知), answered online, then the application can be accepted', () => {
    expect(refusal(() => decide({ kind: 'completeStep', data: { step: 'review', opinion: { verdict: 'agree', text: '' } } }, submitted, item)).field).toBe('status');
    const [c] = decide({ kind: 'requestCorrection', data: { materials: ['营业执照'], reason: '缺营业执照' } }, submitted, item);
    const asked = apply(submitted, c.type, c.data, 1);
    expect(allowedActions(asked, item)).toEqual(['reject']);
    expect(refusal(() => decide({ kind: 'accept', data: {} }, asked, item)).field).toBe('status');
    expect(refusal(() => decide({ kind: 'requestCorrection', data: { materials: ['申请书'], reason: 'again' } }, asked, item)).conflict).toBe(true);
    expect(refusal(() => decide({ kind: 'answerCorrection', data: { materials: [] } }, asked, item)).field).toBe('materials');
    const [a] = decide({ kind: 'answerCorrection', data: { materials: ['营业执照'] } }, asked, item);
    const answered = apply(asked, a.type, a.data, 2);
    expect(answered.corrections[0]).toMatchObject({ materials: ['营业执照'], answeredMaterials: ['营业执照'] });
    expect(answered.corrections[0].answeredAt).toEqual(at(2));
    expect(refusal(() => decide({ kind: 'answerCorrection', data: { materials: ['营业执照'] } }, answered, item)).field).toBe('materials');
    expect(decide({ kind: 'accept', data: {} }, answered, item)[0].type).toBe('case.registered');
  });
});
