import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Sealing of personal data at rest (等保三级 GB/T 22239-2019 8.1.4.8 保密性, 8.1.4.11 个人信息保护):
 * SM4-CBC with a random IV, then HMAC-SM3 over (format ‖ key version ‖ context ‖ IV ‖ ciphertext)
 * (encrypt-then-MAC). A sealed value names its key version, so a rotation re-seals it row by row;
 * the context binds it to its row (a value copied to another row does not open there).
 * Pure: the caller brings the IV (16 random bytes) and the keys.
 *
 *   sm4$<version>$<base64url(iv ‖ ciphertext ‖ mac)>
 */

export interface SealKey {
  version: number;
  /** The master key (≥ 16 bytes); the SM4 and MAC keys are derived from it. */
  key: Buffer;
}

/** Every key version still needed to open values, and the current one new values are sealed with. */
export interface Keyring {
  current: SealKey;
  keys: ReadonlyMap<number, Buffer>;
}

export type SealFault = 'malformed' | 'unknown_version' | 'tampered';

export class SealError extends Error {
  constructor(readonly fault: SealFault, message: string) {
    super(message);
  }
}

const PREFIX = 'sm4$';
const IV_BYTES = 16;
const MAC_BYTES = 32;

const derive = (master: Buffer, label: string) => createHmac('sm3', master).update(label).digest();
/** The SM4 and MAC keys of a master key, derived once per key (a memo: the same inputs, the same keys). */
const derived = new WeakMap<Buffer, { enc: Buffer; mac: Buffer }>();
const keysOf = (master: Buffer) => {
  let d = derived.get(master);
  if (!d) derived.set(master, d = { enc: derive(master, 'xingquan/seal/sm4').subarray(0, 16), mac: derive(master, 'xingquan/seal/mac') });
  return d;
};
const encKey = (master: Buffer) => keysOf(master).enc;
const macKey = (master: Buffer) => keysOf(master).mac;

/** SM3 fingerprint of a key (16 hex): names it without revealing it. */
export const keyFingerprint = (key: Buffer): string => createHash('sm3').update(key).digest('hex').slice(0, 16);

const macOf = (master: Buffer, version: number, context: string, iv: Buffer, ct: Buffer) =>
  createHmac('sm3', macKey(master)).update(`${PREFIX}${version}$`).update(context).update('\u0000').update(iv).update(ct).digest();

export const isSealed = (v: unknown): v is string => typeof v === 'string' && v.startsWith(PREFIX);

/** The key version a sealed value was made with (null when it is not a sealed value). */
export function sealedVersion(v: string): number | null {
  const m = /^sm4\$(\d+)\$/.exec(v);
  return m ? Number(m[1]) : null;
}

export function seal(k: SealKey, plaintext: string, context: string, iv: Buffer): string {
  if (iv.length !== IV_BYTES) throw new Error('seal: the IV must be 16 bytes');
  const c = createCipheriv('sm4-cbc', encKey(k.key), iv);
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  const mac = macOf(k.key, k.version, context, iv, ct);
  return `${PREFIX}${k.version}$${Buffer.concat([iv, ct, mac]).toString('base64url')}`;
}

/** Opens a sealed value; a wrong key, a changed byte or another row's value fails with SealError. */
export function open(ring: Pick<Keyring, 'keys'>, sealed: string, context: string): string {
  const m = /^sm4\$(\d+)\$([A-Za-z0-9_-]+)$/.exec(sealed);
  if (!m) throw new SealError('malformed', '封存数据格式不符 (not a sealed value)');
  const version = Number(m[1]);
  const master = ring.keys.get(version);
  if (!master) throw new SealError('unknown_version', `缺少第 ${version} 版封存密钥 (seal key version ${version} is not configured)`);
  const raw = Buffer.from(m[2], 'base64url');
  if (raw.length < IV_BYTES + 16 + MAC_BYTES || (raw.length - IV_BYTES - MAC_BYTES) % 16 !== 0) throw new SealError('malformed', '封存数据长度不符 (sealed value truncated)');
  const iv = raw.subarray(0, IV_BYTES);
  const ct = raw.subarray(IV_BYTES, raw.length - MAC_BYTES);
  const mac = raw.subarray(raw.length - MAC_BYTES);
  if (!timingSafeEqual(mac, macOf(master, version, context, iv, ct))) {
    throw new SealError('tampered', `封存数据校验失败：密钥不符或数据被篡改 (seal MAC mismatch: wrong key version ${version} or altered data)`);
  }
  const d = createDecipheriv('sm4-cbc', encKey(master), iv);
  return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
}
