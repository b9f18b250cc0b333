import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.js';
import type { Counterparty } from '../../domain/cases/case.types.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { maskAddress, maskIdNumber, maskPersonName, maskPhone } from '../../domain/seal/mask.js';
import { isSealed, open, seal, SealError, sealedVersion, type Keyring } from '../../domain/seal/seal.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import type { Db, Queryable } from '../../store/db.js';
import * as store from '../../store/personal-data.store.js';
import { getComplaint } from '../../store/supervision/complaint.store.js';
import { contactsToReseal, resealContact } from '../../store/message.store.js';
import { actorAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { caseFor } from '../cases/workbench.service.js';
import { defaultSealKeyFile, loadSealKeys, sealKeys, type SealConfig } from './seal-key.js';

/**
 * Personal data sealed at rest (等保三级 GB/T 22239-2019 8.1.4.8 保密性, 8.1.4.11 个人信息保护):
 * the names, identity numbers, phone numbers and addresses of counterparties and complainants
 * go into `personal_data` sealed (SM4 + HMAC-SM3, key outside the database); the history rows
 * keep their masked forms and the sealed row's id. Unmasked values are read only through
 * reveal*, by staff in scope, and each reading is a row of `personal_data_reads`.
 */

const sealNow = (ring: Keyring, text: string, context: string) => seal(ring.current, text, context, randomBytes(16));

/** Opens with the configured keys; a wrong or missing key is an INTERNAL error naming the key version (never the data). */
export function openSealed(config: SealConfig, sealed: string, context: string): string {
  try {
    return open(sealKeys(config).ring, sealed, context);
  } catch (e) {
    if (e instanceof SealError) throw new AppError('INTERNAL', `封存数据无法解封 (${e.message})`);
    throw e;
  }
}

type CaseCandidate = { event: { eventId: string; type: string; data?: unknown }; json: { actor: string | null; data: string | null }; hash: string };

/**
 * A case.registered's counterparty, sealed before its event is stored: the event's data then holds
 * the masked name, identity number and phone and the sealed row's id (`sealed`). The content hash
 * stays the one of what the sender sent (a resend is still a duplicate). Returns the rows to store.
 */
export function sealRegistrations(config: SealConfig, dept: string, regionCode: string | null, cands: CaseCandidate[]): store.PersonalDataRow[] {
  const out: store.PersonalDataRow[] = [];
  let ring: Keyring | null = null;
  for (const c of cands) {
    if (c.event.type !== 'case.registered') continue;
    const data = c.event.data as { counterparty?: Counterparty } | undefined;
    const cp = data?.counterparty;
    if (!cp || cp.sealed) continue;
    ring ??= sealKeys(config).ring;
    const id = `case/${dept}/${c.event.eventId}/${c.hash.slice(0, 16)}`;
    const plain = canonicalJson({ idNumber: cp.idNumber ?? null, name: cp.name, phone: cp.phone ?? null });
    out.push({ id, subjectKind: 'case', departmentCode: dept, regionCode, sealed: sealNow(ring, plain, id), keyVersion: ring.current.version });
    const masked: Counterparty = {
      kind: cp.kind, name: maskPersonName(cp.name, cp.kind),
      ...(cp.idNumber ? { idNumber: maskIdNumber(cp.idNumber) } : {}), ...(cp.phone ? { phone: maskPhone(cp.phone) } : {}), sealed: id,
    };
    const next = { ...data, counterparty: masked };
    c.event.data = next;
    c.json.data = canonicalJson(next);
  }
  return out;
}

export interface Complainant { name?: string; phone?: string; address?: string }

/** A complainant's contact, sealed: the masked form with the sealed row's id, and the row to store. */
export function sealComplainant(config: SealConfig, complaintId: string, regionCode: string, departmentCode: string | null, c: Complainant) {
  const ring = sealKeys(config).ring;
  const id = `complaint/${complaintId}`;
  const plain = canonicalJson({ address: c.address ?? null, name: c.name ?? null, phone: c.phone ?? null });
  const row: store.PersonalDataRow = { id, subjectKind: 'complaint', departmentCode, regionCode, sealed: sealNow(ring, plain, id), keyVersion: ring.current.version };
  const masked = {
    ...(c.name ? { name: maskPersonName(c.name) } : {}), ...(c.phone ? { phone: maskPhone(c.phone) } : {}),
    ...(c.address ? { address: maskAddress(c.address) } : {}), sealed: id,
  };
  return { masked, row };
}

export const storePersonalData = (q: Queryable, rows: store.PersonalDataRow[], at: Date) => store.insertPersonalData(q, rows, at);

async function openRow(q: Queryable, config: SealConfig, id: string): Promise<Record<string, string | null>> {
  const row = (await store.getPersonalData(q, [id])).get(id);
  if (!row) throw new AppError('NOT_FOUND', `未找到封存的个人信息 (no sealed personal data ${id})`);
  return JSON.parse(openSealed(config, row.sealed, id));
}

/** A counterparty's name as written, for the notices issued to them by name (its sealed form opened). */
export async function counterpartyName(q: Queryable, config: SealConfig, cp: Counterparty): Promise<string> {
  return cp.sealed ? ((await openRow(q, config, cp.sealed)).name ?? cp.name) : cp.name;
}

/** A complainant's name as written, for the receipt addressed to them (its sealed form opened). */
export async function personName(q: Queryable, config: SealConfig, p: { name?: string; sealed?: string }): Promise<string | null> {
  return p.sealed ? ((await openRow(q, config, p.sealed)).name ?? p.name ?? null) : p.name ?? null;
}

const readBy = (actor: Actor) => {
  const a = actorAudit(actor);
  return { actorId: a.actorId ?? null, actorName: a.actorName ?? (actor.kind === 'system' ? actor.name : null), actorKind: actor.kind };
};

/** 查看: a case's counterparty unmasked, to staff in scope; the reading is recorded (who, when, whose, which fields). */
export async function revealCaseCounterparty(ctx: AppContext, actor: Actor, caseId: string, purpose?: string) {
  return ctx.db.tx(async (q) => {
    const c = await caseFor(q, actor, caseId, 'case.read');
    // GB/T 22239-2019 8.1.4.11: 个人信息仅限办理、监督该案件的人员查看
    if (!can(actor, 'personal.reveal', { regionCode: c.regionCode, departmentCode: c.departmentCode })) throw forbidden('无权查看当事人个人信息 (personal data of this case)');
    const cp = c.state.counterparty;
    if (!cp) throw new AppError('NOT_FOUND', `案件 ${c.caseNo} 无当事人信息 (no counterparty)`);
    const plain = cp.sealed ? await openRow(q, ctx.config, cp.sealed) : { name: cp.name, idNumber: cp.idNumber ?? null, phone: cp.phone ?? null };
    const fields = Object.entries(plain).filter(([, v]) => v).map(([k]) => k);
    await store.insertPersonalRead(q, { at: ctx.clock.now(), ...readBy(actor), subjectKind: 'case', subjectRef: c.caseNo, departmentCode: c.departmentCode, regionCode: c.regionCode, fields, purpose: purpose?.trim().slice(0, 200) || null });
    return { caseNo: c.caseNo, kind: cp.kind, name: plain.name ?? null, idNumber: plain.idNumber ?? null, phone: plain.phone ?? null };
  });
}

/** 查看: a real-name complainant's contact unmasked, to the supervisor handling it (or the department it was transferred to); recorded. */
export async function revealComplainant(ctx: AppContext, actor: Actor, complaintId: string, purpose?: string) {
  return ctx.db.tx(async (q) => {
    const c = await getComplaint(q, complaintId);
    if (!c) throw notFound('投诉', complaintId);
    const dept = c.status === 'transferred' && c.transferDepartment && can(actor, 'order.respond', { regionCode: c.regionCode, departmentCode: c.transferDepartment });
    if (!can(actor, 'complaint.handle', { regionCode: c.regionCode }) && !dept) throw forbidden('无权查看投诉人信息 (not your region)');
    const cp = c.complainant as (Complainant & { sealed?: string }) | null;
    if (!cp) throw new AppError('NOT_FOUND', '匿名投诉，无投诉人信息 (anonymous complaint)');
    const plain = cp.sealed ? await openRow(q, ctx.config, cp.sealed) : { name: cp.name ?? null, phone: cp.phone ?? null, address: cp.address ?? null };
    const fields = Object.entries(plain).filter(([, v]) => v).map(([k]) => k);
    await store.insertPersonalRead(q, { at: ctx.clock.now(), ...readBy(actor), subjectKind: 'complaint', subjectRef: c.complaintNo, departmentCode: c.transferDepartment ?? c.departmentCode, regionCode: c.regionCode, fields, purpose: purpose?.trim().slice(0, 200) || null });
    return { complaintNo: c.complaintNo, name: plain.name ?? null, phone: plain.phone ?? null, address: plain.address ?? null };
  });
}

/** The readings of unmasked personal data, newest first: the audit administrator's (三员分立). */
export async function listPersonalReads(ctx: AppContext, actor: Actor, f: { subjectRef?: string; actorId?: string; limit?: number; beforeId?: number }) {
  if (!can(actor, 'audit.read', { regionCode: null })) throw forbidden('只有审计管理员可以查看个人信息查阅记录 (audit administrator only)');
  const rows = await store.listPersonalReads(ctx.db, { ...f, limit: Math.min(Math.max(f.limit ?? 100, 1), 1000) });
  return { reads: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}

// ---- TOTP secrets of accounts (sealed in place in `users`) ----

const totpContext = (userId: string, which: 'secret' | 'pending') => `totp/${which}/${userId}`;

export function sealTotp(config: SealConfig, userId: string, which: 'secret' | 'pending', secret: string): string {
  return sealNow(sealKeys(config).ring, secret, totpContext(userId, which));
}

/** A stored TOTP secret, opened (one stored before sealing, plain base32, is read as it is until `seal rotate`). */
export function openTotp(config: SealConfig, userId: string, which: 'secret' | 'pending', stored: string | null): string | null {
  if (stored === null) return null;
  return isSealed(stored) ? openSealed(config, stored, totpContext(userId, which)) : stored;
}

// ---- keys and rotation ----

/**
 * At start-up: every key version the data was sealed with must be configured with the same key
 * (fingerprint); else the platform refuses to start, naming the version, rather than seal new data
 * under a key that cannot open the old. The current version is recorded.
 */
export async function checkSealKeys(db: Db, config: SealConfig, now: Date): Promise<{ version: number; source: string; created: boolean }> {
  const recorded = await store.sealKeyRecords(db);
  // data sealed before and no key: never make a new key over it (restore the old one)
  if (recorded.size && !loadSealKeys(config, false)) {
    throw new Error(`封存密钥文件不存在 (seal key file ${defaultSealKeyFile(config)} not found, but this database holds data sealed with key version(s) ${[...recorded.keys()].join(', ')}: restore the key file or set XINGQUAN_SEAL_KEY / XINGQUAN_SEAL_KEY_FILE)`);
  }
  const k = sealKeys(config);
  for (const [v, fp] of recorded) {
    const mine = k.fingerprints.get(v);
    if (!mine) throw new Error(`封存密钥缺少第 ${v} 版 (seal key version ${v}, fingerprint ${fp}, sealed data in this database but not configured: restore the key file or XINGQUAN_SEAL_KEY)`);
    if (mine !== fp) throw new Error(`封存密钥第 ${v} 版与数据库不符 (seal key version ${v} differs from the one the data was sealed with: fingerprint ${mine}, expected ${fp})`);
  }
  await store.recordSealKey(db, k.ring.current.version, k.fingerprints.get(k.ring.current.version)!, now);
  return { version: k.ring.current.version, source: k.source, created: k.created };
}

export interface RotationResult { version: number; personalData: number; totp: number; byVersion: Record<string, number> }

/**
 * Re-seals every sealed value not under the current key version (and seals TOTP secrets stored
 * plain), a batch per transaction: idempotent (a second run finds nothing) and resumable (an
 * interrupted run leaves every row under one version or the other, each readable).
 */
export async function resealAll(db: Db, config: SealConfig, now: () => Date, batch = 200): Promise<RotationResult> {
  await checkSealKeys(db, config, now());
  const { ring } = sealKeys(config);
  const v = ring.current.version;
  let personalData = 0;
  for (;;) {
    const n = await db.tx(async (q) => {
      const rows = await store.personalDataToReseal(q, v, batch);
      const next = rows.map((r) => ({ id: r.id, sealed: sealNow(ring, open(ring, r.sealed, r.id), r.id) }));
      await store.resealPersonalData(q, next, v, now());
      return rows.length;
    });
    personalData += n;
    if (n < batch) break;
  }
  const totp = await resealTotp(db, config, `sm4$${v}$`, batch);
  // 消息中心: the e-mail and mobile people gave for their notifications
  for (;;) {
    const n = await db.tx(async (q) => {
      const rows = await contactsToReseal(q, v, batch);
      for (const r of rows) await resealContact(q, r.userId, sealNow(ring, open(ring, r.sealed, `contact/${r.userId}`), `contact/${r.userId}`), v);
      return rows.length;
    });
    if (n < batch) break;
  }
  return { version: v, personalData, totp, byVersion: await store.countByKeyVersion(db) };
}

/** At start-up: TOTP secrets stored plain (before migration 0810) are sealed in place. Returns how many accounts. */
export const sealPlainTotp = (db: Db, config: SealConfig): Promise<number> => resealTotp(db, config, 'sm4$', 200);

/** Accounts whose TOTP secrets do not start with `prefix` (plain, or another key version) sealed under the current key. */
async function resealTotp(db: Db, config: SealConfig, prefix: string, batch: number): Promise<number> {
  const { ring } = sealKeys(config);
  const v = ring.current.version;
  let totp = 0;
  for (;;) {
    const n = await db.tx(async (q) => {
      const rows = await store.totpToReseal(q, prefix, batch);
      for (const r of rows) {
        const again = (which: 'secret' | 'pending', s: string | null) =>
          s === null ? null : sealedVersion(s) === v ? s : sealNow(ring, isSealed(s) ? open(ring, s, totpContext(r.id, which)) : s, totpContext(r.id, which));
        await store.setTotpSealed(q, r.id, again('secret', r.secret), again('pending', r.pending));
      }
      return rows.length;
    });
    totp += n;
    if (n < batch) break;
  }
  return totp;
}
