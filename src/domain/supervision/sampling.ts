import { createHash } from 'node:crypto';
import type { Category } from '../catalog/item.types.js';

/**
 * 抽样监察 (川办发〔2014〕2号 电子监察办法 第十一条(四): 适时对行政权力运行情况进行抽查分析, 发现并纠正存在的问题)
 * and 回访监察 (第十一条(三)): the pure parts — the seeded draw, the period, the checklists.
 */

/** A sampling period: a month `YYYY-MM` or a quarter `YYYY-Qn`, in China Standard Time. */
export const SAMPLING_PERIOD = /^(\d{4})-(0[1-9]|1[0-2]|Q[1-4])$/;

/** The instants [from, to) of a period (CST midnights), or null when the text is not one. */
export function periodBounds(period: string): { from: Date; to: Date } | null {
  const m = SAMPLING_PERIOD.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const first = m[2].startsWith('Q') ? (Number(m[2][1]) - 1) * 3 : Number(m[2]) - 1;
  const months = m[2].startsWith('Q') ? 3 : 1;
  const cst = (y: number, mo: number) => new Date(Date.UTC(y, mo, 1) - 8 * 3_600_000);
  return { from: cst(year, first), to: cst(year, first + months) };
}

/** The quarter `YYYY-Qn` a period lies in. */
export function quarterOf(period: string): string | null {
  const m = SAMPLING_PERIOD.exec(period);
  if (!m) return null;
  return m[2].startsWith('Q') ? period : `${m[1]}-Q${Math.floor((Number(m[2]) - 1) / 3) + 1}`;
}

export type SampleSize = { kind: 'count'; value: number } | { kind: 'percent'; value: number };

/** How many cases a size asks of a population: n (at most all), or a percentage rounded up (at least 1 of a non-empty population). */
export function sampleCount(population: number, size: SampleSize): number {
  if (population <= 0) return 0;
  const n = size.kind === 'count' ? size.value : Math.ceil((population * size.value) / 100);
  return Math.max(1, Math.min(population, n));
}

/**
 * sfc32, a small seeded PRNG (Chris Doty-Humphrey's Small Fast Counting generator), its state
 * taken from the SHA-256 of the seed text. The same seed gives the same sequence everywhere.
 */
export function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(seed, 'utf8').digest();
  let a = h.readUInt32BE(0), b = h.readUInt32BE(4), c = h.readUInt32BE(8), d = h.readUInt32BE(12);
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
  for (let i = 0; i < 12; i++) next(); // mix the state before use
  return next;
}

/**
 * The sample: the population sorted by id (code-point order, independent of how it was read),
 * then the first `n` places of a Fisher–Yates shuffle driven by the seeded PRNG. Same seed, same
 * population → same ids in the same order.
 */
