import { revealComplainant } from '../../services/security/personal-data.service.js';
import { z } from 'zod';
import { calendarDay } from '../security/schemas.js';
import { instantString } from '../../domain/cases/event.schema.js';
import { ALERT_STATUS_DOC } from '../alert-status-doc.js';
import { APPEAL_GROUNDS } from '../../domain/supervision/alert-lifecycle.js';
import { ALERT_CODE_LIST } from '../../domain/supervision/codes.js';
import { actOnAlert, alertDetail, issueRedCard, searchAlerts } from '../../services/supervision/alert.service.js';
import { concludeComplaint, decideComplaint, downloadComplaintAttachment, listComplaints, submitComplaint, transferComplaint } from '../../services/supervision/complaint.service.js';
import { answerOrder, extendOrder, issueOrder, orderDetail, orderLedger, reviewOrder } from '../../services/supervision/order.service.js';
import { patrolReport, recordPatrol } from '../../services/supervision/patrol.service.js';
import { configureRule, ruleLibrary } from '../../services/supervision/rule-settings.service.js';
import { dailyLog, dashboard } from '../../services/supervision/stats.service.js';
import { readSupervisionSettings, updateSupervisionSettings } from '../../services/supervision/settings.js';
import { sweepNow } from '../../services/supervision/sweep.service.js';
import { fileZeroExplanation, listZeroExplanations } from '../../services/supervision/zero-case.service.js';
import type { RouteModule } from '../app-types.js';
import { configureRegionSettings, readRegionSettings } from '../../services/supervision/region-settings.service.js';

const tags = ['supervision'];
const instant = z.string().transform((s) => s.replace(' ', '+')).pipe(instantString).transform((s) => new Date(s));
const region = z.string().regex(/^[0-9]{6}$/, '须为 6 位行政区划代码 (GB/T 2260)');
const day = calendarDay('须为 YYYY-MM-DD');
const idParams = z.object({ id: z.string().min(1).max(100) });
const text = (max = 4000) => z.string().max(max);
const attachments = z.array(z.object({ name: z.string().min(1).max(200), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(), url: z.string().max(500).optional() })).max(20).optional();
const complaintBody = z.object({
  kind: z.enum(['complaint', 'report', 'consultation']),
  realName: z.boolean(),
  complainant: z.object({ name: z.string().min(1).max(50), phone: z.string().max(30).optional(), address: z.string().max(200).optional() }).nullable().optional(),
  regionCode: region,
  departmentCode: z.string().max(100).nullable().optional(),
  caseNo: z.string().max(200).nullable().optional(),
  subject: z.string().min(1).max(200),
  content: z.string().min(1).max(5000),
});
export { complaintBody };

