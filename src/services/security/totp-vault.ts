import type { Queryable } from '../../store/db.js';
import * as security from '../../store/security.store.js';
import { openTotp, sealTotp } from './personal-data.service.js';
import type { SealConfig } from './seal-key.js';

/**
 * Accounts' TOTP secrets (and the one on offer for enrolment) are stored sealed like personal data
 * (GB/T 22239-2019 8.1.4.8 保密性: 鉴别数据存储保密); these wrap the store's reads and writes.
 */
export async function totpState(config: SealConfig, q: Queryable, userId: string): Promise<security.TotpState> {
  const t = await security.totpState(q, userId);
  return { ...t, secret: openTotp(config, userId, 'secret', t.secret), pending: openTotp(config, userId, 'pending', t.pending) };
}

export async function offerTotpSecret(config: SealConfig, q: Queryable, userId: string, secret: string): Promise<string> {
  const stored = await security.offerTotpSecret(q, userId, sealTotp(config, userId, 'pending', secret));
  return openTotp(config, userId, 'pending', stored)!;
}

export async function enrolTotp(config: SealConfig, q: Queryable, userId: string, secret: string, at: Date): Promise<void> {
  await security.enrolTotp(q, userId, sealTotp(config, userId, 'secret', secret), at);
}
