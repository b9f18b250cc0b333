import { DISCLOSURE_FIELD_NAMES } from '../../domain/catalog/disclosure.js';
import { resolveSetting } from '../../domain/supervision/overrides.js';
import type { Queryable } from '../../store/db.js';
import { activeAlertsFor, insertAlerts, withdrawAlerts } from '../../store/supervision/alert.store.js';
import { loadOverrides } from '../../store/supervision/rule-settings.store.js';
import type { AppContext } from '../context.js';
import { alertTimers } from './case-supervision.js';
import { loadSupervisionSettings } from './settings.js';
import { newId } from '../ids.js';

export interface ItemAlertInput {
  itemCode: string;
  departmentCode: string;
  regionCode: string;
  version: number;
  /** The missing public fields (§2). */
  problems: string[];
}

// 成都办法 第九条(一): 应当公开的信息不公开或公开不完整 (公开异常); 四川电子监察办法 第十条(一)2
export async function raiseItemAlert(q: Queryable, ctx: AppContext, i: ItemAlertInput): Promise<boolean> {
  const set = resolveSetting(await loadOverrides(q, [i.regionCode]), 'DISCLOSURE_INCOMPLETE', i.regionCode);
  if (!set.enabled) return false;
  const now = ctx.clock.now();
  const s = await loadSupervisionSettings(q);
  const raised = await insertAlerts(q, [{
    id: newId(), code: 'DISCLOSURE_INCOMPLETE', level: set.level, subjectKind: 'item', subjectId: i.itemCode, step: null,
    itemCode: i.itemCode, departmentCode: i.departmentCode, regionCode: i.regionCode,
    message: `公开异常: 事项 ${i.itemCode} 第 ${i.version} 版缺少公开要素 ${i.problems.map((p) => DISCLOSURE_FIELD_NAMES[p] ?? p).join('、')}`,
    details: { version: i.version, problems: i.problems, messageEn: `Disclosure incomplete: item ${i.itemCode} version ${i.version} lacks ${i.problems.join(', ')}` }, ...alertTimers(ctx, s, i.regionCode, set.level, now),
  }], now);
  return raised.length > 0;
}

/** The item's public fields are complete again (or it is no longer published): the open alert is withdrawn. */
export async function clearItemAlert(q: Queryable, ctx: AppContext, itemCode: string, reason = '事项公开要素已补全 (public fields completed)'): Promise<number> {
  const active = (await activeAlertsFor(q, 'item', [itemCode])).filter((a) => a.code === 'DISCLOSURE_INCOMPLETE');
  return withdrawAlerts(q, active.map((a) => a.id), reason, ctx.clock.now());
}
