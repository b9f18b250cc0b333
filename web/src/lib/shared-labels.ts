/**
 * Labels whose Chinese is the server's own: the names in src/domain (alert codes, item categories,
 * evaluation indicators, adjustment stages) are the one source, read here through the `@domain`
 * alias (web/tsconfig.json, web/vite.config.ts); the web app adds only the English. A code the
 * server adds without an English word here does not compile (each English table is complete).
 */
import { ALERT_CODES, type AlertCode } from '@domain/supervision/codes';
import { CATEGORIES, type Category } from '@domain/catalog/item.types';
import { INDICATORS, type IndicatorCode } from '@domain/evaluation/indicators';
import { STAGE_NAMES, type AdjustmentStage } from '@domain/catalog/adjustment';

/** [中文, English] per code: the Chinese from the server's table, the English from the web app's. */
export function withEnglish<K extends string>(zh: Record<K, string>, en: Record<K, string>): Record<string, readonly [string, string]> {
  return Object.fromEntries((Object.keys(zh) as K[]).map((k) => [k, [zh[k], en[k]] as const]));
}

const nameOf = <K extends string>(table: Record<K, { name: string }>): Record<K, string> =>
  Object.fromEntries((Object.keys(table) as K[]).map((k) => [k, table[k].name])) as Record<K, string>;

const ALERT_EN: Record<AlertCode, string> = {
  DEADLINE_WARNING: 'Deadline near', DEADLINE_OVERDUE: 'Promised limit overdue', LEGAL_LIMIT_OVERDUE: 'Legal limit overdue', STEP_OVERDUE: 'Step overdue',
  UNLISTED_POWER: 'Unlisted power', LATE_ENTRY: 'Late entry', LATE_EXCHANGE: 'Late exchange', DATA_MODIFIED: 'Data modified',
  PROCEDURE_VIOLATION: 'Procedure violation', NEGATIVE_OPINION_WITHOUT_REASON: 'Negative opinion without reason', IRREGULAR_ROLLBACK: 'Irregular rollback',
  REPEATED_CORRECTION: 'Repeated correction', SUSPENSION_WITHOUT_REASON: 'Suspension without reason', REJECTION_WITHOUT_REASON: 'Rejection without reason',
  DENIAL_WITHOUT_REASON: 'Denial without reason', TERMINATION_WITHOUT_REASON: 'Termination without reason', MISSING_LEGAL_BASIS: 'Missing legal basis',
  EVIDENCE_MISSING: 'Evidence missing', EVIDENCE_ALTERED: 'Evidence altered', DISCRETION_OUT_OF_RANGE: 'Discretion out of range',
  EXECUTION_MISMATCH: 'Execution mismatch', FEE_IRREGULAR: 'Irregular fee', UNQUALIFIED_OFFICER: 'Unqualified officer',
  POST_MISMATCH: 'Step outside the officer\'s posts', DISCLOSURE_INCOMPLETE: 'Disclosure incomplete', SUPERVISION_ORDER_OVERDUE: 'Supervision order overdue',
  COMPLAINT_ACCEPTANCE_OVERDUE: 'Complaint acceptance overdue', APPLICATION_ACCEPTANCE_OVERDUE: 'Application acceptance overdue',
  ZERO_CASES_UNEXPLAINED: 'Zero cases unexplained', BAD_RATING_OVERDUE: 'Bad rating step overdue', COMPLAINT_TRANSFER_OVERDUE: 'Transferred complaint overdue',
  CATALOG_REVIEW_OVERDUE: 'Catalog review overdue', CATALOG_FILING_OVERDUE: 'Catalog filing overdue', LIST_ADJUSTMENT_OVERDUE: 'Power list adjustment overdue',
  MANUAL_RED_CARD: 'Red card by the supervisor',
  RISK_POINT_TRIGGERED: 'Integrity risk warning',
  WINDOW_PATROL_ABNORMAL: 'Service window patrol found a problem',
  SAMPLING_FINDING: 'Problem found by sampling',
};
/** 预警报警问题类型 (interface standard §4): src/domain/supervision/codes.ts. */
export const ALERT_LABELS = withEnglish(nameOf(ALERT_CODES), ALERT_EN);

const CATEGORY_EN: Record<Category, string> = {
  license: 'License', penalty: 'Penalty', coercion: 'Coercion', levy: 'Levy', payment: 'Payment', inspection: 'Inspection',
  confirmation: 'Confirmation', reward: 'Reward', adjudication: 'Adjudication', other: 'Other',
};
/** 权力类别: src/domain/catalog/item.types.ts. */
export const CATEGORY_LABELS = withEnglish(CATEGORIES, CATEGORY_EN);

const INDICATOR_EN: Record<IndicatorCode, string> = {
  CASES_CONCLUDED: 'Cases concluded', ON_TIME_RATE: 'On-time rate', RED_ALERTS: 'Red alerts', YELLOW_ALERTS: 'Yellow alerts', ORDERS_OVERDUE: 'Orders overdue',
  COMPLAINTS_UPHELD: 'Complaints upheld', SATISFACTION: 'Satisfaction', LATE_ENTRY: 'Late entries', LATE_EXCHANGE: 'Late exchanges',
  ORDERS_ANSWERED_ON_TIME: 'Orders answered on time', ZERO_CASES_UNEXPLAINED: 'Zero-case months unexplained', BAD_RATINGS_RECTIFIED_ON_TIME: 'Bad ratings rectified on time', ALERTS_EXPLAINED_ON_TIME: 'Alerts explained on time',
};
/** 考评指标: src/domain/evaluation/indicators.ts. */
export const INDICATOR_LABELS = withEnglish(nameOf(INDICATORS), INDICATOR_EN);

const STAGE_EN: Record<AdjustmentStage, string> = {
  draft: 'Draft', review: 'Legal review', staffing: 'Staffing office review', risk_review: 'Risk point review', secrecy: 'Joint secrecy review',
  approval: 'Approval', returned: 'Returned', approved: 'Approved', rejected: 'Rejected',
};
/** 目录调整阶段: src/domain/catalog/adjustment.ts. */
export const STAGE_LABELS = withEnglish(STAGE_NAMES, STAGE_EN);
