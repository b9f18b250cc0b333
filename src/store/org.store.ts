import type { ScopeFilter } from '../domain/org/policy.js';
import { regionLevel } from '../domain/org/region.js';
import type { Queryable } from './db.js';
import { scopeSql, subtreePattern, Where } from './scope-sql.js';

/** Organisation: regions (GB/T 2260), departments, posts (岗位), officers (执法人员). */

export interface Region { code: string; name: string; parent: string | null; level: string }
export interface Department { code: string; name: string; region: string; regionName?: string }
export interface Post { id: string; department: string; name: string }
export interface Officer { id: string; name: string; department: string; certificateNo: string | null; validUntil: string | null }

const region = (r: any): Region => ({ code: r.code, name: r.name, parent: r.parent_code, level: r.level });
const department = (r: any): Department => ({ code: r.code, name: r.name, region: r.region_code, ...(r.region_name ? { regionName: r.region_name } : {}) });
const post = (r: any): Post => ({ id: r.id, department: r.department_code, name: r.name });
const officer = (r: any): Officer => ({ id: r.id, name: r.name, department: r.department_code, certificateNo: r.certificate_no, validUntil: r.valid_until });

// Regions seen by a department-confined grant: the region of that department.
const regionScope = (f: ScopeFilter, params: unknown[]) =>
  scopeSql(f, params, { region: 'r.code', dept: (p) => `r.code IN (SELECT region_code FROM departments WHERE code = ANY(${p}))` });

export async function listRegions(q: Queryable, scope: ScopeFilter, f: { parent?: string; under?: string } = {}): Promise<Region[]> {
  const w = new Where();
  w.conds.push(regionScope(scope, w.params));
  if (f.parent) w.add('r.parent_code = ?', f.parent);
  if (f.under) w.add('r.code LIKE ?', subtreePattern(f.under));
  return (await q.query(`SELECT r.* FROM regions r ${w.sql} ORDER BY r.code`, w.params)).map(region);
}

export async function getRegion(q: Queryable, code: string, scope?: ScopeFilter): Promise<Region | null> {
  const w = new Where().add('r.code = ?', code);
  if (scope) w.conds.push(regionScope(scope, w.params));
  const rows = await q.query(`SELECT r.* FROM regions r ${w.sql}`, w.params);
  return rows.length ? region(rows[0]) : null;
}

export async function upsertRegion(q: Queryable, r: { code: string; name: string; parent: string | null }): Promise<'created' | 'updated'> {
  const rows = await q.query<{ inserted: boolean }>(
    `INSERT INTO regions (code, name, parent_code, level) VALUES ($1,$2,$3,$4)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code
     RETURNING (xmax = 0) AS inserted`,
    [r.code, r.name, r.parent, regionLevel(r.code)],
  );
  return rows[0].inserted ? 'created' : 'updated';
}

const deptScope = (f: ScopeFilter, params: unknown[]) => scopeSql(f, params, { region: 'd.region_code', dept: 'd.code' });

export async function listDepartments(q: Queryable, scope: ScopeFilter, f: { region?: string; q?: string } = {}): Promise<Department[]> {
  const w = new Where();
  w.conds.push(deptScope(scope, w.params));
  if (f.region) w.add('d.region_code LIKE ?', subtreePattern(f.region));
  if (f.q) w.add('(d.name LIKE ? OR d.code LIKE ?)', `%${f.q}%`, `%${f.q}%`);
  const rows = await q.query(
    `SELECT d.*, r.name AS region_name FROM departments d JOIN regions r ON r.code = d.region_code ${w.sql} ORDER BY d.code`,
    w.params,
  );
  return rows.map(department);
}

export async function getDepartment(q: Queryable, code: string, scope?: ScopeFilter): Promise<Department | null> {
  const w = new Where().add('d.code = ?', code);
  if (scope) w.conds.push(deptScope(scope, w.params));
  const rows = await q.query(`SELECT d.*, r.name AS region_name FROM departments d JOIN regions r ON r.code = d.region_code ${w.sql}`, w.params);
  return rows.length ? department(rows[0]) : null;
}

