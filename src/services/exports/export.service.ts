import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { can, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import {
  decideExportRequest, getExportRequest, insertExportDownload, insertExportRequest, listExportRequestsBy, listExportRequestsInScope, orgNames,
  type ExportRequestRow, type ExportStatus,
} from '../../store/export.store.js';
import { audited, auditRefusal } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { notifyHolders } from '../messages/notify.js';
import { EXPORT_LISTS, EXPORT_MAX_ROWS, mayRead, type ExportList } from './export-lists.js';

/**
 * Exports on the server, recorded and approved. 川办发〔2014〕2号 电子监察办法 第十五条: 复制下载相关数据须经
 * 单位分管领导批准, 未经批准不得复制和传播电子监察系统数据. A request names the list, its filters and the
 * use (用途); supervision and personal data wait for a leader (领导) of the requester's unit (its region, or
 * above; a leader confined to a department approves only that department's requests), never the requester;
 * the approval lasts APPROVAL_DAYS; the file is built at each download with the requester's scope, and
 * each download is registered and audited with its row count.
 */
export const APPROVAL_DAYS = 7;

const who = (actor: Actor) => {
  if (actor.kind !== 'user') throw forbidden('导出须以用户身份登录 (user session required)');
  return actor;
};

const FILTER_NAMES: Record<string, string> = {
  department: '部门', region: '地区', caseNo: '办件编号', code: '问题类型', level: '级别', status: '状态', from: '起', to: '止', kind: '类型',
  scope: '范围', date: '日期', light: '亮灯', actorId: '操作人', action: '操作', outcome: '结果', target: '对象', q: '关键字',
  subject: '对象', actor: '查阅人', quarter: '季度',
};
const VALUE_NAMES: Record<string, string> = {
  yellow: '黄色预警', red: '红色报警', green: '绿灯', none: '未亮灯', open: '办理中或待处理', explained: '已说明', resolved: '已办结', appealed: '已申诉',
  returned: '已退回', escalated: '已上报', revoked: '已撤销', withdrawn: '已撤回', issued: '待反馈', answered: '待审核', accepted: '已受理或已办结',
  submitted: '待受理', not_accepted: '不予受理', transferred: '已转办', concluded: '已办结', complaint: '投诉', report: '举报', consultation: '咨询',
  mine: '我的办件', department: '本部门办件', suspended: '已暂停', success: '成功', failure: '失败', denied: '拒绝',
  good: '好评', neutral: '中评', bad: '差评', draft: '拟办', served: '已送达', replied: '已回复', closed: '已办结',
  liability_proposal: '追究建议', inquiry: '函询', interview: '约谈', admonition: '告诫', circular: '通报批评',
};

/** Where a word means something else in one list. */
const LIST_VALUE_NAMES: Record<string, string> = {
  'cases.open': '办理中', 'alerts.open': '待处理', 'orders.accepted': '已办结', 'complaints.accepted': '已受理',
};

/** The filters in words (Chinese: names of departments and regions, not their codes). */
function filtersText(list: string, f: Record<string, string>, names: Map<string, string>): string {
  const parts = Object.entries(f).map(([k, v]) => {
    const val = k === 'department' || k === 'region' ? names.get(v) ?? v : k === 'from' || k === 'to' ? v.slice(0, 10) : LIST_VALUE_NAMES[`${list}.${v}`] ?? VALUE_NAMES[v] ?? v;
    return `${FILTER_NAMES[k] ?? k}：${val}`;
  });
  return parts.length ? parts.join('；') : '全部';
}

function wire(r: ExportRequestRow, now: Date, names: Map<string, string>) {
  const l = EXPORT_LISTS[r.list];
  const expired = r.status === 'approved' && r.expiresAt !== null && r.expiresAt <= now;
  return {
    id: r.id, list: r.list, listTitle: l?.title ?? r.list, kind: l?.kind ?? null, filters: r.filters, filtersText: filtersText(r.list, r.filters, names),
    approvalRequired: r.approvalRequired, purpose: r.purpose, requestedBy: r.requestedBy, requestedByName: r.requestedByName,
    regionCode: r.regionCode, regionName: r.regionCode ? names.get(r.regionCode) ?? null : null,
    departmentCode: r.departmentCode, departmentName: r.departmentCode ? names.get(r.departmentCode) ?? null : null,
    requestedAt: r.requestedAt.toISOString(), status: (expired ? 'expired' : r.status) as ExportStatus | 'expired',
    decidedByName: r.decidedByName, decidedAt: r.decidedAt?.toISOString() ?? null, decisionReason: r.decisionReason,
    expiresAt: r.expiresAt?.toISOString() ?? null, downloads: r.downloads, lastRowCount: r.lastRowCount,
  };
}
export type WireExport = ReturnType<typeof wire>;

function listOf(key: string): ExportList {
  const l = EXPORT_LISTS[key];
  if (!l) throw invalid('list', `没有可导出的列表 ${key}`);
  return l;
}

function parseFilters(l: ExportList, filters: Record<string, unknown>) {
  const r = l.filters.safeParse(filters);
  if (!r.success) {
    const i = r.error.issues[0];
    throw invalid(`filters.${i?.path.join('.') ?? ''}`, `导出条件无效: ${i?.message ?? ''}`);
  }
  return r.data;
}

/** The lists that can be exported, and whether each needs a leader's approval (第十五条). */
export function exportCatalogue(actor: Actor) {
  who(actor);
  return {
    lists: Object.values(EXPORT_LISTS).map((l) => ({ key: l.key, title: l.title, kind: l.kind, approvalRequired: l.kind !== 'public', allowed: mayRead(actor, l) })),
    approvalDays: APPROVAL_DAYS, maxRows: EXPORT_MAX_ROWS,
  };
}

export async function requestExport(ctx: AppContext, actor: Actor, input: { list: string; filters?: Record<string, unknown>; purpose?: string }) {
  return audited(ctx, actor, {
    action: 'export.request', target: input.list,
    run: async (q) => {
      const u = who(actor);
      const l = listOf(input.list);
      if (!mayRead(actor, l)) throw forbidden(`无权查看${l.title}, 不能导出`);
      // the filters are kept as given (strings) and parsed again at each download
      const raw = Object.fromEntries(Object.entries(input.filters ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]));
      parseFilters(l, raw);
      const approvalRequired = l.kind !== 'public';
      const purpose = input.purpose?.trim() ?? '';
      // 第十五条: 复制下载须经批准 — the leader approves knowing the use
      if (approvalRequired && purpose.length < 2) throw invalid('purpose', '导出监察数据或个人信息须填写用途 (第十五条: 须经单位分管领导批准)');
      const now = ctx.clock.now();
      const row = {
        id: newId(), list: l.key, filters: raw, approvalRequired, purpose: purpose || '公开数据导出', requestedBy: u.userId, requestedByName: u.name || u.username,
        regionCode: u.regionCode, departmentCode: u.departmentCode, requestedAt: now,
        status: (approvalRequired ? 'pending' : 'approved') as ExportStatus,
        decidedBy: null, decidedByName: null, decidedAt: approvalRequired ? null : now,
        decisionReason: approvalRequired ? null : '公开数据, 无须审批 (登记备查)',
        expiresAt: approvalRequired ? null : new Date(now.getTime() + APPROVAL_DAYS * 86400_000),
      };
      await insertExportRequest(q, row);
      // 第十五条: the leaders who may approve it have a request waiting (消息中心)
      if (approvalRequired && u.regionCode) {
        await notifyHolders(q, now, { perm: 'export.approve', regionCode: u.regionCode, departmentCode: u.departmentCode ?? null, except: actor }, {
          kind: 'approval', title: `导出待审批：${l.title}`, body: `${row.requestedByName} 申请导出「${l.title}」，用途：${row.purpose}`,
          link: '/exports/approvals', subjectKind: 'export', subjectId: row.id, dedupeKey: `export:${row.id}`,
        }, ctx.log);
      }
      return wire({ ...row, downloads: 0, lastRowCount: null }, now, await orgNames(q));
    },
    details: (r) => ({ id: r.id, list: r.list, filters: r.filters, approvalRequired: r.approvalRequired, purpose: r.purpose, status: r.status }),
  });
}

