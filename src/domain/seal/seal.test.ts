import { describe, expect, it } from 'vitest';
import { maskAddress, maskedComplainant, maskedCounterparty, maskedListName, maskIdNumber, maskPersonName, maskPhone } from './mask.js';
import { isSealed, keyFingerprint, open, seal, SealError, sealedVersion, type Keyring } from './seal.js';

const k1 = Buffer.alloc(32, 1);
const k2 = Buffer.alloc(32, 2);
const ring: Keyring = { current: { version: 2, key: k2 }, keys: new Map([[1, k1], [2, k2]]) };
const iv = Buffer.alloc(16, 7);
const ID = '11010519491231002X';

describe('seal (SM4-CBC, then HMAC-SM3)', () => {
  it('seals under the named key version and opens again; the text holds no trace of the plain value', () => {
    const s = seal(ring.current, ID, 'case/x', iv);
    expect(isSealed(s)).toBe(true);
    expect(sealedVersion(s)).toBe(2);
    expect(s).not.toContain(ID);
    expect(s).not.toContain('1949');
    expect(open(ring, s, 'case/x')).toBe(ID);
    // an older version still opens while its key is configured
    const old = seal({ version: 1, key: k1 }, '张三', 'c', iv);
    expect(open(ring, old, 'c')).toBe('张三');
  });

  it('a random IV makes each sealing of the same value different', () => {
    expect(seal(ring.current, ID, 'c', Buffer.alloc(16, 1))).not.toBe(seal(ring.current, ID, 'c', Buffer.alloc(16, 2)));
  });

  it('detects a changed byte, another row\'s value, a wrong key and a missing version', () => {
    const s = seal(ring.current, ID, 'case/a', iv);
    const body = s.slice(s.lastIndexOf('$') + 1);
    const raw = Buffer.from(body, 'base64url');
    raw[20] ^= 1;
    const tampered = `${s.slice(0, s.lastIndexOf('$') + 1)}${raw.toString('base64url')}`;
    expect(() => open(ring, tampered, 'case/a')).toThrow(SealError);
    expect(() => open(ring, tampered, 'case/a')).toThrow(/篡改|altered/);
    expect(() => open(ring, s, 'case/b')).toThrow(/MAC mismatch/);
    const wrong: Keyring = { current: { version: 2, key: Buffer.alloc(32, 9) }, keys: new Map([[2, Buffer.alloc(32, 9)]]) };
    expect(() => open(wrong, s, 'case/a')).toThrow(/wrong key version 2/);
    expect(() => open({ keys: new Map([[1, k1]]) }, s, 'case/a')).toThrow(/version 2 is not configured/);
    expect(() => open(ring, 'sm4$2$abc', 'x')).toThrow(/truncated|not a sealed/);
    expect(() => open(ring, 'plain', 'x')).toThrow(/not a sealed value/);
  });

  it('names a key by its SM3 fingerprint, not the key', () => {
    expect(keyFingerprint(k1)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyFingerprint(k1)).not.toBe(keyFingerprint(k2));
  });
});

describe('masks', () => {
  it('keep the first and last four of an identity number, 3 + 4 of a phone, the surname of a name', () => {
    expect(maskIdNumber('510104199001011234')).toBe('5101**********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('成都某某科技有限公司', 'organization')).toBe('成都******公司');
    expect(maskAddress('四川省达州市通川区朝阳中路1号')).toBe('四川省达州市****');
    expect(maskIdNumber('')).toBe('');
  });

  it('mask a counterparty stored plain before sealing at reading, and leave a sealed one as it was stored', () => {
    expect(maskedCounterparty({ kind: 'person' as const, name: '王小明', idNumber: ID, phone: '13812345678' }))
      .toEqual({ kind: 'person', name: '王**', idNumber: '1101**********002X', phone: '138****5678' });
    const sealed = { kind: 'organization' as const, name: '达州******公司', sealed: 'case/x' };
    expect(maskedCounterparty(sealed)).toBe(sealed);
    expect(maskedListName('王小明')).toBe('王**');
    expect(maskedListName('达州******公司')).toBe('达州******公司');
    expect(maskedListName(null)).toBeNull();
    expect(maskedComplainant({ name: '张三', phone: '13800000000' })).toEqual({ name: '张*', phone: '138****0000' });
    expect(maskedComplainant(null)).toBeNull();
  });
});
