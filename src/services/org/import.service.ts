import { departmentProblem, officerProblem, regionProblem } from '../../domain/org/org-validate.js';
import { postNames, postsProblem } from '../../domain/org/posts.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { REGION_CODE, regionLevel } from '../../domain/org/region.js';
import { forbidden } from '../../errors.js';
import { inSavepoint, type Queryable } from '../../store/db.js';
import * as org from '../../store/org.store.js';
import { audited } from '../audit.service.js';
import { importItems, type ItemRefusal } from '../catalog/import-items.js';
import type { AppContext } from '../context.js';

/**
 * 目录导入 (接口标准 §2): idempotent upsert by code of regions, departments and officers,
 * then the items (handed to the catalog), all in one transaction. Bad entries are refused
 * by name; the rest load. 川办发〔2014〕2号 建设和使用管理办法 第五条(一): 录入行政职权目录.
 */

export interface ImportBody {
  regions?: unknown[];
  departments?: unknown[];
  officers?: unknown[];
  items?: unknown[];
}

export interface ImportResult {
  loaded: { regions: number; departments: number; officers: number; items: number };
  refused: ItemRefusal[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : v == null ? null : String(v));
const rank = (code: unknown) => (typeof code === 'string' && REGION_CODE.test(code) ? { province: 0, city: 1, county: 2 }[regionLevel(code)] : 3);

/** Runs fn under a savepoint so one failing entry never spoils the import's transaction. */
async function entry(q: Queryable, fn: () => Promise<void>): Promise<string | null> {
  try {
    await inSavepoint(q, fn);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export async function importCatalog(ctx: AppContext, actor: Actor, body: ImportBody): Promise<ImportResult> {
  return audited(ctx, actor, {
    action: 'catalog.import', target: 'catalog',
    run: (q) => {
      if (!can(actor, 'catalog.import')) throw forbidden('catalog.import');
      return runImport(q, ctx, actor, body);
    },
    details: (r) => ({ loaded: r.loaded, refused: r.refused.length, refusedCodes: r.refused.slice(0, 50).map((x) => x.code) }),
  });
}

async function runImport(q: Queryable, ctx: AppContext, actor: Actor, body: ImportBody): Promise<ImportResult> {
  const loaded = { regions: 0, departments: 0, officers: 0, items: 0 };
  const refused: ItemRefusal[] = [];
  const refuse = (kind: string, i: number, e: any, error: string) =>
    refused.push({ code: str(e?.code ?? e?.id), name: str(e?.name), error: `${kind}[${i}] ${error}` });

  // Parents before children, whatever order the file lists them in.
  const regions = (body.regions ?? []).map((e, i) => ({ e: e as any, i })).sort((a, b) => rank(a.e?.code) - rank(b.e?.code));
  for (const { e, i } of regions) {
    const parent = e?.parent ?? null;
    const parentRow = typeof parent === 'string' ? await org.getRegion(q, parent) : null;
    const problem = regionProblem(e ?? {}, () => parentRow !== null);
    if (problem) { refuse('regions', i, e, problem); continue; }
    if (!can(actor, 'catalog.import', { regionCode: e.code })) { refuse('regions', i, e, `code: 超出您的管辖区划 (outside your region)`); continue; }
    const err = await entry(q, async () => { await org.upsertRegion(q, { code: e.code, name: e.name.trim(), parent }); });
    if (err) refuse('regions', i, e, err); else loaded.regions++;
  }

  for (const [i, raw] of (body.departments ?? []).entries()) {
    const e = raw as any;
    const region = typeof e?.region === 'string' ? await org.getRegion(q, e.region) : null;
    const problem = departmentProblem(e ?? {}, () => region !== null);
    if (problem) { refuse('departments', i, e, problem); continue; }
    const existing = await org.getDepartment(q, e.code);
    const inScope = can(actor, 'catalog.import', { regionCode: e.region, departmentCode: e.code })
      && (!existing || can(actor, 'catalog.import', { regionCode: existing.region, departmentCode: e.code }));
    if (!inScope) { refuse('departments', i, e, `region: 超出您的管辖区划 (outside your region)`); continue; }
    const err = await entry(q, async () => { await org.upsertDepartment(q, { code: e.code, name: e.name.trim(), region: e.region }); });
    if (err) refuse('departments', i, e, err); else loaded.departments++;
  }

  // Officers: checked one by one, written in batches (a batch that fails is retried entry by entry to name the culprit).
  const depts = new Map<string, org.Department | null>();
  const dept = async (code: string) => {
    if (!depts.has(code)) depts.set(code, await org.getDepartment(q, code));
    return depts.get(code)!;
  };
  const officers = (body.officers ?? []) as any[];
  const priorDepts = await org.officerDepartments(q, officers.map((e) => e?.id).filter((id): id is string => typeof id === 'string'));
  const accepted = new Map<string, { i: number; e: any; row: org.Officer }>();
  for (const [i, e] of officers.entries()) {
    const d = typeof e?.department === 'string' ? await dept(e.department) : null;
    const problem = officerProblem(e ?? {}, () => d !== null) ?? postsProblem(e?.posts);
    if (problem) { refuse('officers', i, e, problem); continue; }
    const prior = priorDepts.get(e.id);
    const priorDept = prior && prior !== d!.code ? await dept(prior) : null;
    const mayMove = !priorDept || can(actor, 'catalog.import', { regionCode: priorDept.region, departmentCode: priorDept.code });
    if (!mayMove || !can(actor, 'catalog.import', { regionCode: d!.region, departmentCode: d!.code })) {
      refuse('officers', i, e, `department: 超出您的管辖区划 (outside your region)`); continue;
    }
    if (accepted.has(e.id)) loaded.officers++; // a later entry with the same id replaces the earlier one
    accepted.set(e.id, { i, e, row: { id: e.id, name: e.name.trim(), department: e.department, certificateNo: e.certificateNo ?? null, validUntil: e.validUntil ?? null } });
  }
  const batch = [...accepted.values()];
  // v2: officers[].posts names the flow posts each holds (absent: the posts held stay as they are)
  const postsOf = (xs: typeof batch) => new Map(xs.filter((x) => Array.isArray(x.e.posts)).map((x) => [x.row.id, postNames(x.e.posts)]));
  for (let k = 0; k < batch.length; k += 1000) {
    const chunk = batch.slice(k, k + 1000);
    if (!(await entry(q, async () => { await org.upsertOfficers(q, chunk.map((x) => x.row)); await org.setOfficerPosts(q, postsOf(chunk)); }))) {
      loaded.officers += chunk.length; continue;
    }
    for (const x of chunk) {
      const err = await entry(q, async () => { await org.upsertOfficer(q, x.row); await org.setOfficerPosts(q, postsOf([x])); });
      if (err) refuse('officers', x.i, x.e, err); else loaded.officers++;
    }
  }

  if (body.items?.length) {
    const r = await importItems(q, ctx, actor, body.items);
    loaded.items = r.loaded;
    refused.push(...r.refused);
  }
  return { loaded, refused };
}
