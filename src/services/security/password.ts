import { randomBytes, scrypt as scryptCb, timingSafeEqual, hash } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/** scrypt cost; lowered only by tests through XINGQUAN_SCRYPT_N. Stored with each hash, so a hash made at any cost verifies. */
const defaultN = Number(process.env.XINGQUAN_SCRYPT_N) || 2 ** 15;

/** Memory-hard hash: `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string, N = defaultN): Promise<string> {
  const salt = randomBytes(16);
  const r = 8;
  const p = 1;
  const key = await scrypt(password, salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !hash) return false;
  const N = Number(n);
  const R = Number(r);
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N, r: R, p: Number(p), maxmem: 256 * N * R + 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

export { passwordProblem } from '../../domain/auth/password-policy.js';

/** Random secret for tokens and keys, and the hash under which it is stored. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export const sha256hex = (s: string | Buffer): string => hash('sha256', s, 'hex');

/** A generated password that satisfies the policy. */
export function generatePassword(): string {
  return `Xq-${randomBytes(9).toString('base64url')}7a`;
}
