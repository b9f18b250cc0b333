import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedItem, sampleItem } from '../helpers/catalog-factory.js';
import { validateItem } from '../../src/domain/catalog/item.validate.js';
import { supPlatform, wire, reg, SHA, type SupPlatform } from '../supervision/sup-helpers.js';

// 盐城电子监察办法 第十一条(三) 廉政风险预警; 川 平台办法 第五条(三); 达州意见 三(五)
const FLOW = {
  steps: [
    { key: 'register', name: '立案', post: '承办科室', limitDays: 5 },
    {
      key: 'investigate', name: '调查取证', post: '执法人员', limitDays: 30, riskPoints: ['选择性执法'],
      riskControls: [
        { point: '随意取证', grade: 'high', measures: '两名执法人员共同调查，全程记录', checks: ['two_officers', 'evidence'] },
      ],
    },
    { key: 'review', name: '法制审核', post: '法制审核员', limitDays: 5 },
    {
      key: 'decide', name: '决定', post: '分管领导', limitDays: 10,
      riskControls: [{ point: '未经法制审核作出决定', grade: 'medium', measures: '决定前须经法制审核', checks: ['legal_review'] }],
    },
  ],
  rollbacks: [],
};
const SECOND = { id: 'o-18', name: '张华', certificateNo: '51170220260018' };
const done = (no: string, s: string, at: string, text = '同意', actor?: Record<string, unknown>) =>
  wire(`${no}-${s}`, no, 'step.completed', at, { step: s, opinion: { verdict: 'agree', text } }, actor);
const evidence = (no: string, at: string) =>
  wire(`${no}-ev`, no, 'evidence.attached', at, { evidenceId: `${no}-e1`, kind: 'photo', name: '现场照片.jpg', size: 1000, sha256: SHA });

describe('risk points (廉政风险点) with control measures and executable checks', () => {
  let p: SupPlatform;
  beforeAll(async () => {
    p = await supPlatform();
    await seedItem(p.db, p.ctx, { code: 'P-RISK-001', name: '风险点测试处罚事项', flow: FLOW } as never);
  });
  afterAll(() => p.close());

  it('the import keeps riskPoints valid and lists every control point in it; bad controls are refused naming the field', () => {
    const ok = validateItem(sampleItem({ flow: FLOW } as never));
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.item.flow!.steps[1]!.riskPoints).toEqual(['选择性执法', '随意取证']);
      expect(ok.item.flow!.steps[1]!.riskControls).toEqual([{ point: '随意取证', grade: 'high', measures: '两名执法人员共同调查，全程记录', checks: ['two_officers', 'evidence'] }]);
    }
    const bad = validateItem(sampleItem({ flow: { ...FLOW, steps: [{ ...FLOW.steps[0], riskControls: [{ point: 'x', grade: 'extreme', measures: 'm', checks: [] }] }] } } as never));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]!.field).toBe('flow.steps[0].riskControls[0].grade');
    const badCheck = validateItem(sampleItem({ flow: { ...FLOW, steps: [{ ...FLOW.steps[0], riskControls: [{ point: 'x', grade: 'low', measures: 'm', checks: ['telepathy'] }] }] } } as never));
    expect(!badCheck.ok && badCheck.problems[0]!.field).toBe('flow.steps[0].riskControls[0].checks');
  });

  it('a step passed without its controls raises RISK_POINT_TRIGGERED (red for a 高 risk), one per step', async () => {
    const no = 'RISK-1';
    await p.pushAt('2026-03-02T10:00:00+08:00', [reg(no, '2026-03-02T10:00:00+08:00', 'P-RISK-001'), done(no, 'register', '2026-03-02T10:10:00+08:00')]);
    // one officer alone, no evidence: both checks of the 高 risk point fail
    await p.pushAt('2026-03-02T10:30:00+08:00', [done(no, 'investigate', '2026-03-02T10:20:00+08:00')]);
    // the legal review step completed without a written opinion: the decision's control fails too
    await p.pushAt('2026-03-02T11:00:00+08:00', [done(no, 'review', '2026-03-02T10:40:00+08:00', ''), done(no, 'decide', '2026-03-02T10:50:00+08:00')]);
    const alerts = (await p.alerts(`caseNo=${no}&code=RISK_POINT_TRIGGERED`)).sort((a, b) => a.step.localeCompare(b.step));
    expect(alerts.map((a) => [a.step, a.level])).toEqual([['decide', 'yellow'], ['investigate', 'red']]);
    expect(alerts[1].message).toContain('廉政风险预警');
    expect(alerts[1].message).toContain('「随意取证」（高风险）缺少两人以上办理、证据留存');
    expect(alerts[1].message).not.toMatch(/[A-Za-z]{3}/);
    expect(alerts[0].message).toContain('法制审核意见');
  });

  it('the same steps with the controls applied raise nothing', async () => {
    const no = 'RISK-2';
    await p.pushAt('2026-03-03T10:00:00+08:00', [
      reg(no, '2026-03-03T09:00:00+08:00', 'P-RISK-001'), done(no, 'register', '2026-03-03T09:10:00+08:00'),
      evidence(no, '2026-03-03T09:20:00+08:00'),
      done(no, 'investigate', '2026-03-03T09:30:00+08:00', '已查明', SECOND), // a second officer signs the step off
      done(no, 'review', '2026-03-03T09:40:00+08:00', '程序合法，证据充分'), done(no, 'decide', '2026-03-03T09:50:00+08:00'),
    ]);
    expect(await p.alerts(`caseNo=${no}&code=RISK_POINT_TRIGGERED`)).toEqual([]);
  });
});
