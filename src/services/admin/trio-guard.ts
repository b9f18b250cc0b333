import type { Role } from '../../domain/org/policy.js';
import type { Actor } from '../../domain/org/policy.js';
import { accountChangeRefusal, type AccountChange } from '../../domain/org/trio-rules.js';
import { AppError } from '../../errors.js';
import { lockTrioAndCountSecurity } from '../../store/account.store.js';
import type { Queryable } from '../../store/db.js';

/**
 * Refuses (403, audited as denied by the caller's `audited`) an account change that 三员分立
 * forbids; run inside the change's transaction, before anything is written.
 */
export async function guardAccountChange(
  q: Queryable, actor: Actor, change: AccountChange, target: { id: string | null; roles: Role[]; disabled?: boolean }, role?: Role,
): Promise<void> {
  const securityAdmins = await lockTrioAndCountSecurity(q);
  const refusal = accountChangeRefusal(actor, change, target, { role, securityAdmins });
  if (refusal) throw new AppError(refusal.code, refusal.message, { rule: 'admin-trio', change, ...(role ? { role } : {}) });
}
