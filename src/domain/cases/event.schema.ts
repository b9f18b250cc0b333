import { z } from 'zod';
import { EVENT_TYPES, type CaseEventInput, type EventType } from './case.types.js';
import { CALENDAR_RANGE_MESSAGE, CLEAN_TEXT_MESSAGE, cleanText, inCalendarRange, instantMs, ISO_WITH_OFFSET } from './wire-values.js';

/**
 * Schemas of the exchange events (interface standard §3), field for field as the table.
 * Reason-like fields must be present as strings but may be empty: an empty reason is not
 * a malformed event but a finding for supervision (成都办法 第九条(三)(四)).
 */
/** A string that holds no NUL and no lone surrogate (wire-values: cleanText). */
const str = () => z.string().refine(cleanText, CLEAN_TEXT_MESSAGE);
const text = str().max(20_000);
const reason = text.default('');
const key = str().min(1, '不能为空 (required)').max(200);
/** An ISO 8601 instant with offset that names a real instant (no 2026-02-30, no 25:00). */
export const instantString = z
  .string()
  .regex(ISO_WITH_OFFSET, '须为带时区偏移的 ISO 8601 时间 (ISO 8601 instant with offset)')
  .refine((s) => !Number.isNaN(instantMs(s)), '不是有效时间 (not a valid instant)');
/** An instant the calendar engine can reckon with (§3 v2: an instant outside its range is the event's fault). */
export const calendarInstant = instantString.refine((s) => inCalendarRange(instantMs(s)), CALENDAR_RANGE_MESSAGE);
const money = z.number().finite().nonnegative();

export const counterpartySchema = z.object({
  idNumber: str().max(40).nullish(),
  kind: z.enum(['person', 'organization']),
  name: str().min(1, '不能为空 (required)').max(200),
  phone: str().max(40).nullish(),
});

const empty = z.object({}).default({});

// Every object's fields are listed in alphabetical order: the parsed data then comes out
// with its keys in canonical order and is hashed without a sorted copy (contentHash).
export const eventDataSchemas = {
  'application.submitted': z.object({
    channel: z.enum(['online']),
    counterparty: counterpartySchema,
    itemCode: key,
    materials: z.array(str().min(1).max(500)).max(200),
  }),
  'case.registered': z.object({
    channel: z.enum(['window', 'online', 'onsite', 'exchange']),
    counterparty: counterpartySchema,
    itemCode: key,
  }),
  'step.completed': z.object({ opinion: z.object({ text: reason, verdict: z.enum(['agree', 'disagree']) }), step: key }),
  'case.returned': z.object({ fromStep: key, reason, toStep: key }),
  'correction.requested': z.object({ materials: z.array(str().min(1).max(500)).max(200), reason }),
  'correction.answered': z.object({ materials: z.array(str().min(1).max(500)).max(200) }),
  'case.suspended': z.object({ basis: reason, reason }),
  'case.resumed': empty,
  'case.extended': z.object({ approvedBy: reason, reason, workingDays: z.number().int().positive().max(3650) }),
  'evidence.attached': z.object({
    evidenceId: key,
    kind: z.enum(['video', 'audio', 'photo', 'document']),
    name: str().min(1).max(500),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, '须为 64 位十六进制 SHA-256 (64 hex digits)'),
    size: z.number().int().nonnegative(),
    sm3: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
  }),
  'evidence.removed': z.object({ evidenceId: key, reason }),
  'case.decided': z.object({
    documentNo: reason,
    legalBasis: reason,
    outcome: z.enum(['approved', 'denied', 'penalty', 'no_penalty', 'other']),
    penalty: z.object({ amount: money, circumstance: str().max(200), kind: str().max(100) }).nullish(),
    reason,
  }),
  'case.rejected': z.object({ reason, remedies: text.optional() }),
  'case.terminated': z.object({ reason }),
  'penalty.executed': z.object({ amount: money, paidAt: calendarInstant, receiptNo: reason }),
  'fee.charged': z.object({ amount: money, feeCode: key }),
  'case.closed': empty,
} satisfies Record<EventType, z.ZodType>;

const envelope = z.object({
  eventId: key,
  caseNo: key,
  type: z.enum(EVENT_TYPES),
  occurredAt: calendarInstant,
  actor: z.object({
    accountId: str().max(200).nullish(), certificateNo: str().max(100).nullish(), id: key, name: str().min(1).max(200),
    officerId: str().max(200).nullish(), post: str().max(100).nullish(), username: str().max(200).nullish(),
  }),
  data: z.unknown().optional(),
});

export type ParseResult = { ok: true; event: CaseEventInput } | { ok: false; field: string; message: string };

const path = (p: PropertyKey[]) => p.map(String).join('.');

