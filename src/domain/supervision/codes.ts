/**
 * The supervision rule codes of interface standard §4 with their default levels.
 * A region may configure its own level, threshold or enablement (see overrides.ts).
 */
export type AlertLevel = 'yellow' | 'red';

export const ALERT_CODES = {
  DEADLINE_WARNING: { level: 'yellow', name: '临近时限' },
  DEADLINE_OVERDUE: { level: 'red', name: '超承诺时限' },
  LEGAL_LIMIT_OVERDUE: { level: 'red', name: '超法定时限' },
  STEP_OVERDUE: { level: 'yellow', name: '环节超时' },
  UNLISTED_POWER: { level: 'red', name: '无依据行权' },
  LATE_ENTRY: { level: 'red', name: '事后补录' },
  LATE_EXCHANGE: { level: 'red', name: '对接超时' },
  DATA_MODIFIED: { level: 'red', name: '数据篡改' },
  PROCEDURE_VIOLATION: { level: 'red', name: '程序违规' },
  NEGATIVE_OPINION_WITHOUT_REASON: { level: 'yellow', name: '否定意见无理由' },
  IRREGULAR_ROLLBACK: { level: 'red', name: '违规回退' },
  REPEATED_CORRECTION: { level: 'red', name: '咨询异常' },
  SUSPENSION_WITHOUT_REASON: { level: 'red', name: '暂停异常' },
  REJECTION_WITHOUT_REASON: { level: 'red', name: '不受理异常' },
  DENIAL_WITHOUT_REASON: { level: 'red', name: '不许可异常' },
  TERMINATION_WITHOUT_REASON: { level: 'red', name: '终止异常' },
  MISSING_LEGAL_BASIS: { level: 'red', name: '依据缺失' },
  EVIDENCE_MISSING: { level: 'red', name: '证据缺失' },
  EVIDENCE_ALTERED: { level: 'red', name: '证据更改' },
  DISCRETION_OUT_OF_RANGE: { level: 'red', name: '裁量越档' },
  EXECUTION_MISMATCH: { level: 'red', name: '执行不一致' },
  FEE_IRREGULAR: { level: 'red', name: '违规收费' },
  UNQUALIFIED_OFFICER: { level: 'red', name: '执法资格' },
  POST_MISMATCH: { level: 'red', name: '越岗办理' },
  DISCLOSURE_INCOMPLETE: { level: 'red', name: '公开异常' },
  SUPERVISION_ORDER_OVERDUE: { level: 'red', name: '督办逾期' },
  COMPLAINT_ACCEPTANCE_OVERDUE: { level: 'red', name: '投诉受理逾期' },
  /** Extension: an online application neither accepted nor refused within its acceptance limit (acceptance.rules.ts). */
  APPLICATION_ACCEPTANCE_OVERDUE: { level: 'red', name: '申请受理逾期' },
  ZERO_CASES_UNEXPLAINED: { level: 'yellow', name: '零办件未说明' },
  /** 四川电子监察办法 第十条(三)、第十一条(三): a step of a 差评's loop (回访/整改/反馈/复核) not done in its limit. */
  BAD_RATING_OVERDUE: { level: 'yellow', name: '差评处理逾期' },
  /** 盐城电子监察办法 第十五条: a transferred complaint not concluded in the time set. */
  COMPLAINT_TRANSFER_OVERDUE: { level: 'red', name: '转办投诉逾期' },
  /** 盐城 数据库更新维护办法 第七条: 政府法制部门 3 个工作日内完成审核意见的回复. */
  CATALOG_REVIEW_OVERDUE: { level: 'yellow', name: '目录审核逾期' },
  /** 盐城 数据库更新维护办法 第七条: 法律法规公布后 10 个工作日内完成申报. */
  CATALOG_FILING_OVERDUE: { level: 'yellow', name: '目录申报逾期' },
  /** 达州意见 三(四): 清单公告之日起 5 个工作日内在行权平台上作出相应调整. */
  LIST_ADJUSTMENT_OVERDUE: { level: 'red', name: '清单调整逾期' },
  /** 成都办法 第十条: a red card issued by hand by a supervisor (违规纠错). */
  MANUAL_RED_CARD: { level: 'red', name: '违规纠错' },
  /** 盐城电子监察办法 第十一条(三): 廉政风险预警 — a step completed without the control its risk point requires (risk.rules.ts). */
  RISK_POINT_TRIGGERED: { level: 'yellow', name: '廉政风险预警' },
  /** 川办发〔2014〕2号 电子监察办法 第十一条(一): a video patrol found a window's discipline or service wanting. */
  WINDOW_PATROL_ABNORMAL: { level: 'yellow', name: '窗口巡查异常' },
  /** 川办发〔2014〕2号 电子监察办法 第十一条(四): a problem found by a supervisor in a sampled case (抽查), raised by hand (yellow or red). */
  SAMPLING_FINDING: { level: 'yellow', name: '抽查发现问题' },
} as const satisfies Record<string, { level: AlertLevel; name: string }>;

export type AlertCode = keyof typeof ALERT_CODES;
export const ALERT_CODE_LIST = Object.keys(ALERT_CODES) as AlertCode[];

/** What a rule found: one alert to hold open (at most one per case, code and step). */
export interface Finding {
  code: AlertCode;
  level: AlertLevel;
  /** The flow step concerned, or null for the whole case. */
  step: string | null;
  message: string;
  details?: Record<string, unknown>;
  /** Who the finding is attributed to (set by the rule runners, responsible.ts). */
  responsible?: Responsible;
}

/** The officer and post a finding is attributed to (盐城电子监察办法 第二十二条); null where unknown. */
export interface Responsible {
  officerId: string | null;
  officerName: string | null;
  post: string | null;
}
