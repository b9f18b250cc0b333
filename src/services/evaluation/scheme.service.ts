import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.js';
import { INDICATORS, INDICATOR_CODES } from '../../domain/evaluation/indicators.js';
import { checkScheme } from '../../domain/evaluation/scheme.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { REGION_CODE } from '../../domain/org/region.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import { listSchemeVersions, putSchemeVersion } from '../../store/evaluation/scheme.store.js';
import { regionChain } from '../../store/supervision/rule-settings.store.js';
import { getRegion } from '../../store/org.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';

/** A region code that is well formed and known (400, then 404). */
export async function knownRegion(ctx: AppContext, code: unknown, field = 'region'): Promise<string> {
  if (typeof code !== 'string' || !REGION_CODE.test(code)) throw invalid(field, '须为 6 位行政区划代码 (a six-digit GB/T 2260 region code)');
  if (!(await getRegion(ctx.db, code))) throw notFound('地区', code);
  return code;
}

/**
 * §8 PUT /api/evaluation/v1/schemes/{regionCode}: a new version of the region's scheme (达州意见
 * 四(四): 制订绩效考核评分细则), audited; the same content sent again answers its version.
 */
export async function putScheme(ctx: AppContext, actor: Actor, input: { regionCode: string; body: unknown }) {
  const regionCode = await knownRegion(ctx, input.regionCode, 'regionCode');
  if (!can(actor, 'evaluation.scheme', { regionCode })) throw forbidden('只有本地区或上级的监察员、管理员可以制定考评细则 (supervisor or administrator of the region or above)');
  const checked = checkScheme(input.body);
  if (!checked.ok) throw new AppError('VALIDATION', `${checked.field}: ${checked.message}`, { field: checked.field });
  const scheme = checked.scheme;
  const contentHash = createHash('sha256').update(canonicalJson(scheme)).digest('hex');
  const r = await audited(ctx, actor, {
    action: 'evaluation.scheme.put', target: regionCode,
    run: (q) => putSchemeVersion(q, { ...scheme, regionCode, contentHash, createdBy: actorAudit(actor).actorName, at: ctx.clock.now() }),
    details: (x) => ({ version: x.version, created: x.created, effectiveFrom: scheme.effectiveFrom, contentHash }),
  });
  return { version: r.version };
}

/** The versions of a region's scheme (newest first) and the indicator catalogue with Chinese names. */
export async function listSchemes(ctx: AppContext, actor: Actor, input: { regionCode: string }) {
  const regionCode = await knownRegion(ctx, input.regionCode, 'regionCode');
  if (!can(actor, 'evaluation.scheme', { regionCode }) && !can(actor, 'evaluation.read', { regionCode })) throw forbidden('无权查看本地区考评细则 (evaluation.read)');
  const chain = regionChain(regionCode);
  const all = await listSchemeVersions(ctx.db, chain);
  const versions = all.filter((v) => v.regionCode === regionCode);
  // without a scheme of its own, the region is scored by the nearest one up the tree: its latest version
  const above = versions.length ? null : chain.map((c) => all.filter((v) => v.regionCode === c).pop()).find((v) => v) ?? null;
  return {
    region: regionCode,
    inherited: above ? { region: above.regionCode, version: above.version, name: above.name, effectiveFrom: above.effectiveFrom, base: above.base, indicators: above.indicators } : null,
    versions: versions.reverse().map((v) => ({
      version: v.version, name: v.name, effectiveFrom: v.effectiveFrom, base: v.base, indicators: v.indicators, createdBy: v.createdBy, createdAt: v.createdAt.toISOString(),
    })),
    catalogue: INDICATOR_CODES.map((code) => ({ code, name: INDICATORS[code].name, description: INDICATORS[code].description, kind: INDICATORS[code].kind })),
  };
}