/** A Zod issue's message, Chinese first: the schemas' own messages as they are, Zod's stock ones in words of ours. */
function issueMessage(i: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fff]/.test(i.message)) return i.message;
  switch (i.code) {
    case 'too_big': return `超出上限 ${String(i.maximum)}${i.origin === 'string' ? ' 个字符' : i.origin === 'array' ? ' 项' : ''} (too big: at most ${String(i.maximum)})`;
    case 'too_small': return `低于下限 ${String(i.minimum)}${i.origin === 'string' ? ' 个字符' : i.origin === 'array' ? ' 项' : ''} (too small: at least ${String(i.minimum)})`;
    case 'invalid_type': return `类型不符，应为 ${i.expected} (expected ${i.expected})`;
    case 'invalid_value': return `取值无效，应为 ${i.values.map(String).join('|')} 之一 (not an allowed value)`;
    default: return `格式无效 (${i.message})`;
  }
}

/** Validates one raw event; on failure names the first bad field (INVALID_EVENT). */
export function parseEvent(raw: unknown): ParseResult {
  const event = fastParseEvent(raw);
  return event ? { ok: true, event } : zodParseEvent(raw);
}

/** The schemas above, through Zod: the reference, and the path of every event the fast path leaves to it. */
export function zodParseEvent(raw: unknown): ParseResult {
  const env = envelope.safeParse(raw);
  if (!env.success) {
    const i = env.error.issues[0];
    return { ok: false, field: path(i.path) || 'event', message: issueMessage(i) };
  }
  const e = env.data;
  const data = eventDataSchemas[e.type].safeParse(e.data ?? (e.type === 'case.resumed' || e.type === 'case.closed' ? {} : undefined));
  if (!data.success) {
    const i = data.error.issues[0];
    return { ok: false, field: path(['data', ...i.path]), message: issueMessage(i) };
  }
  const actor = actorOf(e.actor as ActorFields);
  return {
    ok: true,
    event: { eventId: e.eventId, caseNo: e.caseNo, type: e.type, occurredAt: new Date(e.occurredAt), actor, data: stripUndefined(data.data) as any },
  };
}

/*
 * The fast path: the same checks as the schemas above, written out, for the events that pass
 * them all (nearly every pushed event: Zod takes 2–3 µs an event, this path about 1). It
 * answers "valid, and this is the parsed event" or "not sure": anything it does not accept
 * goes through Zod, which then names the bad field. It may be stricter than Zod, never
 * looser, and builds exactly what the Zod path returns (event.schema.test.ts checks both on
 * generated events).
 */
const NO = Symbol('not sure: ask Zod');
const OMIT = Symbol('left out');
type Fast = (v: unknown) => unknown;
const isRecord = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const fStr = (min: number, max: number, re?: RegExp): Fast => (v) => (typeof v === 'string' && v.length >= min && v.length <= max && (!re || re.test(v)) && cleanText(v) ? v : NO);
const fKey = fStr(1, 200);
const fReason: Fast = (v) => (v === undefined ? '' : typeof v === 'string' && v.length <= 20_000 && cleanText(v) ? v : NO); // text.default('')
const fOneOf = (...xs: string[]): Fast => {
  const set = new Set(xs);
  return (v) => (typeof v === 'string' && set.has(v) ? v : NO);
};
const fNum = (o: { int?: boolean; positive?: boolean; max?: number } = {}): Fast => (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && (!o.int || Number.isSafeInteger(v)) && (!o.positive || v > 0) && (o.max === undefined || v <= o.max) ? v : NO;
const fInstant: Fast = (v) => (typeof v === 'string' && inCalendarRange(instantMs(v)) ? v : NO); // calendarInstant
const fOptional = (f: Fast): Fast => (v) => (v === undefined ? OMIT : f(v));
const fNullish = (f: Fast): Fast => (v) => (v === undefined || v === null ? OMIT : f(v)); // a null is dropped, as stripUndefined drops it
const fObject = (shape: Record<string, Fast>): Fast => {
  const keys = Object.keys(shape).sort(); // the schemas list their fields in this order
  return (v) => {
    if (!isRecord(v)) return NO;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const x = shape[k](v[k]);
      if (x === NO) return NO;
      if (x !== OMIT) out[k] = x;
    }
    return out;
  };
};
const fStrings = (min: number, max: number, maxItems: number): Fast => (v) =>
  Array.isArray(v) && v.length <= maxItems && v.every((s) => typeof s === 'string' && s.length >= min && s.length <= max && cleanText(s)) ? [...v] : NO;