/** 电子监察 (interface standard §4, §5): sweep, alerts, red cards, rules, orders, complaints, patrols, logs. */
export const supervisionRoutes: RouteModule = (app, ctx) => {
  app.post('/api/supervision/sweep', {
    schema: {
      tags, summary: '按时点执行时限监察 (run the time sweep as of `at`, §4)',
      description: '`at` defaults to now and is never later than now on the real clock (400 naming `at`); on the drill clock (--clock) a later `at` first moves the clock forward to it, as POST /api/admin/clock does. `at` lies within the calendar\'s range (2000–2040).',
      body: z.object({ at: instant.optional() }).optional(),
    },
  }, (req) => sweepNow(ctx, req.actor, { at: req.body?.at }));

  app.get('/api/supervision/alerts', {
    schema: {
      tags, summary: '监察预警查询 (alerts across the supervisor\'s region, §5)',
      description: `${ALERT_STATUS_DOC} The \`status\` filter takes a wire status (open also finds returned and escalated alerts, explained also appealed ones) or a detailed one.`,
      querystring: z.object({
        department: z.string().max(100).optional(), caseNo: z.string().max(200).optional(), code: z.enum(ALERT_CODE_LIST as [string, ...string[]]).optional(),
        level: z.enum(['yellow', 'red']).optional(),
        status: z.enum(['open', 'explained', 'resolved', 'appealed', 'returned', 'escalated', 'revoked', 'withdrawn']).optional(),
        item: z.string().max(100).optional(), region: region.optional(), from: instant.optional(), to: instant.optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(), offset: z.coerce.number().int().min(0).optional(),
      }),
    },
  }, (req) => searchAlerts(ctx, req.actor, req.query as any));

  app.get('/api/supervision/alerts/:id', { schema: { tags, summary: '预警详情与处理记录 (alert with its history)', params: idParams } },
    (req) => alertDetail(ctx, req.actor, req.params.id));

  app.post('/api/supervision/alerts/:id/actions', {
    schema: {
      tags, summary: '说明/申诉/办结/撤销/打回/上报 (explain, appeal, resolve, revoke, return, escalate)', params: idParams,
      body: z.object({
        action: z.enum(['explain', 'appeal', 'resolve', 'revoke', 'return', 'escalate']), reason: text().optional(),
        ground: z.enum(Object.keys(APPEAL_GROUNDS) as [keyof typeof APPEAL_GROUNDS]).optional(), attachments,
        correctionDays: z.number().int().min(1).max(30).optional(),
      }),
    },
  }, (req) => actOnAlert(ctx, req.actor, { id: req.params.id, ...req.body }));

  app.post('/api/supervision/red-cards', {
    schema: { tags, summary: '出示红牌 (成都办法 第十条: red card by hand)', body: z.object({ departmentCode: z.string().min(1).max(100), caseNo: z.string().max(200).optional(), clause: z.number().int().min(1).max(12), message: z.string().min(1).max(2000) }) },
  }, (req) => issueRedCard(ctx, req.actor, req.body));

  app.get('/api/supervision/rules', { schema: { tags, summary: '监察规则库及本地区配置 (rule library and regional settings)', querystring: z.object({ region: region.optional() }) } },
    (req) => ruleLibrary(ctx, req.actor, req.query));
  app.put('/api/supervision/rules/:code', {
    schema: {
      tags, summary: '配置地区规则 (configure a rule for a region: versioned, audited)', params: z.object({ code: z.enum(ALERT_CODE_LIST as [string, ...string[]]) }),
      body: z.object({ region, enabled: z.boolean(), level: z.enum(['yellow', 'red']).nullable().optional(), threshold: z.number().positive().nullable().optional(), reason: z.string().min(1).max(1000) }),
    },
  }, (req) => configureRule(ctx, req.actor, { ...req.body, code: req.params.code as any }));

  const days = (max: number) => z.number().int().min(1).max(max);
  app.get('/api/supervision/settings', { schema: { tags, summary: '监察设置 (periods and patrol quota)' } }, (req) => readSupervisionSettings(ctx, req.actor));
  app.put('/api/supervision/settings', {
    schema: { tags, summary: '修改监察设置 (system administrator; audited)', body: z.object({
      yellowCorrectionDays: days(30).optional(), redEscalationDays: days(60).optional(), orderResponseDays: days(20).optional(),
      orderMaxExtensionDays: z.number().int().min(0).max(10).optional(), complaintAcceptanceDays: days(5).optional(), complaintTransferDays: days(60).optional(),
      badRatingVisitDays: days(10).optional(), badRatingRectifyDays: days(30).optional(), badRatingFeedbackDays: days(10).optional(), badRatingReviewDays: days(20).optional(),
      zeroCaseDueDay: days(28).optional(),
      patrolQuota: z.object({
        province: z.object({ own: z.number().int().min(0), cities: z.number().int().min(0), counties: z.number().int().min(0) }),
        city: z.object({ own: z.number().int().min(0), counties: z.number().int().min(0) }),
        county: z.object({ own: z.number().int().min(0) }),
      }).optional(),
    }).strict() },
  }, (req) => updateSupervisionSettings(ctx, req.actor, req.body));

  // 接口标准 §4 (v2): supervision limits per region (督办 answer days …); a lower region only shortens
  const limitDays = z.number().int().min(0).max(60).nullable().optional();
  app.get('/api/supervision/settings/regions/:region', { schema: { tags, summary: '地区监察时限 (limits in force in a region, and where each comes from)', params: z.object({ region }) } },
    (req) => readRegionSettings(ctx, req.actor, req.params.region));
  app.put('/api/supervision/settings/regions/:region', {
    schema: { tags, summary: '设置地区监察时限 (a region\'s own limits; versioned, audited)', params: z.object({ region }), body: z.object({
      orderResponseDays: limitDays, orderMaxExtensionDays: limitDays, yellowCorrectionDays: limitDays, redEscalationDays: limitDays,
      complaintAcceptanceDays: limitDays, complaintTransferDays: limitDays,
      badRatingVisitDays: limitDays, badRatingRectifyDays: limitDays, badRatingFeedbackDays: limitDays, badRatingReviewDays: limitDays, reason: z.string().min(1).max(1000),
    }).strict() },
  }, (req) => {
    const { reason, ...limits } = req.body;
    return configureRegionSettings(ctx, req.actor, { region: req.params.region, limits: limits as Record<string, number>, reason });
  });

  app.post('/api/supervision/orders', {
    schema: { tags, summary: '督办 (issue a supervision order)', body: z.object({
      departmentCode: z.string().min(1).max(100), alertId: z.string().max(100).optional(), caseNo: z.string().max(200).optional(),
      subject: z.string().min(1).max(200), instructions: z.string().min(1).max(4000), responseDays: z.number().int().min(1).max(20).optional(), ownInitiative: z.boolean().optional(),
    }) },
  }, (req) => issueOrder(ctx, req.actor, req.body));
  app.get('/api/supervision/orders', {
    schema: { tags, summary: '督办台账 (ledger)', querystring: z.object({ region: region.optional(), department: z.string().max(100).optional(), status: z.enum(['issued', 'answered', 'first_reviewed', 'returned', 'accepted']).optional(), from: instant.optional(), to: instant.optional() }) },
  }, (req) => orderLedger(ctx, req.actor, req.query));
  app.get('/api/supervision/orders/:id', {
    schema: { tags, summary: '督办单 (one order with its alert, deadline and answer)', params: idParams },
  }, (req) => orderDetail(ctx, req.actor, req.params.id));
  app.post('/api/supervision/orders/:id/answer', {
    schema: { tags, summary: '反馈督办 (the department answers)', params: idParams, body: z.object({ findings: z.string().min(1).max(8000), attachments }) },
  }, (req) => answerOrder(ctx, req.actor, { id: req.params.id, ...req.body }));
  app.post('/api/supervision/orders/:id/review', {
    schema: { tags, summary: '审核反馈: 初审, 然后审结 (accept: first review, then final review; return with reason and new deadline at either)', params: idParams, body: z.object({ decision: z.enum(['accept', 'return']), reason: text(2000).optional(), responseDays: z.number().int().min(1).max(20).optional() }) },
  }, (req) => reviewOrder(ctx, req.actor, { id: req.params.id, ...req.body }));
  app.post('/api/supervision/orders/:id/extend', {
    schema: { tags, summary: '延长督办期限 (≤ 10 working days, 四川 第九条)', params: idParams, body: z.object({ workingDays: z.number().int().min(1).max(10), reason: z.string().min(1).max(2000) }) },
  }, (req) => extendOrder(ctx, req.actor, { id: req.params.id, ...req.body }));

  app.get('/api/supervision/complaints', {
    schema: { tags, summary: '投诉举报列表 (complaints)', querystring: z.object({ status: z.enum(['submitted', 'accepted', 'not_accepted', 'transferred', 'concluded']).optional(), region: region.optional(), kind: z.enum(['complaint', 'report', 'consultation']).optional() }) },
  }, (req) => listComplaints(ctx, req.actor, req.query));
  app.post('/api/supervision/complaints', { schema: { tags, summary: '登记投诉 (entered by staff)', body: complaintBody } },
    (req) => submitComplaint(ctx, req.actor, req.body));
  app.get('/api/supervision/complaints/:id/attachments/:attachmentId', {
    schema: { tags, summary: '下载投诉附件 (an attachment the complainant added)', params: z.object({ id: z.string().min(1).max(100), attachmentId: z.string().min(1).max(100) }) },
  }, async (req, reply) => {
    const f = await downloadComplaintAttachment(ctx, req.actor, req.params.id, req.params.attachmentId);
    return reply.header('content-type', f.mime).header('content-disposition', f.disposition).header('x-content-type-options', 'nosniff').send(f.stream);
  });
  // GB/T 22239-2019 8.1.4.11: 查看 — the complainant's contact unmasked; each reading recorded
  app.post('/api/supervision/complaints/:id/complainant', {
    schema: { tags, summary: '查看投诉人信息 (unmask the complainant; the reading is recorded)', params: idParams, body: z.object({ purpose: z.string().max(200).optional() }).default({}) },
  }, (req) => revealComplainant(ctx, req.actor, req.params.id, (req.body as { purpose?: string } | undefined)?.purpose));
  app.post('/api/supervision/complaints/:id/decision', {
    schema: { tags, summary: '受理决定 (accept or not; written notice for real-name)', params: idParams, body: z.object({ accept: z.boolean(), reason: text(2000).optional(), notice: text(4000).optional() }) },
  }, (req) => decideComplaint(ctx, req.actor, { id: req.params.id, ...req.body }));
  app.post('/api/supervision/complaints/:id/transfer', {
    schema: { tags, summary: '转办 (transfer with a deadline)', params: idParams, body: z.object({ departmentCode: z.string().min(1).max(100), workingDays: z.number().int().min(1).max(60).optional() }) },
  }, (req) => transferComplaint(ctx, req.actor, { id: req.params.id, ...req.body }));
  app.post('/api/supervision/complaints/:id/conclude', {
    schema: { tags, summary: '办结并反馈结果 (result fed back; upheld: 投诉属实与否)', params: idParams, body: z.object({ result: z.string().min(1).max(8000), upheld: z.boolean().optional() }) },
  }, (req) => concludeComplaint(ctx, req.actor, { id: req.params.id, ...req.body }));

  app.post('/api/supervision/patrols', {
    schema: { tags, summary: '登记巡查 (record a patrol)', body: z.object({ targetRegion: region, findings: z.string().min(1).max(4000), region: region.optional(), issues: z.array(z.object({ caseNo: z.string().max(200).optional(), note: z.string().min(1).max(1000) })).max(50).optional() }) },
  }, (req) => recordPatrol(ctx, req.actor, req.body));
  app.get('/api/supervision/patrols/report', {
    schema: { tags, summary: '巡查完成情况与缺额 (shortfalls per region and working day)', querystring: z.object({ from: day, to: day, region: region.optional() }) },
  }, (req) => patrolReport(ctx, req.actor, req.query));

  app.get('/api/supervision/daily-log', {
    schema: { tags, summary: '监察日志 (daily supervision log, 盐城 第二十一条)', querystring: z.object({ date: day, region: region.optional() }) },
  }, (req) => dailyLog(ctx, req.actor, req.query));
  app.get('/api/supervision/dashboard', {
    schema: { tags, summary: '监察统计 (yellow/red by region and department, trend, top codes)', querystring: z.object({ region: region.optional(), from: instant.optional(), to: instant.optional() }) },
  }, (req) => dashboard(ctx, req.actor, req.query));

  app.post('/api/supervision/zero-explanations', {
    schema: { tags, summary: '零办件说明 (攀枝花 二(六))', body: z.object({ departmentCode: z.string().min(1).max(100), month: z.string().regex(/^\d{4}-\d{2}$/), explanation: z.string().min(1).max(4000), signedBy: z.string().min(1).max(50) }) },
  }, (req) => fileZeroExplanation(ctx, req.actor, req.body));
  app.get('/api/supervision/zero-explanations', { schema: { tags, summary: '零办件说明列表', querystring: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/).optional() }) } },
    (req) => listZeroExplanations(ctx, req.actor, req.query));
};
