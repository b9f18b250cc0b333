/**
 * The life of an alert: open → the department explains (说明) or appeals (申诉) → the
 * supervisor resolves, revokes (撤销), returns (打回) or escalates (上报).
 * 四川电子监察办法 第八条(一): 要求被监察对象就黄灯预警、红灯报警作出解释和说明.
 */
export type AlertAction = 'explain' | 'appeal' | 'resolve' | 'revoke' | 'return' | 'escalate';
export type ActiveStatus = 'open' | 'explained' | 'appealed' | 'returned' | 'escalated';
export type AnyStatus = ActiveStatus | 'resolved' | 'revoked' | 'withdrawn';

/** Who acts: the department (对象) or the supervisor (监察机关). */
export const ACTION_SIDE: Record<AlertAction, 'department' | 'supervisor'> = {
  explain: 'department', appeal: 'department', resolve: 'supervisor', revoke: 'supervisor', return: 'supervisor', escalate: 'supervisor',
};

const FROM: Record<AlertAction, AnyStatus[]> = {
  explain: ['open', 'returned', 'escalated'],
  appeal: ['open', 'returned', 'escalated'],
  resolve: ['open', 'explained', 'appealed', 'returned', 'escalated'],
  revoke: ['open', 'explained', 'appealed', 'returned', 'escalated'],
  return: ['explained', 'appealed'],
  escalate: ['open', 'explained', 'appealed', 'returned'],
};
const TO: Record<AlertAction, AnyStatus> = {
  explain: 'explained', appeal: 'appealed', resolve: 'resolved', revoke: 'revoked', return: 'returned', escalate: 'escalated',
};

/** 盐城电子监察办法 第二十五条: grounds on which the staff bear no responsibility (申诉理由). */
export const APPEAL_GROUNDS = {
  counterparty_fraud: '相对人弄虚作假 (第二十五条(一))',
  law_conflict: '法律法规规章存在冲突 (第二十五条(二))',
  system_failure: '网络传输、系统故障或软件缺陷 (第二十五条(三))',
  force_majeure: '不可预见或不可抗力 (第二十五条(四))',
  other_lawful: '法律法规规定的其他情形 (第二十五条(五))',
} as const;
export type AppealGround = keyof typeof APPEAL_GROUNDS;

/** The next status, or an error message naming why the action is not allowed now. */
export function nextStatus(status: AnyStatus, action: AlertAction): { ok: true; status: AnyStatus } | { ok: false; message: string } {
  if (!FROM[action].includes(status)) {
    return { ok: false, message: `预警状态为 ${status}，不能执行 ${action} (action ${action} not allowed from status ${status})` };
  }
  return { ok: true, status: TO[action] };
}

/** Actions that need a written reason (打回、撤销、申诉、说明 always carry text). */
export const NEEDS_REASON: AlertAction[] = ['explain', 'appeal', 'revoke', 'return', 'escalate'];
