import { afterEach, describe, expect, it } from 'vitest';
import { runSweep } from '../../src/services/supervision/sweep.service.js';
import { reg, SHA, step, supPlatform, wire, type SupPlatform } from './sup-helpers.js';

/** Whole cases pushed through the exchange on the drill clock, sweeping at each step (§3, §4). */
describe('supervision scenarios through the exchange', () => {
  let p: SupPlatform;
  afterEach(() => p?.close());

  it('a lawful penalty case raises nothing, however late the sweep', async () => {
    p = await supPlatform();
    const c = 'ZF-2026-001';
    await p.pushAt('2026-03-02T10:05:00+08:00', [reg(c, '2026-03-02T10:00:00+08:00')]);
    await p.sweep('2026-03-02T10:06:00+08:00');
    await p.pushAt('2026-03-03T10:05:00+08:00', [step(c, 'register', '2026-03-03T10:00:00+08:00')]);
    await p.sweep('2026-03-03T10:06:00+08:00');
    await p.pushAt('2026-03-05T10:05:00+08:00', [
      wire(`${c}-ev1`, c, 'evidence.attached', '2026-03-05T09:00:00+08:00', { evidenceId: 'ev1', kind: 'photo', name: '现场照片', size: 1024, sha256: SHA }),
      step(c, 'investigate', '2026-03-05T10:00:00+08:00'),
    ]);
    await p.sweep('2026-03-05T10:06:00+08:00');
    await p.pushAt('2026-03-06T10:05:00+08:00', [
      wire(`${c}-dec`, c, 'case.decided', '2026-03-06T10:00:00+08:00', { outcome: 'penalty', legalBasis: '《环境保护法》第六十三条', reason: '未依法取得排污许可证排放污染物', documentNo: '通环罚〔2026〕1号', penalty: { kind: 'fine', amount: 50000, circumstance: '一般' } }),
      step(c, 'decide', '2026-03-06T10:01:00+08:00'),
    ]);
    await p.sweep('2026-03-06T10:06:00+08:00');
    await p.pushAt('2026-03-09T10:05:00+08:00', [
      wire(`${c}-exe`, c, 'penalty.executed', '2026-03-09T10:00:00+08:00', { amount: 50000, receiptNo: 'R-001', paidAt: '2026-03-09T10:00:00+08:00' }),
      wire(`${c}-fee`, c, 'fee.charged', '2026-03-09T10:00:00+08:00', { feeCode: 'F1', amount: 0 }),
      wire(`${c}-close`, c, 'case.closed', '2026-03-09T10:01:00+08:00'),
    ]);
    await p.sweep('2026-03-09T10:06:00+08:00');
    await p.sweep('2026-12-01T00:00:00+08:00');
    expect(await p.codes(c)).toEqual([]);
  });

  it('a case with every kind of event violation raises exactly those codes', async () => {
    p = await supPlatform();
    const c = 'ZF-2026-002';
    // registered on Monday, entered on Thursday: 事后补录 and 对接超时
    await p.pushAt('2026-03-05T11:00:00+08:00', [reg(c, '2026-03-02T10:00:00+08:00')]);
    expect(await p.codes(c)).toEqual(['LATE_ENTRY', 'LATE_EXCHANGE']);
    const decided = wire(`${c}-dec`, c, 'case.decided', '2026-03-05T11:06:00+08:00',
      { outcome: 'penalty', legalBasis: '', reason: '…', documentNo: 'X-1', penalty: { kind: 'fine', amount: 500000, circumstance: '一般' } },
      { id: 'x-9', name: '临时工', certificateNo: '' } as any);
    await p.pushAt('2026-03-05T11:10:00+08:00', [
      step(c, 'decide', '2026-03-05T11:05:00+08:00'), // skips 立案 and 调查取证
      decided,
      wire(`${c}-exe`, c, 'penalty.executed', '2026-03-05T11:07:00+08:00', { amount: 400000, receiptNo: '', paidAt: '2026-03-05T11:07:00+08:00' }),
      wire(`${c}-fee`, c, 'fee.charged', '2026-03-05T11:08:00+08:00', { feeCode: 'F9', amount: 100 }),
      wire(`${c}-close`, c, 'case.closed', '2026-03-05T11:09:00+08:00'),
    ]);
    await p.sweep('2026-03-06T00:30:00+08:00');
    // the same eventId resent with other content: 数据篡改
    await p.pushAt('2026-03-06T09:00:00+08:00', [{ ...decided, data: { ...decided.data, legalBasis: '补填依据' } }]);
    await p.sweep('2026-06-01T00:00:00+08:00');
    expect(await p.codes(c)).toEqual([
      'DATA_MODIFIED', 'DISCRETION_OUT_OF_RANGE', 'EVIDENCE_MISSING', 'EXECUTION_MISMATCH', 'FEE_IRREGULAR', 'LATE_ENTRY', 'LATE_EXCHANGE',
      'MISSING_LEGAL_BASIS', 'PROCEDURE_VIOLATION', 'UNQUALIFIED_OFFICER',
    ]);
  });

  it('reasons, returns and corrections: the 成都办法 第九条 abnormal-case codes', async () => {
    p = await supPlatform();
    const c = 'ZF-2026-003';
    await p.pushAt('2026-03-02T10:05:00+08:00', [reg(c, '2026-03-02T10:00:00+08:00')]);
    await p.pushAt('2026-03-03T10:05:00+08:00', [
      wire(`${c}-cr1`, c, 'correction.requested', '2026-03-03T09:00:00+08:00', { materials: ['身份证'], reason: '缺件' }),
      wire(`${c}-cr2`, c, 'correction.requested', '2026-03-03T09:30:00+08:00', { materials: ['营业执照'], reason: '又缺件' }),
      wire(`${c}-s1`, c, 'step.completed', '2026-03-03T10:00:00+08:00', { step: 'register', opinion: { verdict: 'disagree', text: '' } }),
      wire(`${c}-ret`, c, 'case.returned', '2026-03-03T10:01:00+08:00', { fromStep: 'investigate', toStep: 'register', reason: '' }),
      wire(`${c}-sus`, c, 'case.suspended', '2026-03-03T10:02:00+08:00', { reason: '', basis: '' }),
      wire(`${c}-term`, c, 'case.terminated', '2026-03-03T10:03:00+08:00', { reason: '' }),
    ]);
    await p.sweep('2026-03-03T10:06:00+08:00');
    expect(await p.codes(c)).toEqual(['IRREGULAR_ROLLBACK', 'NEGATIVE_OPINION_WITHOUT_REASON', 'REPEATED_CORRECTION', 'SUSPENSION_WITHOUT_REASON', 'TERMINATION_WITHOUT_REASON']);
  });

  it('time rules follow the calendar; a late suspension refolds the case and withdraws the alert it disproves', async () => {
    p = await supPlatform();
    const c = 'ZF-2026-004';
    await p.pushAt('2026-03-02T10:05:00+08:00', [reg(c, '2026-03-02T10:00:00+08:00')]);
    await p.sweep('2026-03-09T23:59:00+08:00');
    expect(await p.codes(c)).toEqual([]);
    // 立案 5 working days from Monday 03-02 → due at the end of Monday 03-09
    const s1 = await p.sweep('2026-03-10T00:30:00+08:00');
    expect(s1.casesChecked).toBeGreaterThanOrEqual(1);
    expect(await p.codes(c)).toEqual(['STEP_OVERDUE:register']);
    // the department reports, late, that the case was suspended 03-03 … 03-09
    await p.pushAt('2026-03-10T00:40:00+08:00', [
      wire(`${c}-sus`, c, 'case.suspended', '2026-03-03T09:00:00+08:00', { reason: '等待检测报告', basis: '《环境行政处罚办法》' }),
      wire(`${c}-res`, c, 'case.resumed', '2026-03-09T09:00:00+08:00'),
    ]);
    expect(await p.codes(c)).toEqual(['LATE_EXCHANGE']);
    const withdrawn = (await p.alerts(`caseNo=${c}&status=withdrawn`))[0];
    expect(withdrawn).toMatchObject({ code: 'STEP_OVERDUE', status: 'withdrawn', detailedStatus: 'withdrawn' });
    expect(withdrawn.closedReason).toMatch(/不再成立/);
    // the suspended days do not count: due moves to the end of Friday 03-13
    await p.sweep('2026-03-13T23:00:00+08:00');
    expect(await p.codes(c)).toEqual(['LATE_EXCHANGE']);
    await p.sweep('2026-03-14T00:30:00+08:00');
    expect(await p.codes(c)).toEqual(['LATE_EXCHANGE', 'STEP_OVERDUE:register']);
    // far later, unconcluded: promised (60) and legal (90) limits pass too
    await p.sweep('2026-09-30T00:00:00+08:00');
    expect(await p.codes(c)).toEqual(['DEADLINE_OVERDUE', 'DEADLINE_WARNING', 'LATE_EXCHANGE', 'LEGAL_LIMIT_OVERDUE', 'STEP_OVERDUE:register']);
    // a time warning is not a card to correct (its red counterpart is DEADLINE_OVERDUE): it never turns red by itself
    const warn = (await p.alerts(`caseNo=${c}&code=DEADLINE_WARNING`))[0];
    expect(warn).toMatchObject({ level: 'yellow', correctionDueAt: null });
    expect((await p.alerts(`caseNo=${c}&code=STEP_OVERDUE&status=open`))[0].level).toBe('red'); // the uncorrected yellow card did
  });

  it('an unlisted power: item of another department', async () => {
    p = await supPlatform();
    await p.pushAt('2026-03-02T10:05:00+08:00', [reg('ZF-2026-005', '2026-03-02T10:00:00+08:00', 'P-OTHER-001')]);
    expect(await p.codes('ZF-2026-005')).toContain('UNLISTED_POWER');
  });

  it('two sweeps at once raise each alert once, and an empty sweep checks nothing', async () => {
    p = await supPlatform();
    for (let i = 0; i < 20; i++) await p.pushAt('2026-03-02T10:05:00+08:00', [reg(`ZF-C-${i}`, '2026-03-02T10:00:00+08:00')]);
    const at = new Date('2026-03-10T00:30:00+08:00');
    p.at(at.toISOString());
    const [a, b] = await Promise.all([runSweep(p.ctx, at, { batch: 3 }), runSweep(p.ctx, at, { batch: 3 })]);
    expect(a.casesChecked + b.casesChecked).toBe(20);
    expect(a.raised - a.zeroCases + b.raised - b.zeroCases).toBe(20);
    expect(a.zeroCases + b.zeroCases).toBe(2); // February 2026 unexplained by both departments, raised once each
    const rows = await p.db.query(`SELECT case_no, count(*)::int AS n FROM supervision_alerts WHERE code = 'STEP_OVERDUE' GROUP BY case_no`);
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const again = await runSweep(p.ctx, at);
    expect(again.casesChecked).toBe(0);
    expect(again.raised).toBe(0);
  });
});
