import type { PowerItem } from './item.types.js';

/** Published: in force and not confidential (川办发 第六条: 涉密行政权力事项不进入行政职权目录). */
export function isPublished(item: Pick<PowerItem, 'status' | 'confidential'>): boolean {
  return item.status === 'in_force' && !item.confidential;
}

/**
 * The public fields a published item lacks (interface standard §2, §4 DISCLOSURE_INCOMPLETE);
 * [] when complete or not published.
 */
// 成都办法 第九条(一): 不在网上公布事项、依据、条件、程序、期限以及材料目录等信息或公开不完整的 (公开异常)
export function disclosureProblems(item: PowerItem): string[] {
  if (!isPublished(item)) return [];
  const missing: string[] = [];
  if (!item.legalBasis?.length) missing.push('legalBasis');
  if (!item.remedies?.trim()) missing.push('remedies');
  if (!item.flow || !item.flow.steps.length) missing.push('flow');
  if (item.category === 'license') {
    if (!item.materials?.length) missing.push('materials');
    if (item.promisedLimitDaysMissing || !(item.promisedLimitDays > 0)) missing.push('promisedLimitDays');
  }
  return missing;
}

export const DISCLOSURE_FIELD_NAMES: Record<string, string> = {
  legalBasis: '法律依据',
  remedies: '救济途径',
  flow: '运行流程',
  materials: '申请材料',
  promisedLimitDays: '承诺时限',
};
