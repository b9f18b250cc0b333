import type { RiskControl } from './risk-points.js';

/**
 * A power item (权力事项) of the catalog of powers (行政职权目录), as in interface standard §2.
 * One immutable version of it is what a case is judged by.
 */
export const CATEGORIES = {
  license: '行政许可',
  penalty: '行政处罚',
  coercion: '行政强制',
  levy: '行政征收',
  payment: '行政给付',
  inspection: '行政检查',
  confirmation: '行政确认',
  reward: '行政奖励',
  adjudication: '行政裁决',
  other: '其他行政权力',
} as const;
export type Category = keyof typeof CATEGORIES;

export type ItemStatus = 'draft' | 'in_force' | 'suspended' | 'cancelled';

export interface LegalBasis {
  law: string;
  article: string;
  text?: string;
}

export interface FlowStep {
  key: string;
  name: string;
  post?: string;
  limitDays: number;
  documents?: string[]; // 岗位文书
  riskPoints?: string[]; // 廉政风险点
  supervisionPoints?: string[]; // 监察点
  evidenceRequired?: boolean;
  /** Extension: graded risk points with control measures and executable checks (risk-points.ts). */
  riskControls?: RiskControl[];
}

export interface Flow {
  steps: FlowStep[];
  /** Allowed returns as [fromStep, toStep]. */
  rollbacks: [string, string][];
}

export interface DiscretionBand {
  circumstance: string;
  kind: string;
  min: number;
  max: number;
}

export interface Fee {
  code: string;
  name: string;
  amount: number;
  basis?: string;
}

/** 材料形式: 原件, 复印件, 原件和复印件, 电子材料. */
export const MATERIAL_FORMS = { original: '原件', copy: '复印件', both: '原件和复印件', electronic: '电子材料' } as const;
export type MaterialForm = keyof typeof MATERIAL_FORMS;

/** A sample form (样表) file kept by the catalog: the id of an uploaded catalog file and its display name. */
export interface SampleFormRef {
  fileId: string;
  name: string;
}

/** Extension (实施清单): the details of one material of `materials`, matched by name. */
export interface MaterialDetail {
  name: string;
  form?: MaterialForm;
  copies?: number;
  required?: boolean;
  note?: string;
  sampleForm?: SampleFormRef;
}

export interface Faq {
  question: string;
  answer: string;
}

/** The content of one version of an item (what the import carries, plus code/status). */
export interface PowerItem {
  code: string;
  name: string;
  category: Category;
  departmentCode: string;
  regionCode: string;
  legalBasis: LegalBasis[];
  legalLimitDays: number;
  promisedLimitDays: number;
  fees: Fee[];
  location?: string;
  phone?: string;
  guide?: string;
  materials: string[];
  remedies?: string;
  confidential: boolean;
  flow: Flow | null;
  discretion: DiscretionBand[];
  status: ItemStatus;
  /** Extensions of the implementation list (实施清单), all optional: 受理条件, 办理对象, 办理时间, 跑动次数, 是否网办, material details, 常见问题. */
  acceptanceConditions?: string;
  targets?: string;
  officeHours?: string;
  visits?: number;
  online?: boolean;
  onlineUrl?: string;
  materialDetails?: MaterialDetail[];
  faqs?: Faq[];
  /** Extension: true when the source gave no promisedLimitDays (it then equals legalLimitDays). */
  promisedLimitDaysMissing?: boolean;
}

/** An item version as stored: the content plus its version number and effective date. */
export interface PowerItemVersion extends PowerItem {
  version: number;
  effectiveFrom: Date;
  /** Extension: public fields this version lacks while published (DISCLOSURE_INCOMPLETE), see disclosure.ts. */
  disclosureProblems?: string[];
}
