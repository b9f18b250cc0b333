import { CommandRefused, decide, type CaseCommand } from '../../domain/cases/case.decide.js';
import { can, type Actor } from '../../domain/org/policy.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import { getCase, lockCaseKeys } from '../../store/case.store.js';
import type { Queryable } from '../../store/db.js';
import { audited } from '../audit.service.js';
import { findItemVersionInForce } from '../catalog/item-lookup.js';
import type { AppContext } from '../context.js';
import { ingestEvents } from './ingest.service.js';
import { workbenchActor } from './attribution.js';
import { newCaseNo, newQueryCode } from './query-code.js';
import { newId } from '../ids.js';
import { issueAcceptanceNotice, issueCorrectionNotice, issueDenialDecision, issueRejectionDecision } from '../documents/case-notices.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

/**
 * The workbench (网上办理): a handler's command becomes the same events the exchange stores,
 * through the same path (一次录入、实时共享), attributed to the logged-in user.
 */
function userOnly(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw forbidden('此操作须以用户身份登录 (user session required)');
  return actor;
}

const refused = (e: unknown): never => {
  if (e instanceof CommandRefused) throw new AppError(e.conflict ? 'CONFLICT' : 'VALIDATION', e.message, { field: e.field });
  throw e;
};

export interface RegisterInput {
  department?: string | null;
  itemCode: string;
  counterparty: { kind: 'person' | 'organization'; name: string; idNumber?: string | null; phone?: string | null };
  channel: 'window' | 'online' | 'onsite';
}

/** 受理/立案 on the workbench: an item in force, a validated counterparty; the server assigns caseNo and 查询码. */
export async function registerCase(ctx: AppContext, actor: Actor, input: RegisterInput): Promise<{ id: string; caseNo: string; queryCode: string; noticeId: string | null }> {
  const u = userOnly(actor);
  const department = input.department ?? u.departmentCode;
  if (!department) throw invalid('department', '须指定部门 (department required)');
  const dept = await ctx.db.query<{ region_code: string }>('SELECT region_code FROM departments WHERE code = $1', [department]);
  if (!dept.length) throw invalid('department', `部门 ${department} 不存在 (unknown department)`);
  const target = { regionCode: dept[0].region_code, departmentCode: department };
  if (!can(actor, 'case.write', target)) throw forbidden(`办件登记 ${department}`);
  const now = ctx.clock.now();
  const caseNo = newCaseNo(department, now);
  const queryCode = newQueryCode();
  return audited(ctx, actor, {
    action: 'case.register', target: `case:${department}/${caseNo}`,
    run: async (q) => {
      const item = await findItemVersionInForce(q, input.itemCode, now);
      if (item && item.departmentCode !== department) throw invalid('itemCode', '事项不属于本部门 (item belongs to another department)');
      // 川 平台办法 第六条: 涉密行政权力事项不进入行政职权目录 — not run on the platform, as on the exchange (§2)
      if (item?.confidential) {
        throw new AppError('VALIDATION', `涉密事项「${item.name}」不在行权平台登记办理，请按保密规定在平台外办理 (a confidential item's cases are not registered on the platform)`, { field: 'itemCode', code: 'CONFIDENTIAL_ITEM' });
      }
      let events;
      try {
        events = decide({ kind: 'register', data: { itemCode: input.itemCode, counterparty: input.counterparty, channel: input.channel } },
          { status: 'none' } as any, item);
      } catch (e) { return refused(e); }
      const a = await workbenchActor(q, u, { item, state: null });
      const r = await ingestEvents(q, ctx, {
        departmentCode: department, regionCode: target.regionCode, source: 'workbench', handlerId: u.userId, queryCodes: new Map([[caseNo, queryCode]]),
        events: events.map((e) => ({ eventId: `wb-${newId()}`, caseNo, type: e.type, occurredAt: now.toISOString(), actor: a, data: e.data })),
      });
      if (r.rejected.length) throw invalid(r.rejected[0].field ?? 'event', r.rejected[0].message);
      const id = r.caseIds.get(caseNo)!;
      // 达州意见 三(七): the 受理通知书 carries the query code, issued with the acceptance
      const notice = await issueAcceptanceNotice(q, ctx, actor, id);
      return { id, caseNo, queryCode, noticeId: notice?.id ?? null };
    },
  });
}

