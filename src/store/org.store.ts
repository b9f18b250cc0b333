import type { ScopeFilter } from '../domain/org/policy.js';
import { regionLevel } from '../domain/org/region.js';
import type { Queryable } from './db.js';
import { scopeSql, subtreePattern, Where } from './scope-sql.js';

/** Organisation: regions (GB/T 2260), departments, posts (岗位), officers (执法人员). */

export interface Region { code: string; name: string; parent: string | null; level: string }
export interface Department { code: string; name: string; region: string; regionName?: string }
export interface Post { id: string; department: string; name: string }
export interface Officer { id: string; name: string; department: string; certificateNo: string | null; validUntil: string | null; posts?: string[] }

const region = (r: any): Region => ({ code: r.code, name: r.name, parent: r.parent_code, level: r.level });
const department = (r: any): Department => ({ code: r.code, name: r.name, region: r.region_code, ...(r.region_name ? { regionName: r.region_name } : {}) });
const post = (r: any): Post => ({ id: r.id, department: r.department_code, name: r.name });
const officer = (r: any): Officer => ({
  id: r.id, name: r.name, department: r.department_code, certificateNo: r.certificate_no, validUntil: r.valid_until, ...(r.posts ? { posts: r.posts } : {}),
});

/** The posts an officer holds in its own department (officer row alias `o`), as a text[] column `posts`. */
const HELD_POSTS = `ARRAY(SELECT p.name FROM officer_posts op JOIN posts p ON p.id = op.post_id
  WHERE op.officer_id = o.id AND p.department_code = o.department_code ORDER BY p.name) AS posts`;

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
    `SELECT o.*, ${HELD_POSTS} FROM officers o JOIN departments d ON d.code = o.department_code ${w.sql} ORDER BY o.department_code, o.id LIMIT ${limit} OFFSET ${offset}`,
    w.params,
  );
  return rows.map(officer);
}

export async function getOfficer(q: Queryable, id: string, scope?: ScopeFilter): Promise<Officer | null> {
  const w = new Where().add('o.id = ?', id);
  if (scope) w.conds.push(officerScope(scope, w.params));
  const rows = await q.query(`SELECT o.*, ${HELD_POSTS} FROM officers o JOIN departments d ON d.code = o.department_code ${w.sql}`, w.params);
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

/**
 * Replaces the posts these officers hold (§2 officers[].posts) by the named posts of each
 * officer's department, creating the posts a department lacks. `held`: officer id → post names.
 */
export async function setOfficerPosts(q: Queryable, held: Map<string, string[]>): Promise<void> {
  if (!held.size) return;
  const ids = [...held.keys()];
  const pairs = [...held].flatMap(([id, names]) => names.map((n) => [id, n] as const));
  await q.query('DELETE FROM officer_posts WHERE officer_id = ANY($1::text[])', [ids]);
  if (!pairs.length) return;
  const params = [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
  await q.query(
    `INSERT INTO posts (id, department_code, name)
     SELECT DISTINCT ON (o.department_code, x.name) gen_random_uuid()::text, o.department_code, x.name
       FROM unnest($1::text[], $2::text[]) AS x(officer_id, name) JOIN officers o ON o.id = x.officer_id
     ON CONFLICT (department_code, name) DO NOTHING`, params);
  await q.query(
    `INSERT INTO officer_posts (officer_id, post_id)
     SELECT DISTINCT x.officer_id, p.id
       FROM unnest($1::text[], $2::text[]) AS x(officer_id, name)
       JOIN officers o ON o.id = x.officer_id JOIN posts p ON p.department_code = o.department_code AND p.name = x.name
     ON CONFLICT DO NOTHING`, params);
}

/** A department's stand-ins (顶岗): `standIn` may complete steps given to `post`. */
export interface StandIn { post: string; standIn: string; createdBy: string | null; createdAt: Date }

export async function listStandIns(q: Queryable, department: string): Promise<StandIn[]> {
  const rows = await q.query(
    `SELECT p.name AS post, s.name AS stand_in, x.created_by, x.created_at FROM post_stand_ins x
       JOIN posts p ON p.id = x.post_id JOIN posts s ON s.id = x.stand_in_post_id
      WHERE p.department_code = $1 ORDER BY p.name, s.name`, [department]);
  return rows.map((r) => ({ post: r.post, standIn: r.stand_in, createdBy: r.created_by, createdAt: r.created_at }));
}

/** Adds a stand-in between two posts of the department; false when it was there already. */
export async function addStandIn(q: Queryable, x: { postId: string; standInPostId: string; createdBy: string | null; at: Date }): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO post_stand_ins (post_id, stand_in_post_id, created_by, created_at) VALUES ($1,$2,$3,$4)
     ON CONFLICT DO NOTHING RETURNING 1 AS ok`, [x.postId, x.standInPostId, x.createdBy, x.at]);
  return rows.length > 0;
}

export async function removeStandIn(q: Queryable, postId: string, standInPostId: string): Promise<boolean> {
  const rows = await q.query('DELETE FROM post_stand_ins WHERE post_id = $1 AND stand_in_post_id = $2 RETURNING 1 AS ok', [postId, standInPostId]);
  return rows.length > 0;
}

/** The officer's held posts (own department) and that department's stand-ins (post → posts standing in for it). */
export async function officerPostHolding(q: Queryable, officerId: string): Promise<{ posts: string[]; standIns: Record<string, string[]> } | null> {
  const rows = await q.query<{ posts: string[]; stand_ins: { post: string; by: string }[] }>(
    `SELECT ${HELD_POSTS},
            (SELECT coalesce(json_agg(json_build_object('post', p.name, 'by', s.name)), '[]'::json) FROM post_stand_ins x
               JOIN posts p ON p.id = x.post_id JOIN posts s ON s.id = x.stand_in_post_id WHERE p.department_code = o.department_code) AS stand_ins
       FROM officers o WHERE o.id = $1`, [officerId]);
  if (!rows.length) return null;
  const standIns: Record<string, string[]> = {};
  for (const x of rows[0].stand_ins) (standIns[x.post] ??= []).push(x.by);
  return { posts: rows[0].posts, standIns };
}

/** The account linked to this officer, if any (an officer acts through one account at most). */
export async function accountOfOfficer(q: Queryable, officerId: string): Promise<{ id: string; username: string } | null> {
  const rows = await q.query('SELECT id, username FROM users WHERE officer_id = $1', [officerId]);
  return rows.length ? { id: rows[0].id, username: rows[0].username } : null;
}

/** Whether any officer holds a post (a platform whose data predates posts holds none). */
export async function anyOfficerPosts(q: Queryable): Promise<boolean> {
  return (await q.query('SELECT 1 FROM officer_posts LIMIT 1')).length > 0;
}
