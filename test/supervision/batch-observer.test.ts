import { afterEach, describe, expect, it } from 'vitest';
import { alertHistory } from '../../src/store/supervision/alert.store.js';
import { reg, SHA, step, supPlatform, wire, type SupPlatform } from './sup-helpers.js';

/**
 * The batch observer (onCasesChanged) must judge every case of a pushed batch exactly as if
 * each case had been pushed alone: officers, overrides and open alerts read for the whole
 * batch never leak from one case into another, and refold withdrawals still happen.
 */
describe('supervision of a whole batch', () => {
  const platforms: SupPlatform[] = [];
  afterEach(async () => { while (platforms.length) await platforms.pop()!.close(); });

  const decided = (c: string, at: string, actor?: Record<string, unknown>) =>
    wire(`${c}-dec`, c, 'case.decided', at,
      { outcome: 'penalty', legalBasis: '《环境保护法》第六十三条', reason: '超标排放', documentNo: `通环罚〔2026〕${c}号`, penalty: { kind: 'fine', amount: 30000, circumstance: '一般' } },
      actor);
  const evidence = (c: string, at: string) =>
    wire(`${c}-ev`, c, 'evidence.attached', at, { evidenceId: `${c}-ev`, kind: 'photo', name: '现场照片', size: 1024, sha256: SHA });
  const story = (c: string, actor?: Record<string, unknown>, withEvidence = true) => [
    reg(c, '2026-03-02T10:00:00+08:00'),
    step(c, 'register', '2026-03-02T11:00:00+08:00'),
    ...(withEvidence ? [evidence(c, '2026-03-02T11:30:00+08:00')] : []),
    step(c, 'investigate', '2026-03-02T12:00:00+08:00'),
    decided(c, '2026-03-02T13:00:00+08:00', actor),
  ];
  // A: no evidence before the decision (EVIDENCE_MISSING), then it arrives late (refold: withdrawn);
  // B: decided by an unknown person (UNQUALIFIED_OFFICER); C: lawful
  const first = { A: story('BAT-A', undefined, false), B: story('BAT-B', { id: 'x-9', name: '临时工', certificateNo: '' }), C: story('BAT-C') };
  const second = { A: [evidence('BAT-A', '2026-03-02T11:40:00+08:00')], C: [step('BAT-C', 'decide', '2026-03-02T14:00:00+08:00')] };

  const alerts = (p: SupPlatform) => p.db.query(
    `SELECT case_no, code, step, level, status, closed_reason FROM supervision_alerts ORDER BY case_no, code, step, status`);

  it('raises and withdraws the same alerts as pushing the cases one by one', async () => {
    const together = await supPlatform();
    platforms.push(together);
    await together.pushAt('2026-03-02T14:05:00+08:00', [...first.A, ...first.B, ...first.C]);
    await together.pushAt('2026-03-02T14:10:00+08:00', [...second.A, ...second.C]);

    const alone = await supPlatform();
    platforms.push(alone);
    for (const evs of Object.values(first)) await alone.pushAt('2026-03-02T14:05:00+08:00', evs);
    for (const evs of Object.values(second)) await alone.pushAt('2026-03-02T14:10:00+08:00', evs);

    const got = await alerts(together);
    expect(got).toEqual(await alerts(alone));
    const of = (no: string, code: string) => got.filter((a: any) => a.case_no === no && a.code === code).map((a: any) => a.status);
    expect(of('BAT-A', 'EVIDENCE_MISSING')).toEqual(['withdrawn']);
    expect(of('BAT-B', 'UNQUALIFIED_OFFICER')).toEqual(['open']);
    expect(of('BAT-A', 'UNQUALIFIED_OFFICER')).toEqual([]);
    expect(of('BAT-C', 'UNQUALIFIED_OFFICER')).toEqual([]);
    expect(got.filter((a: any) => a.case_no === 'BAT-C')).toEqual([]);
    // every raise and withdrawal is in the alert's history: the raise is the alert row itself, the
    // withdrawal a history row
    const ids = await together.db.query<{ id: string; case_no: string; code: string }>('SELECT id, case_no, code FROM supervision_alerts ORDER BY case_no, code, raised_at');
    const history = (await Promise.all(ids.map(async (a) => (await alertHistory(together.db, a.id)).map((h: any) => ({ ...a, ...h }))))).flat();
    expect(history.filter((h: any) => h.case_no === 'BAT-A' && h.code === 'EVIDENCE_MISSING').map((h: any) => [h.action, h.fromStatus, h.toStatus]))
      .toEqual([['raise', null, 'open'], ['withdraw', 'open', 'withdrawn']]);
    expect(history.length).toBe(got.length + got.filter((a: any) => a.status === 'withdrawn').length);
    expect((await together.db.query(`SELECT count(*)::int AS n FROM supervision_alert_actions WHERE action = 'raise'`))[0].n).toBe(0);
  });
});
