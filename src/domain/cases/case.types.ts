/**
 * A case (办件/案件) is its events (interface standard §3). These types are the contract
 * between the exchange, the workbench, the fold and the supervision rules.
 */
export const EVENT_TYPES = [
  'application.submitted', // 网上申请 (extension: before 受理; the case waits 待受理)
  'case.registered', // 受理/立案
  'step.completed',
  'case.returned', // 回退
  'correction.requested', // 补正
  'correction.answered', // 补正材料已提交 (extension: the applicant's answer to 一次性告知)
  'case.suspended', // 暂停
  'case.resumed',
  'case.extended', // 延期
  'evidence.attached',
  'evidence.removed',
  'case.decided', // 决定
  'case.rejected', // 不予受理
  'case.terminated', // 终止
  'penalty.executed', // 执行
  'fee.charged', // 收费
  'case.closed', // 办结
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventActor {
  id: string;
  name: string;
  certificateNo?: string | null;
  /** Attribution the workbench records (optional on the exchange): the account, its officer, the post acted at. */
  accountId?: string;
  username?: string;
  officerId?: string;
  post?: string;
}

export interface Counterparty {
  kind: 'person' | 'organization';
  name: string;
  /** 身份证号 (GB 11643) or 统一社会信用代码 (GB 32100); validated on the workbench. */
  idNumber?: string | null;
  phone?: string | null;
  /**
   * Id of the sealed row holding the unmasked name, idNumber and phone (GB/T 22239-2019 8.1.4.8);
   * when present, the fields above are their masked forms. Set by the platform, never sent.
   */
  sealed?: string;
}

export interface EventDataMap {
  /** 网上申请: the item applied for, the applicant, the materials (by the item's material names) supplied with it. */
  'application.submitted': { itemCode: string; counterparty: Counterparty; channel: 'online'; materials: string[] };
  'case.registered': { itemCode: string; counterparty: Counterparty; channel: 'window' | 'online' | 'onsite' | 'exchange' };
  'step.completed': { step: string; opinion: { verdict: 'agree' | 'disagree'; text: string } };
  'case.returned': { fromStep: string; toStep: string; reason: string };
  'correction.requested': { materials: string[]; reason: string };
  'correction.answered': { materials: string[] };
  'case.suspended': { reason: string; basis: string };
  'case.resumed': Record<string, never>;
  'case.extended': { workingDays: number; reason: string; approvedBy: string };
  'evidence.attached': { evidenceId: string; kind: 'video' | 'audio' | 'photo' | 'document'; name: string; size: number; sha256: string; sm3?: string };
  'evidence.removed': { evidenceId: string; reason: string };
  'case.decided': {
    outcome: 'approved' | 'denied' | 'penalty' | 'no_penalty' | 'other';
    legalBasis: string;
    reason: string;
    documentNo: string;
    penalty?: { kind: string; amount: number; circumstance: string } | null;
  };
  /** 不予受理: the reason, and (extension) the remedies the applicant is told of (救济途径). */
  'case.rejected': { reason: string; remedies?: string };
  'case.terminated': { reason: string };
  'penalty.executed': { amount: number; receiptNo: string; paidAt: string };
  'fee.charged': { feeCode: string; amount: number };
  'case.closed': Record<string, never>;
}

/** The event as a department system or the workbench submits it. */
export interface CaseEventInput<T extends EventType = EventType> {
  eventId: string;
  caseNo: string;
  type: T;
  occurredAt: Date;
  actor: EventActor;
  data: EventDataMap[T];
}

/** An event as stored: the input plus where and when it arrived. */
export type CaseEvent<T extends EventType = EventType> = CaseEventInput<T> & {
  departmentCode: string;
  receivedAt: Date;
  /** Arrival order across the platform (ties in occurredAt are broken by it). */
  seq: number;
  source: 'exchange' | 'workbench';
};

export type CaseStatus = 'open' | 'suspended' | 'concluded';
/** 'submitted' (待受理): an application received (application.submitted), neither accepted nor refused yet. */
export type CaseStateStatus = CaseStatus | 'none' | 'submitted';

export interface StepRecord {
  step: string;
  startedAt: Date;
  completedAt: Date | null;
  verdict?: 'agree' | 'disagree';
  text?: string;
  actorId?: string;
}

export interface EvidenceRecord {
  evidenceId: string;
  kind: string;
  name: string;
  size: number;
  sha256: string;
  attachedAt: Date;
  removedAt: Date | null;
  removedReason: string | null;
  /** Every hash this evidenceId was attached with, in order (EVIDENCE_ALTERED). */
  hashes: string[];
}

export interface CaseState {
  caseNo: string;
  departmentCode: string;
  itemCode: string | null;
  /** The item version in force at registration: the case is judged by it. */
  itemVersion: number | null;
  status: CaseStateStatus;
  conclusion: 'closed' | 'rejected' | 'terminated' | null;
  acceptedAt: Date | null;
  /** When the application was received (application.submitted); absent for cases registered directly. */
  submittedAt?: Date | null;
  /** The materials supplied with the application (by the item's material names). */
  appliedMaterials?: string[];
  concludedAt: Date | null;
  counterparty: Counterparty | null;
  channel: string | null;
  /** Key of the step now in progress (null before registration and after the last step). */
  currentStep: string | null;
  currentStepStartedAt: Date | null;
  steps: StepRecord[];
  suspensions: { from: Date; to: Date | null; reason: string; basis: string }[];
  extensionDays: number;
  extensions: { at: Date; workingDays: number; reason: string; approvedBy: string }[];
  /** 补正: each request, and when the applicant answered it (correction.answered) with which materials. */
  corrections: { at: Date; materials: string[]; reason: string; answeredAt?: Date | null; answeredMaterials?: string[] }[];
  returns: { at: Date; fromStep: string; toStep: string; reason: string }[];
  evidence: Record<string, EvidenceRecord>;
  decision: (EventDataMap['case.decided'] & { at: Date; actor: EventActor }) | null;
  executions: (EventDataMap['penalty.executed'] & { at: Date })[];
  fees: (EventDataMap['fee.charged'] & { at: Date })[];
  eventCount: number;
  lastEventAt: Date | null;
  /**
   * The ids of the people who acted in the step now in progress, in order of first act (extension,
   * for the two_officers risk check): reset when a step starts; absent on states folded before it.
   */
  stepActors?: string[];
  /** Who acted last on the case (its latest event's actor); absent before the first event. */
  lastActor?: { id: string; name: string; officerId?: string; post?: string };
}
