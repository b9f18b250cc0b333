import {
  ADJUSTMENT_KINDS, APPROVAL_WORKING_DAYS, FILING_WORKING_DAYS, LIST_ADJUSTMENT_WORKING_DAYS, REVIEW_WORKING_DAYS, cstDate, cstMidnight, effectiveInstant, filingLateness, kindAllowed, nextStage,
  statusAfter, type AdjustmentAction, type AdjustmentKind,
} from '../../domain/catalog/adjustment.js';
import type { LegalBasis, PowerItem } from '../../domain/catalog/item.types.js';
import { ADJUSTMENT_KIND_NAMES, type AdjustmentStage } from '../../domain/catalog/adjustment.js';
import { approvalRegion, stageAfter, stagesFor, type ReviewStage } from '../../domain/catalog/adjustment-stages.js';
import { validateItem, type ItemInput } from '../../domain/catalog/item.validate.js';
import { checkSampleForms } from './catalog-files.service.js';
import { can, grantsFor, type Actor, type Permission } from '../../domain/org/policy.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import {
  getAdjustment as loadAdjustment, insertAdjustment, openAdjustmentFor, setListAnnounced, updateAdjustment, type Adjustment, type Attachment,
} from '../../store/adjustment.store.js';
import { departmentRegion, getItemRow, latestVersion } from '../../store/catalog.store.js';
import type { Queryable } from '../../store/db.js';
import { audited } from '../audit.service.js';
import { closeClocks, setClock } from '../calendar/clocks.js';
import type { AppContext } from '../context.js';
import { actorId } from './import-items.js';
import { storeItem, stripVersion } from './item-writer.js';
import { newId } from '../ids.js';
import { notifyHolders, type Notice } from '../messages/notify.js';

