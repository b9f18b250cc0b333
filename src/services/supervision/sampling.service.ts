import { randomBytes, randomInt } from 'node:crypto';
import { CATEGORIES } from '../../domain/catalog/item.types.js';
import { can, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';
import {
  answersProblem, CHECK_RESULTS, checklistFor, drawSample, periodBounds, populationHash, sampleCount, VISIT_METHODS,
  type CheckAnswer, type SampleSize, type VisitMethod,
} from '../../domain/supervision/sampling.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { departmentInfo } from '../../store/notice.store.js';
import {
  checksOf, concludedCaseIds, findingsOf, getDraw, insertCheck, insertDraw, insertVisit, listDraws, sampledCases, visitsOf,
  type Check, type Draw, type Visit,
} from '../../store/supervision/sampling.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';

/**
 * 抽查与回访. 川办发〔2014〕2号 电子监察办法 第十一条(四) 抽样监察: a supervisor draws a reproducible random
 * sample of a department's concluded cases of a month or quarter and works through a checklist per
 * case; 第十一条(三) 回访监察: visits to the parties; 达州意见 四(三): 按季开展督导检查, 建立工作台账.
 * Supervisors sample only the departments of their region subtree.
 */

const who = (a: Actor) => ({ id: actorAudit(a).actorId ?? null, name: actorAudit(a).actorName ?? 'unknown' });
const cstDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

export function wireDraw(d: Draw & { departmentName?: string | null }) {
  return {
    ...d, periodFrom: d.periodFrom.toISOString(), periodTo: d.periodTo.toISOString(), drawnAt: d.drawnAt.toISOString(),
    sizeText: d.sizeKind === 'count' ? `${d.sizeValue} 件` : `${d.sizeValue}%`,
  };
}

export interface DrawInput {
  departmentCode: string;
  /** `YYYY-MM` or `YYYY-Qn`. */
  period: string;
  /** n cases, or a percentage of the population (rounded up). */
  size: SampleSize;
  /** Recorded with the draw; a random one is made when none is given. */
  seed?: string;
}

/** Draws the sample: the department's cases concluded in the period, a seeded shuffle, the first n. */
export async function drawCases(ctx: AppContext, actor: Actor, input: DrawInput) {
  return audited(ctx, actor, {
    action: 'sampling.draw', target: input.departmentCode,
    run: async (q) => {
      const dept = await departmentInfo(q, input.departmentCode);
      if (!dept) throw invalid('departmentCode', `部门 ${input.departmentCode} 不存在 (unknown department)`);
      // 四川电子监察办法 第十一条: 各级监察机关对本级和下级 — a supervisor samples only their region subtree
      if (!can(actor, 'supervision.act', { regionCode: dept.regionCode })) throw forbidden('只能抽查本地区及下级地区的部门 (outside your region)');
      const bounds = periodBounds(input.period);
      if (!bounds) throw invalid('period', '抽查期间须为 YYYY-MM（月）或 YYYY-Qn（季度） (month or quarter)');
      const size = input.size;
      if (size?.kind === 'count' ? !(Number.isInteger(size.value) && size.value >= 1 && size.value <= 500)
        : size?.kind === 'percent' ? !(Number.isInteger(size.value) && size.value >= 1 && size.value <= 100) : true) {
        throw invalid('size', '抽取数量须为 1–500 件，或比例 1–100% (count 1–500 or percent 1–100)');
      }
      const seed = input.seed?.trim() || randomBytes(8).toString('hex');
      if (seed.length > 64) throw invalid('seed', '随机种子不超过 64 个字符 (seed too long)');
      const now = ctx.clock.now();
      if (bounds.from > now) throw invalid('period', '抽查期间尚未开始 (the period has not begun)');
      const population = await concludedCaseIds(q, input.departmentCode, bounds.from, bounds.to);
      if (!population.length) throw invalid('period', '该部门本期没有已办结的办件可供抽查 (no concluded cases in the period)');
      const caseIds = drawSample(population, sampleCount(population.length, size), seed);
      const by = who(actor);
      const d: Draw = {
        id: newId(), drawNo: `CC${dept.regionCode}${cstDay(now)}${String(randomInt(1_000_000)).padStart(6, '0')}`, regionCode: dept.regionCode,
        departmentCode: input.departmentCode, period: input.period, periodFrom: bounds.from, periodTo: bounds.to, sizeKind: size.kind, sizeValue: size.value,
        seed, criteria: { departmentCode: input.departmentCode, period: input.period, status: 'concluded', concludedFrom: bounds.from.toISOString(), concludedTo: bounds.to.toISOString(), size },
        population: population.length, populationHash: populationHash(population), caseIds, drawnById: by.id, drawnByName: by.name, drawnAt: now,
      };
      await insertDraw(q, d);
      return wireDraw({ ...d, departmentName: dept.name });
    },
    details: (d) => ({ drawNo: d.drawNo, seed: d.seed, period: d.period, population: d.population, cases: d.caseIds.length }),
  });
}

/** The draws the actor may see (supervisors: their region and below). */
export async function searchDraws(ctx: AppContext, actor: Actor, f: { region?: string; department?: string; period?: string }) {
  const scope = scopeFilter(actor, 'supervision.read');
  if (!scope.all && !scope.regions.length && !scope.departments.length) throw forbidden('无权查看抽查记录 (supervision.read)');
  const rows = await listDraws(ctx.db, scope, { regionPrefix: f.region ? regionPrefix(f.region) : undefined, department: f.department, periods: f.period ? [f.period] : undefined });
  return { draws: rows.map(wireDraw), canDraw: can(actor, 'supervision.act') };
}

/** A draw the actor may read (404 otherwise); `act` asks a supervisor of its region (403 for a reader). */
export async function loadDraw(q: Queryable, actor: Actor, id: string, act = false): Promise<Draw> {
  const d = await getDraw(q, id);
  if (!d || !can(actor, 'supervision.read', { regionCode: d.regionCode, departmentCode: d.departmentCode })) throw notFound('抽查', id);
  if (act && !can(actor, 'supervision.act', { regionCode: d.regionCode })) throw forbidden('只有该地区或上级的监察员可以办理抽查 (supervisors of the region only)');
  return d;
}

const latestPerCase = (checks: Check[]) => new Map(checks.map((c) => [c.caseId, c]));

/** A draw with its cases: each case's item, category, latest checklist result, visits and findings. */
export async function drawDetail(ctx: AppContext, actor: Actor, id: string) {
  const d = await loadDraw(ctx.db, actor, id);
  const [cases, checks, visits, findings, dept] = await Promise.all([
    sampledCases(ctx.db, d.caseIds), checksOf(ctx.db, d.id), visitsOf(ctx.db, d.id), findingsOf(ctx.db, d.id), departmentInfo(ctx.db, d.departmentCode),
  ]);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const latest = latestPerCase(checks);
  return {
    draw: wireDraw({ ...d, departmentName: dept?.name ?? null }),
    cases: d.caseIds.map((cid, i) => {
      const c = byId.get(cid);
      const k = latest.get(cid);
      const category = checklistFor(c?.category ?? null).category;
      return {
        order: i + 1, id: cid, caseNo: c?.caseNo ?? null, itemCode: c?.itemCode ?? null, itemName: c?.itemName ?? null, category, categoryName: CATEGORIES[category],
        concludedAt: c?.concludedAt?.toISOString() ?? null, checked: !!k, nonconforming: k?.nonconforming ?? null, checkedAt: k?.checkedAt.toISOString() ?? null,
        visits: visits.filter((v) => v.caseId === cid).length, findings: findings.filter((f) => f.caseId === cid).length,
      };
    }),
    summary: {
      cases: d.caseIds.length, checked: latest.size, nonconforming: [...latest.values()].filter((k) => k.nonconforming > 0).length,
      visits: visits.length, findings: findings.length,
    },
    canAct: can(actor, 'supervision.act', { regionCode: d.regionCode }),
  };
}

const wireCheck = (c: Check, labels: Map<string, string>) => ({
  ...c, checkedAt: c.checkedAt.toISOString(),
  answers: c.answers.map((a) => ({ ...a, label: labels.get(a.key) ?? a.key, resultName: CHECK_RESULTS[a.result] })),
});
const wireVisit = (v: Visit) => ({ ...v, visitedAt: v.visitedAt.toISOString(), recordedAt: v.recordedAt.toISOString(), methodName: VISIT_METHODS[v.method] });

function sampledCase(d: Draw, caseId: string) {
  if (!d.caseIds.includes(caseId)) throw notFound('抽查办件', caseId);
}

/** One sampled case: its checklist (the template and every answer given), visits and findings. */
export async function sampledCaseDetail(ctx: AppContext, actor: Actor, input: { drawId: string; caseId: string }) {
  const d = await loadDraw(ctx.db, actor, input.drawId);
  sampledCase(d, input.caseId);
  const [[c], checks, visits, findings] = await Promise.all([
    sampledCases(ctx.db, [input.caseId]), checksOf(ctx.db, d.id, input.caseId), visitsOf(ctx.db, d.id, input.caseId), findingsOf(ctx.db, d.id, input.caseId),
  ]);
  const list = checklistFor(c?.category ?? null);
  const labels = new Map(list.items.map((i) => [i.key, i.label]));
  return {
    draw: wireDraw(d),
    case: { id: input.caseId, caseNo: c?.caseNo ?? null, itemCode: c?.itemCode ?? null, itemName: c?.itemName ?? null, concludedAt: c?.concludedAt?.toISOString() ?? null, conclusion: c?.conclusion ?? null },
    category: list.category, categoryName: CATEGORIES[list.category], checklist: list.items,
    checks: checks.map((k) => wireCheck(k, labels)), latest: checks.length ? wireCheck(checks[checks.length - 1], labels) : null,
    visits: visits.map(wireVisit),
    findings: findings.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    canAct: can(actor, 'supervision.act', { regionCode: d.regionCode }),
  };
}

/** Records a checklist for a sampled case: every check answered; a new record each time (the latest in force). */
export async function recordCheck(ctx: AppContext, actor: Actor, input: { drawId: string; caseId: string; answers: CheckAnswer[]; summary?: string }) {
  return audited(ctx, actor, {
    action: 'sampling.check', target: `${input.drawId}/${input.caseId}`,
    run: async (q) => {
      const d = await loadDraw(q, actor, input.drawId, true);
      sampledCase(d, input.caseId);
      const [c] = await sampledCases(q, [input.caseId]);
      const list = checklistFor(c?.category ?? null);
      const answers = (input.answers ?? []).map((a) => ({ key: a.key, result: a.result, remark: (a.remark ?? '').trim() }));
      const problem = answersProblem(list.items, answers);
      if (problem) throw invalid('answers', problem);
      const by = who(actor);
      const k: Check = {
        id: newId(), drawId: d.id, caseId: input.caseId, category: list.category, answers, nonconforming: answers.filter((a) => a.result === 'nonconform').length,
        summary: input.summary?.trim() || null, checkedById: by.id, checkedByName: by.name, checkedAt: ctx.clock.now(),
      };
      await insertCheck(q, k);
      return wireCheck(k, new Map(list.items.map((i) => [i.key, i.label])));
    },
    details: (k) => ({ checkId: k.id, nonconforming: k.nonconforming }),
  });
}

/** 回访: who visited which party of a sampled case, when and how, the party's answer, satisfied or not. */
export async function recordVisit(ctx: AppContext, actor: Actor, input: { drawId: string; caseId: string; method: VisitMethod; visitedAt?: Date; partyName: string; answer: string; satisfied: boolean }) {
  return audited(ctx, actor, {
    action: 'sampling.visit', target: `${input.drawId}/${input.caseId}`,
    run: async (q) => {
      const d = await loadDraw(q, actor, input.drawId, true);
      sampledCase(d, input.caseId);
      if (!Object.hasOwn(VISIT_METHODS, input.method)) throw invalid('method', '回访方式须为 电话、上门 或 短信 (unknown method)');
      const partyName = input.partyName?.trim();
      const answer = input.answer?.trim();
      if (!partyName) throw invalid('partyName', '被回访人不能为空 (party required)');
      if (!answer) throw invalid('answer', '回访情况不能为空 (the party\'s answer is required)');
      if (typeof input.satisfied !== 'boolean') throw invalid('satisfied', '须注明是否满意 (satisfied or not)');
      const now = ctx.clock.now();
      const visitedAt = input.visitedAt ?? now;
      if (visitedAt > now) throw invalid('visitedAt', '回访时间不能晚于现在 (in the future)');
      if (visitedAt < d.drawnAt) throw invalid('visitedAt', '回访时间不能早于抽取时间 (before the draw)');
      const by = who(actor);
      const v: Visit = {
        id: newId(), drawId: d.id, caseId: input.caseId, method: input.method, visitedAt, partyName, answer, satisfied: input.satisfied,
        visitorId: by.id, visitorName: by.name, recordedAt: now,
      };
      await insertVisit(q, v);
      return wireVisit(v);
    },
    details: (v) => ({ visitId: v.id, method: v.method, satisfied: v.satisfied }),
  });
}
