import type { Actor } from '../../domain/org/policy.js';
import { AppError } from '../../errors.js';
import { claimNextCaseNotice, markCaseNoticeDone, markCaseNoticeFailed, type QueuedCaseNotice } from '../../store/case-notice-queue.store.js';
import type { Queryable } from '../../store/db.js';
import type { ArchivedDocument } from '../../store/document.store.js';
import type { AppContext } from '../context.js';
import { issueAcceptanceNotice, issueCorrectionNotice, issueDenialDecision, issueRejectionDecision } from './case-notices.js';

/**
 * The notices of cases that arrive by the exchange (一次录入、实时共享: a department system's case gets
 * the same 受理通知书、不予受理决定书、一次性告知书、不予许可决定书 as a workbench case; 成都暂行办法 第九条(二)(三);
 * 达州意见 三(七)). The push only queues its stored events (a trigger, migration 0920); they are issued
 * here after the commit, each in a transaction of its own that marks its entry done, so an event
 * gets its notice once (a resent event is a duplicate and is never queued again).
 */
const str = (v: unknown) => (typeof v === 'string' ? v : '');

async function issueFor(q: Queryable, ctx: AppContext, n: QueuedCaseNotice): Promise<ArchivedDocument | null> {
  // issued in the name of the officer who acted in the department's system
  const actor: Actor = { kind: 'system', name: n.actorName || '部门业务系统' };
  switch (n.type) {
    case 'case.registered': return issueAcceptanceNotice(q, ctx, actor, n.caseId, n.occurredAt);
    case 'case.rejected': return issueRejectionDecision(q, ctx, actor, n.caseId, str(n.data.reason), n.occurredAt, str(n.data.remedies) || null);
    case 'correction.requested': {
      const materials = Array.isArray(n.data.materials) ? n.data.materials.map(String) : [];
      return issueCorrectionNotice(q, ctx, actor, n.caseId, materials, str(n.data.reason) || null, n.occurredAt);
    }
    case 'case.decided':
      return n.data.outcome === 'denied'
        ? issueDenialDecision(q, ctx, actor, n.caseId, { reason: str(n.data.reason), legalBasis: str(n.data.legalBasis), documentNo: str(n.data.documentNo) }, n.occurredAt)
        : null;
    default: return null;
  }
}

class NoticeFailed extends Error {
  constructor(readonly seq: number, readonly reason: unknown) { super(reason instanceof Error ? reason.message : String(reason)); }
}

/**
 * Issues the queued notices, oldest first, up to `limit`; returns how many entries were settled.
 * A failed entry's transaction is rolled back (no document, no number taken); then, in a new one,
 * an event that cannot make its notice (VALIDATION, e.g. a correction naming no material) is
 * settled with the reason, anything else counted as an attempt and tried again later.
 */
export async function issueQueuedCaseNotices(ctx: AppContext, limit = 100): Promise<number> {
  let settled = 0;
  while (settled < limit) {
    let took: boolean;
    try {
      took = await ctx.db.tx(async (q) => {
        const n = await claimNextCaseNotice(q);
        if (!n) return false;
        let doc: ArchivedDocument | null;
        try { doc = await issueFor(q, ctx, n); } catch (e) { throw new NoticeFailed(n.eventSeq, e); }
        await markCaseNoticeDone(q, n.eventSeq, doc?.id ?? null, ctx.clock.now(), doc ? null : '该办件无此文书 (no notice of this kind for the case)');
        return true;
      });
    } catch (e) {
      if (!(e instanceof NoticeFailed)) throw e;
      if (e.reason instanceof AppError && e.reason.code === 'VALIDATION') {
        await ctx.db.tx((q) => markCaseNoticeDone(q, e.seq, null, ctx.clock.now(), e.message));
      } else {
        await ctx.db.tx((q) => markCaseNoticeFailed(q, e.seq, e.message));
        ctx.log.warn({ eventSeq: e.seq, err: e.reason }, 'case notice not issued; to be retried');
      }
      took = true;
    }
    if (!took) break;
    settled++;
  }
  return settled;
}
