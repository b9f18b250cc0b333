import { can, scopeFilter, type Actor } from '../../domain/org/policy.js';
import { previousMonth } from '../../domain/supervision/zero-cases.js';
import { forbidden, invalid } from '../../errors.js';
import { listZeroCaseExplanations } from '../../store/supervision/zero-case.store.js';
import { activeAlertsFor, updateAlert } from '../../store/supervision/alert.store.js';
import { actorAudit, audited } from '../audit.service.js';
import type { AppContext } from '../context.js';

/**
 * 攀枝花 二(六): a department with no cases in a month files a written explanation, signed by
 * its leader, by the 3rd of the next month. Filing late answers the open alert (说明).
 */
export async function fileZeroExplanation(ctx: AppContext, actor: Actor, input: { departmentCode: string; month: string; explanation: string; signedBy: string }) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) throw invalid('month', '须为 YYYY-MM');
  if (!input.explanation?.trim()) throw invalid('explanation', '说明不能为空 (explanation required)');
  if (!input.signedBy?.trim()) throw invalid('signedBy', '须经分管领导签字 (signed by the leader in charge)');
  return audited(ctx, actor, {
    action: 'zero.explain', target: `${input.departmentCode}/${input.month}`,
    // two filings at once took the same version number: the later one runs again and takes the next
    again: (e) => (e as { code?: string }).code === '23505',
    run: async (q) => {
      const d = await q.query<{ region_code: string }>('SELECT region_code FROM departments WHERE code = $1', [input.departmentCode]);
      if (!d.length) throw invalid('departmentCode', `部门 ${input.departmentCode} 不存在`);
      if (!can(actor, 'zero.explain', { regionCode: d[0].region_code, departmentCode: input.departmentCode })) throw forbidden('只能为本部门报送说明 (own department only)');
      const now = ctx.clock.now();
      if (input.month > previousMonth(now)) throw invalid('month', '只能说明已结束的月份 (only a past month)');
      const cases = await q.query(`SELECT 1 FROM cases WHERE department_code = $1 AND to_char(accepted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $2 LIMIT 1`, [input.departmentCode, input.month]);
      if (cases.length) throw invalid('month', `${input.month} 有办件，无需零办件说明 (the month has cases)`);
      const ins = await q.query(
        // filed again: a new version beside the earlier ones (history is append-only, migration 0640)
        `INSERT INTO zero_case_explanations (department_code, month, explanation, signed_by, filed_by, filed_at, version)
         SELECT $1,$2,$3,$4,$5,$6, coalesce(max(version), 0) + 1 FROM zero_case_explanations WHERE department_code = $1 AND month = $2
         RETURNING filed_at, version`,
        [input.departmentCode, input.month, input.explanation.trim(), input.signedBy.trim(), actorAudit(actor).actorName, now]);
      const open = (await activeAlertsFor(q, 'department', [input.departmentCode])).filter((a) => a.code === 'ZERO_CASES_UNEXPLAINED' && a.step === input.month && (a.status === 'open' || a.status === 'returned'));
      for (const a of open) {
        await updateAlert(q, a, { status: 'explained', correctionDueAt: null, escalateAt: null, response: { kind: 'explain', text: input.explanation.trim(), signedBy: input.signedBy.trim(), late: true } },
          { at: now, actorId: actorAudit(actor).actorId, actorName: actorAudit(actor).actorName ?? 'unknown', action: 'explain', reason: '补报零办件说明 (late explanation filed)' });
      }
      return { departmentCode: input.departmentCode, month: input.month, filedAt: (ins[0].filed_at as Date).toISOString(), version: ins[0].version as number, late: open.length > 0 };
    },
  });
}

export async function listZeroExplanations(ctx: AppContext, actor: Actor, f: { month?: string }) {
  const scope = scopeFilter(actor, 'stats.read');
  const dep = scopeFilter(actor, 'zero.explain');
  const all = { all: scope.all || dep.all, regions: [...scope.regions, ...dep.regions], departments: [...scope.departments, ...dep.departments] };
  if (!all.all && !all.regions.length && !all.departments.length) throw forbidden('无权查看零办件说明');
  return { explanations: await listZeroCaseExplanations(ctx.db, all, f.month) };
}
