import { can, type Actor } from '../../domain/org/policy.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import { decideAppeal as storeDecide, getAppeal, insertAppeal, listAppeals, liveResult, markSuperseded, resultsForDepartment } from '../../store/evaluation/result.store.js';
import { getDepartment, getRegion } from '../../store/org.store.js';
import { newId } from '../ids.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { checkPeriod, frozenDepartments } from './score.service.js';
import { knownRegion } from './scheme.service.js';
import { notifyHolders } from '../messages/notify.js';

const requireText = (v: unknown, field: string, what: string): string => {
  if (typeof v !== 'string' || !v.trim()) throw invalid(field, `${what}不能为空 (${field} required)`);
  if (v.length > 4000) throw invalid(field, '不超过 4000 字 (at most 4000 characters)');
  return v.trim();
};
const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * 申诉复核: a department's administrator appeals the department's score in an approved or
 * published period, until the appeal limit that publication set (APPEAL_WORKING_DAYS working days).
 */
export async function fileAppeal(ctx: AppContext, actor: Actor, input: { region?: unknown; period?: unknown; department?: unknown; reason?: unknown }) {
  const period = checkPeriod(input.period);
  const region = await knownRegion(ctx, input.region);
  if (typeof input.department !== 'string' || !input.department) throw invalid('department', '须指定部门 (department required)');
  const dept = await getDepartment(ctx.db, input.department);
  if (!dept) throw notFound('部门', input.department);
  if (!can(actor, 'evaluation.appeal', { regionCode: dept.region, departmentCode: dept.code })) throw forbidden('只有本部门管理员可以申诉 (the department\'s administrator)');
  const reason = requireText(input.reason, 'reason', '申诉理由');
  const now = ctx.clock.now();
  return audited(ctx, actor, {
    action: 'evaluation.appeal.file', target: `${region}/${period.code}/${dept.code}`,
    run: async (q) => {
      const live = await liveResult(q, region, period.code, true);
      if (!live) throw new AppError('CONFLICT', `${period.code} 尚未审定，无可申诉的考评结果 (the period is not approved)`);
      if (!(dept.code in live.result.names)) throw new AppError('CONFLICT', `${dept.name} 不在该期考评范围内 (the department was not scored in this period)`);
      if (live.appealDueAt && now > live.appealDueAt) throw new AppError('CONFLICT', `申诉期限已过（截至 ${live.appealDueAt.toISOString()}）(the appeal limit has passed)`, { appealDueAt: live.appealDueAt.toISOString() });
      const a = await insertAppeal(q, { id: newId(), regionCode: region, period: period.code, revision: live.revision, departmentCode: dept.code, reason, filedBy: actorAudit(actor).actorName, filedAt: now });
      if (!a) throw new AppError('CONFLICT', '本部门已有待复核的申诉 (an appeal of this department is already pending)');
      // 消息中心: the region's supervisors have an appeal to review
      await notifyHolders(q, now, { perm: 'evaluation.review', regionCode: region, departmentCode: null }, {
        kind: 'approval', title: `考评申诉待复核：${dept.name}`, body: `${period.code} 考评结果申诉：${reason}`,
        link: '/supervision/evaluation', subjectKind: 'appeal', subjectId: a.id, dedupeKey: `appeal:${a.id}`,
      }, ctx.log);
      return { ...a, filedAt: a.filedAt.toISOString(), decidedAt: null };
    },
    details: (a) => ({ id: a.id, revision: a.revision }),
  });
}

/**
 * The supervisor upholds or dismisses an appeal. Upholding supersedes the appealed revision: the
 * period is a draft again, recomputed from the data, and its next approval is a new revision.
 */
export async function decideAppeal(ctx: AppContext, actor: Actor, input: { id: string; decision?: unknown; reason?: unknown }) {
  if (input.decision !== 'uphold' && input.decision !== 'dismiss') throw invalid('decision', '须为 uphold（维持申诉）或 dismiss（驳回）');
  const reason = requireText(input.reason, 'reason', '复核意见');
  const found = await getAppeal(ctx.db, input.id);
  if (!found) throw notFound('申诉', input.id);
  if (!can(actor, 'evaluation.review', { regionCode: found.regionCode })) throw forbidden('只有本地区或上级的监察员可以复核申诉 (the region\'s supervisor)');
  const now = ctx.clock.now();
  return audited(ctx, actor, {
    action: `evaluation.appeal.${input.decision}`, target: input.id,
    run: async (q) => {
      const a = (await getAppeal(q, input.id, true))!;
      if (a.status !== 'pending') throw new AppError('CONFLICT', '该申诉已复核 (the appeal has been decided)');
      if (input.decision === 'uphold') {
        const live = await liveResult(q, a.regionCode, a.period, true);
        if (live && live.revision === a.revision) await markSuperseded(q, live, now);
      }
      const d = await storeDecide(q, a.id, { status: input.decision === 'uphold' ? 'upheld' : 'dismissed', by: actorAudit(actor).actorName, at: now, decision: reason });
      return { ...d, filedAt: d.filedAt.toISOString(), decidedAt: iso(d.decidedAt) };
    },
    details: (d) => ({ status: d.status, revision: d.revision, period: d.period, region: d.regionCode }),
  });
}

/** A department's reviewed periods: its row, the number scored, the appeal limit and its appeals. */
export async function departmentResults(ctx: AppContext, actor: Actor, input: { department?: unknown }) {
  if (typeof input.department !== 'string' || !input.department) throw invalid('department', '须指定部门 (department required)');
  const dept = await getDepartment(ctx.db, input.department);
  if (!dept) throw notFound('部门', input.department);
  if (!can(actor, 'evaluation.appeal', { regionCode: dept.region, departmentCode: dept.code }) && !can(actor, 'evaluation.read', { regionCode: dept.region, departmentCode: dept.code })) {
    throw forbidden('无权查看该部门的考评结果 (evaluation.read)');
  }
  const results = await resultsForDepartment(ctx.db, dept.code);
  const appeals = await listAppeals(ctx.db, { departmentCode: dept.code });
  const now = ctx.clock.now();
  const regionNames = new Map<string, string>();
  for (const code of new Set(results.map((r) => r.regionCode))) regionNames.set(code, (await getRegion(ctx.db, code))?.name ?? code);
  return {
    department: dept.code, departmentName: dept.name,
    periods: results.map((r) => ({
      region: r.regionCode, regionName: regionNames.get(r.regionCode), period: r.period, revision: r.revision, status: r.status, schemeName: r.result.schemeName,
      publishedAt: iso(r.publishedAt), appealDueAt: iso(r.appealDueAt), appealOpen: !r.appealDueAt || now <= r.appealDueAt,
      departments: r.result.departments.length,
      row: frozenDepartments(r).find((x) => x.department === dept.code) ?? null,
      appeals: appeals.filter((a) => a.regionCode === r.regionCode && a.period === r.period).map((a) => ({ ...a, filedAt: iso(a.filedAt), decidedAt: iso(a.decidedAt) })),
    })),
  };
}
