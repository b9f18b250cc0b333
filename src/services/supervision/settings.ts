import { can, type Actor } from '../../domain/org/policy.js';
import { forbidden, invalid } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';

/** Supervision settings (configurable in app_settings 'supervision.settings'); defaults cite their source. */
export interface SupervisionSettings {
  /** 盐城电子监察办法 第十一条(二): 黄牌限期办理; the correction period in working days. */
  yellowCorrectionDays: number;
  /** A red card not dealt with in this many working days is escalated to the level above. */
  redEscalationDays: number;
  /** 盐城电子监察办法 第十四条 (5) or 四川电子监察办法 第九条 (20): order response days. */
  orderResponseDays: number;
  /** 四川电子监察办法 第九条: an extension of at most 10 working days. */
  orderMaxExtensionDays: number;
  /** 成都办法 第十一条; 盐城电子监察办法 第十四条: 5 个工作日内决定是否受理. */
  complaintAcceptanceDays: number;
  /** Default working days a transferred complaint has for its result. */
  complaintTransferDays: number;
  /** 四川电子监察办法 第十一条(三) 回访; 盐城电子监察办法 第十四条 (5): a real-name 差评 visited within. */
  badRatingVisitDays: number;
  /** 国办发〔2019〕51号 差评整改: 15 working days from the 差评 by default (a region may shorten). */
  badRatingRectifyDays: number;
  /** 盐城电子监察办法 第十五条 (结果反馈): working days after 整改 to tell the rater. */
  badRatingFeedbackDays: number;
  /** The supervisor's 复核 of a fed-back 差评 (四川电子监察办法 第九条 复核; platform default). */
  badRatingReviewDays: number;
  /** 攀枝花 二(六): the day of the next month by which a zero-case explanation is due (顺延). */
  zeroCaseDueDay: number;
  /** 四川电子监察办法 第十一条(二): patrols per working day by level. */
  patrolQuota: {
    province: { own: number; cities: number; counties: number };
    city: { own: number; counties: number };
    county: { own: number };
  };
}

export const SUPERVISION_DEFAULTS: SupervisionSettings = {
  yellowCorrectionDays: 3,
  redEscalationDays: 5,
  orderResponseDays: 5,
  orderMaxExtensionDays: 10,
  complaintAcceptanceDays: 5,
  complaintTransferDays: 15,
  badRatingVisitDays: 5,
  badRatingRectifyDays: 15,
  badRatingFeedbackDays: 3,
  badRatingReviewDays: 5,
  zeroCaseDueDay: 3,
  patrolQuota: { province: { own: 1, cities: 2, counties: 8 }, city: { own: 2, counties: 1 }, county: { own: 2 } },
};

export const SUPERVISION_SETTINGS_SQL = `SELECT value FROM app_settings WHERE key = 'supervision.settings'`;
/** The stored value (or none) over the defaults. */
export const settingsFrom = (value: Partial<SupervisionSettings> | null | undefined): SupervisionSettings => ({ ...SUPERVISION_DEFAULTS, ...(value ?? {}) });

export async function loadSupervisionSettings(q: Queryable): Promise<SupervisionSettings> {
  const rows = await q.query<{ value: Partial<SupervisionSettings> }>(SUPERVISION_SETTINGS_SQL);
  return settingsFrom(rows[0]?.value);
}

/** GET/PUT /api/supervision/settings: the configurable periods and patrol quota (audited). */
export async function readSupervisionSettings(ctx: AppContext, actor: Actor): Promise<SupervisionSettings> {
  if (!can(actor, 'supervision.read') && !can(actor, 'settings.manage')) throw forbidden('无权查看监察设置 (supervision.read)');
  return loadSupervisionSettings(ctx.db);
}

export async function updateSupervisionSettings(ctx: AppContext, actor: Actor, patch: Partial<SupervisionSettings>): Promise<SupervisionSettings> {
  if (!can(actor, 'settings.manage')) throw forbidden('只有系统管理员可以修改监察设置 (settings.manage)');
  if (patch.orderResponseDays !== undefined && (patch.orderResponseDays < 1 || patch.orderResponseDays > 20)) throw invalid('orderResponseDays', '须为 1–20 个工作日 (四川电子监察办法 第九条)');
  if (patch.orderMaxExtensionDays !== undefined && patch.orderMaxExtensionDays > 10) throw invalid('orderMaxExtensionDays', '延长不得超过 10 个工作日 (四川电子监察办法 第九条)');
  if (patch.complaintAcceptanceDays !== undefined && patch.complaintAcceptanceDays > 5) throw invalid('complaintAcceptanceDays', '须在 5 个工作日内决定是否受理 (成都办法 第十一条)');
  return audited(ctx, actor, {
    action: 'supervision.settings', target: 'supervision.settings',
    run: async (q) => {
      const next = { ...(await loadSupervisionSettings(q)), ...patch };
      await q.query(`INSERT INTO app_settings (key, value) VALUES ('supervision.settings', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify(next)]);
      return next;
    },
    details: () => ({ changed: Object.keys(patch) }),
  });
}
