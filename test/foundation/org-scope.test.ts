import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';

describe('organisation scoped by region subtree and department', () => {
  let p: TestPlatform;
  let sup: { authorization: string };
  let handler: { authorization: string };
  let admin: { authorization: string };
  beforeAll(async () => {
    p = await testPlatform();
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    await seedDepartment(p.db, '511702-SJJ', '通川区市场监督管理局', '511702');
    await seedDepartment(p.db, '510411-STJ', '仁和区生态环境局', '510411');
    await p.db.query(`INSERT INTO officers (id, name, department_code, certificate_no, valid_until) VALUES
      ('o-1','李明','511702-STJ','51170220260001','2028-12-31'), ('o-2','王芳','510411-STJ','51041120260002','2027-06-30')`);
    await seedUser(p.db, { username: 'sup_dz', role: 'supervisor', region: '511700' });
    await seedUser(p.db, { username: 'tc_jb', role: 'handler', region: '511702', department: '511702-STJ' });
    await seedUser(p.db, { username: 'sysadmin', role: 'system_admin' });
    sup = await bearer(p.app, 'sup_dz');
    handler = await bearer(p.app, 'tc_jb');
    admin = await bearer(p.app, 'sysadmin');
  });
  afterAll(() => p.close());

  const get = (url: string, headers: Record<string, string>) => p.app.inject({ method: 'GET', url, headers });

  it('a supervisor of 511700 sees 511702 and not 510411, by id', async () => {
    expect((await get('/api/org/regions/511702', sup)).statusCode).toBe(200);
    expect((await get('/api/org/departments/511702-STJ', sup)).json().name).toBe('通川区生态环境局');
    const r = await get('/api/org/regions/510411', sup);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
    expect((await get('/api/org/departments/510411-STJ', sup)).statusCode).toBe(403);
    expect((await get('/api/org/officers/o-2', sup)).statusCode).toBe(403);
    expect((await get('/api/org/officers/o-1', sup)).json().certificateNo).toBe('51170220260001');
    expect((await get('/api/org/departments/NOPE', sup)).statusCode).toBe(404);
  });

  it('and by list filter', async () => {
    const regions = (await get('/api/org/regions', sup)).json().regions.map((r: any) => r.code);
    expect(regions).toEqual(['511700', '511702', '511703']);
    const depts = (await get('/api/org/departments', sup)).json().departments.map((d: any) => d.code);
    expect(depts).toEqual(['511702-SJJ', '511702-STJ']);
    // Asking for another region by filter still yields nothing outside the scope.
    expect((await get('/api/org/departments?region=5104', sup)).json().departments).toEqual([]);
    // A six-digit region filter means its whole subtree.
    expect((await get('/api/org/departments?region=511700', sup)).json().departments).toHaveLength(2);
    expect((await get('/api/org/officers', sup)).json().officers.map((o: any) => o.id)).toEqual(['o-1']);
    expect((await get('/api/org/officers?region=510411', sup)).json().officers).toEqual([]);
  });

  it('a handler sees only their department', async () => {
    expect((await get('/api/org/departments', handler)).json().departments.map((d: any) => d.code)).toEqual(['511702-STJ']);
    expect((await get('/api/org/departments/511702-SJJ', handler)).statusCode).toBe(403);
    expect((await get('/api/org/regions', handler)).json().regions.map((r: any) => r.code)).toEqual(['511702']);
  });

  it('the system administrator sees all and manages the organisation; others may not', async () => {
    expect((await get('/api/org/regions', admin)).json().regions).toHaveLength(7);
    const created = await p.app.inject({ method: 'POST', url: '/api/org/departments', headers: admin,
      payload: { code: '511703-ZRJ', name: '达川区自然资源局', region: '511703' } });
    expect(created.statusCode).toBe(201);
    const dup = await p.app.inject({ method: 'POST', url: '/api/org/departments', headers: admin,
      payload: { code: '511703-ZRJ', name: '重复', region: '511703' } });
    expect(dup.statusCode).toBe(409);
    const byHandler = await p.app.inject({ method: 'POST', url: '/api/org/departments', headers: handler,
      payload: { code: '511702-JTJ', name: '通川区交通运输局', region: '511702' } });
    expect(byHandler.statusCode).toBe(403);
    expect((await p.db.query(`SELECT 1 FROM departments WHERE code = '511702-JTJ'`))).toHaveLength(0);
    const officer = await p.app.inject({ method: 'POST', url: '/api/org/officers', headers: admin,
      payload: { id: 'o-9', name: '赵强', department: '511703-ZRJ', certificateNo: '51170320260009', validUntil: '2027-02-30' } });
    expect(officer.statusCode).toBe(400);
    expect(officer.json().error.message).toContain('validUntil');
    const region = await p.app.inject({ method: 'POST', url: '/api/org/regions', headers: admin, payload: { code: '511722', name: '宣汉县', parent: '510400' } });
    expect(region.statusCode).toBe(400);
    expect(region.json().error.details.field).toBe('parent');
  });

  it('changes leave audit records with who and what', async () => {
    const rows = await p.db.query(`SELECT action, actor_name, outcome FROM audit_log WHERE action LIKE 'org.%' ORDER BY seq`);
    expect(rows).toContainEqual({ action: 'org.department.create', actor_name: 'sysadmin', outcome: 'success' });
  });
});
