import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.js';
import type { Actor } from '../../domain/org/policy.js';
import { maskPhone } from '../../domain/seal/mask.js';
import { seal } from '../../domain/seal/seal.js';
import { forbidden, invalid } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { getContact, MESSAGE_KINDS, saveContact, type ContactRow, type MessageKind } from '../../store/message.store.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { openSealed } from '../security/personal-data.service.js';
import { sealKeys, type SealConfig } from '../security/seal-key.js';

/**
 * A person's e-mail and mobile for notifications, and which kinds of message go by each. Both are
 * personal data: sealed at rest like a counterparty's (SM4 + HMAC-SM3, key outside the database,
 * GB/T 22239-2019 8.1.4.8), shown masked, opened only by the delivery worker when it sends.
 */
export const DEFAULT_EMAIL_KINDS: MessageKind[] = [...MESSAGE_KINDS];
/** SMS by default only for what cannot wait: red cards and 督办 falling due. */
export const DEFAULT_SMS_KINDS: MessageKind[] = ['alert_red', 'order_due'];

const EMAIL = /^[^\s@<>()",;]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}$/;
const PHONE = /^\+?[0-9]{6,15}$/;

export const maskEmail = (e: string): string => {
  const [user, host] = e.split('@');
  return `${user.slice(0, 1)}${'*'.repeat(Math.max(2, user.length - 1))}@${host}`;
};

const context = (userId: string) => `contact/${userId}`;

/** The plain e-mail and phone of a person (the delivery worker only). */
export function openContact(config: SealConfig, userId: string, sealed: string | null): { email: string | null; phone: string | null } {
  if (!sealed) return { email: null, phone: null };
  const v = JSON.parse(openSealed(config, sealed, context(userId))) as { email?: string | null; phone?: string | null };
  return { email: v.email ?? null, phone: v.phone ?? null };
}

const me = (actor: Actor) => {
  if (actor.kind !== 'user') throw forbidden('须以用户身份登录 (a user session is required)');
  return actor;
};

const wire = (c: ContactRow | null, ctx: AppContext) => ({
  email: c?.emailMasked ?? null, phone: c?.phoneMasked ?? null,
  emailKinds: c?.emailKinds ?? DEFAULT_EMAIL_KINDS, smsKinds: c?.smsKinds ?? DEFAULT_SMS_KINDS,
  // whether the platform can send at all (an address without a configured channel is kept, not used)
  channels: { email: ctx.config.smtpUrl !== null, sms: ctx.config.smsUrl !== null },
});

export async function myMessageSettings(ctx: AppContext, actor: Actor) {
  return wire(await getContact(ctx.db, me(actor).userId), ctx);
}

export interface SettingsInput {
  /** undefined: kept; null or '': removed. */
  email?: string | null;
  phone?: string | null;
  emailKinds?: string[];
  smsKinds?: string[];
}

const kinds = (field: string, v: string[] | undefined, fallback: MessageKind[]): MessageKind[] => {
  if (v === undefined) return fallback;
  const bad = v.find((k) => !(MESSAGE_KINDS as readonly string[]).includes(k));
  if (bad) throw invalid(field, `未知的消息类别：${bad} (unknown kind)`);
  return [...new Set(v)] as MessageKind[];
};

/** Sets one's own e-mail, mobile and preferences (audited; the values themselves never enter the audit log). */
export async function saveMyMessageSettings(ctx: AppContext, actor: Actor, input: SettingsInput) {
  const u = me(actor);
  const email = typeof input.email === 'string' ? input.email.trim() : input.email;
  const phone = typeof input.phone === 'string' ? input.phone.replace(/[\s-]/g, '') : input.phone;
  if (email && !EMAIL.test(email)) throw invalid('email', '电子邮箱格式不正确 (not an e-mail address)');
  if (phone && !PHONE.test(phone)) throw invalid('phone', '手机号码格式不正确，须为 6–15 位数字 (not a phone number)');
  return audited(ctx, actor, {
    action: 'message.settings', target: u.userId,
    run: async (q) => wire(await writeContact(q, ctx, u.userId, { email, phone, emailKinds: input.emailKinds, smsKinds: input.smsKinds }), ctx),
    details: (w) => ({ email: w.email !== null, phone: w.phone !== null, emailKinds: w.emailKinds, smsKinds: w.smsKinds }),
  });
}

/** Writes a person's contact (also used by tests and the demo). */
export async function writeContact(q: Queryable, ctx: Pick<AppContext, 'config' | 'wallClock'>, userId: string, input: SettingsInput): Promise<ContactRow> {
  const old = await getContact(q, userId);
  const prev = old ? openContact(ctx.config, userId, old.sealed) : { email: null, phone: null };
  const email = input.email === undefined ? prev.email : input.email || null;
  const phone = input.phone === undefined ? prev.phone : input.phone || null;
  const ring = sealKeys(ctx.config).ring;
  const sealed = email || phone ? seal(ring.current, canonicalJson({ email, phone }), context(userId), randomBytes(16)) : null;
  const row: ContactRow = {
    userId, sealed, keyVersion: sealed ? ring.current.version : null,
    emailMasked: email ? maskEmail(email) : null, phoneMasked: phone ? maskPhone(phone) : null,
    emailKinds: kinds('emailKinds', input.emailKinds, old?.emailKinds ?? DEFAULT_EMAIL_KINDS),
    smsKinds: kinds('smsKinds', input.smsKinds, old?.smsKinds ?? DEFAULT_SMS_KINDS), updatedAt: ctx.wallClock.now(),
  };
  await saveContact(q, row);
  return row;
}
