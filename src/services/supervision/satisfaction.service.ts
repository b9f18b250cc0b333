import { createHash, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../domain/org/policy.js';
import { AppError, invalid } from '../../errors.js';
import { getComplaintByNo } from '../../store/supervision/complaint.store.js';
import { caseForRating, insertRating, ratingExists, type RatingRow } from '../../store/supervision/rating.store.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { openBadRatingTask } from './bad-rating.service.js';

/**
 * 好差评 (四川电子监察办法 第十条(三)、第十一条(三): 通过电子政务大厅收集行政相对人满意度测评;
 * 国办发〔2019〕51号 政务服务"好差评"): five levels, 非常满意 (5) … 非常不满意 (1).
 */
export const RATINGS = { very_satisfied: 5, satisfied: 4, neutral: 3, dissatisfied: 2, very_dissatisfied: 1 } as const;
export type Rating = keyof typeof RATINGS;
export const RATING_NAMES: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
/** 差评: 不满意 and 非常不满意 (国办发〔2019〕51号: 差评须说明理由, 差评件件有整改). */
export const isBad = (level: number) => level <= 2;

/**
 * The sub-indicators rated beside the overall level, each 1–5 (optional): the four aspects of
 * 四川电子监察办法 第十一条(一)(三) (工作纪律、服务态度; 满意度测评) and 国办发〔2019〕51号 (办事效率、公开透明、廉洁规范).
 */
export const SUB_INDICATORS = { efficiency: '办事效率', attitude: '服务态度', openness: '公开透明', integrity: '廉洁规范' } as const;
export type SubIndicator = keyof typeof SUB_INDICATORS;
/** Where the rating was given: the online hall, the window's rating device (评价器), the SMS link. */
export const CHANNELS = { hall: '网上大厅', window: '窗口评价器', sms: '短信评价' } as const;
export type Channel = keyof typeof CHANNELS;

export interface RatingInput {
  rating: Rating;
  comment?: string;
  /** Required for 差评 (levels 1–2). */
  reason?: string;
  indicators?: Partial<Record<SubIndicator, number>>;
  channel?: Channel;
  /** Real-name: the rater's name and phone, so the department can visit (回访). */
  realName?: boolean;
  rater?: { name?: string; phone?: string } | null;
}

const hash = (s: string) => createHash('sha256').update(s.trim().toUpperCase()).digest('hex');

function checkRating(input: RatingInput, realNameDefault: boolean, raterDefault: { name?: string; phone?: string } | null) {
  if (!(input.rating in RATINGS)) throw invalid('rating', `须为 ${Object.keys(RATINGS).join(' | ')}`);
  const level = RATINGS[input.rating];
  const reason = input.reason?.trim() || null;
  // 国办发〔2019〕51号: 差评须说明理由
  if (isBad(level) && !reason) throw invalid('reason', '差评（不满意、非常不满意）须说明理由 (a reason is required for a bad rating)');
  const indicators: Record<string, number> = {};
  for (const [k, v] of Object.entries(input.indicators ?? {})) {
    if (!(k in SUB_INDICATORS)) throw invalid(`indicators.${k}`, `未知的评价指标 (unknown sub-indicator; ${Object.keys(SUB_INDICATORS).join(' | ')})`);
    if (v == null) continue;
    if (!Number.isInteger(v) || v < 1 || v > 5) throw invalid(`indicators.${k}`, `${SUB_INDICATORS[k as SubIndicator]}须为 1–5 (1–5)`);
    indicators[k] = v;
  }
  const channel = input.channel ?? 'hall';
  if (!(channel in CHANNELS)) throw invalid('channel', `评价渠道须为 ${Object.keys(CHANNELS).join(' | ')}`);
  const realName = input.realName ?? realNameDefault;
  const rater = input.rater ?? raterDefault;
  const name = rater?.name?.trim() || null;
  const phone = rater?.phone?.trim() || null;
  if (realName && !name) throw invalid('rater.name', '实名评价须留姓名 (a real-name rating needs a name)');
  if (realName && !phone) throw invalid('rater.phone', '实名评价须留联系电话，以便回访 (a real-name rating needs a phone number for the visit)');
  return {
    level, reason, comment: input.comment?.trim().slice(0, 1000) || null, indicators: Object.keys(indicators).length ? indicators : null, channel,
    realName, raterName: realName ? name : null, raterPhone: realName ? phone : null,
  };
}

/** A concluded case, rated once (一事一评) by its number and query code; a 差评 opens its task. */
export async function rateCase(ctx: AppContext, actor: Actor, input: RatingInput & { caseNo: string; queryCode: string }) {
  return audited(ctx, actor, {
    action: 'case.rate', target: input.caseNo,
    // two 差评 of one day racing for a task number: the second tries again (a second rating then answers 409)
    again: (e) => (e as { code?: string }).code === '23505',
    run: async (q) => {
      const rows = await caseForRating(q, input.caseNo.trim(), input.queryCode.trim().toUpperCase());
      if (rows.length !== 1) throw new AppError('NOT_FOUND', '未找到该办件，请核对办件编号和查询码 (no case matches this number and query code)');
      const c = rows[0];
      if (c.status !== 'concluded') throw new AppError('CONFLICT', '办件办结后才能评价 (the case is not concluded yet)');
      if (await ratingExists(q, { caseId: c.id })) throw new AppError('CONFLICT', '该办件已评价过，一事一评 (this case has already been rated)', { field: 'caseNo' });
      const v = checkRating(input, false, null);
      const r: RatingRow = {
        id: newId(), subjectKind: 'case', caseId: c.id, caseNo: c.case_no, complaintId: null, complaintNo: null, departmentCode: c.department_code, regionCode: c.region_code,
        rating: v.level, indicators: v.indicators, reason: v.reason, comment: v.comment, channel: v.channel, realName: v.realName, raterName: v.raterName, raterPhone: v.raterPhone,
        ratedAt: ctx.clock.now(),
      };
      if (!(await insertRating(q, r))) throw new AppError('CONFLICT', '该办件已评价过，一事一评 (this case has already been rated)', { field: 'caseNo' });
      const task = isBad(v.level) ? await openBadRatingTask(q, ctx, r) : null;
      return { caseNo: c.case_no, rating: input.rating, level: v.level, levelName: RATING_NAMES[v.level], taskNo: task?.taskNo ?? null };
    },
  });
}

/** A concluded complaint, rated once by its number and query code (the handling of it); a 差评 opens its task. */
export async function rateComplaint(ctx: AppContext, actor: Actor, input: RatingInput & { complaintNo: string; queryCode: string }) {
  return audited(ctx, actor, {
    action: 'complaint.rate', target: input.complaintNo,
    again: (e) => (e as { code?: string }).code === '23505',
    run: async (q) => {
      const c = await getComplaintByNo(q, input.complaintNo.trim());
      const ok = c && timingSafeEqual(Buffer.from(c.queryCodeHash, 'hex'), Buffer.from(hash(input.queryCode), 'hex'));
      if (!c || !ok) throw new AppError('NOT_FOUND', '未找到该投诉，请核对编号和查询码 (no complaint matches this number and query code)');
      if (c.status !== 'concluded') throw new AppError('CONFLICT', '投诉办结后才能评价 (the complaint is not concluded yet)');
      if (await ratingExists(q, { complaintId: c.id })) throw new AppError('CONFLICT', '该投诉已评价过，一事一评 (this complaint has already been rated)', { field: 'complaintNo' });
      const v = checkRating(input, c.realName, c.realName ? c.complainant : null);
      const r: RatingRow = {
        id: newId(), subjectKind: 'complaint', caseId: null, caseNo: c.caseNo, complaintId: c.id, complaintNo: c.complaintNo,
        // the department that handled it: the one it was transferred to, else the one complained of
        departmentCode: c.transferDepartment ?? c.departmentCode, regionCode: c.regionCode,
        rating: v.level, indicators: v.indicators, reason: v.reason, comment: v.comment, channel: v.channel, realName: v.realName, raterName: v.raterName, raterPhone: v.raterPhone,
        ratedAt: ctx.clock.now(),
      };
      if (!(await insertRating(q, r))) throw new AppError('CONFLICT', '该投诉已评价过，一事一评 (this complaint has already been rated)', { field: 'complaintNo' });
      const task = isBad(v.level) ? await openBadRatingTask(q, ctx, r) : null;
      return { complaintNo: c.complaintNo, rating: input.rating, level: v.level, levelName: RATING_NAMES[v.level], taskNo: task?.taskNo ?? null };
    },
  });
}
