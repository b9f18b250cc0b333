import { allowedActions } from '../../domain/cases/case.decide.js';
import { daysLeft, lightAt } from '../../domain/cases/case.clocks.js';
import { scopeFilter, type Actor } from '../../domain/org/policy.js';
import { AppError } from '../../errors.js';
import { maskedCounterparty, maskedListName } from '../../domain/seal/mask.js';
import { caseFromRow, loadCaseEvents, loadConflicts } from '../../store/case.store.js';
import { scopeSql, Where } from '../../store/scope-sql.js';
import { getClocks } from '../calendar/clocks.js';
import type { AppContext } from '../context.js';
import { caseFor } from './workbench.service.js';
import { acceptanceDueAt } from './acceptance-due.js';

export interface ListInput {
  scope: 'mine' | 'department';
  status?: 'open' | 'suspended' | 'concluded' | 'submitted';
  light?: 'green' | 'yellow' | 'red' | 'none';
  caseNo?: string;
  limit?: number;
  offset?: number;
}

/** 我的办件 / 本部门办件 with their lights and working days left (成都办法 第八条: 黄灯预警、红灯纠错). */
export async function listCases(ctx: AppContext, actor: Actor, input: ListInput) {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', '须以用户身份登录 (user session required)');
  const now = ctx.clock.now();
  const w = new Where();
  w.conds.push(scopeSql(scopeFilter(actor, 'case.read'), w.params, { region: 'region_code', dept: 'department_code' }));
  if (input.scope === 'mine') w.add('handler_id = ?', actor.userId);
  else if (actor.departmentCode) w.add('department_code = ?', actor.departmentCode);
  if (input.status) w.add('status = ?', input.status);
  if (input.caseNo) w.add('case_no LIKE ?', `%${input.caseNo.replace(/[%_\\]/g, '\\$&')}%`);
  // light as of now, from the stored instants (the stored column is as of the last write)
  if (input.light === 'none') w.add(`status IN ('concluded', 'none')`);
  else if (input.light === 'red') w.add(`status IN ('open','suspended') AND (due_at <= ? OR legal_due_at <= ?)`, now, now);
  else if (input.light === 'yellow') w.add(`status IN ('open','suspended') AND warn_at <= ? AND (due_at IS NULL OR due_at > ?) AND (legal_due_at IS NULL OR legal_due_at > ?)`, now, now, now);
  else if (input.light === 'green') w.add(`status IN ('open','suspended') AND (warn_at IS NULL OR warn_at > ?) AND (legal_due_at IS NULL OR legal_due_at > ?)`, now, now);
  const limit = Math.min(input.limit ?? 50, 500);
  const where = w.conds.length ? `WHERE ${w.conds.join(' AND ')}` : '';
  const total = (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases ${where}`, w.params))[0].n;
  const rows = await ctx.db.query(
    `SELECT * FROM cases ${where} ORDER BY (status = 'concluded'), due_at NULLS LAST, case_no LIMIT ${limit} OFFSET ${Math.max(0, input.offset ?? 0)}`, w.params);
  const cases = rows.map(caseFromRow);
  const names = await itemNames(ctx, cases);
  return {
    total,
    cases: cases.map((c) => {
      const cal = ctx.calendars.forRegion(c.regionCode);
      const n = names.get(`${c.itemCode}@${c.itemVersion}`);
      return {
        id: c.id, caseNo: c.caseNo, departmentCode: c.departmentCode, itemCode: c.itemCode, itemName: n?.name ?? null, status: c.status, conclusion: c.conclusion,
        currentStep: c.currentStep, currentStepName: (c.currentStep && n?.steps[c.currentStep]) || null, counterpartyName: maskedListName(c.counterpartyName), createdAt: c.createdAt, acceptedAt: c.acceptedAt, dueAt: c.dueAt, legalDueAt: c.legalDueAt,
        stepDueAt: c.stepDueAt, light: lightAt(c.status, c, now),
        daysLeft: c.status === 'concluded' ? null : daysLeft(cal, now, c.dueAt ?? c.legalDueAt),
      };
    }),
  };
}

/** Names of the item versions the listed cases are judged by, and of their steps (one query per page). */
async function itemNames(ctx: AppContext, cases: { itemCode: string | null; itemVersion: number | null }[]) {
  const keys = [...new Set(cases.filter((c) => c.itemCode && c.itemVersion != null).map((c) => `${c.itemCode}@${c.itemVersion}`))];
  const out = new Map<string, { name: string; steps: Record<string, string> }>();
  if (!keys.length) return out;
  const rows = await ctx.db.query<{ item_code: string; version: number; name: string; steps: { key: string; name: string }[] | null }>(
    `SELECT item_code, version, content->>'name' AS name, content->'flow'->'steps' AS steps FROM power_item_versions
     WHERE (item_code || '@' || version) = ANY($1::text[])`, [keys]);
  for (const r of rows) out.set(`${r.item_code}@${r.version}`, { name: r.name, steps: Object.fromEntries((r.steps ?? []).map((x) => [x.key, x.name])) });
  return out;
}

/** A case with its events timeline, conflicting submissions, clocks with explanations and allowed actions. */
export async function caseDetail(ctx: AppContext, actor: Actor, id: string) {
  const c = await caseFor(ctx.db, actor, id, 'case.read');
  const now = ctx.clock.now();
  const [events, conflicts, clocks, evidence] = await Promise.all([
    loadCaseEvents(ctx.db, id), loadConflicts(ctx.db, id), getClocks(ctx.db, 'case', id),
    ctx.db.query('SELECT id, kind, name, mime, size, sha256, sm3, uploaded_at FROM evidence_files WHERE case_id = $1 ORDER BY uploaded_at', [id]),
  ]);
  const { state: stored, item, ...row } = c;
  // GB/T 22239-2019 8.1.4.11: personal data shown masked (also what was stored plain before sealing); 查看 unmasks
  const state = stored.counterparty ? { ...stored, counterparty: maskedCounterparty(stored.counterparty) } : stored;
  const masked = (data: any) => (data?.counterparty && typeof data.counterparty.name === 'string' ? { ...data, counterparty: maskedCounterparty(data.counterparty) } : data);
  return {
    ...row, light: lightAt(c.status, c, now),
    daysLeft: c.status === 'concluded' ? null : daysLeft(ctx.calendars.forRegion(c.regionCode), now, c.dueAt ?? c.legalDueAt),
    state,
    item: item ? { code: item.code, version: item.version, name: item.name, category: item.category, flow: item.flow, fees: item.fees, discretion: item.discretion, materials: item.materials, remedies: item.remedies ?? null } : null,
    events: events.map((e) => ({ seq: e.seq, eventId: e.eventId, type: e.type, occurredAt: e.occurredAt, receivedAt: e.receivedAt, actor: e.actor, data: masked(e.data), source: e.source })),
    conflicts: conflicts.map((e) => ({ eventId: e.eventId, type: e.type, occurredAt: e.occurredAt, receivedAt: e.receivedAt, data: masked(e.data) })),
    clocks: clocks.map((k) => ({ kind: k.kind, start: k.start, workingDays: k.workingDays, extensionDays: k.extensionDays, dueAt: k.dueAt, warnAt: k.warnAt, provisional: k.provisional, open: k.open, explanation: k.explanation })),
    evidenceFiles: evidence.map((f) => ({ id: f.id, kind: f.kind, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, sm3: f.sm3, uploadedAt: f.uploaded_at })),
    allowedActions: allowedActions(state, item),
    acceptanceDueAt: await acceptanceDueAt(ctx.db, ctx, state, c.regionCode),
  };
}
