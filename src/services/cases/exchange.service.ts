import { caseClockSpecs, computeDeadlines, lightAt, type Light } from '../../domain/cases/case.clocks.js';
import { foldEvents } from '../../domain/cases/case.fold.js';
import type { Actor } from '../../domain/org/policy.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { EventAlreadyStored, getCaseByNo, loadCaseEvents, openCases } from '../../store/case.store.js';
import { listAlertsForDepartment } from '../../store/supervision/alert-query.store.js';
import { audited } from '../audit.service.js';
import { INVALID_KEY } from '../auth.service.js';
import type { AppContext } from '../context.js';
import { openKeys, splitByCase, type Rejection } from './ingest-check.js';
import { ingestPart, type IngestResult } from './ingest.service.js';

type KeyActor = Extract<Actor, { kind: 'apiKey' }>;
/** A department key's actor; one not looked up now (`recheck`) only where the caller checks it in its transaction. */
const keyOnly = (actor: Actor, checksKey = false): KeyActor => {
  if (actor.kind !== 'apiKey') throw forbidden('此接口仅供部门 API 密钥使用 (department API key required)');
  if (actor.recheck && !checksKey) throw new AppError('UNAUTHENTICATED', INVALID_KEY);
  return actor;
};

/**
 * §3's answer, always its four keys: a conflicting resend is in `conflicts` only; each rejection
 * names its field in `message` (and, beyond §3, in `field` when the fault is one field's).
 */
export interface PushResult {
  accepted: number;
  duplicates: number;
  conflicts: { index: number; eventId: string }[];
  rejected: Rejection[];
}

/**
 * §3 数据交换: a department system pushes a batch. Valid events are stored even when others
 * are refused; the answer leaves only after the commit (盐城办法 第十二条: 24 小时内上传).
 * The batch is stored in one transaction with one audit record. Its cases are locked and read
 * at once (one sorted set of locks); a large batch is then checked and stored as a few parts
 * split by case (config.exchangeParallelism), side by side on the transaction's connection:
 * the database stores one part while the platform checks and folds the next.
 *
 * The events of a push are presumed new (a plain insert, see insertEvents) unless the
 * department's last push found some stored before; a push that finds one stored after all is run
 * again, from the start, in a new transaction, looking each event up.
 */
export async function pushEvents(ctx: AppContext, actor: Actor, body: { events: unknown[] }): Promise<PushResult> {
  const key = keyOnly(actor, true);
  if (body.events.length > 1000) throw new AppError('VALIDATION', 'events: 每批至多 1000 个事件 (at most 1,000 events per batch)', { field: 'events' });
  const dept = key.departmentCode;
  const resends = resending.get(ctx) ?? resending.set(ctx, new Set()).get(ctx)!;
  let presumeNew = !resends.has(dept);
  const parts = splitByCase(body.events, exchangeParallelism(ctx));
  const rs = await audited(ctx, actor, {
    action: 'exchange.push',
    target: dept,
    run: async (q) => {
      const input = { departmentCode: dept, regionCode: key.regionCode, source: 'exchange' as const, events: body.events, presumeNew };
      // a key taken as looked up earlier is checked with the cases, under their locks: revoked
      // meanwhile, the push stores nothing and is refused as it would have been before its body was read
      const opening = openCases(q, dept, openKeys(body.events), key.recheck ? key.keyId : null).then((o) => {
        if (!o.keyValid) throw new AppError('UNAUTHENTICATED', INVALID_KEY);
        return o;
      });
      opening.catch(() => undefined); // awaited by each part
      // the first part is checked at once (the database waits for its insert), the others in
      // slices, so that the first part's answers are taken up while they are checked
      const settled = await Promise.allSettled(parts.map((indexes, i) => ingestPart(q, ctx, input, opening, parts.length > 1 ? indexes : undefined, i > 0)));
      // every part has finished with the connection before the transaction ends either way; the
      // parts after a failed statement fail too (the transaction is aborted): the cause is thrown
      const failed = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      if (failed.length) throw failed.find((e) => e instanceof AppError && e.code === 'UNAUTHENTICATED') ?? failed.find((e) => e instanceof EventAlreadyStored) ?? failed[0];
      return settled.map((r) => (r as PromiseFulfilledResult<IngestResult>).value);
    },
    again: (e) => {
      if (!presumeNew || !(e instanceof EventAlreadyStored)) return false;
      presumeNew = false;
      return true;
    },
    details: (rs) => ({
      events: body.events.length, accepted: sum(rs, 'accepted'), duplicates: sum(rs, 'duplicates'), rejected: rs.reduce((n, r) => n + r.rejected.length, 0), conflicts: rs.reduce((n, r) => n + r.conflicts.length, 0),
      ...(parts.length > 1 ? { parts: parts.length } : {}),
    }),
  });
  if (sum(rs, 'duplicates') + rs.reduce((n, r) => n + r.conflicts.length, 0) > 0) resends.add(dept);
  else resends.delete(dept);
  return {
    accepted: sum(rs, 'accepted'),
    duplicates: sum(rs, 'duplicates'),
    conflicts: rs.flatMap((r) => r.conflicts).sort((a, b) => a.index - b.index),
    rejected: rs.flatMap((r) => r.rejected).sort((a, b) => a.index - b.index),
  };
}