/** 我的导出申请. */
export async function myExports(ctx: AppContext, actor: Actor) {
  const u = who(actor);
  const names = await orgNames(ctx.db);
  const now = ctx.clock.now();
  return { exports: (await listExportRequestsBy(ctx.db, u.userId)).map((r) => wire(r, now, names)) };
}

/** 待审批: the requests of the units the leader covers (their own left out: no self-approval). */
export async function exportsToApprove(ctx: AppContext, actor: Actor, f: { status?: ExportStatus }) {
  const u = who(actor);
  if (!can(actor, 'export.approve')) throw forbidden('只有单位分管领导可以审批导出 (第十五条)');
  const rows = await listExportRequestsInScope(ctx.db, scopeFilter(actor, 'export.approve'), { status: f.status });
  const names = await orgNames(ctx.db);
  const now = ctx.clock.now();
  return { exports: rows.filter((r) => r.approvalRequired && r.requestedBy !== u.userId && covers(actor, r)).map((r) => wire(r, now, names)) };
}

const covers = (actor: Actor, r: ExportRequestRow) => can(actor, 'export.approve', { regionCode: r.regionCode, departmentCode: r.departmentCode ?? null });

export async function decideExport(ctx: AppContext, actor: Actor, input: { id: string; approve: boolean; reason: string }) {
  return audited(ctx, actor, {
    action: input.approve ? 'export.approve' : 'export.refuse', target: input.id,
    run: async (q) => {
      const u = who(actor);
      const r = await getExportRequest(q, input.id, true);
      if (!r) throw notFound('导出申请', input.id);
      if (!can(actor, 'export.approve')) throw forbidden('只有单位分管领导可以审批导出 (第十五条)');
      // 第十五条: 须经单位分管领导批准 — a leader of the requester's unit (its region or above)
      if (!covers(actor, r)) throw forbidden('非申请人所在单位的分管领导, 不能审批此导出');
      if (r.requestedBy === u.userId) throw forbidden('不得审批本人的导出申请');
      if (r.status !== 'pending') throw new AppError('CONFLICT', '该导出申请已审批 (already decided)', { status: r.status });
      const reason = input.reason?.trim() ?? '';
      if (!reason) throw invalid('reason', input.approve ? '请填写审批意见' : '不予批准须说明理由');
      const now = ctx.clock.now();
      const expiresAt = input.approve ? new Date(now.getTime() + APPROVAL_DAYS * 86400_000) : null;
      await decideExportRequest(q, r.id, { status: input.approve ? 'approved' : 'refused', decidedBy: u.userId, decidedByName: u.name || u.username, decidedAt: now, reason, expiresAt });
      return wire({ ...r, status: input.approve ? 'approved' : 'refused', decidedBy: u.userId, decidedByName: u.name || u.username, decidedAt: now, decisionReason: reason, expiresAt }, now, await orgNames(q));
    },
    details: (r) => ({ list: r.list, requestedBy: r.requestedBy, status: r.status, reason: r.decisionReason, expiresAt: r.expiresAt }),
  });
}

