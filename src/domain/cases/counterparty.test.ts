import { describe, expect, it } from 'vitest';
import { isValidCreditCode, isValidResidentId, maskName } from './counterparty.js';

describe('counterparty identifiers', () => {
  it('checks GB 11643 resident ID check digits and birth dates', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false); // wrong check digit
    expect(isValidResidentId('110105194902300029')).toBe(false); // 30 February
    expect(isValidResidentId('1101051949123100')).toBe(false);
  });
  it('checks GB 32100 unified social credit code check characters', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y42')).toBe(false);
    expect(isValidCreditCode('91350100M000100Z43')).toBe(false); // Z is not in the character set
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
  });
  it('masks names for the public (王*)', () => {
    expect(maskName('王小明', 'person')).toBe('王**');
    expect(maskName('王五', 'person')).toBe('王*');
    expect(maskName('达州市某某建材有限公司', 'organization')).toBe('达州*******公司');
  });
});
