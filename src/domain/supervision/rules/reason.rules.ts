import { finding, type EventRule } from '../rule.types.js';
import type { EventDataMap } from '../../cases/case.types.js';

const blank = (s: unknown) => typeof s !== 'string' || !s.trim();

// 成都办法 第九条(五): 暂停办件未依法说明理由 (暂停异常)
export const suspensionWithoutReason: EventRule = {
  code: 'SUSPENSION_WITHOUT_REASON',
  on: ['case.suspended'],
  check: (s, e, ctx) => blank((e.data as EventDataMap['case.suspended']).reason)
    ? [finding(ctx, 'SUSPENSION_WITHOUT_REASON', null, '暂停异常: 暂停办件未说明理由 (suspended without reason)', { eventId: e.eventId })] : [],
};

// 成都办法 第九条(三): 不予受理未依法说明理由 (不受理异常)
export const rejectionWithoutReason: EventRule = {
  code: 'REJECTION_WITHOUT_REASON',
  on: ['case.rejected'],
  check: (_s, e, ctx) => blank((e.data as EventDataMap['case.rejected']).reason)
    ? [finding(ctx, 'REJECTION_WITHOUT_REASON', null, '不受理异常: 不予受理未说明理由 (rejected without reason)')] : [],
};

// 成都办法 第九条(四): 审批未通过未依法说明理由 (不许可异常)
export const denialWithoutReason: EventRule = {
  code: 'DENIAL_WITHOUT_REASON',
  on: ['case.decided'],
  check(_s, e, ctx) {
    const d = e.data as EventDataMap['case.decided'];
    return d.outcome === 'denied' && blank(d.reason)
      ? [finding(ctx, 'DENIAL_WITHOUT_REASON', null, '不许可异常: 不予许可未说明理由 (denied without reason)')] : [];
  },
};

// 成都办法 第九条(六): 终止办件未依法说明理由 (终止异常)
export const terminationWithoutReason: EventRule = {
  code: 'TERMINATION_WITHOUT_REASON',
  on: ['case.terminated'],
  check: (_s, e, ctx) => blank((e.data as EventDataMap['case.terminated']).reason)
    ? [finding(ctx, 'TERMINATION_WITHOUT_REASON', null, '终止异常: 终止办件未说明理由 (terminated without reason)')] : [],
};

// 四川电子监察办法 第十条(二)6: 作出决定时是否准确填写相关依据
export const missingLegalBasis: EventRule = {
  code: 'MISSING_LEGAL_BASIS',
  on: ['case.decided'],
  check: (_s, e, ctx) => blank((e.data as EventDataMap['case.decided']).legalBasis)
    ? [finding(ctx, 'MISSING_LEGAL_BASIS', null, '依据缺失: 决定未填写法律依据 (decision without legalBasis)')] : [],
};
