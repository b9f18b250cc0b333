import type { PowerItemVersion } from '../domain/catalog/item.types.js';
import { expandSearchWord, normaliseSearchWord } from '../domain/catalog/search-keys.js';
import type { Queryable } from './db.js';
import { versionFromRow } from './catalog.store.js';

/** Catalog listings: the version in effect at an instant, joined laterally, filtered and searched. */

export interface ItemQuery {
  /** Scope: everything, region code prefixes, or departments (any of them matches). */
  scope: { all: boolean; prefixes: string[]; departments: string[] };
  at: Date;
  /** Public view: only in-force, non-confidential items. */
  publicOnly: boolean;
  regionPrefix?: string | null;
  department?: string | null;
  category?: string | null;
  status?: string | null;
  /** Chinese words, separated by spaces: every word must occur (ILIKE on a trigram index). */
  text?: string | null;
  limit: number;
  offset: number;
}

export interface ItemListRow {
  code: string;
  name: string;
  category: string;
  departmentCode: string;
  departmentName: string;
  regionCode: string;
  regionName: string;
  status: string;
  confidential: boolean;
  latestVersion: number;
  current: PowerItemVersion | null;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function searchTerms(text: string | null | undefined): string[] {
  return (text ?? '').split(/[\s,，、;；]+/).map((t) => t.trim()).filter(Boolean).slice(0, 8);
}

export async function queryItems(q: Queryable, f: ItemQuery): Promise<{ total: number; rows: ItemListRow[] }> {
  const params: unknown[] = [f.at];
  const where: string[] = [];
  const add = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (!f.scope.all) {
    where.push(`(i.region_code LIKE ANY(${add(f.scope.prefixes.map((p) => `${p}%`))}::text[]) OR i.department_code = ANY(${add(f.scope.departments)}::text[]))`);
  }
  if (f.publicOnly) where.push(`cur.status = 'in_force' AND NOT COALESCE((cur.content->>'confidential')::boolean, false)`);
  if (f.regionPrefix) where.push(`i.region_code LIKE ${add(`${f.regionPrefix}%`)}`);
  if (f.department) where.push(`i.department_code = ${add(f.department)}`);
  if (f.category) where.push(`i.category = ${add(f.category)}`);
  if (f.status) where.push(`COALESCE(cur.status, 'draft') = ${add(f.status)}`);
  const terms = searchTerms(f.text);
  // each word: in the Chinese words (or, for an abbreviation such as 环评, the full words it
  // stands for), or in the pinyin / initials / abbreviation keys (search-keys.ts)
  for (const t of terms) {
    const words = expandSearchWord(t).map((w) => `%${likeEscape(w)}%`);
    where.push(`(i.search_text ILIKE ANY(${add(words)}::text[]) OR i.search_keys ILIKE ${add(`%${likeEscape(normaliseSearchWord(t))}%`)})`);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = `FROM power_items i
     JOIN departments d ON d.code = i.department_code
     JOIN regions r ON r.code = i.region_code
     LEFT JOIN LATERAL (SELECT v.* FROM power_item_versions v
        WHERE v.item_code = i.code AND v.effective_from <= $1 AND v.status <> 'draft'
        ORDER BY v.effective_from DESC, v.version DESC LIMIT 1) cur ON true`;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${from} ${whereSql}`, params);
  let order = 'i.code';
  if (terms.length) {
    const whole = add(terms.join(' '));
    const first = add(`%${likeEscape(terms[0]!)}%`);
    const firstKey = add(`%${likeEscape(normaliseSearchWord(terms[0]!))}%`);
    order = `(i.name ILIKE ${first}) DESC, (i.search_keys ILIKE ${firstKey}) DESC, similarity(i.search_text, ${whole}) DESC, i.code`;
  }
  const lim = add(f.limit);
  const off = add(f.offset);
  const rows = await q.query(
    `SELECT i.code, i.name AS row_name, i.category, i.department_code, d.name AS department_name, i.region_code, r.name AS region_name,
            i.confidential AS row_confidential, i.latest_version, cur.item_code, cur.version, cur.effective_from, cur.status, cur.content, cur.disclosure_problems
     ${from} ${whereSql} ORDER BY ${order} LIMIT ${lim} OFFSET ${off}`,
    params,
  );
  return {
    total: c?.n ?? 0,
    rows: rows.map((r) => {
      const current = r.item_code ? versionFromRow(r) : null;
      return {
        code: r.code, name: current?.name ?? r.row_name, category: r.category, departmentCode: r.department_code, departmentName: r.department_name,
        regionCode: r.region_code, regionName: r.region_name, status: current?.status ?? 'draft',
        confidential: current?.confidential ?? r.row_confidential, latestVersion: r.latest_version, current,
      };
    }),
  };
}

/** Departments (with region) having at least one published item in the region subtree, with counts. */
export async function publishedDepartments(q: Queryable, at: Date, regionPrefix: string | null): Promise<{ code: string; name: string; regionCode: string; items: number }[]> {
  const rows = await q.query(
    `SELECT d.code, d.name, d.region_code, count(*)::int AS items
       FROM power_items i JOIN departments d ON d.code = i.department_code
       JOIN LATERAL (SELECT v.status, v.content FROM power_item_versions v
          WHERE v.item_code = i.code AND v.effective_from <= $1 AND v.status <> 'draft'
          ORDER BY v.effective_from DESC, v.version DESC LIMIT 1) cur ON true
      WHERE cur.status = 'in_force' AND NOT COALESCE((cur.content->>'confidential')::boolean, false)
        AND ($2::text IS NULL OR i.region_code LIKE $2 || '%')
      GROUP BY d.code, d.name, d.region_code ORDER BY d.region_code, d.code`,
    [at, regionPrefix],
  );
  return rows.map((r) => ({ code: r.code, name: r.name, regionCode: r.region_code, items: r.items }));
}

export async function allRegions(q: Queryable): Promise<{ code: string; name: string; parentCode: string | null; level: string }[]> {
  const rows = await q.query('SELECT code, name, parent_code, level FROM regions ORDER BY code');
  return rows.map((r) => ({ code: r.code, name: r.name, parentCode: r.parent_code, level: r.level }));
}