export interface AdjustmentInput {
  kind: AdjustmentKind;
  itemCode?: string | null;
  departmentCode?: string | null;
  /** The item as it should read after the change (§2 shape), for add and change. */
  proposal?: Record<string, unknown> | null;
  reason: string;
  legalBasis?: LegalBasis[];
  /** The day the law, regulation or mandate changed (川 第三条: file within 20 days). */
  lawChangedOn?: string | null;
  /** 达州意见 三(四): the day the government announced the power list this request answers (清单公告之日). */
  listAnnouncedOn?: string | null;
  /** The day the new version takes effect (YYYY-MM-DD). */
  effectiveOn: string;
  attachments?: Attachment[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const actorName = (a: Actor) => (a.kind === 'user' ? a.name : a.kind === 'system' ? a.name : a.kind === 'apiKey' ? a.name : 'public');

function checkBasics(input: AdjustmentInput): void {
  if (!ADJUSTMENT_KINDS.includes(input.kind)) throw invalid('kind', `调整类型须为 ${ADJUSTMENT_KINDS.join('/')} 之一 (unknown kind)`);
  // 川 目录动态调整办法 第三条(一): 填写权力依据或取消的依据、理由
  if (!input.reason?.trim()) throw invalid('reason', '须说明调整理由 (reason is required)');
  if (!DATE.test(input.effectiveOn ?? '') || Number.isNaN(Date.parse(input.effectiveOn))) throw invalid('effectiveOn', '生效日期须为 YYYY-MM-DD (effectiveOn must be a date)');
  if (input.lawChangedOn && (!DATE.test(input.lawChangedOn) || Number.isNaN(Date.parse(input.lawChangedOn))))
    throw invalid('lawChangedOn', '依据变化日期须为 YYYY-MM-DD (lawChangedOn must be a date)');
  if (input.listAnnouncedOn && (!DATE.test(input.listAnnouncedOn) || Number.isNaN(Date.parse(input.listAnnouncedOn))))
    throw invalid('listAnnouncedOn', '清单公告日期须为 YYYY-MM-DD (listAnnouncedOn must be a date)');
  for (const [i, a] of (input.attachments ?? []).entries()) if (!a?.name?.trim()) throw invalid(`attachments[${i}].name`, '附件须有名称 (attachment name is required)');
  for (const [i, b] of (input.legalBasis ?? []).entries()) if (!b?.law?.trim()) throw invalid(`legalBasis[${i}].law`, '须写明法律法规名称 (law is required)');
}

/** The checked proposal of an add/change request (the item as it will read). */
function checkProposal(input: AdjustmentInput, departmentCode: string, code: string | null): ItemInput | null {
  if (input.kind !== 'add' && input.kind !== 'change') return null;
  if (!input.proposal || typeof input.proposal !== 'object') throw invalid('proposal', '增加或变更须提交调整后的事项内容 (proposal is required)');
  const r = validateItem({ ...input.proposal, department: departmentCode, code, status: 'in_force' });
  if (!r.ok) {
    const first = r.problems[0]!;
    throw new AppError('VALIDATION', `proposal.${first.field}: ${r.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, { field: `proposal.${first.field}`, problems: r.problems });
  }
  return r.item;
}

/** A proposal's sample forms (样表) name uploaded files of its department (else 400 naming the field). */
async function checkProposalForms(q: Queryable, departmentCode: string, proposal: ItemInput | null): Promise<void> {
  const problem = proposal ? await checkSampleForms(q, departmentCode, proposal.materialDetails) : null;
  if (problem) throw new AppError('VALIDATION', `proposal.${problem}`, { field: `proposal.${problem.split(':')[0]}` });
}

async function itemStatusNow(q: Queryable, code: string): Promise<{ status: string; category: string; departmentCode: string; regionCode: string } | null> {
  const row = await getItemRow(q, code);
  if (!row) return null;
  const last = await latestVersion(q, code);
  // the latest version (even one not yet in effect) is what a new request builds on
  return { status: row.retired ? 'cancelled' : last?.status ?? row.status, category: row.category, departmentCode: row.departmentCode, regionCode: row.regionCode };
}

/** Creates a draft request (部门申报). */
export async function createAdjustment(ctx: AppContext, actor: Actor, input: AdjustmentInput): Promise<Adjustment> {
  checkBasics(input);
  const id = newId();
  return audited(ctx, actor, {
    action: 'catalog.adjustment.create', target: `adjustment:${id}`,
    run: async (q) => {
      let departmentCode: string;
      let itemCode: string | null = null;
      if (input.kind === 'add') {
        if (!input.departmentCode) throw invalid('departmentCode', '增加事项须指定实施部门 (departmentCode is required)');
        departmentCode = input.departmentCode;
      } else {
        if (!input.itemCode) throw invalid('itemCode', '须指定调整的事项编码 (itemCode is required)');
        const cur = await itemStatusNow(q, input.itemCode);
        const why = kindAllowed(input.kind, cur?.status ?? null);
        if (why) throw invalid('itemCode', `${input.itemCode}: ${why}`);
        departmentCode = cur!.departmentCode;
        itemCode = input.itemCode;
        if (await openAdjustmentFor(q, itemCode)) throw new AppError('CONFLICT', `事项 ${itemCode} 已有未办结的调整申请 (an open request exists for this item)`, { field: 'itemCode' });
      }
      const dept = await departmentRegion(q, departmentCode);
      if (!dept) throw invalid('departmentCode', `实施部门不存在: ${departmentCode} (unknown department)`);
      if (!can(actor, 'catalog.draft', { regionCode: dept.regionCode, departmentCode })) throw forbidden('catalog.draft');
      const proposal = checkProposal(input, departmentCode, itemCode);
      await checkProposalForms(q, departmentCode, proposal);
      if (proposal && input.kind === 'add') {
        const dup = await q.query(`SELECT code FROM power_items WHERE department_code = $1 AND name = $2 AND NOT retired`, [departmentCode, proposal.name]);
        if (dup.length) throw invalid('proposal.name', `本部门已有同名事项 ${dup[0]!.code}，请使用变更 (an item of that name exists)`);
      }
      if (proposal && itemCode) {
        const cur = await itemStatusNow(q, itemCode);
        if (cur && cur.category !== proposal.category) throw invalid('proposal.category', '变更不得改变权力类别，请取消后新增 (category cannot change)');
      }
      const now = ctx.clock.now();
      const a: Adjustment = {
        id, kind: input.kind, itemCode, departmentCode, regionCode: dept.regionCode, stage: 'draft',
        proposal: input.proposal ?? null, reason: input.reason.trim(), legalBasis: input.legalBasis ?? [],
        lawChangedOn: input.lawChangedOn ?? null, effectiveOn: input.effectiveOn, attachments: input.attachments ?? [],
        ...filingLateness(input.lawChangedOn ?? null, now), returnReasons: null,
        history: [{ at: now.toISOString(), by: actorId(actor), byName: actorName(actor), action: 'create', stage: 'draft' }],
        resultingVersion: null, createdBy: actorId(actor), createdAt: now, submittedAt: null, updatedAt: now,
      };
      await insertAdjustment(q, a);
      await setAdjustmentTimers(q, ctx, a, input.listAnnouncedOn ?? null);
      return a;
    },
    details: (a) => ({ kind: a.kind, itemCode: a.itemCode, departmentCode: a.departmentCode, late: a.late }),
  });
}

export async function loadForAction(q: Queryable, id: string): Promise<Adjustment> {
  const a = await loadAdjustment(q, id, true);
  if (!a) throw notFound('调整申请', id);
  return a;
}

/** The stages this request passes (adjustment-stages.ts), from the item as it reads now. */
export async function stagesOf(q: Queryable, a: Adjustment): Promise<ReviewStage[]> {
  const cur = a.itemCode ? await latestVersion(q, a.itemCode) : null;
  return stagesFor({ kind: a.kind, proposal: a.proposal, current: cur ? { confidential: cur.confidential, flow: cur.flow } : null });
}

/** Moves a request that passed a stage into the next one (its history entry names where it went); the leader's stage gets its clock. */
export async function enterStage(q: Queryable, ctx: AppContext, a: Adjustment, to: AdjustmentStage, now: Date, actor: Actor): Promise<void> {
  a.stage = to;
  const last = a.history.at(-1);
  if (last) a.history = [...a.history.slice(0, -1), { ...last, stage: to }];
  if (to !== 'approval') return;
  await setClock(q, ctx, { ownerKind: 'adjustment', ownerId: a.id, kind: 'approval', regionCode: a.regionCode, start: now, workingDays: APPROVAL_WORKING_DAYS });
  // 消息中心: the region's leaders have an adjustment to approve
  await notifyHolders(q, now, { perm: 'catalog.approve', regionCode: a.regionCode, departmentCode: a.departmentCode, except: actor },
    adjustmentNotice(a, 'approve', now), ctx.log);
}

export function move(a: Adjustment, action: AdjustmentAction, actor: Actor, now: Date, note?: string): void {
  const to = nextStage(a.stage, action);
  if (!to) throw new AppError('CONFLICT', `申请处于「${a.stage}」阶段，不能执行 ${action} (not allowed in this stage)`, { field: 'stage', stage: a.stage });
  a.stage = to;
  a.updatedAt = now;
  a.history = [...a.history, { at: now.toISOString(), by: actorId(actor), byName: actorName(actor), action, stage: to, ...(note ? { note } : {}) }];
}

/**
 * The timers a request carries from its dates (swept into alerts, sweep-timers.ts):
 * 盐城 数据库更新维护办法 第七条: 法律、法规、规章公布后 10 个工作日内完成申报 (closed at submission);
 * 达州意见 三(四): 清单公告之日起 5 个工作日内在行权平台上作出相应调整 (closed at the leader's decision).
 */
async function setAdjustmentTimers(q: Queryable, ctx: AppContext, a: Adjustment, listAnnouncedOn: string | null): Promise<void> {
  if (a.lawChangedOn && !a.submittedAt) {
    await setClock(q, ctx, { ownerKind: 'adjustment', ownerId: a.id, kind: 'filing', regionCode: a.regionCode, start: cstMidnight(a.lawChangedOn), workingDays: FILING_WORKING_DAYS });
  }
  if (listAnnouncedOn) {
    await setListAnnounced(q, a.id, listAnnouncedOn);
    await setClock(q, ctx, { ownerKind: 'adjustment', ownerId: a.id, kind: 'list', regionCode: a.regionCode, start: cstMidnight(listAnnouncedOn), workingDays: LIST_ADJUSTMENT_WORKING_DAYS });
  }
}

/** Revises a draft or returned request (only its department). */
export async function reviseAdjustment(ctx: AppContext, actor: Actor, id: string, input: Partial<AdjustmentInput>): Promise<Adjustment> {
  return audited(ctx, actor, {
    action: 'catalog.adjustment.revise', target: `adjustment:${id}`,
    run: async (q) => {
      const a = await loadForAction(q, id);
      if (!can(actor, 'catalog.draft', { regionCode: a.regionCode, departmentCode: a.departmentCode })) throw forbidden('catalog.draft');
      const merged: AdjustmentInput = {
        kind: a.kind, itemCode: a.itemCode, departmentCode: a.departmentCode, proposal: input.proposal ?? a.proposal,
        reason: input.reason ?? a.reason, legalBasis: input.legalBasis ?? a.legalBasis, lawChangedOn: input.lawChangedOn ?? a.lawChangedOn,
        effectiveOn: input.effectiveOn ?? a.effectiveOn, attachments: input.attachments ?? a.attachments,
      };
      checkBasics(merged);
      await checkProposalForms(q, a.departmentCode, checkProposal(merged, a.departmentCode, a.itemCode));
      move(a, 'revise', actor, ctx.clock.now());
      Object.assign(a, { proposal: merged.proposal ?? null, reason: merged.reason.trim(), legalBasis: merged.legalBasis ?? [],
        lawChangedOn: merged.lawChangedOn ?? null, effectiveOn: merged.effectiveOn, attachments: merged.attachments ?? [] });
      await updateAdjustment(q, a);
      await setAdjustmentTimers(q, ctx, a, input.listAnnouncedOn ?? null);
      return a;
    },
  });
}

/** Submits (or resubmits) the request to the legal office; starts the 3-working-day review clock. */
export async function submitAdjustment(ctx: AppContext, actor: Actor, id: string): Promise<Adjustment> {
  return audited(ctx, actor, {
    action: 'catalog.adjustment.submit', target: `adjustment:${id}`,
    run: async (q) => {
      const a = await loadForAction(q, id);
      if (!can(actor, 'catalog.draft', { regionCode: a.regionCode, departmentCode: a.departmentCode })) throw forbidden('catalog.draft');
      const now = ctx.clock.now();
      move(a, 'submit', actor, now);
      if (!a.submittedAt) {
        a.submittedAt = now;
        // 川 目录动态调整办法 第三条: 公布之日起20日内提出申请 — filed later is flagged
        Object.assign(a, filingLateness(a.lawChangedOn, now));
      }
      await closeClocks(q, 'adjustment', a.id, 'filing'); // 盐城 数据库更新维护办法 第七条: 申报 done
      // 盐城 网上运行办法 第十七条(三): 法制办3个工作日内完成审核意见
      await setClock(q, ctx, { ownerKind: 'adjustment', ownerId: a.id, kind: 'review', regionCode: a.regionCode, start: now, workingDays: REVIEW_WORKING_DAYS });
      await updateAdjustment(q, a);
      // 消息中心: the region's 法制审核员 have an adjustment to review
      await notifyHolders(q, now, { perm: 'catalog.review', regionCode: a.regionCode, departmentCode: a.departmentCode, except: actor },
        adjustmentNotice(a, 'review', now), ctx.log);
      return a;
    },
    details: (a) => ({ late: a.late, daysAfterChange: a.daysAfterChange }),
  });
}

/**
 * The actor holds `perm` for exactly this government's region (本级法制部门/本级政府), not a
 * higher or lower one; a grant confined to a department covers only that department's requests
 * (盐城 数据库更新维护办法 第五条: 部门法制机构初审). The system actor may do anything.
 */
export function sameGovernment(actor: Actor, perm: Permission, regionCode: string, departmentCode: string): boolean {
  if (actor.kind === 'system') return true;
  return grantsFor(actor, perm).some((g) => g.regionCode === regionCode && (!g.departmentCode || g.departmentCode === departmentCode));
}

/** The message of an adjustment waiting for review or approval (one per submission: keyed by the instant). */
function adjustmentNotice(a: Adjustment, step: 'review' | 'approve', at: Date): Notice {
  const what = `${ADJUSTMENT_KIND_NAMES[a.kind] ?? ''}权力事项${a.itemCode ? ` ${a.itemCode}` : ''}`;
  return {
    kind: 'approval', title: step === 'review' ? `目录调整待法制审核：${what}` : `目录调整待审定：${what}`,
    body: `调整理由：${a.reason}`, link: '/admin/catalog', subjectKind: 'adjustment', subjectId: a.id,
    dedupeKey: `adjustment-${step}:${a.id}:${at.toISOString()}`,
  };
}

/** 法制审核: pass to the leader, or return with reasons. */
export async function reviewAdjustment(ctx: AppContext, actor: Actor, id: string, input: { decision: 'pass' | 'return'; reasons?: string }): Promise<Adjustment> {
  return audited(ctx, actor, {
    action: `catalog.adjustment.review_${input.decision}`, target: `adjustment:${id}`,
    run: async (q) => {
      const a = await loadForAction(q, id);
      // 川 目录动态调整办法 第四条: 本级政府法制部门提出审核意见
      if (!sameGovernment(actor, 'catalog.review', a.regionCode, a.departmentCode)) throw forbidden('catalog.review (本级法制审核员)');
      if (actor.kind === 'user' && actor.userId === a.createdBy) throw forbidden('申请人不得审核自己的申请 (no self-review)');
      const reasons = input.reasons?.trim() ?? '';
      if (input.decision === 'return' && !reasons) throw invalid('reasons', '退回须说明理由 (reasons are required)');
      const now = ctx.clock.now();
      move(a, input.decision === 'pass' ? 'review_pass' : 'review_return', actor, now, reasons || undefined);
      await closeClocks(q, 'adjustment', a.id, 'review');
      if (input.decision === 'return') a.returnReasons = reasons;
      else await enterStage(q, ctx, a, stageAfter(await stagesOf(q, a), 'review'), now, actor);
      await updateAdjustment(q, a);
      return a;
    },
  });
}

/** 领导审定: approve (the new version takes effect on its date), reject, or return with reasons. */
export async function decideAdjustment(ctx: AppContext, actor: Actor, id: string, input: { decision: 'approve' | 'reject' | 'return'; reasons?: string }): Promise<Adjustment> {
  return audited(ctx, actor, {
    action: `catalog.adjustment.${input.decision}`, target: `adjustment:${id}`,
    run: async (q) => {
      const a = await loadForAction(q, id);
      // 达州意见 三(四): a county's 暂停/启用 is agreed by the city government, not the county's own leader
      const approver = approvalRegion(a.kind, a.regionCode);
      if (!sameGovernment(actor, 'catalog.approve', approver, a.departmentCode)) {
        if (approver !== a.regionCode) throw forbidden(`县级事项的${ADJUSTMENT_KIND_NAMES[a.kind]}须报经市人民政府同意，应由 ${approver} 的领导审定（达州意见 三(四)） (a county's suspension or resumption is approved by the city government)`);
        throw forbidden('catalog.approve (本级政府领导)');
      }
      const reasons = input.reasons?.trim() ?? '';
      if (input.decision !== 'approve' && !reasons) throw invalid('reasons', '不予批准或退回须说明理由 (reasons are required)');
      const now = ctx.clock.now();
      move(a, input.decision === 'approve' ? 'approve' : input.decision === 'reject' ? 'reject' : 'leader_return', actor, now, reasons || undefined);
      await closeClocks(q, 'adjustment', a.id, 'approval');
      // 达州意见 三(四): the adjustment is made on the platform (or refused) at the leader's decision
      if (input.decision !== 'return') await closeClocks(q, 'adjustment', a.id, 'list');
      if (input.decision === 'return') a.returnReasons = reasons;
      if (input.decision === 'approve') {
        const stored = await applyAdjustment(q, ctx, actor, a, now);
        a.itemCode = stored.code;
        a.resultingVersion = stored.version;
      }
      await updateAdjustment(q, a);
      return a;
    },
    details: (a) => ({ itemCode: a.itemCode, version: a.resultingVersion, effectiveOn: a.effectiveOn }),
  });
}

/**
 * Writes the approved change as a new version effective on its date; the current version
 * stays in force until then (drafting never ends it early).
 */
async function applyAdjustment(q: Queryable, ctx: AppContext, actor: Actor, a: Adjustment, now: Date): Promise<{ code: string; version: number }> {
  const effectiveFrom = effectiveInstant(a.effectiveOn, now);
  const opts = { effectiveFrom, createdBy: actorId(actor), adjustmentId: a.id };
  if (a.kind === 'add' || a.kind === 'change') {
    const input = checkProposal({ ...a, proposal: a.proposal } as AdjustmentInput, a.departmentCode, a.itemCode)!;
    const r = await storeItem(q, ctx, input, { ...opts, forceNew: a.kind === 'add' });
    return { code: r.code, version: r.version.version };
  }
  const cur = await itemStatusNow(q, a.itemCode!);
  const why = kindAllowed(a.kind, cur?.status ?? null);
  if (why) throw new AppError('CONFLICT', `${a.itemCode}: ${why}`, { field: 'itemCode' });
  const last = (await latestVersion(q, a.itemCode!))!;
  const content: PowerItem = { ...stripVersion(last), status: statusAfter(a.kind) };
  const input: ItemInput = { ...content, code: content.code, status: content.status };
  const r = await storeItem(q, ctx, input, opts);
  return { code: r.code, version: r.version.version };
}

export { cstDate };
