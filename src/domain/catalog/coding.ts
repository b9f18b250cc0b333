import type { Category } from './item.types.js';

/**
 * 行政权力编码规则 (docs/coding-rule.md): `{行政区划代码}-{部门简码}-{类别码}-{顺序号}`,
 * e.g. 511702-STJ-CF-0003. Stable: derived from region, department and category.
 */
// 川 目录动态调整办法 第五条: 按照行政权力编码规则调整更新行政职权目录
export const CATEGORY_CODES: Record<Category, string> = {
  license: 'XK', // 行政许可
  penalty: 'CF', // 行政处罚
  coercion: 'QZ', // 行政强制
  levy: 'ZS', // 行政征收
  payment: 'GF', // 行政给付
  inspection: 'JC', // 行政检查
  confirmation: 'QR', // 行政确认
  reward: 'JL', // 行政奖励
  adjudication: 'CJ', // 行政裁决
  other: 'QT', // 其他行政权力
};

export const ITEM_CODE = /^[0-9A-Za-z][0-9A-Za-z-]{0,63}$/;

/** The department's short code: its code without the region prefix, letters and digits only, upper case. */
export function departmentShortCode(departmentCode: string, regionCode: string): string {
  const rest = departmentCode.startsWith(`${regionCode}-`) ? departmentCode.slice(regionCode.length + 1) : departmentCode;
  const short = rest.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return short || 'DEPT';
}

/** The prefix shared by every item of one kind (region, department, category). */
export function codePrefix(regionCode: string, departmentCode: string, category: Category): string {
  return `${regionCode}-${departmentShortCode(departmentCode, regionCode)}-${CATEGORY_CODES[category]}`;
}

/** The code with sequence number `seq` (at least four digits). */
export function formatCode(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(4, '0')}`;
}

/** Splits a code made by the rule into its prefix and sequence; null for codes from elsewhere. */
export function parseCode(code: string): { prefix: string; seq: number } | null {
  const m = /^(\d{6}-[0-9A-Z]+-[A-Z]{2})-(\d{4,9})$/.exec(code);
  return m ? { prefix: m[1]!, seq: Number(m[2]) } : null;
}

/**
 * The next code of a kind: appended after the last one ever used (盐城 数据库更新维护办法
 * 第十条: 新增的权力排在此类权力的末尾; 取消的权力原编码不得继续使用), so a retired number is never handed out again.
 */
export function nextCode(prefix: string, lastSeqUsed: number): { code: string; seq: number } {
  const seq = lastSeqUsed + 1;
  return { code: formatCode(prefix, seq), seq };
}
