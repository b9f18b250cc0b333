import { regionPrefix } from '../org/region.js';

/** The supervision limits a region may set for its subtree (working days), with the bounds the regulations give. */
export const REGION_LIMITS = {
  // 四川电子监察办法 第九条 (20 个工作日); 盐城电子监察办法 第十四条 (5 个工作日)
  orderResponseDays: { name: '督办反馈期限', min: 1, max: 20 },
  // 四川电子监察办法 第九条: 延长期限不得超过 10 个工作日
  orderMaxExtensionDays: { name: '督办延期上限', min: 0, max: 10 },
  // 盐城电子监察办法 第十一条(二): 黄牌限期整改
  yellowCorrectionDays: { name: '黄牌整改期限', min: 1, max: 30 },
  redEscalationDays: { name: '红牌上报期限', min: 1, max: 60 },
  // 成都办法 第十一条; 盐城电子监察办法 第十四条: 5 个工作日内决定是否受理
  complaintAcceptanceDays: { name: '投诉受理期限', min: 1, max: 5 },
  complaintTransferDays: { name: '投诉转办办结期限', min: 1, max: 60 },
  // 四川电子监察办法 第十一条(三) 回访监察; 盐城电子监察办法 第十四条: 5 个工作日内将调查处理情况网上回复
  badRatingVisitDays: { name: '差评回访核实期限', min: 1, max: 10 },
  // 国办发〔2019〕51号: 差评整改 (默认 15 个工作日)
  badRatingRectifyDays: { name: '差评整改期限', min: 1, max: 30 },
  // 盐城电子监察办法 第十五条: 办理结束后将处理结果反馈
  badRatingFeedbackDays: { name: '差评反馈期限', min: 1, max: 10 },
  // 四川电子监察办法 第九条: 监察机关对承办单位上报的调查处理情况复核 (platform default 5)
  badRatingReviewDays: { name: '差评复核期限', min: 1, max: 20 },
} as const;

export type LimitKey = keyof typeof REGION_LIMITS;
export const LIMIT_KEYS = Object.keys(REGION_LIMITS) as LimitKey[];
export type RegionLimits = Partial<Record<LimitKey, number>>;

export interface RegionLimitRow {
  regionCode: string;
  version: number;
  limits: RegionLimits;
}

/** The latest row of each region whose subtree holds `regionCode`, highest region first. */
export function limitsAbove(rows: readonly RegionLimitRow[], regionCode: string): RegionLimitRow[] {
  const latest = new Map<string, RegionLimitRow>();
  for (const r of rows) {
    if (!regionCode.startsWith(regionPrefix(r.regionCode))) continue;
    const b = latest.get(r.regionCode);
    if (!b || r.version > b.version) latest.set(r.regionCode, r);
  }
  return [...latest.values()].sort((a, b) => regionPrefix(a.regionCode).length - regionPrefix(b.regionCode).length);
}

/**
 * The limits in force along a region path (highest first) over the platform's defaults: the
 * highest region that sets a limit sets it freely; a region below only shortens it. A longer
 * value below is not applied, so a later shortening above takes over at once.
 */
export function combineLimits(rows: readonly RegionLimitRow[], base: Record<LimitKey, number>): { limits: Record<LimitKey, number>; from: Partial<Record<LimitKey, string>> } {
  const limits = { ...base };
  const from: Partial<Record<LimitKey, string>> = {};
  for (const r of rows) {
    for (const k of LIMIT_KEYS) {
      const v = r.limits[k];
      if (v == null) continue;
      if (from[k] === undefined || v < limits[k]) {
        limits[k] = v;
        from[k] = r.regionCode;
      }
    }
  }
  return { limits, from };
}

/** The limits `proposed` would lengthen beyond what a higher region set (`above`: the strict ancestors' rows). */
export function limitLoosening(above: readonly RegionLimitRow[], base: Record<LimitKey, number>, proposed: RegionLimits): { key: LimitKey; region: string; above: number }[] {
  const { limits, from } = combineLimits(above, base);
  return LIMIT_KEYS.flatMap((k) => {
    const v = proposed[k];
    return v != null && from[k] !== undefined && v > limits[k] ? [{ key: k, region: from[k]!, above: limits[k] }] : [];
  });
}
