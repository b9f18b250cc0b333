import { EVENT_TYPES } from '../../cases/case.types.js';
import { EVENT_NAMES, finding, type EventRule, type RuleContext } from '../rule.types.js';
import type { Finding } from '../codes.js';

const HOUR = 3_600_000;
const ITEM_STATUS_NAMES: Record<string, string> = { draft: '尚未生效', suspended: '已暂停实施', cancelled: '已取消', in_force: '有效' };
const lateHours = (e: { occurredAt: Date; receivedAt: Date }) => (e.receivedAt.getTime() - e.occurredAt.getTime()) / HOUR;

// 成都办法 第十条(一): 无法定依据或继续实施已取消的事项; 川 建设和使用管理办法 第六条: 目录外权力不得行使
export const unlistedPower: EventRule = {
  code: 'UNLISTED_POWER',
  stepless: true,
  on: ['case.registered'],
  check(_s, e, ctx) {
    const code = (e.data as { itemCode?: string }).itemCode ?? '';
    const why = !ctx.item || !ctx.itemStatus ? [`事项 ${code} 不在行政职权目录中`, `item ${code} is not in the catalog`]
      : ctx.itemStatus !== 'in_force' ? [`事项 ${code} ${ITEM_STATUS_NAMES[ctx.itemStatus] ?? '未生效'}`, `item ${code} is ${ctx.itemStatus}`]
      : ctx.item.departmentCode !== e.departmentCode ? [`事项 ${code} 不属于本部门`, `item ${code} belongs to ${ctx.item.departmentCode}`]
      : null;
    return why ? [finding(ctx, 'UNLISTED_POWER', null, [`无依据行权: ${why[0]}`, `Unlisted power: ${why[1]}`], { itemCode: code, status: ctx.itemStatus })] : [];
  },
};

// 成都办法 第九条(八): 采取事后补录方式录入审批数据 (48 小时, 可由地区配置)
export const lateEntry: EventRule = {
  code: 'LATE_ENTRY',
  stepless: true,
  on: ['case.registered'],
  check(_s, e, ctx) {
    const limit = ctx.setting('LATE_ENTRY').threshold ?? 48;
    const h = lateHours(e);
    return h > limit ? [finding(ctx, 'LATE_ENTRY', null, [`事后补录: 受理后 ${h.toFixed(1)} 小时才录入 (限 ${limit} 小时)`, `Late entry: entered ${h.toFixed(1)} h after acceptance, limit ${limit} h`], { hours: h, limit })] : [];
  },
};

// 成都办法 第九条(七): 部门对接不实时报送审批数据 (24 小时, 可由地区配置)
export const lateExchange: EventRule = {
  code: 'LATE_EXCHANGE',
  stepless: true,
  on: EVENT_TYPES,
  check(_s, e, ctx) {
    const limit = ctx.setting('LATE_EXCHANGE').threshold ?? 24;
    const h = lateHours(e);
    return h > limit ? [finding(ctx, 'LATE_EXCHANGE', null, [`对接超时: 「${EVENT_NAMES[e.type] ?? e.type}」事件发生后 ${h.toFixed(1)} 小时才报送 (限 ${limit} 小时)`, `Late exchange: event ${e.eventId} (${e.type}) reported ${h.toFixed(1)} h late, limit ${limit} h`], { eventId: e.eventId, hours: h, limit })] : [];
  },
};

// 成都办法 第九条(七): 擅自修改审批数据; 川 建设和使用管理办法 第八条: 不得擅自修改运行产生的数据
export function dataModified(ctx: RuleContext): Finding[] {
  if (!ctx.conflicts.length) return [];
  const ids = ctx.conflicts.map((c) => c.eventId);
  return [finding(ctx, 'DATA_MODIFIED', null, [`数据篡改: ${ids.length} 个事件以不同内容重复报送`, `Data modified: events ${ids.join(', ')} resent with different content`], { eventIds: ids })];
}