/** Why a download is refused now, or null. */
function downloadRefusal(actor: Actor, r: ExportRequestRow, now: Date): AppError | null {
  if (actor.kind !== 'user' || r.requestedBy !== actor.userId) return forbidden('只有申请人本人可以下载');
  if (r.status === 'pending') return forbidden('导出申请尚未经单位分管领导批准 (第十五条)');
  if (r.status === 'refused') return forbidden('导出申请未获批准');
  if (r.expiresAt && r.expiresAt <= now) return forbidden(`批准已过期 (${APPROVAL_DAYS} 日内有效), 请重新申请`);
  return null;
}

/** Builds the workbook: a title row naming the list, its filters and the approval, then the rows. */
async function workbook(l: ExportList, r: ExportRequestRow, rows: any[], names: Map<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xingquan 行权平台';
  const ws = wb.addWorksheet(l.title.slice(0, 31));
  ws.columns = l.columns.map((c) => ({ header: c.header, width: Math.max(12, c.header.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    ws.addRow(l.columns.map((c) => {
      const v = c.value(row);
      return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : (v as string | number);
    }));
  }
  const info = wb.addWorksheet('导出说明');
  info.addRows([
    ['列表', l.title], ['条件', filtersText(r.list, r.filters, names)], ['行数', rows.length], ['用途', r.purpose], ['申请人', r.requestedByName],
    ['批准', r.approvalRequired ? `${r.decidedByName ?? ''} ${r.decisionReason ?? ''}` : '公开数据, 无须审批'], ['登记号', r.id],
    ['依据', '川办发〔2014〕2号 电子监察办法 第十五条: 未经批准, 不得复制和传播电子监察系统数据'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The file of an approved request, built now with the requester's scope; the download is registered and audited. */
export async function downloadExport(ctx: AppContext, actor: Actor, id: string): Promise<{ fileName: string; body: Buffer; rows: number }> {
  const r = await getExportRequest(ctx.db, id);
  if (!r || (actor.kind === 'user' && r.requestedBy !== actor.userId && !can(actor, 'export.approve'))) throw notFound('导出申请', id);
  const refusal = downloadRefusal(actor, r, ctx.clock.now());
  if (refusal) return auditRefusal(ctx, actor, 'export.download', id, refusal);
  const l = listOf(r.list);
  const rows = await l.rows(ctx, actor, parseFilters(l, r.filters));
  if (rows.length > EXPORT_MAX_ROWS) throw invalid('filters', `超过 ${EXPORT_MAX_ROWS} 行, 请缩小导出条件`);
  const names = await orgNames(ctx.db);
  const body = await workbook(l, r, rows, names);
  const sha256 = createHash('sha256').update(body).digest('hex');
  await audited(ctx, actor, {
    action: 'export.download', target: id,
    run: async (q) => {
      const again = await getExportRequest(q, id, true);
      const now = ctx.clock.now();
      const no = again ? downloadRefusal(actor, again, now) : notFound('导出申请', id);
      if (no) throw no;
      const u = who(actor);
      return insertExportDownload(q, { requestId: id, at: now, accountId: u.userId, accountName: u.username, rowCount: rows.length, sha256 });
    },
    details: (seq) => ({ list: l.key, title: l.title, filters: r.filters, rows: rows.length, sha256, download: seq }),
  });
  const day = new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return { fileName: `${l.title}-${day}.xlsx`, body, rows: rows.length };
}
