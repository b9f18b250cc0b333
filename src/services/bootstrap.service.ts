import { generatePassword, hashPassword, passwordProblem } from './security/password.js';
import { appendAudit } from '../store/audit.store.js';
import { countUsers, insertGrant, insertUser, lockFirstStart } from '../store/user.store.js';
import { newId } from './ids.js';
import type { AppContext } from './context.js';
import { applyAdminTotpSecret } from './security/account-security.service.js';

/**
 * §6: on an empty database, creates the administrator `admin` with XINGQUAN_ADMIN_PASSWORD,
 * or with a generated password that is printed once and must be changed at first login.
 */
export async function ensureAdmin(ctx: AppContext): Promise<{ created: boolean; generatedPassword: string | null }> {
  const r = await createAdmin(ctx);
  await applyAdminTotpSecret(ctx); // §6: XINGQUAN_ADMIN_TOTP_SECRET, on every start-up
  return r;
}

async function createAdmin(ctx: AppContext): Promise<{ created: boolean; generatedPassword: string | null }> {
  if ((await countUsers(ctx.db)) > 0) return { created: false, generatedPassword: null };
  const given = ctx.config.adminPassword;
  if (given) {
    const problem = passwordProblem(given);
    if (problem) throw new Error(`XINGQUAN_ADMIN_PASSWORD: ${problem}`);
  }
  const password = given ?? generatePassword();
  const hash = await hashPassword(password);
  const id = newId();
  await ctx.db.tx(async (q) => {
    await lockFirstStart(q);
    if ((await countUsers(q)) > 0) return;
    await insertUser(q, { id, username: 'admin', displayName: '系统管理员', passwordHash: hash, mustChangePassword: !given, regionCode: null, departmentCode: null });
    await insertGrant(q, newId(), id, { role: 'system_admin', regionCode: null, departmentCode: null });
    await appendAudit(q, ctx.clock.now(), {
      actorId: null, actorName: 'system', role: 'system', regionCode: null, action: 'user.create', target: `user:${id}`,
      sourceIp: null, outcome: 'success', details: { username: 'admin', role: 'system_admin', bootstrap: true },
    });
  });
  return { created: true, generatedPassword: given ? null : password };
}
