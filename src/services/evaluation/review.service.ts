import { can, type Actor } from '../../domain/org/policy.js';
import { AppError, forbidden } from '../../errors.js';
import { lowestRanked, type AccountabilitySetting } from '../../domain/evaluation/scheme.js';
import type { Queryable } from '../../store/db.js';
import { insertApproved, listAppeals, listResults, liveResult, markPublished, type StoredResult } from '../../store/evaluation/result.store.js';
import { departmentsWithPeriodEntry } from '../../store/supervision/accountability.store.js';
import { proposeEntry } from '../supervision/accountability.service.js';
import { computePeople, peoplePeriod } from './people.service.js';
import { getRegion } from '../../store/org.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { checkPeriod, computeDraft, frozenDepartments, rollOf } from './score.service.js';
import { knownRegion } from './scheme.service.js';

/** 申诉复核: a department may appeal within this many working days after publication. */
export const APPEAL_WORKING_DAYS = 5;

async function reviewTarget(ctx: AppContext, actor: Actor, input: { region?: unknown; period?: unknown }) {
  const period = checkPeriod(input.period);
  const region = await knownRegion(ctx, input.region);
  if (!can(actor, 'evaluation.review', { regionCode: region })) throw forbidden('只有本地区或上级的监察员可以审定、公布考评结果 (the region\'s supervisor)');
  return { period, region };
}

/**
 * 成都暂行办法 第十四条: the supervision office approves (审定) a period's scores before they are
 * published. Approval freezes them: the department rows, the scheme version and the figures are
 * stored and no longer follow the data. Only an ended period can be approved.
 */
export async function approvePeriod(ctx: AppContext, actor: Actor, input: { region?: unknown; period?: unknown }) {
  const { period, region } = await reviewTarget(ctx, actor, input);
  const now = ctx.clock.now();
  if (now < period.end) throw new AppError('CONFLICT', `${period.code} 尚未结束，期满后方可审定 (the period has not ended yet)`, { field: 'period' });
  const r = await audited(ctx, actor, {
    action: 'evaluation.approve', target: `${region}/${period.code}`,
    run: async (q) => {
      if (await liveResult(q, region, period.code, true)) throw new AppError('CONFLICT', `${period.code} 已审定 (already approved)`);
      const d = await computeDraft(q, region, period, rollOf(ctx));
      // the person and post scores are approved with the departments' and frozen alike (盐城电子监察办法 第十七条)
      const people = await computePeople(q, region, peoplePeriod(period.code));
      const stored = await insertApproved(q, {
        regionCode: region, period: period.code, schemeRegion: d.scheme.regionCode, schemeVersion: d.scheme.version,
        result: { departments: d.departments, names: d.names, schemeName: d.scheme.name, indicators: d.scheme.indicators, base: d.scheme.base, ...(people ? { people } : {}) },
        approvedBy: actorAudit(actor).actorName, approvedAt: now,
      });
      const entries = await proposeForLowest(q, ctx, actor, stored, d.scheme.accountability);
      return { stored, entries };
    },
    again: (e) => String((e as any)?.code ?? '') === '23505',
    details: ({ stored: x, entries }) => ({ revision: x.revision, schemeRegion: x.schemeRegion, schemeVersion: x.schemeVersion, departments: x.result.departments.length, accountability: entries }),
  });
  return { period: r.stored.period, region: r.stored.regionCode, revision: r.stored.revision, status: r.stored.status, accountability: r.entries };
}

/**
 * 达州意见 四(五) (对 … 办理情况较差的 … 进行函询、约谈): the departments the scheme's accountability rule
 * names get a proposed (拟办) entry linked to the period, for the supervisor to send. Once per
 * department and period: a re-approval after an upheld appeal proposes only for departments
 * without one. Answers the entry numbers proposed.
 */
