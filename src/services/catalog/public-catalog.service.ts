import { CATEGORIES, MATERIAL_FORMS, type PowerItemVersion } from '../../domain/catalog/item.types.js';
import { flowchartSvg } from '../../domain/catalog/flowchart.js';
import { isPublished } from '../../domain/catalog/disclosure.js';
import { REGION_CODE, regionPrefix } from '../../domain/org/region.js';
import { invalid, notFound } from '../../errors.js';
import { allRegions, publishedDepartments, queryItems } from '../../store/catalog-query.store.js';
import { findVersionAt } from '../../store/catalog.store.js';
import { departmentAndRegionNames } from '../../store/files.store.js';
import type { AppContext } from '../context.js';

/**
 * The public catalog for the hall (电子政务大厅): published (in force), non-confidential items
 * only — 川办发 建设和使用管理办法 第六条: 涉密行政权力事项不进入行政职权目录.
 */

export interface PublicListInput {
  region?: string;
  department?: string;
  category?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** What a citizen may see of a version: no posts, documents, risk or supervision points. */
export function publicView(v: PowerItemVersion, departmentName: string | null, regionName: string | null) {
  return {
    code: v.code, name: v.name, category: v.category, categoryName: CATEGORIES[v.category], departmentCode: v.departmentCode, departmentName,
    regionCode: v.regionCode, regionName, version: v.version, effectiveFrom: v.effectiveFrom,
    legalBasis: v.legalBasis, legalLimitDays: v.legalLimitDays, promisedLimitDays: v.promisedLimitDays, fees: v.fees,
    location: v.location ?? null, phone: v.phone ?? null, guide: v.guide ?? null, materials: v.materials, remedies: v.remedies ?? null,
    flow: v.flow ? { steps: v.flow.steps.map((s) => ({ key: s.key, name: s.name, limitDays: s.limitDays })) } : null,
    // 行政处罚法 第三十四条: 行政处罚裁量基准应当向社会公布
    discretion: v.discretion,
    // 盐城 网上运行办法 第十七条(二) (办理地点、服务指南、要件材料); 川办·建设 第五条(六): the implementation list (实施清单) as a 政务服务网 item page shows it
    acceptanceConditions: v.acceptanceConditions ?? null, targets: v.targets ?? null, officeHours: v.officeHours ?? null,
    visits: v.visits ?? null, online: v.online ?? null, onlineUrl: v.onlineUrl ?? null, faqs: v.faqs ?? [],
    materialDetails: v.materials.map((name) => {
      const d = v.materialDetails?.find((m) => m.name === name);
      return {
        name, form: d?.form ?? null, formName: d?.form ? MATERIAL_FORMS[d.form] : null, copies: d?.copies ?? null, required: d?.required ?? null, note: d?.note ?? null,
        sampleForm: d?.sampleForm ? { name: d.sampleForm.name, url: `/api/public/catalog/items/${encodeURIComponent(v.code)}/forms/${encodeURIComponent(d.sampleForm.fileId)}` } : null,
      };
    }),
  };
}

const checkRegion = (r: string | undefined) => {
  if (r && !REGION_CODE.test(r)) throw invalid('region', '须为 6 位行政区划代码 (six-digit region code)');
  return r ? regionPrefix(r) : null;
};

export async function listPublicItems(ctx: AppContext, input: PublicListInput) {
  const pageSize = input.pageSize ?? 20;
  const page = input.page ?? 1;
  const r = await queryItems(ctx.db, {
    scope: { all: true, prefixes: [], departments: [] }, at: ctx.clock.now(), publicOnly: true, regionPrefix: checkRegion(input.region),
    department: input.department ?? null, category: input.category ?? null, text: input.q ?? null, limit: pageSize, offset: (page - 1) * pageSize,
  });
  return {
    total: r.total, page, pageSize,
    items: r.rows.map((x) => ({
      code: x.code, name: x.name, category: x.category, categoryName: CATEGORIES[x.category as keyof typeof CATEGORIES],
      departmentCode: x.departmentCode, departmentName: x.departmentName, regionCode: x.regionCode, regionName: x.regionName,
      legalLimitDays: x.current?.legalLimitDays ?? null, promisedLimitDays: x.current?.promisedLimitDays ?? null,
    })),
  };
}

async function publishedVersion(ctx: AppContext, code: string): Promise<PowerItemVersion> {
  const v = await findVersionAt(ctx.db, code, ctx.clock.now());
  // confidential, suspended, cancelled and not-yet-effective items answer exactly like unknown ones
  if (!v || !isPublished(v)) throw notFound('权力事项', code);
  return v;
}

export async function getPublicItem(ctx: AppContext, code: string) {
  const v = await publishedVersion(ctx, code);
  const names = await departmentAndRegionNames(ctx.db, v.departmentCode);
  return { ...publicView(v, names.departmentName, names.regionName), flowchartSvg: flowchartSvg(v.flow, 'public', v.name) };
}

export async function publicFlowchart(ctx: AppContext, code: string): Promise<string> {
  const v = await publishedVersion(ctx, code);
  return flowchartSvg(v.flow, 'public', v.name);
}

export async function publicRegions(ctx: AppContext) {
  return { regions: await allRegions(ctx.db) };
}

export async function publicDepartments(ctx: AppContext, input: { region?: string }) {
  return { departments: await publishedDepartments(ctx.db, ctx.clock.now(), checkRegion(input.region)) };
}

export function publicCategories() {
  return { categories: Object.entries(CATEGORIES).map(([code, name]) => ({ code, name })) };
}
