import type { Actor } from '../../domain/org/policy.js';
import { previousMonth } from '../../domain/supervision/zero-cases.js';
import type { AppContext } from '../context.js';
import { submitComplaint, decideComplaint, transferComplaint, concludeComplaint } from '../supervision/complaint.service.js';
import { answerOrder, issueOrder, reviewOrder } from '../supervision/order.service.js';
import { recordPatrol } from '../supervision/patrol.service.js';
import { createWindow } from '../supervision/window.service.js';
import { runSweep } from '../supervision/sweep.service.js';
import { fileZeroExplanation } from '../supervision/zero-case.service.js';

const system: Actor = { kind: 'system', name: 'demo' };
const publicActor: Actor = { kind: 'public', sourceIp: null };

export async function userActor(ctx: AppContext, username: string): Promise<Actor | null> {
  const u = (await ctx.db.query('SELECT id, username, display_name, region_code, department_code FROM users WHERE username = $1', [username]))[0];
  if (!u) return null;
  const grants = await ctx.db.query('SELECT role, region_code, department_code FROM role_grants WHERE user_id = $1', [u.id]);
  return {
    kind: 'user', userId: u.id, username: u.username, name: u.display_name, sessionId: null, departmentCode: u.department_code, regionCode: u.region_code,
    officerId: null, sourceIp: null, grants: grants.map((g) => ({ role: g.role, regionCode: g.region_code, departmentCode: g.department_code })),
  };
}

const exists = async (ctx: AppContext, code: string) => (await ctx.db.query('SELECT 1 FROM departments WHERE code = $1', [code])).length > 0;

/** The demo window's camera: a port nothing listens on, so the player shows the unreachable state (the walk relies on it). */
export const DEMO_UNREACHABLE_STREAM = 'http://127.0.0.1:9/live/34020000001320000001/index.m3u8';

/** Demo supervision data: orders (督办), complaints, patrols, a zero-case explanation, then one sweep. */
export async function loadSupervisionDemo(ctx: AppContext): Promise<void> {
  if (!(await exists(ctx, '511702-STJ')) || !(await exists(ctx, '511703-STJ'))) return;
  const o1 = await issueOrder(ctx, system, { departmentCode: '511702-STJ', subject: '群众反映排污处罚案件立案拖延', instructions: '请于期限内调查核实并书面反馈处理情况', ownInitiative: true });
  await answerOrder(ctx, system, { id: o1.id, findings: '经查，承办人因现场勘验延误 2 日，已批评教育并建立立案台账', attachments: [{ name: '调查报告.pdf' }] });
  await reviewOrder(ctx, system, { id: o1.id, decision: 'accept', reason: '初审：处理得当' });
  await reviewOrder(ctx, system, { id: o1.id, decision: 'accept', reason: '审结：同意办结' });
  await issueOrder(ctx, system, { departmentCode: '511702-STJ', subject: '电子监察红灯：证据缺失', instructions: '请补充说明决定环节未上传证据的原因', responseDays: 5 });
  await issueOrder(ctx, system, { departmentCode: '511703-STJ', subject: '月度巡查发现多件临近时限', instructions: '请逐件说明并加快办理', responseDays: 20, ownInitiative: false });

  const c1 = await submitComplaint(ctx, publicActor, { kind: 'complaint', realName: true, complainant: { name: '张三', phone: '13800000000' }, regionCode: '511702', departmentCode: '511702-STJ', subject: '办事拖延', content: '提交排污许可申请两周无人处理' });
  await decideComplaint(ctx, system, { id: c1.id, accept: true });
  await transferComplaint(ctx, system, { id: c1.id, departmentCode: '511702-STJ', workingDays: 10 });
  await submitComplaint(ctx, publicActor, { kind: 'report', realName: false, regionCode: '511703', subject: '举报窗口人员', content: '窗口人员暗示需要“好处费”' });
  const c3 = await submitComplaint(ctx, publicActor, { kind: 'consultation', realName: false, regionCode: '511702', subject: '咨询', content: '办理排污许可需要哪些材料？' });
  await concludeComplaint(ctx, system, { id: c3.id, result: '请参阅行政职权目录中该事项的申请材料目录，或致电 0818-2100000' });

  const dz = await userActor(ctx, 'dz_jc');
  if (dz) {
    await recordPatrol(ctx, dz, { targetRegion: '511700', findings: '本级平台运行正常，无积压' });
    await recordPatrol(ctx, dz, { targetRegion: '511702', findings: '通川区平台 1 件临近时限，已提醒', issues: [{ note: '生态环境局 1 件临近时限' }] });
  }
  // 视频巡查: a window of 通川区政务服务中心 whose camera address the demo cannot reach (the page says so in words)
  await createWindow(ctx, system, {
    departmentCode: '511702-STJ', hall: '通川区政务服务中心', name: '生态环境综合窗口', location: '一楼 B 区 12 号',
    streams: [{ kind: 'hls', url: DEMO_UNREACHABLE_STREAM, label: '窗口正面' }],
  });
  const sc = await userActor(ctx, 'sc_jc');
  if (sc) await recordPatrol(ctx, sc, { targetRegion: '510000', findings: '省级平台运行正常' });

  if (await exists(ctx, '510411-STJ')) {
    const month = previousMonth(ctx.clock.now());
    const has = await ctx.db.query(`SELECT 1 FROM cases WHERE department_code = '510411-STJ' AND to_char(accepted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $1 LIMIT 1`, [month]);
    if (!has.length) await fileZeroExplanation(ctx, system, { departmentCode: '510411-STJ', month, explanation: '本月辖区内无相关违法线索，未发生办件', signedBy: '仁和区生态环境局 分管副局长' });
  }
  await runSweep(ctx, ctx.clock.now());
}
