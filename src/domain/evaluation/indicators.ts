/**
 * The evaluation indicators (考评指标): interface standard §8's table, then those the
 * regulations add. Each value is per department and period; null means "nothing to measure"
 * (the indicator then contributes 0).
 */

/** What the store counts for one department in one period ([start, end), China time). */
export interface DepartmentFacts {
  /** Cases whose conclusion lies in the period. */
  concluded: number;
  /** Of those, concluded at or before their promised due instant (extensions included). */
  concludedOnTime: number;
  /** Alerts raised in the period, by the level they have now, withdrawn and revoked left out. */
  red: number;
  yellow: number;
  /** SUPERVISION_ORDER_OVERDUE, LATE_ENTRY, LATE_EXCHANGE, ZERO_CASES_UNEXPLAINED alerts of those. */
  ordersOverdue: number;
  lateEntry: number;
  lateExchange: number;
  zeroUnexplained: number;
  /** Complaints against the department concluded in the period as upheld (属实). */
  complaintsUpheld: number;
  /** Ratings (1–5) given in the period. */
  ratingSum: number;
  ratingCount: number;
  /** Supervision orders whose response deadline fell in the period, and those answered by it. */
  ordersDue: number;
  ordersAnsweredOnTime: number;
  /** 差评 tasks whose first 整改 limit fell in the period (申诉成立 left out), and those rectified by it. */
  badRatingsDue: number;
  badRatingsRectifiedOnTime: number;
  /** Alerts (red and yellow, withdrawn and revoked left out) whose written explanation fell due in the period (the 3rd of the month after they were raised, 顺延), and those explained or appealed by then. */
  alertsDue: number;
  alertsExplainedOnTime: number;
}

export const NO_FACTS: DepartmentFacts = {
  concluded: 0, concludedOnTime: 0, red: 0, yellow: 0, ordersOverdue: 0, lateEntry: 0, lateExchange: 0, zeroUnexplained: 0,
  complaintsUpheld: 0, ratingSum: 0, ratingCount: 0, ordersDue: 0, ordersAnsweredOnTime: 0, badRatingsDue: 0, badRatingsRectifiedOnTime: 0, alertsDue: 0, alertsExplainedOnTime: 0,
};

interface IndicatorDef {
  /** The name shown on screen. */
  name: string;
  /** What is measured, in Chinese. */
  description: string;
  kind: 'count' | 'rate' | 'mean';
  value(f: DepartmentFacts): number | null;
}

const rate = (n: number, d: number) => (d ? n / d : null);

export const INDICATORS = {
  // §8; 成都暂行办法 第十三条: 每月对行政机关的行政审批进行效能评估
  CASES_CONCLUDED: { name: '办结件数', description: '期内办结的办件数', kind: 'count', value: (f) => f.concluded },
  // §8; 四川 限时办结; 盐城电子监察办法 第十七条: 自动采集信息评估
  ON_TIME_RATE: { name: '按时办结率', description: '期内办结件中在承诺时限（含延期）内办结的比例', kind: 'rate', value: (f) => rate(f.concludedOnTime, f.concluded) },
  // §8; 达州意见 四(四): 网上规范运行情况作为重点考核内容
  RED_ALERTS: { name: '红牌（报警）数', description: '期内产生的红牌，按计分时等级计，不含撤回和撤销', kind: 'count', value: (f) => f.red },
  YELLOW_ALERTS: { name: '黄牌（预警）数', description: '期内产生的黄牌，按计分时等级计，不含撤回和撤销', kind: 'count', value: (f) => f.yellow },
  // §8; 达州意见 四(四): 报警案件督办情况
  ORDERS_OVERDUE: { name: '督办逾期数', description: '期内产生的督办逾期报警，不含撤回和撤销', kind: 'count', value: (f) => f.ordersOverdue },
  // §8; 成都暂行办法 第十一条: 投诉处理
  COMPLAINTS_UPHELD: { name: '投诉属实件数', description: '期内办结且认定属实的投诉', kind: 'count', value: (f) => f.complaintsUpheld },
  // §8; 四川电子监察办法 第十一条(三): 满意度测评 (a 差评 whose contest was accepted — 申诉成立 — is not counted)
  SATISFACTION: { name: '满意度', description: '期内满意度评价（1–5 分，申诉成立的差评不计）的平均分减 3', kind: 'mean', value: (f) => (f.ratingCount ? f.ratingSum / f.ratingCount - 3 : null) },
  // 达州意见 三(六): 案件发生 48 小时内录入, 杜绝事后补录; 四(四): 基础事项规范录入情况
  LATE_ENTRY: { name: '事后补录数', description: '期内产生的事后补录报警，不含撤回和撤销', kind: 'count', value: (f) => f.lateEntry },
  // 达州意见 四(二): 业务专网与行权平台数据交换, 一次录入、实时共享
  LATE_EXCHANGE: { name: '对接超时数', description: '期内产生的对接超时报警，不含撤回和撤销', kind: 'count', value: (f) => f.lateExchange },
  // 达州意见 四(五): 对报警案件督办不及时的, 约谈; 四川电子监察办法 第九条: 督办期限
  ORDERS_ANSWERED_ON_TIME: { name: '督办按时反馈率', description: '反馈期限在期内的督办中按期反馈的比例', kind: 'rate', value: (f) => rate(f.ordersAnsweredOnTime, f.ordersDue) },
  // 四川电子监察办法 第十条(三)、第十一条(三); 国办发〔2019〕51号: 差评件件有整改, 整改限期 (地区设置, 默认 15 个工作日)
  BAD_RATINGS_RECTIFIED_ON_TIME: { name: '差评按时整改率', description: '整改期限在期内的差评（申诉成立的不计）中在期限内整改的比例', kind: 'rate', value: (f) => rate(f.badRatingsRectifiedOnTime, f.badRatingsDue) },
  // 仁和 二(六): 办件数为"0"的，每月 3 日前书面说明
  ZERO_CASES_UNEXPLAINED: { name: '零办件未按时说明数', description: '期内产生的零办件未说明预警，不含撤回和撤销', kind: 'count', value: (f) => f.zeroUnexplained },
  // 仁和 二(六): 每月 3 日前（遇节假日顺延）将上月出现报（预）警数据 … 以书面材料形式说明具体原因
  ALERTS_EXPLAINED_ON_TIME: { name: '报（预）警按时说明率', description: '说明期限（次月 3 日，遇节假日顺延）在期内的报警、预警（不含撤回和撤销）中按时说明或申诉的比例', kind: 'rate', value: (f) => rate(f.alertsExplainedOnTime, f.alertsDue) },
} as const satisfies Record<string, IndicatorDef>;

export type IndicatorCode = keyof typeof INDICATORS;
export const INDICATOR_CODES = Object.keys(INDICATORS) as IndicatorCode[];
export const isIndicatorCode = (s: unknown): s is IndicatorCode => typeof s === 'string' && Object.prototype.hasOwnProperty.call(INDICATORS, s);

export function indicatorValue(code: IndicatorCode, f: DepartmentFacts): number | null {
  return (INDICATORS[code] as IndicatorDef).value(f);
}
