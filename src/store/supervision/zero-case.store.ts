import type { ScopeFilter } from '../../domain/org/policy.js';
import type { Queryable } from '../db.js';
import { scopeSql, Where } from '../scope-sql.js';

/** The latest version of each department's zero-case explanation (零办件说明) per month, in scope, newest month first. */
export async function listZeroCaseExplanations(q: Queryable, scope: ScopeFilter, month?: string) {
  const w = new Where();
  w.conds.push(scopeSql(scope, w.params, { region: 'd.region_code', dept: 'z.department_code' }));
  if (month) w.add('z.month = ?', month);
  const rows = await q.query(`SELECT * FROM (SELECT DISTINCT ON (z.department_code, z.month) z.*, d.name, d.region_code
    FROM zero_case_explanations z JOIN departments d ON d.code = z.department_code ${w.sql} ORDER BY z.department_code, z.month, z.version DESC) x
    ORDER BY x.month DESC, x.department_code`, w.params);
  return rows.map((r) => ({ departmentCode: r.department_code as string, departmentName: r.name as string, regionCode: r.region_code as string, month: r.month as string,
    explanation: r.explanation as string, signedBy: r.signed_by as string, filedAt: (r.filed_at as Date).toISOString(), version: r.version as number }));
}