const HEX64 = /^[0-9a-fA-F]{64}$/;
const fastData: Record<EventType, Fast> = {
  'application.submitted': fObject({
    channel: fOneOf('online'),
    counterparty: fObject({ idNumber: fNullish(fStr(0, 40)), kind: fOneOf('person', 'organization'), name: fStr(1, 200), phone: fNullish(fStr(0, 40)) }),
    itemCode: fKey,
    materials: fStrings(1, 500, 200),
  }),
  'case.registered': fObject({
    channel: fOneOf('window', 'online', 'onsite', 'exchange'),
    counterparty: fObject({ idNumber: fNullish(fStr(0, 40)), kind: fOneOf('person', 'organization'), name: fStr(1, 200), phone: fNullish(fStr(0, 40)) }),
    itemCode: fKey,
  }),
  'step.completed': fObject({ opinion: fObject({ text: fReason, verdict: fOneOf('agree', 'disagree') }), step: fKey }),
  'case.returned': fObject({ fromStep: fKey, reason: fReason, toStep: fKey }),
  'correction.requested': fObject({ materials: fStrings(1, 500, 200), reason: fReason }),
  'correction.answered': fObject({ materials: fStrings(1, 500, 200) }),
  'case.suspended': fObject({ basis: fReason, reason: fReason }),
  'case.resumed': fObject({}),
  'case.extended': fObject({ approvedBy: fReason, reason: fReason, workingDays: fNum({ int: true, positive: true, max: 3650 }) }),
  'evidence.attached': fObject({
    evidenceId: fKey, kind: fOneOf('video', 'audio', 'photo', 'document'), name: fStr(1, 500), sha256: fStr(64, 64, HEX64),
    size: fNum({ int: true }), sm3: fOptional(fStr(64, 64, HEX64)),
  }),
  'evidence.removed': fObject({ evidenceId: fKey, reason: fReason }),
  'case.decided': fObject({
    documentNo: fReason, legalBasis: fReason, outcome: fOneOf('approved', 'denied', 'penalty', 'no_penalty', 'other'),
    penalty: fNullish(fObject({ amount: fNum(), circumstance: fStr(0, 200), kind: fStr(0, 100) })), reason: fReason,
  }),
  'case.rejected': fObject({ reason: fReason, remedies: fOptional(fStr(0, 20_000)) }),
  'case.terminated': fObject({ reason: fReason }),
  'penalty.executed': fObject({ amount: fNum(), paidAt: fInstant, receiptNo: fReason }),
  'fee.charged': fObject({ amount: fNum(), feeCode: fKey }),
  'case.closed': fObject({}),
};
const fActor = fObject({
  accountId: fNullish(fStr(0, 200)), certificateNo: fNullish(fStr(0, 100)), id: fKey, name: fStr(1, 200),
  officerId: fNullish(fStr(0, 200)), post: fNullish(fStr(0, 100)), username: fNullish(fStr(0, 200)),
});

type ActorFields = { accountId?: string | null; certificateNo?: string | null; id: string; name: string; officerId?: string | null; post?: string | null; username?: string | null };

/**
 * The stored actor: id and name, and each attribution field that is not empty (the account,
 * its officer and the post acted at, which the workbench records), keys in canonical order.
 */
function actorOf(a: ActorFields): CaseEventInput['actor'] {
  if (!a.accountId && !a.officerId && !a.post && !a.username) return a.certificateNo ? { certificateNo: a.certificateNo, id: a.id, name: a.name } : { id: a.id, name: a.name };
  return {
    ...(a.accountId ? { accountId: a.accountId } : {}), ...(a.certificateNo ? { certificateNo: a.certificateNo } : {}), id: a.id, name: a.name,
    ...(a.officerId ? { officerId: a.officerId } : {}), ...(a.post ? { post: a.post } : {}), ...(a.username ? { username: a.username } : {}),
  };
}
const fType = fOneOf(...EVENT_TYPES);

/** The parsed event when every check passes, else null (then Zod decides). */
export function fastParseEvent(raw: unknown): CaseEventInput | null {
  if (!isRecord(raw)) return null;
  const { eventId, caseNo, type, occurredAt } = raw;
  if (fKey(eventId) === NO || fKey(caseNo) === NO || fType(type) === NO || fInstant(occurredAt) === NO) return null;
  const a = fActor(raw.actor) as ActorFields | typeof NO;
  if (a === NO) return null;
  const t = type as EventType;
  const data = fastData[t](raw.data ?? (t === 'case.resumed' || t === 'case.closed' ? {} : undefined));
  if (data === NO) return null;
  const actor = actorOf(a);
  return { eventId: eventId as string, caseNo: caseNo as string, type: t, occurredAt: new Date(occurredAt as string), actor, data: data as any };
}

function stripUndefined(v: unknown): unknown {
  if (!hasEmpty(v)) return v;
  if (Array.isArray(v)) return v.map(stripUndefined);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) out[k] = stripUndefined(x);
    return out;
  }
  return v;
}

/** True when an undefined or null value sits anywhere inside (then stripUndefined copies). */
function hasEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasEmpty);
  if (v && typeof v === 'object') {
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined || x === null || hasEmpty(x)) return true;
    }
  }
  return false;
}
