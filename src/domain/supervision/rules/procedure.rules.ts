import { finding, stepName, type EventRule } from '../rule.types.js';
import type { EventDataMap } from '../../cases/case.types.js';

// 四川电子监察办法 第十条(二)1: 是否符合规定程序; 成都办法 第十条(三): 擅自更改审批程序
export const procedureViolation: EventRule = {
  code: 'PROCEDURE_VIOLATION',
  on: ['step.completed'],
  check(state, e, ctx) {
    const flow = ctx.item?.flow;
    if (!flow || !flow.steps.length) return [];
    const step = (e.data as EventDataMap['step.completed']).step;
    if (!flow.steps.some((s) => s.key === step)) {
      return [finding(ctx, 'PROCEDURE_VIOLATION', step, [`程序违规: 环节「${step}」不在流程中`, `Procedure violation: step ${step} is not in the flow`], { step })];
    }
    const expected = state.currentStep ?? (state.steps.length === 0 && state.status !== 'none' ? flow.steps[0].key : null);
    if (step !== expected) {
      return [finding(ctx, 'PROCEDURE_VIOLATION', step, [`程序违规: 应办理环节「${stepName(ctx, expected)}」, 却完成了「${stepName(ctx, step)}」`, `Procedure violation: step ${step} completed while ${expected ?? '(none)'} was due`], { step, expected })];
    }
    return [];
  },
};

// 四川电子监察办法 第十条(二)1: 否定意见须说明理由
export const negativeOpinionWithoutReason: EventRule = {
  code: 'NEGATIVE_OPINION_WITHOUT_REASON',
  on: ['step.completed'],
  check(_s, e, ctx) {
    const d = e.data as EventDataMap['step.completed'];
    return d.opinion?.verdict === 'disagree' && !d.opinion.text?.trim()
      ? [finding(ctx, 'NEGATIVE_OPINION_WITHOUT_REASON', d.step, [`环节「${stepName(ctx, d.step)}」出具否定意见未说明理由`, `Step ${d.step}: a negative opinion without reasons`])]
      : [];
  },
};

// 四川电子监察办法 第十条(二)4: 流程中是否出现环节违规回退
export const irregularRollback: EventRule = {
  code: 'IRREGULAR_ROLLBACK',
  on: ['case.returned'],
  check(_s, e, ctx) {
    const d = e.data as EventDataMap['case.returned'];
    const allowed = (ctx.item?.flow?.rollbacks ?? []).some(([f, t]) => f === d.fromStep && t === d.toStep);
    const move = `「${stepName(ctx, d.fromStep)}」→「${stepName(ctx, d.toStep)}」`;
    const why = !allowed ? [`回退${move}不在允许的回退中`, `return ${d.fromStep} → ${d.toStep} not allowed`]
      : !d.reason?.trim() ? [`回退${move}未说明理由`, `return ${d.fromStep} → ${d.toStep} without reason`] : null;
    return why ? [finding(ctx, 'IRREGULAR_ROLLBACK', d.fromStep, [`违规回退: ${why[0]}`, `Irregular return: ${why[1]}`], { fromStep: d.fromStep, toStep: d.toStep })] : [];
  },
};

// 成都办法 第九条(二): 未一次性告知补正, 致使申请人多次申报 (咨询异常)
export const repeatedCorrection: EventRule = {
  code: 'REPEATED_CORRECTION',
  on: ['correction.requested'],
  check(state, _e, ctx) {
    return state.corrections.length >= 1
      ? [finding(ctx, 'REPEATED_CORRECTION', null, [`咨询异常: 第 ${state.corrections.length + 1} 次要求补正, 未一次性告知`, `Corrections requested ${state.corrections.length + 1} times, not all at once`], { count: state.corrections.length + 1 })]
      : [];
  },
  holds: (after) => after.corrections.length >= 2,
};
