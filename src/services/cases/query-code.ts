import { randomInt } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I

/**
 * 查询码 printed on the acceptance notice (达州意见 三(七): 办理进度网上可查), made by the platform
 * only (§3 v2: at least 40 bits of randomness): 10 characters of 32, 50 bits from node:crypto.
 */
export function newQueryCode(len = 10): string {
  let s = '';
  for (let i = 0; i < len; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** A workbench case number: the department's code, the acceptance day (CST) and a random serial. */
export function newCaseNo(departmentCode: string, at: Date): string {
  const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `${departmentCode}-${day}-${newQueryCode(5)}`;
}
