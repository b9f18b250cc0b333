import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadOrgDemo } from '../../src/services/demo/org.demo.js';
import { loadDemo } from '../../src/services/demo/index.js';
import { getOfficer } from '../../src/services/org/officer.service.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer } from '../helpers/factories.js';

describe('demonstration organisation', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform();
    await loadOrgDemo(p.ctx);
    await loadOrgDemo(p.ctx); // safe twice
  });
  afterAll(() => p.close());

  it('loads the Sichuan regions, departments and officers', async () => {
    const regions = await p.db.query('SELECT code FROM regions ORDER BY code');
    expect(regions.map((r) => r.code)).toEqual(['510000', '510100', '510400', '510411', '511700', '511702', '511703']);
    const [d] = await p.db.query(`SELECT name, region_code FROM departments WHERE code = '511702-STJ'`);
    expect(d).toEqual({ name: '通川区生态环境局', region_code: '511702' });
    const [{ n }] = await p.db.query(`SELECT count(*)::int AS n FROM users`);
    expect(n).toBe(DEMO_ACCOUNTS.length);
  });

  it('every demo account logs in with the documented password and sees its own scope', async () => {
    for (const a of DEMO_ACCOUNTS) await bearer(p.app, a.username, DEMO_PASSWORD);
    const dz = await bearer(p.app, 'dz_jc', DEMO_PASSWORD);
    const regions = (await p.app.inject({ method: 'GET', url: '/api/org/regions', headers: dz })).json().regions.map((r: any) => r.code);
    expect(regions).toEqual(['511700', '511702', '511703']);
    const jb = await bearer(p.app, 'tc_stj_jb', DEMO_PASSWORD);
    const depts = (await p.app.inject({ method: 'GET', url: '/api/org/departments', headers: jb })).json().departments;
    expect(depts.map((x: any) => x.code)).toEqual(['511702-STJ']);
  });

  it('each account acts as its own officer: same person, same department; the handler and the legal reviewer hold the flows\' posts', async () => {
    const linked = await p.db.query<{ username: string; display_name: string; name: string; same_dept: boolean }>(
      `SELECT u.username, u.display_name, o.name, o.department_code = u.department_code AS same_dept FROM users u JOIN officers o ON o.id = u.officer_id ORDER BY u.username`);
    expect(linked.map((r) => r.username)).toEqual(DEMO_ACCOUNTS.filter((a) => a.officerId).map((a) => a.username).sort());
    for (const r of linked) expect([r.name, r.same_dept]).toEqual([r.display_name, true]);
    const sys = { kind: 'system', name: 't' } as const;
    const jb = await getOfficer(p.ctx, sys, 'o-511702-STJ-1');
    expect(jb.name).toBe('李明');
    expect(jb.posts).toEqual(expect.arrayContaining(['承办科室', '执法人员', '分管领导', '政务服务窗口']));
    expect(jb.posts).not.toContain('法制审核员');
    expect((await getOfficer(p.ctx, sys, 'o-511702-STJ-2')).posts).toEqual(['法制审核员']);
    expect((await getOfficer(p.ctx, sys, 'o-511702-STJ-3')).posts).toEqual([]);
  });

  it('a demo loaded before posts gets its officers\' posts and names and the legal reviewer\'s officer at the next start', async () => {
    await p.db.query(`DELETE FROM officer_posts`);
    await p.db.query(`UPDATE users SET officer_id = NULL WHERE username = 'tc_stj_fz'`);
    await p.db.query(`UPDATE officers SET name = '王敏' WHERE id = 'o-511702-STJ-1'`);
    await p.db.query(`INSERT INTO app_settings (key, value) VALUES ('demo_loaded', '{}')`);
    expect(await loadDemo(p.ctx)).toBe(false);
    const sys = { kind: 'system', name: 't' } as const;
    expect((await getOfficer(p.ctx, sys, 'o-511702-STJ-1')).name).toBe('李明');
    expect((await getOfficer(p.ctx, sys, 'o-511702-STJ-2')).posts).toEqual(['法制审核员']);
    const [fz] = await p.db.query(`SELECT officer_id FROM users WHERE username = 'tc_stj_fz'`);
    expect(fz.officer_id).toBe('o-511702-STJ-2');
  });
});
