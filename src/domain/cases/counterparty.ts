/** Check digits of the identifiers a counterparty (行政相对人) is registered with. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 公民身份号码 GB 11643-1999: 17 digits (region, birth date, order) + ISO 7064 MOD 11-2 check. */
export function isValidResidentId(id: string): boolean {
  const s = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === s[17];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 GB 32100-2015: 18 characters of 31 (no I O Z S V), the last a MOD 31 check. */
export function isValidCreditCode(code: string): boolean {
  const s = code.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(s[i]) * USCC_WEIGHTS[i];
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARS[c] === s[17];
}

/** Validates a workbench counterparty; returns the bad field and message, or null. */
export function counterpartyProblem(c: { kind: 'person' | 'organization'; name: string; idNumber?: string | null }): { field: string; message: string } | null {
  if (!c.name.trim()) return { field: 'counterparty.name', message: '不能为空 (required)' };
  if (!c.idNumber) return { field: 'counterparty.idNumber', message: '须填写身份证号或统一社会信用代码 (ID number or credit code required)' };
  if (c.kind === 'person' && !isValidResidentId(c.idNumber)) {
    return { field: 'counterparty.idNumber', message: '身份证号校验不通过 (GB 11643 check digit or birth date invalid)' };
  }
  if (c.kind === 'organization' && !isValidCreditCode(c.idNumber)) {
    return { field: 'counterparty.idNumber', message: '统一社会信用代码校验不通过 (GB 32100 check character invalid)' };
  }
  return null;
}

/** 达州意见 三(七): the public sees 王*, never the full name or any ID number. */
export function maskName(name: string, kind: 'person' | 'organization'): string {
  const chars = [...name.trim()];
  if (kind === 'organization') return chars.length <= 4 ? chars[0] + '*'.repeat(Math.max(1, chars.length - 1)) : chars.slice(0, 2).join('') + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
  return chars.length ? chars[0] + '*'.repeat(Math.max(1, chars.length - 1)) : '*';
}
