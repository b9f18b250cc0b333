import { hashPassword } from '../../src/services/security/password.js';
import type { Grant, Role } from '../../src/domain/org/policy.js';
import { regionLevel } from '../../src/domain/org/region.js';
import { newId } from '../../src/services/ids.js';
import type { Queryable } from '../../src/store/db.js';
import { insertGrant, insertUser } from '../../src/store/user.store.js';
import type { App } from '../../src/http/app-types.js';
import { codeNow, rememberSecret, secretFor, secretOfUrl } from './totp.js';

export const TEST_PASSWORD = 'Test-Passw0rd!';

/** The Sichuan regions of the demo: 510000 › 511700 › 511702/511703; 510400 › 510411; 510100. */
export async function seedRegions(q: Queryable): Promise<void> {
  const regions: [string, string, string | null][] = [
    ['510000', '四川省', null],
    ['510100', '成都市', '510000'],
    ['511700', '达州市', '510000'],
    ['511702', '通川区', '511700'],
    ['511703', '达川区', '511700'],
    ['510400', '攀枝花市', '510000'],
    ['510411', '仁和区', '510400'],
  ];
  for (const [code, name, parent] of regions) {
    await q.query('INSERT INTO regions (code, name, parent_code, level) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING', [code, name, parent, regionLevel(code)]);
  }
}

export async function seedDepartment(q: Queryable, code: string, name: string, region: string): Promise<void> {
  await q.query('INSERT INTO departments (code, name, region_code) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING', [code, name, region]);
}

export interface UserSpec {
  username: string;
  role: Role;
  region?: string | null;
  department?: string | null;
  mustChangePassword?: boolean;
  extraGrants?: Grant[];
}

/** A user holding one role over a region (and optionally a department); password TEST_PASSWORD. */
export async function seedUser(q: Queryable, u: UserSpec): Promise<string> {
  const id = newId();
  await insertUser(q, {
    id, username: u.username, displayName: u.username, passwordHash: await hashPassword(TEST_PASSWORD),
    mustChangePassword: u.mustChangePassword ?? false, regionCode: u.region ?? null, departmentCode: u.department ?? null,
  });
  await insertGrant(q, newId(), id, { role: u.role, regionCode: u.region ?? null, departmentCode: u.department ?? null });
  for (const g of u.extraGrants ?? []) await insertGrant(q, newId(), id, g);
  return id;
}

/**
 * Logs in through the API and returns the bearer header; answers a second-factor request
 * (§6 MFA_REQUIRED) with the account's code, enrolling it first when the answer offers enrolment.
 */
export async function bearer(app: App, username: string, password = TEST_PASSWORD): Promise<{ authorization: string }> {
  let res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode === 401 && res.json().error?.code === 'MFA_REQUIRED') {
    const enrol: string | undefined = res.json().error.details?.enrol;
    if (enrol) rememberSecret(app, username, secretOfUrl(enrol));
    res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, totp: codeNow(app, secretFor(app, username)) } });
  }
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${res.json().token}` };
}
