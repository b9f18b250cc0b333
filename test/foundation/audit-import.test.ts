import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditVerify } from '../../src/cli/admin.commands.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedUser } from '../helpers/factories.js';

const file = {
  regions: [
    { code: '511702', name: '通川区', parent: '511700' },
    { code: '511700', name: '达州市', parent: '510000' },
    { code: '510000', name: '四川省', parent: null },
    { code: '5117', name: '坏代码', parent: '510000' },
  ],
  departments: [
    { code: '511702-STJ', name: '通川区生态环境局', region: '511702' },
    { code: '511799-XX', name: '无此区划', region: '511799' },
  ],
  officers: [
    { id: 'o-17', name: '李明', department: '511702-STJ', certificateNo: '51170220260017', validUntil: '2028-12-31' },
    { id: 'o-18', name: '', department: '511702-STJ' },
  ],
};

describe('§2 import and the audit chain', () => {
  let p: TestPlatform;
  let sys: { authorization: string };
  beforeAll(async () => {
    p = await testPlatform();
    await seedUser(p.db, { username: 'sys', role: 'system_admin' });
    sys = await bearer(p.app, 'sys');
  });
  afterAll(() => p.close());

  const importFile = (body: object) => p.app.inject({ method: 'POST', url: '/api/admin/import', headers: sys, payload: body });

  it('loads regions, departments and officers and names each refused entry', async () => {
    const r = await importFile(file);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.loaded).toEqual({ regions: 3, departments: 1, officers: 1, items: 0 });
    expect(body.refused).toHaveLength(3);
    expect(body.refused[0]).toMatchObject({ code: '5117', name: '坏代码' });
    expect(body.refused[0].error).toContain('code');
    expect(body.refused.find((x: any) => x.code === '511799-XX').error).toContain('region');
    expect(body.refused.find((x: any) => x.code === 'o-18').error).toContain('name');
    const [o] = await p.db.query(`SELECT * FROM officers WHERE id = 'o-17'`);
    expect(o).toMatchObject({ certificate_no: '51170220260017', valid_until: '2028-12-31', department_code: '511702-STJ' });
  });

  it('is idempotent: the same file again changes nothing but names; an update replaces by code', async () => {
    const snapshot = async () => JSON.stringify(await p.db.query(
      `SELECT (SELECT json_agg(r ORDER BY code) FROM (SELECT code, name, parent_code, level FROM regions) r) AS r,
              (SELECT json_agg(d ORDER BY code) FROM (SELECT code, name, region_code FROM departments) d) AS d,
              (SELECT json_agg(o ORDER BY id) FROM (SELECT id, name, department_code, certificate_no, valid_until FROM officers) o) AS o`));
    const before = await snapshot();
    expect((await importFile(file)).json().loaded).toEqual({ regions: 3, departments: 1, officers: 1, items: 0 });
    expect(await snapshot()).toBe(before);
    await importFile({ officers: [{ id: 'o-17', name: '李明', department: '511702-STJ', certificateNo: '51170220260017', validUntil: '2030-12-31' }] });
    const rows = await p.db.query(`SELECT valid_until FROM officers WHERE id = 'o-17'`);
    expect(rows).toEqual([{ valid_until: '2030-12-31' }]);
  });

  it('a region administrator imports only inside their region', async () => {
    await seedUser(p.db, { username: 'dz_gly', role: 'region_admin', region: '511700' });
    const dz = await bearer(p.app, 'dz_gly');
    const r = await p.app.inject({ method: 'POST', url: '/api/admin/import', headers: dz, payload: {
      regions: [{ code: '510400', name: '攀枝花市', parent: '510000' }, { code: '511703', name: '达川区', parent: '511700' }],
      departments: [{ code: '511703-STJ', name: '达川区生态环境局', region: '511703' }],
      officers: [{ id: 'o-17', name: '李明', department: '511703-STJ' }],
    } });
    expect(r.statusCode).toBe(200);
    expect(r.json().loaded).toEqual({ regions: 1, departments: 1, officers: 1, items: 0 });
    expect(r.json().refused.map((x: any) => x.code)).toEqual(['510400']);
    const handler = await seedUser(p.db, { username: 'jb', role: 'handler', region: '511703', department: '511703-STJ' });
    expect(handler).toBeTruthy();
    const denied = await p.app.inject({ method: 'POST', url: '/api/admin/import', headers: await bearer(p.app, 'jb'), payload: { regions: [] } });
    expect(denied.statusCode).toBe(403);
    // Moved back where the file says it belongs (idempotent upsert by id).
    await importFile({ officers: [file.officers[0]] });
  });

  it('hands items to the catalog in the same transaction, after their department exists', async () => {
    const item = {
      name: '对未依法取得排污许可证排放污染物的处罚', category: 'penalty', department: '511703-ZRJ',
      legalBasis: [{ law: '中华人民共和国环境保护法', article: '第六十三条', text: '…' }],
      legalLimitDays: 90, promisedLimitDays: 60, remedies: '行政复议或行政诉讼', confidential: false,
      flow: { steps: [{ key: 'register', name: '立案', post: '承办科室', limitDays: 5 }, { key: 'decide', name: '决定', post: '分管领导', limitDays: 10 }], rollbacks: [] },
    };
    const r = await importFile({
      departments: [{ code: '511703-ZRJ', name: '达川区自然资源局', region: '511703' }],
      items: [item, { ...item, name: '坏事项', promisedLimitDays: 120 }],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().loaded).toMatchObject({ departments: 1, items: 1 });
    expect(r.json().refused).toHaveLength(1);
    expect(r.json().refused[0].name).toBe('坏事项');
  });

  it('applies entries in file order: a later officer with the same id wins', async () => {
    const o = { id: 'o-dup', name: '重复', department: '511702-STJ', certificateNo: 'C-1', validUntil: '2027-01-31' };
    const r = await importFile({ officers: [o, { ...o, validUntil: '2029-01-31' }] });
    expect(r.json().loaded.officers).toBe(2);
    expect(await p.db.query(`SELECT valid_until FROM officers WHERE id = 'o-dup'`)).toEqual([{ valid_until: '2029-01-31' }]);
  });

  it('refuses a body that is not in the §2 shape with 400 and stores nothing', async () => {
    const n = (await p.db.query('SELECT count(*)::int AS n FROM regions'))[0].n;
    const r = await importFile({ regions: { code: '510100' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('regions');
    expect((await p.db.query('SELECT count(*)::int AS n FROM regions'))[0].n).toBe(n);
  });

  it('the app cannot update or delete audit records', async () => {
    await expect(p.db.query(`UPDATE audit_log SET outcome = 'success' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(p.db.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('audit verify names a record altered with raw SQL (exit code 1)', async () => {
    const lines: string[] = [];
    expect((await auditVerify(p.db, (l) => lines.push(l))).exitCode).toBe(0);
    const [{ n }] = await p.db.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(n).toBeGreaterThanOrEqual(4);
    // As a superuser would: switch the trigger off, change one record, switch it on again.
    await p.db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 3;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
    const { exitCode, verdict } = await auditVerify(p.db, (l) => lines.push(l));
    expect(exitCode).toBe(1);
    expect(verdict).toMatchObject({ ok: false, seq: 3, problem: 'altered' });
    expect(lines.at(-1)).toContain('#3');
  });

  it('audit verify names a removed record', async () => {
    await p.db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      DELETE FROM audit_log WHERE seq = 2;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
    const { verdict } = await auditVerify(p.db, () => undefined);
    expect(verdict).toMatchObject({ ok: false, seq: 2, problem: 'removed' });
  });
});
