/**
 * The shapes of the server's replies as the web app reads them. The routes declare request
 * schemas only (web/src/lib/api-types.ts is generated from them), so the replies are declared
 * here, field by field as the pages use them; a field the server may leave out is optional.
 */
import type { FlowView } from '../components/flow-chart';

/** A department or region by its code and name (catalog, organisation). */
export interface Named { code: string; name: string }

/** A region of the organisation (GET /api/org/regions). */
export interface RegionRow { code: string; name: string; level?: string | number; parent?: string | null }
/** A department (GET /api/org/departments). */
export interface DepartmentRow { code: string; name: string; region?: string; regionName?: string | null }

/** An alert (预警/报警) as lists and the case page show it. */
export interface AlertRow {
  id: string;
  code: string;
  level: string;
  status: string;
  caseNo?: string | null;
  departmentCode?: string | null;
  message?: string | null;
  messageEn?: string | null;
  details?: { messageEn?: string } | null;
  raisedAt?: string;
  step?: string | null;
  stepName?: string | null;
  responsibleOfficerName?: string | null;
  responsibleOfficerId?: string | null;
  responsiblePost?: string | null;
  detailedStatus?: string;
  escalationLevel?: number;
  correctionDueAt?: string | null;
  closedReason?: string | null;
}

/** A line of the case list (GET /api/cases). */
export interface CaseRow {
  id: string;
  caseNo: string;
  itemCode: string;
  itemName?: string | null;
  status: string;
  light?: string | null;
  counterparty?: { name?: string | null } | null;
  counterpartyName?: string | null;
  currentStep?: string | null;
  currentStepName?: string | null;
  daysLeft?: number | null;
  dueAt?: string | null;
  createdAt?: string | null;
  acceptedAt?: string | null;
  departmentCode?: string;
}

/** One event of a case's history (interface standard §3). */
export interface CaseEvent {
  type: string;
  occurredAt: string;
  source?: string;
  receivedAt?: string | null;
  actor?: { name?: string | null; post?: string | null } | null;
  data?: CaseEventData | null;
}
export interface CaseEventData {
  step?: string; opinion?: { verdict?: string; text?: string }; reason?: string; toStep?: string; workingDays?: number;
  outcome?: string; documentNo?: string; name?: string; evidenceId?: string; amount?: number | null; materials?: string[]; remedies?: string;
}

/** A piece of evidence as the case state records it, with the file to download. */
export interface EvidenceEntry {
  evidenceId: string;
  fileId?: string;
  kind: string;
  name: string;
  size?: number | string;
  sha256?: string;
  attachedAt?: string;
  removedAt?: string | null;
  url?: string;
}
export interface EvidenceFile { id: string; kind: string; name: string; size?: number; sha256?: string; uploadedAt?: string }

export interface CaseCounterparty { kind?: string; name?: string | null; idNumber?: string | null; phone?: string | null; address?: string | null }

/** The deadline explanation of one clock (promised, legal, step). */
export interface CaseClock {
  kind: string;
  start?: string;
  dueAt?: string | null;
  warnAt?: string | null;
  workingDays?: number;
  extensionDays?: number;
  provisional?: boolean;
  open?: boolean;
  explanation?: {
    startDate?: string; dueDate?: string; skippedWeekends?: number;
    skippedHolidays?: { date: string; name?: string | null }[]; makeupDaysCounted?: string[]; suspendedDays?: string[];
  } | null;
}

export interface CaseState {
  channel?: string;
  submittedAt?: string;
  counterparty?: CaseCounterparty;
  appliedMaterials?: string[];
  corrections?: { at?: string; answeredAt?: string | null; materials?: string[]; reason?: string }[];
  decision?: CaseDecision | null;
  steps?: { step: string; completedAt?: string | null }[];
  suspensions?: CaseSuspension[];
  extensions?: CaseExtension[];
  extensionDays?: number;
  evidence?: Record<string, EvidenceEntry>;
}
/** The decision recorded on a case (with its penalty, when one was imposed). */
export interface CaseDecision { outcome?: string; penalty?: { kind?: string; amount?: number; circumstance?: string } | null }
export interface CaseSuspension { from: string; to?: string | null; reason: string; basis?: string }
export interface CaseExtension { at: string; workingDays: number; reason: string; approvedBy?: string }

/** The item as the case page needs it (its flow, fees, discretion standards, remedies). */
export interface CaseItem {
  name?: string;
  category?: string;
  materials?: string[];
  flow?: FlowView | null;
  promisedLimitDays?: number;
  fees?: { code: string; name: string; amount?: number | null; basis?: string }[];
  discretion?: { circumstance: string; min?: number; max?: number }[];
  remedies?: string;
}

/** GET /api/cases/:id. */
export interface CaseDetailDto extends CaseRow {
  itemVersion?: number | null;
  queryCode?: string | null;
  legalDueAt?: string | null;
  warnAt?: string | null;
  acceptanceDueAt?: string | null;
  conclusion?: string | null;
  allowedActions?: string[];
  events?: CaseEvent[];
  clocks?: CaseClock[];
  state?: CaseState | null;
  item?: CaseItem | null;
  evidenceFiles?: EvidenceFile[];
}

/** The case page's view of the detail (normalised in case-page.tsx). */
export interface CaseView extends CaseDetailDto {
  flow: FlowView | null;
  decision: CaseDecision | null;
  promisedLimitDays?: number;
  steps: { step: string; completedAt?: string | null }[];
  suspensions: CaseSuspension[];
  extensions: CaseExtension[];
  extensionDays: number;
  counterparty: CaseCounterparty | null;
  evidence: EvidenceEntry[];
  alerts?: AlertRow[];
}

/** A catalog item in lists (GET /api/catalog/items, the hall). */
export interface ItemRow {
  code: string;
  name: string;
  version?: number;
  status?: string;
  category: string;
  departmentCode: string;
  regionCode?: string;
}
