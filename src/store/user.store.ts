import type { Grant, Role } from '../domain/org/policy.js';
import type { Queryable } from './db.js';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  regionCode: string | null;
  departmentCode: string | null;
  officerId: string | null;
  createdAt: Date;
}

const fromRow = (r: any): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  mustChangePassword: r.must_change_password,
  disabled: r.disabled,
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until,
  regionCode: r.region_code,
  departmentCode: r.department_code,
  officerId: r.officer_id,
  createdAt: r.created_at,
});

export async function findUserByName(q: Queryable, username: string): Promise<UserRow | null> {
  const rows = await q.query('SELECT * FROM users WHERE username = $1', [username]);
  return rows.length ? fromRow(rows[0]) : null;
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | null> {
  const rows = await q.query('SELECT * FROM users WHERE id = $1', [id]);
  return rows.length ? fromRow(rows[0]) : null;
}

export async function insertUser(
  q: Queryable,
  u: Pick<UserRow, 'id' | 'username' | 'displayName' | 'passwordHash' | 'mustChangePassword' | 'regionCode' | 'departmentCode'> & { officerId?: string | null },
): Promise<void> {
  await q.query(
    `INSERT INTO users (id, username, display_name, password_hash, must_change_password, region_code, department_code, officer_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [u.id, u.username, u.displayName, u.passwordHash, u.mustChangePassword, u.regionCode, u.departmentCode, u.officerId ?? null],
  );
}

/** Links an account to its officer (checked by the caller: services/admin/officer-link.ts). */
export async function setUserOfficer(q: Queryable, userId: string, officerId: string | null): Promise<void> {
  await q.query('UPDATE users SET officer_id = $2 WHERE id = $1', [userId, officerId]);
}

export async function grantsOf(q: Queryable, userId: string): Promise<Grant[]> {
  const rows = await q.query('SELECT role, region_code, department_code FROM role_grants WHERE user_id = $1 ORDER BY created_at', [userId]);
  return rows.map((r) => ({ role: r.role as Role, regionCode: r.region_code, departmentCode: r.department_code }));
}

export async function insertGrant(q: Queryable, id: string, userId: string, g: Grant): Promise<void> {
  await q.query(
    'INSERT INTO role_grants (id, user_id, role, region_code, department_code) VALUES ($1,$2,$3,$4,$5)',
    [id, userId, g.role, g.regionCode, g.departmentCode],
  );
}

export async function recordLoginFailure(q: Queryable, id: string, lockUntil: Date | null): Promise<void> {
  await q.query(
    'UPDATE users SET failed_attempts = failed_attempts + 1, locked_until = COALESCE($2, locked_until) WHERE id = $1',
    [id, lockUntil],
  );
}

export async function recordLoginSuccess(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [id]);
}

export async function setPassword(q: Queryable, id: string, hash: string, mustChange: boolean, at: Date): Promise<void> {
  await q.query(
    'UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = $4, failed_attempts = 0, locked_until = NULL WHERE id = $1',
    [id, hash, mustChange, at],
  );
}

export async function countUsers(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return r.n;
}

/** Serialises the first start of several instances (the bootstrap administrator is created once). */
export async function lockFirstStart(q: Queryable): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(726003)');
}

/** Changes an account's display name (when given) and its officer link (when `officerId` is not undefined). */
export async function updateUserProfile(q: Queryable, id: string, p: { name?: string; officerId?: string | null }): Promise<void> {
  await q.query('UPDATE users SET display_name = COALESCE($2, display_name), officer_id = CASE WHEN $3::boolean THEN $4 ELSE officer_id END WHERE id = $1',
    [id, p.name ?? null, p.officerId !== undefined, p.officerId ?? null]);
}
