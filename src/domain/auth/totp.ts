import { randomBytes } from 'node:crypto';
import { createGuardrails, generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import type { Grant, Role } from '../org/policy.js';

/**
 * The second factor (interface standard §6; GB/T 22239-2019 8.1.4.1 d: 两种或两种以上组合的鉴别技术):
 * TOTP by RFC 6238 (SHA-1, 30 s steps, 6 digits), one step of clock drift either way. Pure: the
 * instant comes in as an argument (the real clock, never the drill clock).
 */
export const TOTP_PERIOD = 30;
export const TOTP_ISSUER = '行权平台';
/** Roles that must use a second factor: the three administrators, region administrators, supervisors. */
export const MFA_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin', 'region_admin', 'supervisor'];

// A secret set by the operator (XINGQUAN_ADMIN_TOTP_SECRET) may be shorter than the 16 bytes
// otplib asks of secrets it makes; the platform's own secrets are 20 bytes.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 1 });
const BASE32 = /^[A-Z2-7]+=*$/;

/** Whether the role set forces a second factor (the security administrator may add it to others). */
export const roleRequiresTotp = (grants: readonly Pick<Grant, 'role'>[]): boolean => grants.some((g) => MFA_ROLES.includes(g.role));

export const totpRequired = (grants: readonly Pick<Grant, 'role'>[], setting: boolean | null, hasSecret: boolean): boolean =>
  roleRequiresTotp(grants) || setting === true || hasSecret;

/** Normalises a base32 secret (spaces dropped, upper case); null when it is not base32. */
export function normaliseSecret(s: string): string | null {
  const t = s.replace(/\s+/g, '').toUpperCase();
  return t.length >= 2 && BASE32.test(t) ? t : null;
}

export const newTotpSecret = (): string => generateSecret({ length: 20 });

/** The otpauth:// URL an authenticator app reads (also shown as a QR code). */
export const enrolUrl = (username: string, secret: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label: username, secret, period: TOTP_PERIOD, digits: 6, algorithm: 'sha1' });

export const totpCode = (secret: string, at: Date): string =>
  generateSync({ secret, epoch: Math.floor(at.getTime() / 1000), period: TOTP_PERIOD, digits: 6, algorithm: 'sha1', guardrails });

/** The time step a 6-digit code matches at `at` (± one step), or null. */
export function matchTotp(secret: string, code: string, at: Date): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  try {
    const epoch = Math.floor(at.getTime() / 1000);
    const r = verifySync({ secret, token: code, epoch, epochTolerance: TOTP_PERIOD, period: TOTP_PERIOD, digits: 6, algorithm: 'sha1', guardrails });
    return r.valid ? Math.floor(epoch / TOTP_PERIOD) + r.delta : null;
  } catch {
    return null;
  }
}

/** Ten one-time recovery codes (xxxx-xxxx-xxxx, base32 alphabet without look-alikes). */
export function newRecoveryCodes(n = 10): string[] {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return Array.from({ length: n }, () => {
    const b = randomBytes(12);
    const s = Array.from(b, (x) => alphabet[x % alphabet.length]).join('');
    return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
  });
}

/** A recovery code as typed (case, spaces and dashes ignored), for hashing. */
export const normaliseRecoveryCode = (s: string): string => s.replace(/[\s-]+/g, '').toUpperCase();