export function drawSample(population: readonly string[], n: number, seed: string): string[] {
  const ids = [...new Set(population)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const rnd = seededRandom(seed);
  const k = Math.min(n, ids.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rnd() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids.slice(0, k);
}

/** SHA-256 of the sorted population ids: which stored cases a draw was made from. */
export function populationHash(population: readonly string[]): string {
  const ids = [...new Set(population)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return createHash('sha256').update(ids.join('\n'), 'utf8').digest('hex');
}

export type CheckResult = 'conform' | 'nonconform' | 'na';
export const CHECK_RESULTS: Record<CheckResult, string> = { conform: '符合', nonconform: '不符合', na: '不适用' };

export interface CheckItem { key: string; label: string }

const common: CheckItem[] = [
  { key: 'authority', label: '主体适格，在法定职权范围内' },
  { key: 'basis', label: '适用依据正确，决定有据' },
  { key: 'timeLimit', label: '在法定和承诺时限内办结' },
  { key: 'documents', label: '文书规范完整' },
  { key: 'online', label: '全程网上运行，无事后补录' },
];

/**
 * The default checklist of each category of power (行政许可法, 行政处罚法, 行政强制法 the source of most
 * checks: 处罚 立案审批、两人以上调查取证、告知陈述申辩、法制审核、裁量适当、送达、执行 …).
 */
export const CHECKLISTS: Record<Category, CheckItem[]> = {
  license: [
    { key: 'materials', label: '申请材料齐全、符合法定形式' },
    { key: 'oneTimeNotice', label: '材料不全的一次性告知补正' },
    { key: 'acceptance', label: '受理或不予受理有书面凭证' },
    { key: 'review', label: '审查程序合法（需要时现场核查、听证）' },
    { key: 'timeLimit', label: '在法定和承诺时限内作出决定' },
    { key: 'decisionBasis', label: '准予或不予许可决定有据、说明理由' },
    { key: 'fees', label: '未违规收费' },
    { key: 'delivery', label: '决定依法送达、公开' },
  ],
  penalty: [
    { key: 'filing', label: '立案经审批' },
    { key: 'twoOfficers', label: '调查取证两人以上、持证执法' },
    { key: 'evidence', label: '证据确凿充分' },
    { key: 'notice', label: '告知陈述、申辩（听证）权利' },
    { key: 'legalReview', label: '重大执法决定经法制审核' },
    { key: 'discretion', label: '裁量适当，符合裁量基准' },
    { key: 'delivery', label: '决定书依法送达' },
    { key: 'execution', label: '决定执行到位（罚缴分离）' },
  ],
  coercion: [
    { key: 'basis', label: '强制措施有法定依据' },
    { key: 'approval', label: '实施前经负责人批准' },
    { key: 'twoOfficers', label: '两名以上执法人员实施、出示证件' },
    { key: 'notice', label: '当场告知理由、依据和救济途径' },
    { key: 'record', label: '制作现场笔录' },
    { key: 'timeLimit', label: '在法定期限内作出处理决定' },
    { key: 'custody', label: '查封扣押财物妥善保管、及时解除' },
  ],
  levy: [
    { key: 'basis', label: '征收有法定依据、项目在目录内' },
    { key: 'standard', label: '按法定标准计征' },
    { key: 'notice', label: '告知缴纳义务和救济途径' },
    { key: 'receipt', label: '开具合法票据' },
    { key: 'timeLimit', label: '在时限内办结' },
  ],
  payment: [
    { key: 'eligibility', label: '给付对象符合条件' },
    { key: 'materials', label: '申请材料齐全、审核有据' },
    { key: 'standard', label: '按标准足额给付' },
    { key: 'publicity', label: '依规公示' },
    { key: 'timeLimit', label: '在时限内给付' },
  ],
  inspection: [
    { key: 'plan', label: '检查有计划、双随机抽取' },
    { key: 'twoOfficers', label: '两名以上执法人员、出示证件' },
    { key: 'record', label: '检查记录完整、当事人签字' },
    { key: 'result', label: '检查结果依法处理、公开' },
    { key: 'noBurden', label: '未违规重复检查、未违规收费' },
  ],
  confirmation: [
    { key: 'materials', label: '申请材料齐全' },
    { key: 'review', label: '审查核实到位' },
    { key: 'decisionBasis', label: '确认结论有据' },
    { key: 'timeLimit', label: '在时限内办结' },
    { key: 'delivery', label: '结果依法送达' },
  ],
  reward: [
    { key: 'criteria', label: '奖励条件和标准公开' },
    { key: 'procedure', label: '评审程序合法' },
    { key: 'publicity', label: '奖励结果公示' },
    { key: 'payout', label: '奖励兑现到位' },
  ],
  adjudication: [
    { key: 'acceptance', label: '受理符合法定条件' },
    { key: 'hearing', label: '听取双方当事人意见' },
    { key: 'evidence', label: '事实清楚、证据充分' },
    { key: 'decisionBasis', label: '裁决有据、说明理由' },
    { key: 'remedies', label: '告知救济途径' },
    { key: 'delivery', label: '裁决书依法送达' },
  ],
  other: common,
};

/** The checklist a case of a category is checked against ('other' for an unknown category). */
export function checklistFor(category: string | null): { category: Category; items: CheckItem[] } {
  const c = (category && Object.hasOwn(CHECKLISTS, category) ? category : 'other') as Category;
  return { category: c, items: CHECKLISTS[c] };
}

export interface CheckAnswer { key: string; result: CheckResult; remark: string }

/**
 * Checks the answers against the checklist: every check answered exactly once with a known
 * result; a 不符合 states its remark. Returns the problem (field, message) or null.
 */
export function answersProblem(items: readonly CheckItem[], answers: readonly CheckAnswer[]): string | null {
  const known = new Set(items.map((i) => i.key));
  const seen = new Set<string>();
  for (const a of answers) {
    if (!known.has(a.key)) return `检查项 ${a.key} 不在本类事项的检查表内 (unknown check)`;
    if (seen.has(a.key)) return `检查项「${items.find((i) => i.key === a.key)?.label}」重复作答 (answered twice)`;
    seen.add(a.key);
    if (!Object.hasOwn(CHECK_RESULTS, a.result)) return `检查结论须为 符合、不符合 或 不适用 (unknown result)`;
    if (a.result === 'nonconform' && !a.remark.trim()) return `检查项「${items.find((i) => i.key === a.key)?.label}」不符合，须写明情况 (remark required)`;
  }
  const missing = items.filter((i) => !seen.has(i.key));
  if (missing.length) return `检查项未作答：${missing.map((i) => i.label).join('、')} (every check must be answered)`;
  return null;
}

export const VISIT_METHODS = { phone: '电话', visit: '上门', sms: '短信' } as const;
export type VisitMethod = keyof typeof VISIT_METHODS;
