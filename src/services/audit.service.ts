import type { Actor } from '../domain/org/policy.js';
import { AppError } from '../errors.js';
import { appendAudit, type AuditEntry } from '../store/audit.store.js';
import type { Queryable } from '../store/db.js';
import type { AppContext } from './context.js';

export function actorAudit(actor: Actor): Pick<AuditEntry, 'actorId' | 'actorName' | 'role' | 'regionCode' | 'sourceIp'> {
  switch (actor.kind) {
    case 'user':
      return {
        actorId: actor.userId,
        actorName: actor.username,
        role: [...new Set(actor.grants.map((g) => g.role))].join(',') || null,
        regionCode: actor.regionCode,
        sourceIp: actor.sourceIp,
      };
    case 'apiKey':
      return { actorId: `key:${actor.keyId}`, actorName: actor.name, role: 'api_key', regionCode: actor.regionCode, sourceIp: actor.sourceIp };
    case 'public':
      return { actorId: null, actorName: 'public', role: 'public', regionCode: null, sourceIp: actor.sourceIp };
    case 'system':
      return { actorId: null, actorName: actor.name, role: 'system', regionCode: null, sourceIp: null };
  }
}

export interface Change<T> {
  action: string;
  target: string | null;
  run: (q: Queryable) => Promise<T>;
  /** Extra facts for the audit record, from the result. */
  details?: (result: T) => Record<string, unknown> | null;
  /**
   * Whether a run that failed with this error is run once more, in a new transaction (the
   * failed one rolled back and not audited: nothing of it is kept).
   */
  again?: (e: unknown) => boolean;
}

/**
 * The one way a state-changing call runs: the change and its audit record commit in one
 * transaction; a refused or failed call leaves only a record of the refusal.
 */
export async function audited<T>(ctx: AppContext, actor: Actor, change: Change<T>): Promise<T> {
  const who = actorAudit(actor);
  const attempt = () =>
    ctx.db.tx(async (q) => {
      const result = await change.run(q);
      await appendAudit(q, ctx.clock.now(), {
        ...who,
        action: change.action,
        target: change.target,
        outcome: 'success',
        details: change.details ? change.details(result) : null,
      });
      return result;
    });
  try {
    return await attempt().catch((e) => {
      if (change.again?.(e)) return attempt();
      throw e;
    });
  } catch (e) {
    const err = e instanceof AppError ? e : null;
    await ctx.db
      .tx((q) =>
        appendAudit(q, ctx.clock.now(), {
          ...who,
          action: change.action,
          target: change.target,
          outcome: err?.code === 'FORBIDDEN' ? 'denied' : 'failure',
          details: { error: err?.code ?? 'INTERNAL', message: err?.message ?? 'internal error' },
        }),
      )
      .catch((auditErr) => ctx.log.error({ err: auditErr }, 'audit append failed'));
    throw e;
  }
}

/** Records a refused read (e.g. of the audit trail by anyone but the audit administrator), then rethrows. */
export async function auditRefusal(ctx: AppContext, actor: Actor, action: string, target: string | null, e: unknown): Promise<never> {
  if (e instanceof AppError && e.code === 'FORBIDDEN') {
    await ctx.db
      .tx((q) => appendAudit(q, ctx.clock.now(), { ...actorAudit(actor), action, target, outcome: 'denied', details: { error: e.code, message: e.message } }))
      .catch((auditErr) => ctx.log.error({ err: auditErr }, 'audit append failed'));
  }
  throw e;
}