async function proposeForLowest(q: Queryable, ctx: AppContext, actor: Actor, r: StoredResult, setting: AccountabilitySetting | undefined): Promise<string[]> {
  if (!setting) return [];
  const rows = lowestRanked(frozenDepartments(r), setting);
  const done = await departmentsWithPeriodEntry(q, r.regionCode, r.period);
  const regionName = (await getRegion(q, r.regionCode))?.name ?? r.regionCode;
  const out: string[] = [];
  for (const row of rows) {
    if (done.has(row.department)) continue;
    const why = setting.below !== undefined && row.score < setting.below ? `低于 ${setting.below} 分` : '排名末位';
    const e = await proposeEntry(q, ctx, actor, {
      kind: setting.kind, targetKind: 'department', departmentCode: row.department,
      reason: `${regionName}${peoplePeriod(r.period).label}绩效考评得分 ${row.score} 分，第 ${row.rank} 名（共 ${r.result.departments.length} 个部门），${why}`,
      requirement: '书面说明得分偏低的原因及整改措施', evaluationPeriods: [{ regionCode: r.regionCode, period: r.period }],
    });
    out.push(e.entry.entryNo);
  }
  return out;
}

/**
 * 盐城电子监察办法 第十八条 / 成都暂行办法 第十四条: an approved period is published (政府网站公布);
 * the appeal limit (申诉复核) starts then, counted on the working-day calendar.
 */
export async function publishPeriod(ctx: AppContext, actor: Actor, input: { region?: unknown; period?: unknown }) {
  const { period, region } = await reviewTarget(ctx, actor, input);
  const now = ctx.clock.now();
  const appealDueAt = ctx.calendars.forRegion(region).deadline({ start: now, workingDays: APPEAL_WORKING_DAYS }).dueAt;
  const r = await audited(ctx, actor, {
    action: 'evaluation.publish', target: `${region}/${period.code}`,
    run: async (q) => {
      const live = await liveResult(q, region, period.code, true);
      if (!live) throw new AppError('CONFLICT', `${period.code} 尚未审定，不能公布 (approve the period first)`);
      if (live.status === 'published') throw new AppError('CONFLICT', `${period.code} 已公布 (already published)`);
      return markPublished(q, live, actorAudit(actor).actorName, now, appealDueAt);
    },
    details: (x) => ({ revision: x.revision, appealDueAt: x.appealDueAt?.toISOString() }),
  });
  return { period: r.period, region: r.regionCode, revision: r.revision, status: r.status, publishedAt: r.publishedAt!.toISOString(), appealDueAt: r.appealDueAt!.toISOString() };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The review state of a region's period for the console: revisions, dates, department names, appeals. */
export async function reviewState(ctx: AppContext, actor: Actor, input: { region?: unknown; period?: unknown }) {
  const period = checkPeriod(input.period);
  const region = await knownRegion(ctx, input.region);
  if (!can(actor, 'evaluation.read', { regionCode: region })) throw forbidden('无权查看本地区考评 (evaluation.read)');
  const revisions = await listResults(ctx.db, region, period.code);
  const live = revisions.find((r) => r.status !== 'superseded') ?? null;
  let names: Record<string, string>, scheme: { region: string; version: number; name: string; base: number; indicators: unknown[] } | null;
  if (live) {
    names = live.result.names;
    scheme = { region: live.schemeRegion, version: live.schemeVersion, name: live.result.schemeName, base: live.result.base, indicators: live.result.indicators };
  } else {
    const d = await computeDraft(ctx.db, region, period, rollOf(ctx)).catch((e) => { if (e instanceof AppError && e.code === 'NOT_FOUND') return null; throw e; });
    names = d?.names ?? {};
    scheme = d ? { region: d.scheme.regionCode, version: d.scheme.version, name: d.scheme.name, base: d.scheme.base, indicators: d.scheme.indicators } : null;
  }
  const appeals = await listAppeals(ctx.db, { regionCode: region, period: period.code });
  return {
    period: period.code, region, regionName: (await getRegion(ctx.db, region))?.name ?? region,
    status: live?.status ?? 'draft', revision: live?.revision ?? null, ended: ctx.clock.now() >= period.end,
    approvedAt: iso(live?.approvedAt ?? null), approvedBy: live?.approvedBy ?? null, publishedAt: iso(live?.publishedAt ?? null), appealDueAt: iso(live?.appealDueAt ?? null),
    scheme, names,
    revisions: revisions.map((r) => ({ revision: r.revision, status: r.status, approvedAt: iso(r.approvedAt), publishedAt: iso(r.publishedAt), supersededAt: iso(r.supersededAt) })),
    appeals: appeals.map((a) => ({ ...a, departmentName: names[a.departmentCode] ?? a.departmentCode, filedAt: iso(a.filedAt), decidedAt: iso(a.decidedAt) })),
  };
}
