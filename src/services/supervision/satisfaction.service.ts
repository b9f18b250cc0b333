import type { Actor } from '../../domain/org/policy.js';
import { regionPrefix } from '../../domain/org/region.js';
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

/**
 * The public league table (红黑榜): each department's on-time rate of concluded cases,
 * its current lights and satisfaction. 盐城电子监察办法 第十八条: 绩效评估结果在政府门户网站公布.
 */
export async function publicLeague(ctx: AppContext, input: { region?: string }) {
  const now = ctx.clock.now();
  const prefix = input.region ? `${regionPrefix(input.region)}%` : '%';
  const rows = await ctx.db.query(
    `SELECT d.code, d.name, d.region_code,
        count(c.id) FILTER (WHERE c.status = 'concluded')::int AS concluded,
        count(c.id) FILTER (WHERE c.status = 'concluded' AND (c.due_at IS NULL OR c.concluded_at <= c.due_at))::int AS on_time,
        count(c.id) FILTER (WHERE c.status IN ('open', 'suspended') AND c.due_at IS NOT NULL AND c.due_at <= $2)::int AS red,
        count(c.id) FILTER (WHERE c.status IN ('open', 'suspended') AND c.warn_at <= $2 AND (c.due_at IS NULL OR c.due_at > $2))::int AS yellow,
        count(c.id) FILTER (WHERE c.status IN ('open', 'suspended'))::int AS open,
        (SELECT round(avg(rating)::numeric, 2) FROM satisfaction_ratings r WHERE r.department_code = d.code) AS satisfaction,
        (SELECT count(*)::int FROM satisfaction_ratings r WHERE r.department_code = d.code) AS ratings
     FROM departments d LEFT JOIN cases c ON c.department_code = d.code AND NOT c.confidential
     WHERE d.region_code LIKE $1 GROUP BY d.code, d.name, d.region_code ORDER BY d.code`, [prefix, now]);
  const departments = rows.map((r) => ({
    code: r.code, name: r.name, regionCode: r.region_code, concluded: r.concluded, onTime: r.on_time,
    onTimeRate: r.concluded ? Math.round((r.on_time / r.concluded) * 1000) / 1000 : null,
    open: r.open, lights: { green: r.open - r.yellow - r.red, yellow: r.yellow, red: r.red },
    satisfaction: r.satisfaction === null ? null : Number(r.satisfaction), ratings: r.ratings,
  }));
  departments.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || (b.satisfaction ?? 0) - (a.satisfaction ?? 0));
  return { asOf: now.toISOString(), departments };
}