export async function upsertDepartment(q: Queryable, d: { code: string; name: string; region: string }): Promise<'created' | 'updated'> {
  const rows = await q.query<{ inserted: boolean }>(
    `INSERT INTO departments (code, name, region_code) VALUES ($1,$2,$3)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code
     RETURNING (xmax = 0) AS inserted`,
    [d.code, d.name, d.region],
  );
  return rows[0].inserted ? 'created' : 'updated';
}

export async function listPosts(q: Queryable, scope: ScopeFilter, f: { department?: string } = {}): Promise<Post[]> {
  const w = new Where();
  w.conds.push(scopeSql(scope, w.params, { region: 'd.region_code', dept: 'd.code' }));
  if (f.department) w.add('p.department_code = ?', f.department);
  const rows = await q.query(`SELECT p.* FROM posts p JOIN departments d ON d.code = p.department_code ${w.sql} ORDER BY p.department_code, p.name`, w.params);
  return rows.map(post);
}

export async function insertPost(q: Queryable, p: Post): Promise<void> {
  await q.query('INSERT INTO posts (id, department_code, name) VALUES ($1,$2,$3)', [p.id, p.department, p.name]);
}

export async function findPost(q: Queryable, department: string, name: string): Promise<Post | null> {
  const rows = await q.query('SELECT * FROM posts WHERE department_code = $1 AND name = $2', [department, name]);
  return rows.length ? post(rows[0]) : null;
}

const officerScope = (f: ScopeFilter, params: unknown[]) => scopeSql(f, params, { region: 'd.region_code', dept: 'o.department_code' });

export async function listOfficers(
  q: Queryable, scope: ScopeFilter, f: { department?: string; region?: string; validOn?: string; limit?: number; offset?: number } = {},
): Promise<Officer[]> {
  const w = new Where();
  w.conds.push(officerScope(scope, w.params));
  if (f.department) w.add('o.department_code = ?', f.department);
  if (f.region) w.add('d.region_code LIKE ?', subtreePattern(f.region));
  if (f.validOn) w.add('o.certificate_no IS NOT NULL AND o.valid_until >= ?::date', f.validOn);
  const limit = w.p(Math.min(f.limit ?? 200, 1000));
  const offset = w.p(f.offset ?? 0);
  const rows = await q.query(
    `SELECT o.* FROM officers o JOIN departments d ON d.code = o.department_code ${w.sql} ORDER BY o.department_code, o.id LIMIT ${limit} OFFSET ${offset}`,
    w.params,
  );
  return rows.map(officer);
}

export async function getOfficer(q: Queryable, id: string, scope?: ScopeFilter): Promise<Officer | null> {
  const w = new Where().add('o.id = ?', id);
  if (scope) w.conds.push(officerScope(scope, w.params));
  const rows = await q.query(`SELECT o.* FROM officers o JOIN departments d ON d.code = o.department_code ${w.sql}`, w.params);
  return rows.length ? officer(rows[0]) : null;
}

export async function upsertOfficer(q: Queryable, o: Officer): Promise<'created' | 'updated'> {
  const rows = await q.query<{ inserted: boolean }>(
    `INSERT INTO officers (id, name, department_code, certificate_no, valid_until) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, department_code = EXCLUDED.department_code,
       certificate_no = EXCLUDED.certificate_no, valid_until = EXCLUDED.valid_until
     RETURNING (xmax = 0) AS inserted`,
    [o.id, o.name, o.department, o.certificateNo, o.validUntil],
  );
  return rows[0].inserted ? 'created' : 'updated';
}

/** Many officers in one statement (the §2 import); ids must be distinct within the call. */
export async function upsertOfficers(q: Queryable, os: Officer[]): Promise<void> {
  if (!os.length) return;
  await q.query(
    `INSERT INTO officers (id, name, department_code, certificate_no, valid_until)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[])
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, department_code = EXCLUDED.department_code,
       certificate_no = EXCLUDED.certificate_no, valid_until = EXCLUDED.valid_until`,
    [os.map((o) => o.id), os.map((o) => o.name), os.map((o) => o.department), os.map((o) => o.certificateNo), os.map((o) => o.validUntil)],
  );
}

/** The current department of each of these officer ids (absent ids are left out). */
export async function officerDepartments(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await q.query('SELECT id, department_code FROM officers WHERE id = ANY($1::text[])', [ids.slice(i, i + 5000)]);
    for (const r of rows) out.set(r.id, r.department_code);
  }
  return out;
}
