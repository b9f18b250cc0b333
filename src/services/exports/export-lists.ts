import { z } from 'zod';
import { instantString } from '../../domain/cases/event.schema.js';
import { can, type Actor, type Permission } from '../../domain/org/policy.js';
import { ALERT_CODES } from '../../domain/supervision/codes.js';
import { INDICATORS } from '../../domain/evaluation/indicators.js';
import { getScores } from '../evaluation/score.service.js';
import { orgNames } from '../../store/export.store.js';
import { readAudit } from '../admin/audit-read.service.js';
import { listUsers } from '../admin/user.service.js';
import { listCases } from '../cases/case-read.service.js';
import { itemsInScope, toImportShape } from '../catalog/catalog-transfer.service.js';
import type { AppContext } from '../context.js';
import { listDepartments, listRegions } from '../org/org.service.js';
import { searchAlerts } from '../supervision/alert.service.js';
import { listComplaints } from '../supervision/complaint.service.js';
import { orderLedger } from '../supervision/order.service.js';
import { dailyLog, dashboard } from '../supervision/stats.service.js';
import { patrolReport } from '../supervision/patrol.service.js';
import { ACCOUNTABILITY_KINDS, ACCOUNTABILITY_STATUS_NAMES, accountabilityRegister } from '../supervision/accountability.service.js';
import { ratingsForExport, TASK_STATUS_NAMES } from '../supervision/bad-rating.service.js';
import { CHANNELS, RATING_NAMES, SUB_INDICATORS } from '../supervision/satisfaction.service.js';
import { listPersonalReads } from '../security/personal-data.service.js';
import { samplingLedger } from '../supervision/sampling-findings.service.js';

/**
 * The lists that can be exported (导出), each built on the server by the list's own service, so
 * with the same authorization and region/department scope as the list on screen.
 *
 * 川办发〔2014〕2号 电子监察办法 第十五条: 复制下载(电子监察系统)相关数据须经单位分管领导批准 — a list of
 * supervision data (alerts, orders, statistics, the audit trail) or of personal data (cases with
 * their applicants, complaints with complainants, accounts) waits for a leader's approval; the
 * public lists (the power catalog, regions, departments: published anyway) are exported at once.
 * Every export, approved or not, is in the register and the audit log.
 */
export type ExportKind = 'supervision' | 'personal' | 'public';

export interface ExportColumn { header: string; value: (row: any) => unknown }

export interface ExportList {
  key: string;
  /** The list's name (Chinese: the sheet and file are named after it). */
  title: string;
  kind: ExportKind;
  /** Any of these lets the actor read the list (the service checks the scope itself). */
  perms: Permission[];
  /** Where the list asks more than one of `perms` (e.g. a global grant), the same check here. */
  may?: (actor: Actor) => boolean;
  filters: z.ZodObject<any>;
  columns: ExportColumn[];
  rows: (ctx: AppContext, actor: Actor, filters: any) => Promise<any[]>;
}

/** At most this many rows per export (a larger one is refused: narrow the filters). */
export const EXPORT_MAX_ROWS = 20000;

