import type { Queryable } from './db.js';

export interface DemoCaseRow { caseNo: string; queryCode: string; status: string; conclusion: string | null; late: boolean }

/** A department's cases with their query codes, and whether each is past its promised due instant at `at` (the demo's try-it list). */
export async function casesWithQueryCodes(q: Queryable, departmentCode: string, at: Date): Promise<DemoCaseRow[]> {
  const rows = await q.query<{ case_no: string; query_code: string; status: string; conclusion: string | null; late: boolean }>(
    `SELECT case_no, query_code, status, conclusion, coalesce(due_at <= $2, false) AS late FROM cases
      WHERE department_code = $1 AND query_code IS NOT NULL ORDER BY case_no`, [departmentCode, at]);
  return rows.map((r) => ({ caseNo: r.case_no, queryCode: r.query_code, status: r.status, conclusion: r.conclusion, late: r.late }));
}
