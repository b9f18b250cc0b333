import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblem, sha256hex, verifyPassword } from './password.js';

describe('password policy (≥ 10 characters, 3 of 4 classes)', () => {
  it('refuses short passwords and too few classes', () => {
    expect(passwordProblem('Ab1!')).toMatch(/10/);
    expect(passwordProblem('abcdefghijk')).toMatch(/3 of 4/);
    expect(passwordProblem('abcdefghij1')).toMatch(/3 of 4/);
    expect(passwordProblem('abcdefghiJ1')).toBeNull();
    expect(passwordProblem('通川区生态环境局a1B')).toBeNull();
  });
  it('generated passwords satisfy it and differ', () => {
    const a = generatePassword();
    expect(passwordProblem(a)).toBeNull();
    expect(generatePassword()).not.toBe(a);
  });
});

describe('scrypt hashes', () => {
  it('verify the right password only, with a fresh salt each time', async () => {
    const h1 = await hashPassword('Right-Passw0rd', 1024);
    const h2 = await hashPassword('Right-Passw0rd', 1024);
    expect(h1).not.toBe(h2);
    expect(h1.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('Right-Passw0rd', h1)).toBe(true);
    expect(await verifyPassword('Wrong-Passw0rd', h1)).toBe(false);
    expect(await verifyPassword('Right-Passw0rd', 'plain$text')).toBe(false);
  });
  it('stores keys as SHA-256 hex', () => {
    expect(sha256hex('xqk_abc')).toMatch(/^[0-9a-f]{64}$/);
  });
});
