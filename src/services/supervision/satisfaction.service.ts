import type { Actor } from '../../domain/org/policy.js';
import { AppError, invalid } from '../../errors.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';

/** 非常满意 … 非常不满意 (5 … 1). */
export const RATINGS = { very_satisfied: 5, satisfied: 4, neutral: 3, dissatisfied: 2, very_dissatisfied: 1 } as const;
export type Rating = keyof typeof RATINGS;

/** 四川电子监察办法 第十一条(三): 通过电子政务大厅收集行政相对人满意度测评; once per concluded case. */
export async function rateCase(ctx: AppContext, actor: Actor, input: { caseNo: string; queryCode: string; rating: Rating; comment?: string }) {
  if (!(input.rating in RATINGS)) throw invalid('rating', `须为 ${Object.keys(RATINGS).join(' | ')}`);
  return audited(ctx, actor, {
    action: 'case.rate', target: input.caseNo,
    run: async (q) => {
      const rows = await q.query(`SELECT id, case_no, department_code, region_code, status FROM cases WHERE case_no = $1 AND query_code = $2 AND NOT confidential LIMIT 2`,
        [input.caseNo.trim(), input.queryCode.trim().toUpperCase()]);
      if (rows.length !== 1) throw new AppError('NOT_FOUND', '未找到该办件，请核对办件编号和查询码 (no case matches this number and query code)');
      const c = rows[0];
      if (c.status !== 'concluded') throw new AppError('CONFLICT', '办件办结后才能评价 (the case is not concluded yet)');
      const ins = await q.query(
        `INSERT INTO satisfaction_ratings (case_id, case_no, department_code, region_code, rating, comment, rated_at) VALUES ($1,$2,$3,$4,$5,$6,$7)
         ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
        [c.id, c.case_no, c.department_code, c.region_code, RATINGS[input.rating], input.comment?.trim().slice(0, 1000) || null, ctx.clock.now()]);
      if (!ins.length) throw new AppError('CONFLICT', '该办件已评价过 (this case has already been rated)');
      return { caseNo: c.case_no, rating: input.rating };
    },
  });
}