const region = z.string().regex(/^[0-9]{6}$/, '须为 6 位行政区划代码');
const instant = z.string().pipe(instantString).transform((s) => new Date(s));
const short = z.string().max(200);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为 YYYY-MM-DD');
const pct = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 1000) / 10}%` : '');
const tally = (x: any) => (x ? `本级 ${x.own ?? 0}，市 ${x.cities ?? 0}，县 ${x.counties ?? 0}` : '');

const CST = (v: unknown): string => {
  if (!v) return '';
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) return String(v);
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
};
const LEVEL: Record<string, string> = { yellow: '黄色预警', red: '红色报警' };
const ALERT_STATUS: Record<string, string> = {
  open: '待处理', explained: '已说明', appealed: '已申诉', resolved: '已办结', returned: '已打回', escalated: '已上报', revoked: '已撤销', withdrawn: '已撤回',
};
const ORDER_STATUS: Record<string, string> = { issued: '待反馈', answered: '待初审', first_reviewed: '待审结', returned: '退回重办', accepted: '已办结' };
const COMPLAINT_STATUS: Record<string, string> = { submitted: '待受理', accepted: '已受理', not_accepted: '不予受理', transferred: '已转办', concluded: '已办结' };
const COMPLAINT_KIND: Record<string, string> = { complaint: '投诉', report: '举报', consultation: '咨询' };
const CASE_STATUS: Record<string, string> = { open: '办理中', suspended: '已暂停', concluded: '已办结', none: '未受理', submitted: '待受理' };
const TARGET_KIND: Record<string, string> = { department: '部门', post: '岗位', officer: '工作人员' };
const READ_SUBJECT: Record<string, string> = { case: '案件当事人', complaint: '投诉人' };
const READ_FIELD: Record<string, string> = { name: '姓名', idNumber: '证件号', phone: '电话', address: '地址' };
const LIGHT: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '—' };
const OUTCOME: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' };
const ROLE: Record<string, string> = {
  system_admin: '系统管理员', security_admin: '安全管理员', audit_admin: '审计管理员', region_admin: '地区管理员', department_admin: '部门管理员',
  handler: '经办人', legal_reviewer: '法制审核员', supervisor: '监察员', leader: '领导',
  dept_supervisor: '部门监察室', secrecy_officer: '保密办', staffing_reviewer: '编办审核员',
};
const ITEM_STATUS: Record<string, string> = { active: '有效', suspended: '暂停', abolished: '已取消', draft: '草稿' };
const say = (m: Record<string, string>, v: unknown) => (v === null || v === undefined ? '' : m[String(v)] ?? String(v));

/** Pages through a list service until it runs dry (or past the cap). */
async function pages<T>(page: (limit: number, offset: number) => Promise<T[]>, size: number): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; out.length <= EXPORT_MAX_ROWS; offset += size) {
    const rows = await page(size, offset);
    out.push(...rows);
    if (rows.length < size) break;
  }
  return out;
}

/** Adds the Chinese names of departments and regions (`_dept`, `_region`) to each row. */
async function named(ctx: AppContext, rows: any[], dept: (r: any) => string | null, reg?: (r: any) => string | null) {
  const names = await orgNames(ctx.db);
  return rows.map((r) => ({ ...r, _dept: names.get(dept(r) ?? '') ?? dept(r) ?? '', _region: reg ? names.get(reg(r) ?? '') ?? reg(r) ?? '' : '' }));
}

export const EXPORT_LISTS: Record<string, ExportList> = {
  alerts: {
    key: 'alerts', title: '预警报警', kind: 'supervision', perms: ['alert.read'],
    filters: z.object({
      department: z.string().max(100).optional(), caseNo: short.optional(), code: z.enum(Object.keys(ALERT_CODES) as [string, ...string[]]).optional(),
      level: z.enum(['yellow', 'red']).optional(), status: z.enum(Object.keys(ALERT_STATUS) as [string, ...string[]]).optional(),
      region: region.optional(), from: instant.optional(), to: instant.optional(),
    }).strict(),
    columns: [
      { header: '级别', value: (a) => say(LEVEL, a.level) }, { header: '问题类型', value: (a) => ALERT_CODES[a.code as keyof typeof ALERT_CODES]?.name ?? a.code },
      { header: '办件编号', value: (a) => a.caseNo }, { header: '部门', value: (a) => a._dept }, { header: '环节', value: (a) => a.stepName ?? a.step },
      { header: '发生时间', value: (a) => CST(a.raisedAt) }, { header: '责任人', value: (a) => a.responsibleOfficerName }, { header: '责任岗位', value: (a) => a.responsiblePost },
      { header: '状态', value: (a) => say(ALERT_STATUS, a.detailedStatus) }, { header: '内容', value: (a) => a.message }, { header: '预警编号', value: (a) => a.id },
    ],
    rows: async (ctx, actor, f) => named(ctx, await pages((limit, offset) => searchAlerts(ctx, actor, { ...f, limit, offset }).then((r) => r.alerts), 1000), (a) => a.departmentCode),
  },
  orders: {
    key: 'orders', title: '督办台账', kind: 'supervision', perms: ['supervision.read', 'order.respond'],
    filters: z.object({ region: region.optional(), department: z.string().max(100).optional(), status: z.enum(['issued', 'answered', 'first_reviewed', 'returned', 'accepted']).optional(), from: instant.optional(), to: instant.optional() }).strict(),
    columns: [
      { header: '督办编号', value: (o) => o.orderNo }, { header: '办件编号', value: (o) => o.caseNo }, { header: '部门', value: (o) => o._dept },
      { header: '督办事项', value: (o) => o.subject }, { header: '督办要求', value: (o) => o.instructions }, { header: '下达时间', value: (o) => CST(o.issuedAt) },
      { header: '反馈期限', value: (o) => CST(o.dueAt) }, { header: '反馈', value: (o) => o.answer?.findings }, { header: '状态', value: (o) => say(ORDER_STATUS, o.status) + (o.overdue ? '（逾期）' : '') },
    ],
    rows: async (ctx, actor, f) => named(ctx, (await orderLedger(ctx, actor, f)).orders, (o) => o.departmentCode),
  },
  complaints: {
    key: 'complaints', title: '投诉举报', kind: 'personal', perms: ['complaint.handle'],
    filters: z.object({ status: z.enum(['submitted', 'accepted', 'not_accepted', 'transferred', 'concluded']).optional(), region: region.optional(), kind: z.enum(['complaint', 'report', 'consultation']).optional() }).strict(),
    columns: [
      { header: '编号', value: (c) => c.complaintNo }, { header: '类型', value: (c) => say(COMPLAINT_KIND, c.kind) }, { header: '实名', value: (c) => (c.realName ? '是' : '否') },
      { header: '投诉人', value: (c) => c.complainant?.name }, { header: '联系电话', value: (c) => c.complainant?.phone }, { header: '地区', value: (c) => c._region },
      { header: '部门', value: (c) => c._dept }, { header: '办件编号', value: (c) => c.caseNo }, { header: '主题', value: (c) => c.subject }, { header: '内容', value: (c) => c.content },
      { header: '收到时间', value: (c) => CST(c.receivedAt) }, { header: '状态', value: (c) => say(COMPLAINT_STATUS, c.status) }, { header: '结果', value: (c) => c.result },
    ],
    rows: async (ctx, actor, f) => named(ctx, (await listComplaints(ctx, actor, f)).complaints, (c) => c.departmentCode, (c) => c.regionCode),
  },
  cases: {
    key: 'cases', title: '办件', kind: 'personal', perms: ['case.read'],
    filters: z.object({ scope: z.enum(['mine', 'department']).optional(), status: z.enum(['open', 'suspended', 'concluded', 'submitted']).optional(), light: z.enum(['green', 'yellow', 'red', 'none']).optional(), caseNo: short.optional() }).strict(),
    columns: [
      { header: '办件编号', value: (c) => c.caseNo }, { header: '事项', value: (c) => c.itemName ?? c.itemCode }, { header: '部门', value: (c) => c._dept },
      { header: '申请人', value: (c) => c.counterpartyName }, { header: '当前环节', value: (c) => c.currentStepName ?? c.currentStep }, { header: '受理时间', value: (c) => CST(c.acceptedAt) },
      { header: '承诺期限', value: (c) => CST(c.dueAt) }, { header: '法定期限', value: (c) => CST(c.legalDueAt) }, { header: '亮灯', value: (c) => say(LIGHT, c.light) },
      { header: '状态', value: (c) => say(CASE_STATUS, c.status) },
    ],
    rows: async (ctx, actor, f) => named(ctx, await pages((limit, offset) => listCases(ctx, actor, { scope: 'department', ...f, limit, offset } as any).then((r) => r.cases), 500), (c) => c.departmentCode),
  },
  audit: {
    key: 'audit', title: '审计日志', kind: 'supervision', perms: ['audit.read'],
    filters: z.object({ from: instant.optional(), to: instant.optional(), actorId: z.string().max(100).optional(), action: z.string().max(100).optional(), outcome: z.enum(['success', 'failure', 'denied']).optional(), target: short.optional() }).strict(),
    columns: [
      { header: '序号', value: (r) => r.seq }, { header: '时间', value: (r) => CST(r.at) }, { header: '操作人', value: (r) => r.actorName }, { header: '角色', value: (r) => String(r.role ?? '').split(',').map((x) => ROLE[x] ?? x).join('、') },
      { header: '操作', value: (r) => r.action }, { header: '对象', value: (r) => r.target }, { header: '结果', value: (r) => say(OUTCOME, r.outcome) }, { header: '来源地址', value: (r) => r.sourceIp },
    ],
    rows: async (ctx, actor, f) => {
      const out: any[] = [];
      let beforeSeq: number | undefined;
      for (;;) {
        const r = await readAudit(ctx, actor, { ...f, limit: 1000, beforeSeq });
        out.push(...r.records);
        if (!r.nextBeforeSeq || out.length > EXPORT_MAX_ROWS) return out;
        beforeSeq = r.nextBeforeSeq;
      }
    },
  },
  users: {
    key: 'users', title: '用户', kind: 'personal', perms: ['user.read'],
    filters: z.object({ region: z.string().regex(/^[0-9]{1,6}$/).optional(), department: z.string().max(100).optional(), q: z.string().max(50).optional() }).strict(),
    columns: [
      { header: '账号', value: (u) => u.username }, { header: '姓名', value: (u) => u.name }, { header: '地区', value: (u) => u._region }, { header: '部门', value: (u) => u._dept },
      { header: '角色', value: (u) => (u.grants ?? []).map((g: any) => ROLE[g.role] ?? g.role).join('、') }, { header: '状态', value: (u) => (u.disabled ? '已停用' : '正常') },
    ],
    rows: async (ctx, actor, f) => named(ctx, await pages((limit, offset) => listUsers(ctx, actor, { ...f, limit, offset }).then((r) => r.users), 500), (u) => u.department, (u) => u.region),
  },
  statistics: {
    key: 'statistics', title: '部门亮灯统计', kind: 'supervision', perms: ['stats.read'],
    filters: z.object({ region: region.optional(), from: instant.optional(), to: instant.optional() }).strict(),
    columns: [{ header: '部门', value: (d) => d.name ?? d.department }, { header: '黄色预警', value: (d) => d.yellow }, { header: '红色报警', value: (d) => d.red }],
    rows: async (ctx, actor, f) => (await dashboard(ctx, actor, f)).byDepartment as any[],
  },
  'daily-log': {
    key: 'daily-log', title: '监察日志', kind: 'supervision', perms: ['supervision.read'],
    filters: z.object({ date: day, region: region.optional() }).strict(),
    columns: [
      { header: '部门', value: (d) => d.name }, { header: '办理', value: (d) => d.handled }, { header: '提前办结', value: (d) => d.completedEarly },
      { header: '临近时限', value: (d) => d.nearLimit }, { header: '超时', value: (d) => d.overdue }, { header: '异常', value: (d) => d.abnormal },
      { header: '超时或异常', value: (d) => d.overdueOrAbnormal }, { header: '主动督办', value: (d) => d.ordersOwnInitiative }, { header: '督办反馈', value: (d) => d.ordersAnswered },
      { header: '超时异常率', value: (d) => pct(d.ratios?.overdueOrAbnormal) },
    ],
    rows: async (ctx, actor, f) => ((await dailyLog(ctx, actor, f)) as any).departments ?? [],
  },
  patrols: {
    key: 'patrols', title: '巡查情况', kind: 'supervision', perms: ['supervision.read'],
    filters: z.object({ from: day, to: day, region: region.optional() }).strict(),
    columns: [
      { header: '地区', value: (x) => x._region }, { header: '日期', value: (x) => x.day }, { header: '应巡', value: (x) => tally(x.required) },
      { header: '已巡', value: (x) => tally(x.done) }, { header: '缺额', value: (x) => (x.met ? '' : tally(x.short)) }, { header: '达标', value: (x) => (x.met ? '达标' : '未达标') },
      { header: '巡查人', value: (x) => Object.entries(x.bySupervisor ?? {}).map(([k, n]) => `${k}×${n}`).join('，') },
    ],
    rows: async (ctx, actor, f) => named(ctx, ((await patrolReport(ctx, actor, f)) as any).rows ?? [], () => null, (x) => x.region),
  },
  evaluation: {
    key: 'evaluation', title: '绩效考评', kind: 'supervision', perms: ['evaluation.read'],
    filters: z.object({ region, period: z.string().regex(/^\d{4}-(\d{2}|Q[1-4])$/, '考评期间: YYYY-MM 或 YYYY-Qn') }).strict(),
    columns: [
      { header: '名次', value: (d) => d.rank }, { header: '部门', value: (d) => d.name ?? d.department }, { header: '得分', value: (d) => (typeof d.score === 'number' ? Number(d.score.toFixed(2)) : d.score) },
      { header: '指标（值，得分）', value: (d) => Object.entries<any>(d.indicators ?? {}).map(([k, x]) => {
        const v = typeof x?.value === 'number' ? Math.round(x.value * 1000) / 1000 : '—';
        return `${INDICATORS[k as keyof typeof INDICATORS]?.name ?? k} ${v}（${x?.contribution ?? 0}）`;
      }).join('；') },
    ],
    rows: async (ctx, actor, f) => ((await getScores(ctx, actor, f)) as any).departments ?? [],
  },
  ratings: {
    // 四川电子监察办法 第十条(三)、第十一条(三): 好差评; 第十五条: 监察数据, 导出须经批准. The rater only masked (个人信息 最小必要).
    key: 'ratings', title: '好差评', kind: 'supervision', perms: ['supervision.read', 'order.respond'],
    filters: z.object({ region: region.optional(), department: z.string().max(100).optional(), level: z.enum(['good', 'neutral', 'bad']).optional(), from: instant.optional(), to: instant.optional() }).strict(),
    columns: [
      { header: '评价时间', value: (r) => CST(r.ratedAt) }, { header: '对象', value: (r) => (r.subjectKind === 'complaint' ? `投诉 ${r.complaintNo ?? ''}` : r.caseNo) },
      { header: '地区', value: (r) => r._region }, { header: '部门', value: (r) => r.departmentName ?? r._dept },
      { header: '评价', value: (r) => RATING_NAMES[r.rating] ?? '' },
      { header: '分项评价', value: (r) => Object.entries<number>(r.indicators ?? {}).map(([k, v]) => `${SUB_INDICATORS[k as keyof typeof SUB_INDICATORS] ?? k} ${v}`).join('，') },
      { header: '渠道', value: (r) => CHANNELS[r.channel as keyof typeof CHANNELS] ?? '' }, { header: '实名', value: (r) => (r.realName ? '实名' : '匿名') },
      { header: '评价人（脱敏）', value: (r) => r.raterMasked ?? '' }, { header: '联系电话（脱敏）', value: (r) => r.raterPhoneMasked ?? '' },
      { header: '差评理由', value: (r) => r.reason }, { header: '评价内容', value: (r) => r.comment },
      { header: '差评处理', value: (r) => (r.taskStatus ? TASK_STATUS_NAMES[r.taskStatus as keyof typeof TASK_STATUS_NAMES] ?? '' : '') },
    ],
    rows: async (ctx, actor, f) => named(ctx, await ratingsForExport(ctx, actor, f, EXPORT_MAX_ROWS), (r) => r.departmentCode, (r) => r.regionCode),
  },
  accountability: {
    // 川办发〔2014〕2号 电子监察办法 第八条(四): 问责台账 (监察数据, 第十五条: 导出须经批准)
    key: 'accountability', title: '问责台账', kind: 'supervision', perms: ['supervision.read', 'order.respond'],
    filters: z.object({
      region: region.optional(), department: z.string().max(100).optional(), kind: z.enum(Object.keys(ACCOUNTABILITY_KINDS) as [string, ...string[]]).optional(),
      status: z.enum(Object.keys(ACCOUNTABILITY_STATUS_NAMES) as [string, ...string[]]).optional(), from: instant.optional(), to: instant.optional(),
    }).strict(),
    columns: [
      { header: '编号', value: (e) => e.entryNo }, { header: '问责方式', value: (e) => e.kindName ?? ACCOUNTABILITY_KINDS[e.kind as keyof typeof ACCOUNTABILITY_KINDS]?.name ?? '' },
      { header: '问责对象', value: (e) => e.targetName }, { header: '对象类别', value: (e) => say(TARGET_KIND, e.targetKind) },
      { header: '地区', value: (e) => e._region }, { header: '部门', value: (e) => e._dept }, { header: '事由', value: (e) => e.reason }, { header: '要求', value: (e) => e.requirement },
      { header: '回复期限', value: (e) => CST(e.replyDueAt) }, { header: '状态', value: (e) => ACCOUNTABILITY_STATUS_NAMES[e.status as keyof typeof ACCOUNTABILITY_STATUS_NAMES] ?? '' },
      { header: '回复', value: (e) => e.reply }, { header: '回复时间', value: (e) => CST(e.repliedAt) }, { header: '办结意见', value: (e) => e.conclusion },
      { header: '办结时间', value: (e) => CST(e.closedAt) }, { header: '提出人', value: (e) => e.createdByName }, { header: '提出时间', value: (e) => CST(e.createdAt) },
    ],
    rows: async (ctx, actor, f) => named(ctx, (await accountabilityRegister(ctx, actor, f)).entries, (e) => e.departmentCode, (e) => e.regionCode),
  },
  'sampling-ledger': {
    // 达州意见 四(三): 季度督查, 工作台账; 川办发〔2014〕2号 电子监察办法 第十一条(三)(四) 回访、抽样监察 (监察数据, 第十五条: 导出须经批准)
    key: 'sampling-ledger', title: '季度检查台账', kind: 'supervision', perms: ['supervision.read'],
    filters: z.object({ region, quarter: z.string().regex(/^\d{4}-Q[1-4]$/, '季度须为 YYYY-Qn') }).strict(),
    columns: [
      { header: '地区', value: (r) => r.regionName ?? '' }, { header: '部门', value: (r) => r.departmentName ?? '' }, { header: '抽查次数', value: (r) => r.draws },
      { header: '抽取办件', value: (r) => r.casesSampled }, { header: '已检查办件', value: (r) => r.casesChecked }, { header: '不符合项', value: (r) => r.nonconformingChecks },
      { header: '有问题办件', value: (r) => r.casesNonconforming }, { header: '回访', value: (r) => r.visits }, { header: '回访不满意', value: (r) => r.visitsUnsatisfied },
      { header: '发现问题', value: (r) => r.findings }, { header: '转预警', value: (r) => r.alerts }, { header: '转问责', value: (r) => r.accountability },
    ],
    rows: async (ctx, actor, f) => (await samplingLedger(ctx, actor, f)).rows,
  },
  'personal-data-reads': {
    // GB/T 22239-2019 8.1.4.11: 个人信息查阅记录 (审计数据, 第十五条: 导出须经批准, like the audit log); the audit administrator's only
    key: 'personal-data-reads', title: '个人信息查阅记录', kind: 'supervision', perms: ['audit.read'], may: (a) => can(a, 'audit.read', { regionCode: null }),
    filters: z.object({ subject: short.optional(), actor: z.string().max(100).optional() }).strict(),
    columns: [
      { header: '时间', value: (r) => CST(r.at) }, { header: '查阅人', value: (r) => r.actorName }, { header: '类别', value: (r) => say(READ_SUBJECT, r.subjectKind) },
      { header: '对象', value: (r) => r.subjectRef }, { header: '地区', value: (r) => r._region }, { header: '部门', value: (r) => r._dept },
      { header: '字段', value: (r) => (r.fields ?? []).map((x: string) => READ_FIELD[x] ?? x).join('、') }, { header: '用途', value: (r) => r.purpose },
    ],
    rows: async (ctx, actor, f) => {
      const out: any[] = [];
      let beforeId: number | undefined;
      for (;;) {
        const { reads } = await listPersonalReads(ctx, actor, { subjectRef: f.subject, actorId: f.actor, limit: 1000, beforeId });
        out.push(...reads);
        if (reads.length < 1000 || out.length > EXPORT_MAX_ROWS) break;
        beforeId = reads[reads.length - 1].id;
      }
      return named(ctx, out, (r) => r.departmentCode, (r) => r.regionCode);
    },
  },
  catalog: {
    key: 'catalog', title: '权力事项目录', kind: 'public', perms: ['catalog.read'],
    filters: z.object({ region: region.optional(), department: z.string().max(100).optional() }).strict(),
    columns: [
      { header: '事项编码', value: (i) => i.code }, { header: '事项名称', value: (i) => i.name }, { header: '部门', value: (i) => i._dept },
      { header: '法定时限（工作日）', value: (i) => i.legalLimitDays }, { header: '承诺时限（工作日）', value: (i) => i.promisedLimitDays }, { header: '状态', value: (i) => say(ITEM_STATUS, i.status) },
    ],
    rows: async (ctx, actor, f) => named(ctx, (await itemsInScope(ctx, actor, f)).map(toImportShape), (i) => i.department as string),
  },
  regions: {
    key: 'regions', title: '行政区划', kind: 'public', perms: ['org.read'],
    filters: z.object({}).strict(),
    columns: [{ header: '区划代码', value: (r) => r.code }, { header: '名称', value: (r) => r.name }, { header: '上级', value: (r) => r._region }],
    rows: async (ctx, actor) => named(ctx, (await listRegions(ctx, actor, {})).regions, () => null, (r) => r.parent),
  },
  departments: {
    key: 'departments', title: '部门', kind: 'public', perms: ['org.read'],
    filters: z.object({ region: z.string().regex(/^[0-9]{1,6}$/).optional(), q: z.string().max(50).optional() }).strict(),
    columns: [{ header: '部门编码', value: (d) => d.code }, { header: '名称', value: (d) => d.name }, { header: '地区', value: (d) => d._region }],
    rows: async (ctx, actor, f) => named(ctx, (await listDepartments(ctx, actor, f)).departments, () => null, (d) => d.region),
  },
};

export const EXPORT_LIST_KEYS = Object.keys(EXPORT_LISTS) as [string, ...string[]];

export const mayRead = (actor: Actor, l: ExportList) => l.perms.some((p) => can(actor, p)) && (!l.may || l.may(actor));
