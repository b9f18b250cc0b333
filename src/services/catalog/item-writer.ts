import { codePrefix, nextCode, parseCode } from '../../domain/catalog/coding.js';
import { disclosureProblems } from '../../domain/catalog/disclosure.js';
import type { PowerItem, PowerItemVersion } from '../../domain/catalog/item.types.js';
import type { ItemInput } from '../../domain/catalog/item.validate.js';
import { AppError } from '../../errors.js';
import {
  appendVersion, contentHash, departmentRegion, getItemRow, insertItemRow, latestVersion, lastSeq, lockPrefix, useSeq,
} from '../../store/catalog.store.js';
import type { Queryable } from '../../store/db.js';
import type { AppContext } from '../context.js';
import { onVersionStored } from './disclosure-alerts.js';
import { checkSampleForms } from './catalog-files.service.js';

export interface StoreResult {
  code: string;
  version: PowerItemVersion;
  created: boolean;
  unchanged: boolean;
}

const refuse = (field: string, message: string) => new AppError('VALIDATION', `${field}: ${message}`, { field });

/** Builds the full content of a version from checked input (status defaults to in force). */
export function toContent(input: ItemInput, code: string, regionCode: string): PowerItem {
  const c: PowerItem = {
    code, name: input.name, category: input.category, departmentCode: input.departmentCode, regionCode,
    legalBasis: input.legalBasis, legalLimitDays: input.legalLimitDays, promisedLimitDays: input.promisedLimitDays,
    fees: input.fees, materials: input.materials, confidential: input.confidential, flow: input.flow,
    discretion: input.discretion, status: input.status ?? 'in_force',
  };
  if (input.location) c.location = input.location;
  if (input.phone) c.phone = input.phone;
  if (input.guide) c.guide = input.guide;
  if (input.remedies) c.remedies = input.remedies;
  if (input.promisedLimitDaysMissing) c.promisedLimitDaysMissing = true;
  // 实施清单 extensions: only the ones given (an item without them hashes exactly as before)
  for (const k of ['acceptanceConditions', 'targets', 'officeHours', 'visits', 'online', 'onlineUrl', 'materialDetails', 'faqs'] as const)
    if (input[k] !== undefined) (c as any)[k] = input[k];
  return c;
}

/**
 * Resolves the code an item is stored under: the given one (checked against the coding rule
 * and the retired codes) or, when absent, the code of the same-named live item of that kind
 * (so a repeated import is idempotent) or the next code of its kind.
 */
export async function resolveCode(q: Queryable, input: ItemInput, regionCode: string, forceNew = false): Promise<{ code: string; exists: boolean; retired?: boolean }> {
  const prefix = codePrefix(regionCode, input.departmentCode, input.category);
  if (input.code) {
    const row = await getItemRow(q, input.code, true);
    if (row) {
      if (row.retired) return { code: input.code, exists: true, retired: true };
      if (row.departmentCode !== input.departmentCode) throw refuse('department', `编码 ${input.code} 属于部门 ${row.departmentCode} (code belongs to another department)`);
      if (row.category !== input.category) throw refuse('category', `编码 ${input.code} 的权力类别为 ${row.category}，类别变化须新增事项 (category of an existing code cannot change)`);
      return { code: input.code, exists: true };
    }
    const parsed = parseCode(input.code);
    if (parsed && parsed.prefix !== prefix)
      throw refuse('code', `编码 ${input.code} 与编码规则不符，应以 ${prefix}- 开头 (code does not follow the coding rule)`);
    if (parsed) {
      await lockPrefix(q, prefix);
      await useSeq(q, prefix, parsed.seq);
    }
    return { code: input.code, exists: false };
  }
  const same = forceNew ? [] : await q.query<{ code: string }>(
    `SELECT code FROM power_items WHERE department_code = $1 AND category = $2 AND name = $3 AND NOT retired ORDER BY code LIMIT 1`,
    [input.departmentCode, input.category, input.name],
  );
  if (same[0]) return { code: same[0].code, exists: true };
  await lockPrefix(q, prefix);
  // 盐城 数据库更新维护办法 第十条: 新增的行政权力排在本部门已公布的此类权力的末尾
  let { code, seq } = nextCode(prefix, await lastSeq(q, prefix));
  while (await getItemRow(q, code)) ({ code, seq } = nextCode(prefix, seq));
  await useSeq(q, prefix, seq);
  return { code, exists: false };
}

/**
 * Stores an item as a new immutable version (or nothing when the content is unchanged):
 * the shared path of the §2 import, the Excel import and approved adjustments.
 */
export async function storeItem(
  q: Queryable,
  ctx: AppContext,
  input: ItemInput,
  opts: { effectiveFrom: Date; createdBy: string | null; adjustmentId?: string | null; forceNew?: boolean; allowBackdate?: boolean },
): Promise<StoreResult> {
  const dept = await departmentRegion(q, input.departmentCode);
  if (!dept) throw refuse('department', `实施部门不存在: ${input.departmentCode} (unknown department)`);
  const formProblem = await checkSampleForms(q, input.departmentCode, input.materialDetails);
  if (formProblem) throw new AppError('VALIDATION', formProblem, { field: formProblem.split(':')[0] });
  const { code, exists, retired } = await resolveCode(q, input, dept.regionCode, opts.forceNew);
  const content = toContent(input, code, dept.regionCode);
  if (exists) {
    const last = await latestVersion(q, code);
    if (last && contentHash(stripVersion(last)) === contentHash(content)) return { code, version: last, created: false, unchanged: true };
    // 盐城 数据库更新维护办法 第十条: 对确认取消的行政权力原编码不得继续使用 (re-importing it unchanged is harmless)
    if (retired) throw refuse('code', `编码 ${code} 的事项已取消，编码不得重复使用 (code retired by cancellation)`);
  } else {
    await insertItemRow(q, { code, name: content.name, category: content.category, departmentCode: content.departmentCode, regionCode: dept.regionCode, now: ctx.clock.now() });
  }
  // A new version of a known item never takes effect before it is stored: what a case already
  // registered is judged by never changes behind it (only a new item may carry a past date).
  const now = ctx.clock.now();
  const effectiveFrom = exists && !opts.allowBackdate && opts.effectiveFrom.getTime() < now.getTime() ? now : opts.effectiveFrom;
  const version = await appendVersion(q, {
    content, effectiveFrom, disclosureProblems: disclosureProblems(content),
    adjustmentId: opts.adjustmentId ?? null, createdBy: opts.createdBy, now: ctx.clock.now(),
  });
  await onVersionStored(q, ctx, version);
  return { code, version, created: !exists, unchanged: false };
}

/** The content of a stored version (without version number, effective instant and derived facts). */
export function stripVersion(v: PowerItemVersion): PowerItem {
  const { version: _v, effectiveFrom: _e, disclosureProblems: _d, ...content } = v;
  return content;
}
