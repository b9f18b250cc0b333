import { isIndicatorCode, type IndicatorCode } from './indicators.js';
import { isMonth } from './period.js';

/** A scheme's content (interface standard §8's PUT body). */
export interface SchemeIndicator {
  code: IndicatorCode;
  points: number;
  /** Limits the contribution to [−cap, +cap]; absent: unlimited. */
  cap?: number;
}
/**
 * 达州意见 四(五): 对 … 办理情况较差的 … 进行函询、约谈 — the scheme's rule for the lowest-ranked: when a
 * period is approved, each department among the `lowest` last ranks (default 1; ties included;
 * none when every department has the same score) or scoring below `below` gets a proposed entry.
 */
export interface AccountabilitySetting {
  kind: 'inquiry' | 'interview';
  lowest?: number;
  below?: number;
}
export interface SchemeContent {
  name: string;
  /** `YYYY-MM`: the first month the version scores. */
  effectiveFrom: string;
  base: number;
  indicators: SchemeIndicator[];
  /** Absent: approval proposes no accountability. */
  accountability?: AccountabilitySetting;
}
export interface SchemeVersion extends SchemeContent {
  regionCode: string;
  version: number;
}

export type SchemeCheck = { ok: true; scheme: SchemeContent } | { ok: false; field: string; message: string };

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const bad = (field: string, message: string): SchemeCheck => ({ ok: false, field, message });

/** Checks a scheme body; the first fault names its field (`effectiveFrom`, `indicators[1].cap`, …). */
export function checkScheme(body: unknown): SchemeCheck {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return bad('body', '须为 JSON 对象 (a JSON object is required)');
  const b = body as Record<string, unknown>;
  if (typeof b.name !== 'string' || !b.name.trim()) return bad('name', '考评细则名称不能为空 (name required)');
  if (b.name.length > 200) return bad('name', '不超过 200 字 (at most 200 characters)');
  if (!isMonth(b.effectiveFrom)) return bad('effectiveFrom', '须为 YYYY-MM 格式的月份 (effectiveFrom must be a month YYYY-MM)');
  if (!isNum(b.base)) return bad('base', '基础分须为数字 (base must be a number)');
  if (b.base < 0 || b.base > 1e6) return bad('base', '基础分须在 0 至 1000000 之间 (base out of range)');
  if (!Array.isArray(b.indicators)) return bad('indicators', '须为指标数组 (indicators must be an array)');
  if (b.indicators.length > 50) return bad('indicators', '指标不超过 50 项 (at most 50 indicators)');
  const seen = new Set<string>();
  const indicators: SchemeIndicator[] = [];
  for (const [i, raw] of b.indicators.entries()) {
    const at = `indicators[${i}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return bad(at, '须为对象 (each indicator must be an object)');
    const x = raw as Record<string, unknown>;
    if (!isIndicatorCode(x.code)) return bad(`${at}.code`, `未知考评指标 ${String(x.code)} (unknown indicator code)`);
    if (seen.has(x.code)) return bad(`${at}.code`, `指标 ${x.code} 重复 (indicator listed twice)`);
    seen.add(x.code);
    if (!isNum(x.points)) return bad(`${at}.points`, '分值须为数字 (points must be a number)');
    if (Math.abs(x.points) > 1e6) return bad(`${at}.points`, '分值超出范围 (points out of range)');
    if (x.cap !== undefined && x.cap !== null) {
      if (!isNum(x.cap)) return bad(`${at}.cap`, '封顶分须为数字 (cap must be a number)');
      if (x.cap < 0) return bad(`${at}.cap`, '封顶分不能为负数 (cap must not be negative)');
      if (x.cap > 1e6) return bad(`${at}.cap`, '封顶分超出范围 (cap out of range)');
      indicators.push({ code: x.code, points: x.points, cap: x.cap });
    } else indicators.push({ code: x.code, points: x.points });
  }
  const scheme: SchemeContent = { name: b.name.trim(), effectiveFrom: b.effectiveFrom, base: b.base, indicators };
  if (b.accountability !== undefined && b.accountability !== null) {
    const a = b.accountability as Record<string, unknown>;
    if (typeof a !== 'object' || Array.isArray(a)) return bad('accountability', '须为对象 (accountability must be an object)');
    if (a.kind !== 'inquiry' && a.kind !== 'interview') return bad('accountability.kind', '问责方式须为 inquiry（函询）或 interview（约谈）');
    const setting: AccountabilitySetting = { kind: a.kind };
    if (a.lowest !== undefined && a.lowest !== null) {
      if (!Number.isInteger(a.lowest) || (a.lowest as number) < 0 || (a.lowest as number) > 100) return bad('accountability.lowest', '末位个数须为 0–100 的整数 (lowest must be an integer 0–100)');
      setting.lowest = a.lowest as number;
    }
    if (a.below !== undefined && a.below !== null) {
      if (!isNum(a.below) || a.below < 0 || a.below > 1e6) return bad('accountability.below', '分数线须为 0 至 1000000 之间的数字 (below out of range)');
      setting.below = a.below;
    }
    scheme.accountability = setting;
  }
  return { ok: true, scheme };
}

/**
 * The version of one region's scheme in effect in month `month` (`YYYY-MM`): of the versions
 * effective from that month or before, the latest effectiveFrom; of several, the latest version.
 */
export function versionInEffect<T extends { version: number; effectiveFrom: string }>(versions: T[], month: string): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > month) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

/**
 * The nearest scheme up the region tree in effect in `month`: `chain` lists the region and its
 * ancestors, nearest first; `versions` every version of any of them.
 */
export function applicableScheme(chain: string[], versions: SchemeVersion[], month: string): SchemeVersion | null {
  for (const region of chain) {
    const v = versionInEffect(versions.filter((x) => x.regionCode === region), month);
    if (v) return v;
  }
  return null;
}

/**
 * The departments a period's accountability rule names (达州意见 四(五)): those among the `lowest`
 * last places (default 1 unless only `below` is set; ties with the last place taken included) whose
 * score is below the highest (a period where all score alike names none), and those scoring below
 * `below`. In rank order, worst last.
 */
export function lowestRanked<T extends { department: string; score: number; rank: number }>(rows: T[], setting: AccountabilitySetting): T[] {
  if (!rows.length) return [];
  const n = setting.lowest ?? (setting.below === undefined ? 1 : 0);
  const top = Math.max(...rows.map((r) => r.score));
  const byScore = [...rows].sort((a, b) => a.score - b.score);
  const cut = n > 0 ? byScore[Math.min(n, byScore.length) - 1].score : -Infinity;
  return rows.filter((r) => (n > 0 && r.score <= cut && r.score < top) || (setting.below !== undefined && r.score < setting.below));
}