/** Loads a case the actor may act on (region and department), or refuses. */
export async function caseFor(q: Queryable, actor: Actor, id: string, perm: 'case.read' | 'case.write' | 'case.step' | 'evidence.write'): Promise<NonNullable<Awaited<ReturnType<typeof getCase>>>> {
  const c = await getCase(q, id);
  if (!c) throw notFound('案件', id);
  if (!can(actor, perm, { regionCode: c.regionCode, departmentCode: c.departmentCode })) {
    // never reveal another department's case exists
    if (!can(actor, 'case.read', { regionCode: c.regionCode, departmentCode: c.departmentCode })) throw notFound('案件', id);
    throw forbidden(`案件 ${c.caseNo}`);
  }
  return c;
}

type Command = Exclude<CaseCommand, { kind: 'register' }>;

/** Runs a command inside the caller's transaction: lock, reload, decide, store through the one path. */
export async function commandInTx(q: Queryable, ctx: AppContext, actor: Actor, caseId: string, cmd: Command): Promise<{ id: string; caseNo: string; eventId: string }> {
  const u = userOnly(actor);
  const perm = cmd.kind === 'attachEvidence' || cmd.kind === 'removeEvidence' ? 'evidence.write' : cmd.kind === 'completeStep' ? 'case.step' : 'case.write';
  const first = await caseFor(q, actor, caseId, perm);
  await lockCaseKeys(q, first.departmentCode, [first.caseNo]);
  const c = (await getCase(q, caseId))!;
  let events;
  try { events = decide(cmd, c.state, c.item); } catch (e) { return refused(e); }
  const step = cmd.kind === 'completeStep' ? c.item?.flow?.steps.find((s) => s.key === cmd.data.step) : undefined;
  if (cmd.kind === 'completeStep' && !step?.post) {
    // a step with no post is any handler's of the department: case.step alone (法制审核员) completes only the steps given to its post
    if (!can(actor, 'case.write', { regionCode: c.regionCode, departmentCode: c.departmentCode })) {
      throw new AppError('FORBIDDEN', `「${step?.name ?? cmd.data.step}」环节未指定岗位，由本部门经办人办理 (a step with no post is completed by the department's handlers)`, { field: 'step' });
    }
  }
  const a = await workbenchActor(q, u, { item: c.item, state: c.state, ...(cmd.kind === 'completeStep' ? { completing: cmd.data.step } : {}) });
  const now = ctx.clock.now();
  const ids = events.map(() => `wb-${newId()}`);
  const r = await ingestEvents(q, ctx, {
    departmentCode: c.departmentCode, regionCode: c.regionCode, source: 'workbench',
    events: events.map((e, i) => ({ eventId: ids[i], caseNo: c.caseNo, type: e.type, occurredAt: now.toISOString(), actor: a, data: e.data })),
  });
  if (r.rejected.length) throw invalid(r.rejected[0].field ?? 'event', r.rejected[0].message);
  return { id: c.id, caseNo: c.caseNo, eventId: ids[0] };
}

/** Any other workbench command (完成环节、补正、暂停、恢复、延期、回退、决定、不予受理、终止、执行、收费、办结). */
export async function runCommand(ctx: AppContext, actor: Actor, caseId: string, cmd: Command): Promise<{ id: string; caseNo: string; eventId: string; noticeId?: string }> {
  userOnly(actor);
  return audited(ctx, actor, {
    action: `case.${cmd.kind}`, target: `case:${caseId}`,
    run: async (q) => {
      const r = await commandInTx(q, ctx, actor, caseId, cmd);
      // 成都暂行办法 第九条(二)(三): the 一次性告知书 and the 不予受理决定书 are issued with the action
      if (cmd.kind === 'requestCorrection') return { ...r, noticeId: (await issueCorrectionNotice(q, ctx, actor, r.id, cmd.data.materials, cmd.data.reason)).id };
      if (cmd.kind === 'accept') return { ...r, noticeId: (await issueAcceptanceNotice(q, ctx, actor, r.id))?.id };
      if (cmd.kind === 'reject') return { ...r, noticeId: (await issueRejectionDecision(q, ctx, actor, r.id, cmd.data.reason, undefined, cmd.data.remedies)).id };
      // 行政许可法 第三十八条第二款: the 不予许可决定书 is issued in the transaction that stores the denial
      if (cmd.kind === 'decide' && cmd.data.outcome === 'denied') {
        const d = await issueDenialDecision(q, ctx, actor, r.id, { reason: cmd.data.reason ?? '', legalBasis: cmd.data.legalBasis ?? '', documentNo: cmd.data.documentNo ?? '' });
        return d ? { ...r, noticeId: d.id } : r;
      }
      return r;
    },
  });
}
