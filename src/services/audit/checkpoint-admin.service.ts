import type { Actor, Role } from '../../domain/org/policy.js';
import { forbidden } from '../../errors.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { loadCheckpointKey } from './checkpoint-key.js';
import { exportCheckpoints, writeCheckpoint, type CheckpointBody } from './checkpoint.service.js';
import { verifyRecords } from './verify-records.js';

/** A platform-wide grant of one of these roles (三员分立: checkpoints belong to the security and audit administrators). */
function platformWide(actor: Actor, roles: Role[]): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && actor.grants.some((g) => roles.includes(g.role) && !g.regionCode && !g.departmentCode);
}

export const checkpointDeps = (ctx: AppContext) => ({ db: ctx.db, config: ctx.config, now: () => ctx.wallClock.now() });

const summary = (b: CheckpointBody) => ({
  n: b.n, at: b.at, reason: b.reason, by: b.by, keyId: b.keyId, auditSeq: b.audit.seq,
  tables: Object.fromEntries(Object.entries(b.tables).map(([t, m]) => [t, m.rows])),
});

/**
 * A checkpoint on demand, by the security or the audit administrator. It is written by its own
 * short transactions (like the engine's), then audited; a refusal is audited too.
 */
export async function checkpointNow(ctx: AppContext, actor: Actor) {
  const action = 'audit.checkpoint';
  if (!platformWide(actor, ['security_admin', 'audit_admin'])) {
    return audited(ctx, actor, { action, target: 'audit_checkpoints', run: async () => {
      throw forbidden('仅全平台安全管理员或审计管理员可写检查点 (security or audit administrator only)');
    } });
  }
  const name = actor.kind === 'user' ? actor.username : actor.kind === 'system' ? actor.name : null;
  const body = summary(await writeCheckpoint(checkpointDeps(ctx), 'demand', name));
  return audited(ctx, actor, { action, target: 'audit_checkpoints', run: async () => body, details: (r) => ({ n: r.n, auditSeq: r.auditSeq }) });
}

/** The checkpoints as the file the security administrator keeps; downloaded by the audit administrator (audited). */
export async function downloadCheckpoints(ctx: AppContext, actor: Actor) {
  return audited(ctx, actor, {
    action: 'audit.checkpoint.export', target: 'audit_checkpoints',
    run: async (q) => {
      if (!platformWide(actor, ['audit_admin'])) throw forbidden('仅全平台审计管理员可导出检查点 (platform-wide audit administrator only)');
      return exportCheckpoints(q, ctx.wallClock.now());
    },
    details: (r) => ({ checkpoints: r.checkpoints.length }),
  });
}

/** The records against the stored checkpoints (audit administrator). */
export async function verifyAgainstCheckpoints(ctx: AppContext, actor: Actor) {
  if (!platformWide(actor, ['audit_admin'])) throw forbidden('仅全平台审计管理员可校验 (platform-wide audit administrator only)');
  return verifyRecords(ctx.db, loadCheckpointKey(ctx.config, false));
}
