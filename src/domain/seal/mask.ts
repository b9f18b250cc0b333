/**
 * Masked forms of personal data for lists (GB/T 22239-2019 8.1.4.11 个人信息保护: 最小必要;
 * 达州意见 三(七): the public sees 王*): 5101**********1234, 138****5678, 张*.
 */

/** 身份证号 / 统一社会信用代码: the first 4 and last 4 characters kept. */
export function maskIdNumber(id: string): string {
  const s = [...id.trim()];
  if (s.length <= 8) return s.length ? s[0] + '*'.repeat(Math.max(1, s.length - 1)) : '';
  return s.slice(0, 4).join('') + '*'.repeat(s.length - 8) + s.slice(-4).join('');
}

/** A telephone number: the first 3 and last 4 digits kept (138****5678). */
export function maskPhone(phone: string): string {
  const s = [...phone.trim()];
  if (s.length <= 7) return s.length ? '*'.repeat(Math.max(1, s.length - 2)) + s.slice(-2).join('') : '';
  return s.slice(0, 3).join('') + '*'.repeat(s.length - 7) + s.slice(-4).join('');
}

/** A person's name keeps its first character (张*); an organisation's name its first two and last two. */
export function maskPersonName(name: string, kind: 'person' | 'organization' = 'person'): string {
  const chars = [...name.trim()];
  if (kind === 'organization') return chars.length <= 4 ? (chars[0] ?? '') + '*'.repeat(Math.max(1, chars.length - 1)) : chars.slice(0, 2).join('') + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
  return chars.length ? chars[0] + '*'.repeat(Math.max(1, chars.length - 1)) : '*';
}

/** An address: its first 6 characters. */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  return chars.length <= 6 ? (chars[0] ?? '') + '*'.repeat(Math.max(1, chars.length - 1)) : chars.slice(0, 6).join('') + '****';
}

/**
 * A counterparty as lists and views show it: one sealed at write time is already masked; one stored
 * plain before sealing (migration 0810) is masked here, at reading (the history keeps it as written).
 */
export function maskedCounterparty<T extends { kind: 'person' | 'organization'; name: string; idNumber?: string | null; phone?: string | null; sealed?: string }>(c: T): T {
  if (c.sealed) return c;
  return { ...c, name: maskPersonName(c.name, c.kind), ...(c.idNumber ? { idNumber: maskIdNumber(c.idNumber) } : {}), ...(c.phone ? { phone: maskPhone(c.phone) } : {}) };
}

/** A counterparty's name from a list row: masked already (holds `*`), or stored plain before sealing and masked here. */
export const maskedListName = (name: string | null): string | null => (name === null || name.includes('*') ? name : maskPersonName(name));

/** A complainant's contact as staff lists show it: sealed ones are masked already; one stored plain before sealing is masked here. */
export function maskedComplainant<T extends { name?: string; phone?: string; address?: string; sealed?: string }>(c: T | null): T | null {
  if (!c || c.sealed) return c;
  return { ...c, ...(c.name ? { name: maskPersonName(c.name) } : {}), ...(c.phone ? { phone: maskPhone(c.phone) } : {}), ...(c.address ? { address: maskAddress(c.address) } : {}) };
}
