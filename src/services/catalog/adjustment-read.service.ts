import { ADJUSTMENT_KIND_NAMES, STAGE_NAMES } from '../../domain/catalog/adjustment.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { forbidden, notFound } from '../../errors.js';
import { getAdjustment as loadAdjustment, listAdjustments as queryAdjustments, type Adjustment } from '../../store/adjustment.store.js';
import { getClocks } from '../calendar/clocks.js';
import { stagesOf } from './adjustment.service.js';
import type { AppContext } from '../context.js';
import { scopeOf } from './catalog.service.js';

/** Adjustment requests with their stage deadlines (kept on the calendar engine) and the late-filing flag. */
async function withDeadlines(ctx: AppContext, a: Adjustment) {
  const now = ctx.clock.now();
  const clocks = await getClocks(ctx.db, 'adjustment', a.id);
  const wire = (c: (typeof clocks)[number]) => ({
    stage: c.kind, start: c.start, workingDays: c.workingDays, dueAt: c.dueAt, warnAt: c.warnAt, open: c.open,
    provisional: c.provisional, overdue: c.open && c.dueAt.getTime() <= now.getTime(), explanation: c.explanation,
  });
  // the stages' deadlines (审核, 审定); beside them the timers of 盐城 数据库办法 第七条 (申报 10 个工作日) and 达州意见 三(四) (清单调整 5 个工作日)
  const isTimer = (k: string) => k === 'filing' || k === 'list';
  return {
    ...a, kindName: ADJUSTMENT_KIND_NAMES[a.kind], stageName: STAGE_NAMES[a.stage],
    // the stages this request passes, in order, with their names (adjustment-stages.ts)
    stages: (await stagesOf(ctx.db, a)).map((s) => ({ stage: s, name: STAGE_NAMES[s] })),
    deadlines: clocks.filter((c) => !isTimer(c.kind)).map(wire),
    timers: clocks.filter((c) => isTimer(c.kind)).map((c) => ({ ...wire(c), name: c.kind === 'filing' ? '申报期限' : '清单调整期限' })),
  };
}

export async function listAdjustments(ctx: AppContext, actor: Actor, input: { stage?: string; itemCode?: string; page?: number; pageSize?: number }) {
  if (!can(actor, 'catalog.read')) throw forbidden('catalog.read');
  const s = scopeOf(actor);
  const pageSize = input.pageSize ?? 20;
  const page = input.page ?? 1;
  const r = await queryAdjustments(ctx.db, {
    all: s.all, regions: s.prefixes, departments: s.departments, stage: input.stage ?? null, itemCode: input.itemCode ?? null,
    limit: pageSize, offset: (page - 1) * pageSize,
  });
  return { total: r.total, page, pageSize, adjustments: await Promise.all(r.rows.map((a) => withDeadlines(ctx, a))) };
}

export async function getAdjustment(ctx: AppContext, actor: Actor, id: string) {
  const a = await loadAdjustment(ctx.db, id);
  if (!a) throw notFound('调整申请', id);
  if (!can(actor, 'catalog.read', { regionCode: a.regionCode, departmentCode: a.departmentCode })) throw forbidden('catalog.read');
  return withDeadlines(ctx, a);
}
