import type { Actor } from '../../domain/org/policy.js';
import { scopeFilter } from '../../domain/org/policy.js';
import { AppError } from '../../errors.js';
import { regionPrefix } from '../../domain/org/region.js';
import { listAudit, verifyAudit, type AuditQuery, type AuditRecord } from '../../store/audit.store.js';
import type { AppContext } from '../context.js';
import { readScope } from '../org/scoped-read.js';
import { auditRefusal } from '../audit.service.js';

/** The audit trail is read by the audit administrator only (三员分立); the system administrator gets 403. */

export interface AuditFilter extends AuditQuery {
  outcome?: 'success' | 'failure' | 'denied';
  target?: string;
}

export async function readAudit(ctx: AppContext, actor: Actor, f: AuditFilter) {
  let scope: ReturnType<typeof readScope>;
  try {
    scope = readScope(actor, 'audit.read');
  } catch (e) {
    return auditRefusal(ctx, actor, 'audit.read', null, e);
  }
  const limit = Math.min(f.limit ?? 100, 1000);
  // A regional audit administrator reads the records made by actors of that region.
  const inScope = (r: AuditRecord) =>
    scope.all || (r.regionCode !== null && scope.regions.some((p) => r.regionCode!.startsWith(regionPrefix(p))));
  const out: AuditRecord[] = [];
  let before = f.beforeSeq;
  // Filters not in the store query are applied here, paging on until the page is full.
  for (let rounds = 0; out.length < limit && rounds < 20; rounds++) {
    const page = await listAudit(ctx.db, { ...f, beforeSeq: before, limit: 1000 });
    for (const r of page) {
      if (f.outcome && r.outcome !== f.outcome) continue;
      if (f.target && r.target !== f.target) continue;
      if (!inScope(r)) continue;
      out.push(r);
      if (out.length >= limit) break;
    }
    if (page.length < 1000) break;
    before = page[page.length - 1].seq;
  }
  return {
    records: out.map((r) => ({ ...r, at: r.at.toISOString() })),
    nextBeforeSeq: out.length >= limit ? out[out.length - 1].seq : null,
  };
}

export async function verifyAuditChain(ctx: AppContext, actor: Actor) {
  const scope = scopeFilter(actor, 'audit.read');
  if (actor.kind !== 'system' && !scope.all) {
    return auditRefusal(ctx, actor, 'audit.verify', null, new AppError('FORBIDDEN', '仅全平台审计管理员可校验审计链 (platform-wide audit administrator only)'));
  }
  return verifyAudit(ctx.db);
}
