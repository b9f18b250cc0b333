import { newSecret, sha256hex } from '../security/password.js';
import type { Actor } from '../../domain/org/policy.js';
import { invalid, notFound } from '../../errors.js';
import * as accounts from '../../store/account.store.js';
import * as org from '../../store/org.store.js';
import { audited } from '../audit.service.js';
import { API_KEY_PREFIX, forgetApiKey } from '../auth.service.js';
import { newId } from '../ids.js';
import type { AppContext } from '../context.js';
import { readScope, requireCan } from '../org/scoped-read.js';

/** Department API keys for the exchange (接口标准 §3): shown once, stored as SHA-256, revocable. */

export async function issueApiKey(ctx: AppContext, actor: Actor, input: { department: string; name: string }) {
  const dept = await org.getDepartment(ctx.db, input.department);
  if (!dept) throw invalid('department', `部门 ${input.department} 不存在 (unknown department)`);
  const key = `${API_KEY_PREFIX}${newSecret(32)}`;
  const id = newId();
  return audited(ctx, actor, {
    action: 'apikey.issue', target: `apikey:${id}`,
    run: async (q) => {
      requireCan(actor, 'apikey.manage', { regionCode: dept.region, departmentCode: dept.code }, `API key for ${dept.code}`);
      await accounts.insertApiKey(q, {
        id, department: dept.code, name: input.name, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: sha256hex(key),
        createdBy: actor.kind === 'user' ? actor.userId : null, at: ctx.clock.now(),
      });
      return { id, key, department: dept.code, name: input.name };
    },
    // The key itself never enters the audit log.
    details: (r) => ({ department: r.department, name: r.name }),
  });
}

export async function listApiKeys(ctx: AppContext, actor: Actor, f: { department?: string; includeRevoked?: boolean } = {}) {
  return { keys: await accounts.listApiKeys(ctx.db, readScope(actor, 'apikey.manage'), f) };
}

export async function revokeApiKey(ctx: AppContext, actor: Actor, id: string) {
  const k = await accounts.getApiKey(ctx.db, id);
  if (!k) throw notFound('API 密钥', id);
  return audited(ctx, actor, {
    action: 'apikey.revoke', target: `apikey:${id}`,
    run: async (q) => {
      requireCan(actor, 'apikey.manage', { regionCode: k.region, departmentCode: k.department }, `API key ${id}`);
      const revoked = await accounts.revokeApiKey(q, id, ctx.clock.now());
      forgetApiKey(ctx, id);
      return { id, revoked, alreadyRevoked: !revoked };
    },
    details: () => ({ department: k.department, name: k.name }),
  });
}
