import { can, scopeFilter, type Actor, type ScopeFilter } from '../../domain/org/policy.js';
import { regionPrefix, REGION_CODE } from '../../domain/org/region.js';
import { normalizeStreams, streamsProblem, type WindowStream } from '../../domain/supervision/window-streams.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { departmentRegion, getWindow, insertWindow, listWindows, updateWindow, type ServiceWindow } from '../../store/supervision/window.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';

/**
 * 服务窗口 (川办发〔2014〕2号 电子监察办法 第十一条(一); 盐城电子监察办法 第十条): the windows of each
 * department in a hall with the camera streams of the hall's video platform, kept by the region's
 * or the department's administrator (window.manage, scoped); watched by supervisors on video patrols.
 */
export interface WindowInput {
  departmentCode: string;
  hall: string;
  name: string;
  location: string;
  streams: WindowStream[];
  active?: boolean;
}

export function wireWindow(w: ServiceWindow) {
  return { ...w, createdAt: w.createdAt.toISOString(), updatedAt: w.updatedAt.toISOString() };
}

/** Who may see windows: their administrators and the supervisors (and readers of supervision). */
function readScope(actor: Actor): ScopeFilter {
  const parts = [scopeFilter(actor, 'window.manage'), scopeFilter(actor, 'patrol.record'), scopeFilter(actor, 'supervision.read')];
  return { all: parts.some((p) => p.all), regions: parts.flatMap((p) => p.regions), departments: parts.flatMap((p) => p.departments) };
}

export function canSeeWindow(actor: Actor, w: { regionCode: string; departmentCode: string }): boolean {
  const t = { regionCode: w.regionCode, departmentCode: w.departmentCode };
  return can(actor, 'window.manage', t) || can(actor, 'patrol.record', t) || can(actor, 'supervision.read', t);
}

function checked(input: WindowInput) {
  const text = (field: keyof WindowInput, label: string, max: number) => {
    const v = typeof input[field] === 'string' ? (input[field] as string).trim() : '';
    if (!v) throw invalid(field, `${label}不能为空 (${field} required)`);
    if (v.length > max) throw invalid(field, `${label}不超过 ${max} 字 (${field} too long)`);
    return v;
  };
  const hall = text('hall', '所在大厅', 100);
  const name = text('name', '窗口名称', 100);
  const location = text('location', '窗口位置', 200);
  const p = streamsProblem(input.streams);
  if (p) throw invalid(p.field, p.message);
  return { hall, name, location, streams: normalizeStreams(input.streams), active: input.active ?? true };
}

async function manageable(q: Queryable, actor: Actor, departmentCode: string): Promise<string> {
  const region = await departmentRegion(q, departmentCode);
  if (!region) throw invalid('departmentCode', `部门 ${departmentCode} 不存在 (unknown department)`);
  if (!can(actor, 'window.manage', { regionCode: region, departmentCode })) {
    throw forbidden('只有本地区或本部门管理员可以登记服务窗口 (region or department administrators only)');
  }
  return region;
}

export async function createWindow(ctx: AppContext, actor: Actor, input: WindowInput) {
  return audited(ctx, actor, {
    action: 'window.create', target: input.departmentCode,
    run: async (q) => {
      const regionCode = await manageable(q, actor, input.departmentCode);
      const v = checked(input);
      const id = newId();
      await insertWindow(q, { id, regionCode, departmentCode: input.departmentCode, ...v, createdByName: actorAudit(actor).actorName ?? null, createdAt: ctx.clock.now() });
      return wireWindow((await getWindow(q, id))!);
    },
    details: (w) => ({ id: w.id, name: w.name, streams: w.streams.length }),
  });
}

export async function editWindow(ctx: AppContext, actor: Actor, id: string, input: Omit<WindowInput, 'departmentCode'>) {
  return audited(ctx, actor, {
    action: 'window.update', target: `window:${id}`,
    run: async (q) => {
      const w = await getWindow(q, id, true);
      if (!w || !canSeeWindow(actor, w)) throw notFound('服务窗口', id);
      await manageable(q, actor, w.departmentCode);
      const v = checked({ ...input, departmentCode: w.departmentCode });
      await updateWindow(q, id, v, ctx.clock.now());
      return wireWindow((await getWindow(q, id))!);
    },
    details: (w) => ({ name: w.name, active: w.active, streams: w.streams.length }),
  });
}

export async function searchWindows(ctx: AppContext, actor: Actor, f: { region?: string; department?: string; includeInactive?: boolean }) {
  const scope = readScope(actor);
  if (!scope.all && !scope.regions.length && !scope.departments.length) throw forbidden('无权查看服务窗口 (window.manage or supervision)');
  if (f.region && !REGION_CODE.test(f.region)) throw invalid('region', '须为 6 位行政区划代码 (GB/T 2260 code)');
  const list = await listWindows(ctx.db, scope, { regionPrefix: f.region ? regionPrefix(f.region) : undefined, department: f.department, includeInactive: f.includeInactive });
  return { windows: list.map((w) => ({ ...wireWindow(w), canManage: can(actor, 'window.manage', { regionCode: w.regionCode, departmentCode: w.departmentCode }) })) };
}
