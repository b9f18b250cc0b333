import { newSecret, sha256hex } from '../security/password.js';
import type { Actor } from '../../domain/org/policy.js';
import { REGION_CODE } from '../../domain/org/region.js';
import { AppError, invalid } from '../../errors.js';
import { findPlatformKey, insertPlatformKey, touchPlatformKey } from '../../store/levels/platform.store.js';
import * as org from '../../store/org.store.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { requireCan } from '../org/scoped-read.js';

/** Platform keys (接口标准 §9): a lower region's platform forwards with one. Distinct from department keys (xqk_). */
export const PLATFORM_KEY_PREFIX = 'xqp_';
export const INVALID_PLATFORM_KEY = '平台密钥无效或已吊销 (invalid or revoked platform key)';

export interface PlatformKeyActor {
  keyId: string;
  /** The lower region whose platform holds the key. */
  region: string;
  name: string;
}

/** `POST /api/admin/api-keys {"region", "name"}`: the region must be known here (import it with §2 first). */
export async function issuePlatformKey(ctx: AppContext, actor: Actor, input: { region: string; name: string }) {
  if (!REGION_CODE.test(input.region)) throw invalid('region', '须为 6 位行政区划代码 (six-digit GB/T 2260 code)');
  const region = await org.getRegion(ctx.db, input.region);
  if (!region) throw invalid('region', `地区 ${input.region} 在本平台不存在，请先按 §2 导入 (unknown region: import it first)`);
  const key = `${PLATFORM_KEY_PREFIX}${newSecret(32)}`;
  const id = newId();
  return audited(ctx, actor, {
    action: 'platformkey.issue', target: `platformkey:${id}`,
    run: async (q) => {
      // a region or system administrator over the region; a department administrator cannot
      requireCan(actor, 'apikey.manage', { regionCode: input.region }, `platform key for ${input.region}`);
      await insertPlatformKey(q, {
        id, region: input.region, name: input.name, prefix: key.slice(0, PLATFORM_KEY_PREFIX.length + 6), hash: sha256hex(key),
        createdBy: actor.kind === 'user' ? actor.userId : null, at: ctx.clock.now(),
      });
      return { id, key, region: input.region, name: input.name };
    },
    details: (r) => ({ region: r.region, name: r.name }), // the key itself never enters the audit log
  });
}

/** The platform key of a request (`Authorization: Bearer xqp_…`), or 401. */
export async function platformFromHeader(ctx: AppContext, authorization: string | undefined): Promise<PlatformKeyActor> {
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  if (!bearer.startsWith(PLATFORM_KEY_PREFIX)) throw new AppError('UNAUTHENTICATED', `${INVALID_PLATFORM_KEY}: 须使用平台密钥 (Bearer ${PLATFORM_KEY_PREFIX}…)`);
  const k = await findPlatformKey(ctx.db, sha256hex(bearer));
  if (!k) throw new AppError('UNAUTHENTICATED', INVALID_PLATFORM_KEY);
  await touchPlatformKey(ctx.db, k.id, ctx.wallClock.now());
  return { keyId: k.id, region: k.region, name: k.name };
}