/**
 * Departments whose last push found events stored before (a system sending again what it sent):
 * their pushes look each event up until one finds none stored, instead of failing over once per push.
 */
const resending = new WeakMap<AppContext, Set<string>>();

const sum = (rs: IngestResult[], k: 'accepted' | 'duplicates') => rs.reduce((n, r) => n + r[k], 0);

/** How many parts a pushed batch is checked and stored in: one on the embedded database, which runs one statement at a time. */
const exchangeParallelism = (ctx: AppContext): number => ctx.config.exchangeParallelism ?? (ctx.db.kind === 'postgres' ? 3 : 1);

export interface ExchangeCaseView {
  caseNo: string;
  itemCode: string | null;
  status: 'open' | 'suspended' | 'concluded';
  acceptedAt: string | null;
  dueAt: string | null;
  legalDueAt: string | null;
  light: Light;
  currentStep: string | null;
  /** §5 (v2): when the case concluded (as of `asOf`); null until then. */
  concludedAt: string | null;
  /** §3/§5 (v2): the 查询码 the platform made, for the sender to print on its notices. */
  queryCode: string | null;
}

/** §5: a case of the key's department as of `asOf` (default now): only events that had occurred by then count. */
export async function exchangeCase(ctx: AppContext, actor: Actor, caseNo: string, asOf?: Date): Promise<ExchangeCaseView> {
  const key = keyOnly(actor);
  const at = asOf ?? ctx.clock.now();
  const c = await getCaseByNo(ctx.db, key.departmentCode, caseNo);
  if (!c) throw notFound('案件', caseNo);
  const events = (await loadCaseEvents(ctx.db, c.id)).filter((e) => e.occurredAt <= at);
  const s = foldEvents(c.caseNo, c.departmentCode, events, c.item);
  // an application not yet accepted (待受理) is no case of §5 yet
  if (s.status === 'none' || s.status === 'submitted') throw notFound('案件', `${caseNo} @ ${at.toISOString()}`);
  const d = computeDeadlines(ctx.calendars.forRegion(c.regionCode), caseClockSpecs(s, c.item));
  const main = d.promised ?? d.legal;
  const iso = (x: Date | null | undefined) => (x ? x.toISOString() : null);
  return {
    caseNo: s.caseNo, itemCode: s.itemCode, status: s.status, acceptedAt: iso(s.acceptedAt),
    dueAt: iso(main?.dueAt), legalDueAt: iso(d.legal?.dueAt),
    light: lightAt(s.status, { warnAt: main?.warnAt ?? null, dueAt: main?.dueAt ?? null, legalDueAt: d.legal?.dueAt ?? null }, at),
    currentStep: s.currentStep, concludedAt: iso(s.concludedAt), queryCode: c.queryCode,
  };
}

/** §5: the alerts of the key's department (optionally of one case). */
export async function exchangeAlerts(ctx: AppContext, actor: Actor, caseNo?: string) {
  const key = keyOnly(actor);
  // one mapping of internal states onto §5's open|explained|resolved|withdrawn|revoked, shared with the supervisors' query
  return { alerts: await listAlertsForDepartment(ctx.db, key.departmentCode, caseNo ?? null) };
}
