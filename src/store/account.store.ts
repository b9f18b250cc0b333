import type { Grant, Role, ScopeFilter } from '../domain/org/policy.js';
import type { Queryable } from './db.js';
import { scopeSql, subtreePattern, Where } from './scope-sql.js';

/** Accounts as administrators see them (never the password hash), role grants with ids, API keys. */

export interface GrantRow extends Grant { id: string }

export interface UserView {
  id: string;
  username: string;
  name: string;
  region: string | null;
  department: string | null;
  officerId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  createdAt: string;
  grants: GrantRow[];
}

const grantRow = (r: any): GrantRow => ({ id: r.id, role: r.role as Role, regionCode: r.region_code, departmentCode: r.department_code });

const userScope = (f: ScopeFilter, params: unknown[]) => scopeSql(f, params, { region: 'u.region_code', dept: 'u.department_code' });

export async function listUsers(
  q: Queryable, scope: ScopeFilter,
  f: { region?: string; department?: string; q?: string; role?: string; disabled?: boolean; limit?: number; offset?: number } = {},
): Promise<{ users: UserView[]; total: number }> {
  const w = new Where();
  w.conds.push(userScope(scope, w.params));
  if (f.region) w.add('u.region_code LIKE ?', subtreePattern(f.region));
  if (f.department) w.add('u.department_code = ?', f.department);
  if (f.q) w.add('(u.username LIKE ? OR u.display_name LIKE ?)', `%${f.q}%`, `%${f.q}%`);
  if (f.role) w.add('EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = ?)', f.role);
  if (f.disabled !== undefined) w.add('u.disabled = ?', f.disabled);
  const [{ n }] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM users u ${w.sql}`, w.params);
  const limit = w.p(Math.min(f.limit ?? 50, 500));
  const offset = w.p(f.offset ?? 0);
  const rows = await q.query(`SELECT u.* FROM users u ${w.sql} ORDER BY u.username LIMIT ${limit} OFFSET ${offset}`, w.params);
  return { users: await withGrants(q, rows), total: n };
}

export async function getUserView(q: Queryable, id: string, scope?: ScopeFilter): Promise<UserView | null> {
  const w = new Where().add('u.id = ?', id);
  if (scope) w.conds.push(userScope(scope, w.params));
  const rows = await q.query(`SELECT u.* FROM users u ${w.sql}`, w.params);
  return rows.length ? (await withGrants(q, rows))[0] : null;
}

async function withGrants(q: Queryable, rows: any[]): Promise<UserView[]> {
  if (!rows.length) return [];
  const grants = await q.query('SELECT * FROM role_grants WHERE user_id = ANY($1::text[]) ORDER BY created_at, id', [rows.map((r) => r.id)]);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    name: r.display_name,
    region: r.region_code,
    department: r.department_code,
    officerId: r.officer_id,
    disabled: r.disabled,
    mustChangePassword: r.must_change_password,
    lockedUntil: r.locked_until ? r.locked_until.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    grants: grants.filter((g) => g.user_id === r.id).map(grantRow),
  }));
}

export async function setDisabled(q: Queryable, id: string, disabled: boolean): Promise<void> {
  await q.query('UPDATE users SET disabled = $2 WHERE id = $1', [id, disabled]);
}

export async function grantsWithIds(q: Queryable, userId: string): Promise<GrantRow[]> {
  return (await q.query('SELECT * FROM role_grants WHERE user_id = $1 ORDER BY created_at, id', [userId])).map(grantRow);
}

export async function deleteGrant(q: Queryable, userId: string, grantId: string): Promise<boolean> {
  return (await q.query('DELETE FROM role_grants WHERE id = $1 AND user_id = $2 RETURNING id', [grantId, userId])).length > 0;
}

/** Serialises changes to one user's grants (三员分立 is checked against the committed set). */
export async function lockUser(q: Queryable, userId: string): Promise<boolean> {
  return (await q.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId])).length > 0;
}

export interface ApiKeyView {
  id: string;
  department: string;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const keyView = (r: any): ApiKeyView => ({
  id: r.id, department: r.department_code, name: r.name, prefix: r.key_prefix, createdBy: r.created_by,
  createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
  lastUsedAt: r.last_used_at ? r.last_used_at.toISOString() : null,
});

export async function insertApiKey(
  q: Queryable, k: { id: string; department: string; name: string; prefix: string; hash: string; createdBy: string | null; at: Date },
): Promise<void> {
  await q.query(
    'INSERT INTO api_keys (id, department_code, name, key_prefix, key_hash, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)',
    [k.id, k.department, k.name, k.prefix, k.hash, k.createdBy, k.at],
  );
}

const keyScope = (f: ScopeFilter, params: unknown[]) => scopeSql(f, params, { region: 'd.region_code', dept: 'k.department_code' });

export async function listApiKeys(q: Queryable, scope: ScopeFilter, f: { department?: string; includeRevoked?: boolean } = {}): Promise<ApiKeyView[]> {
  const w = new Where();
  w.conds.push(keyScope(scope, w.params));
  if (f.department) w.add('k.department_code = ?', f.department);
  if (!f.includeRevoked) w.conds.push('k.revoked_at IS NULL');
  const rows = await q.query(`SELECT k.* FROM api_keys k JOIN departments d ON d.code = k.department_code ${w.sql} ORDER BY k.created_at DESC, k.id`, w.params);
  return rows.map(keyView);
}

export async function getApiKey(q: Queryable, id: string): Promise<(ApiKeyView & { region: string }) | null> {
  const rows = await q.query('SELECT k.*, d.region_code FROM api_keys k JOIN departments d ON d.code = k.department_code WHERE k.id = $1', [id]);
  return rows.length ? { ...keyView(rows[0]), region: rows[0].region_code } : null;
}

export async function revokeApiKey(q: Queryable, id: string, at: Date): Promise<boolean> {
  return (await q.query('UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id, at])).length > 0;
}

/**
 * Serialises the changes that touch the accounts of the three administrators (so two security
 * administrators cannot disable each other at once), then counts the enabled security administrators.
 */
export async function lockTrioAndCountSecurity(q: Queryable): Promise<number> {
  await q.query('SELECT pg_advisory_xact_lock(726004)');
  const [{ n }] = await q.query<{ n: number }>(
    `SELECT count(DISTINCT u.id)::int AS n FROM users u JOIN role_grants g ON g.user_id = u.id WHERE g.role = 'security_admin' AND NOT u.disabled`);
  return n;
}

/** The unrevoked department key with this SHA-256, with its department's region, or null. */
export async function findActiveApiKey(q: Queryable, keyHash: string): Promise<{ id: string; name: string; departmentCode: string; regionCode: string } | null> {
  const [r] = await q.query(
    `SELECT k.id, k.name, k.department_code, d.region_code FROM api_keys k JOIN departments d ON d.code = k.department_code
     WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
    [keyHash], { prepare: true },
  );
  return r ? { id: r.id, name: r.name, departmentCode: r.department_code, regionCode: r.region_code } : null;
}

/** Records a key's use at `at`, unless a use less than a minute before is recorded. */
export async function touchApiKey(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(
    `UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
    [id, at],
  );
}
