import type { Queryable } from './db.js';

/**
 * 网上申请: the case a citizen names with its number and 查询码 (never a confidential one). Two
 * matches (one number in two departments with the same code, practically impossible) count as none.
 */
export async function findPublicCaseId(q: Queryable, caseNo: string, queryCode: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>('SELECT id FROM cases WHERE case_no = $1 AND query_code = $2 AND NOT confidential LIMIT 2', [caseNo.trim(), queryCode.trim().toUpperCase()]);
  return rows.length === 1 ? rows[0].id : null;
}
