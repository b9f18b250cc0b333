import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { sampleItem, seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';

function multipart(auth: Record<string, string>, buffer: Buffer, filename = 'catalog.xlsx') {
  const boundary = '----xq' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, buffer, tail]), headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('import/export: §2 JSON and the Excel template', () => {
  let p: TestPlatform;
  let h: { authorization: string };
  beforeAll(async () => {
    p = await testPlatform();
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    await seedDepartment(p.db, '511702-SJJ', '通川区市场监督管理局', '511702');
    await p.db.tx(async (q) => {
      await seedItem(q, p.ctx, { code: '511702-STJ-CF-0001' });
      await seedItem(q, p.ctx, { code: '511702-SJJ-XK-0001', name: '食品经营许可', category: 'license', departmentCode: '511702-SJJ', discretion: [],
        fees: [{ code: 'F1', name: '工本费', amount: 10, basis: '川价费〔2020〕1号' }], promisedLimitDays: undefined as any });
    });
    await seedUser(p.db, { username: 'cityadmin', role: 'region_admin', region: '511700' });
    h = await bearer(p.app, 'cityadmin');
  });
  afterAll(() => p.close());

  const versionCount = async () => (await p.db.query('SELECT count(*)::int AS n FROM power_item_versions'))[0]!.n as number;

  it('the §2 admin import answers in the spec shape and refuses by name', async () => {
    const res = await p.app.inject({
      method: 'POST', url: '/api/admin/import', headers: h,
      payload: { items: [sampleItem({ name: '对超标排放的处罚' } as any), sampleItem({ name: '坏的', promisedLimitDays: 100 } as any)] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.loaded.items).toBe(1);
    expect(body.refused).toEqual([{ code: null, name: '坏的', error: expect.stringMatching(/事项「坏的」.*promisedLimitDays/) }]);
  });

  it('exports §2 JSON that imports back without new versions', async () => {
    const exp = await p.app.inject({ method: 'GET', url: '/api/catalog/export', headers: h });
    expect(exp.statusCode).toBe(200);
    const items = exp.json().items;
    expect(items.length).toBe(3);
    const license = items.find((i: any) => i.code === '511702-SJJ-XK-0001');
    expect(license).not.toHaveProperty('promisedLimitDays');
    const before = await versionCount();
    const res = await p.app.inject({ method: 'POST', url: '/api/admin/import', headers: h, payload: { items } });
    expect(res.json()).toEqual({ loaded: { regions: 0, departments: 0, officers: 0, items: 3 }, refused: [] });
    expect(await versionCount()).toBe(before);
  });

  it('round-trips the catalog through Excel unchanged, then reports bad rows by number', async () => {
    const xl = await p.app.inject({ method: 'GET', url: '/api/catalog/export.xlsx', headers: h });
    expect(xl.statusCode).toBe(200);
    expect(xl.headers['content-type']).toMatch(/spreadsheetml/);
    const before = await versionCount();
    const back = await p.app.inject({ method: 'POST', url: '/api/catalog/import.xlsx', ...multipart(h, xl.rawPayload) });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ loaded: 3, refused: [] });
    expect(await versionCount()).toBe(before);

    // edit the workbook as a department would: one new good row, one bad row, one change
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xl.rawPayload as any);
    const ws = wb.getWorksheet('事项')!;
    const rowOf = (code: string) => ws.getRows(2, ws.rowCount)!.find((r) => r.getCell(1).value === code)!;
    rowOf('511702-STJ-CF-0001').getCell(7).value = 50; // promised 60 → 50
    ws.addRow(['', '对拒不改正的按日连续处罚', '行政处罚', '511702-STJ', '中华人民共和国环境保护法|第五十九条', 30, 20, '', '', '', '', '', '行政复议或行政诉讼', '否', '一般|fine|10000|100000']);
    ws.addRow(['', '坏的许可', '许可', '511702-SJJ', '', 10, 20]);
    const fs = wb.getWorksheet('流程')!;
    fs.addRow(['对拒不改正的按日连续处罚', 'check', '复查', '执法人员', 10]);
    fs.addRow(['不存在的事项', 'x', 'X', '', 1]);
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await p.app.inject({ method: 'POST', url: '/api/catalog/import.xlsx', ...multipart(h, edited) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.loaded).toBe(4);
    expect(body.codes).toContain('511702-STJ-CF-0003');
    expect(body.refused).toHaveLength(2);
    const badRow = ws.rowCount; // the last row added
    expect(body.refused).toContainEqual(expect.objectContaining({ sheet: '事项', row: badRow, name: '坏的许可', error: expect.stringMatching(new RegExp(`^第${badRow}行: .*promisedLimitDays`)) }));
    expect(body.refused).toContainEqual(expect.objectContaining({ sheet: '流程', error: expect.stringMatching(/不存在的事项/) }));
    const v = await p.app.inject({ method: 'GET', url: '/api/catalog/items/511702-STJ-CF-0001/versions', headers: h });
    expect(v.json().versions.map((x: any) => x.version)).toEqual([1, 2]);
    const d = await p.app.inject({ method: 'GET', url: '/api/catalog/items/511702-STJ-CF-0001/diff?from=1&to=2', headers: h });
    expect(d.json().changes.map((c: any) => c.field)).toContain('promisedLimitDays');
  });

  it('serves a blank template and refuses a file that is not a workbook', async () => {
    const t = await p.app.inject({ method: 'GET', url: '/api/catalog/template.xlsx', headers: h });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['事项', '流程', '说明']);
    const bad = await p.app.inject({ method: 'POST', url: '/api/catalog/import.xlsx', ...multipart(h, Buffer.from('not excel')) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/xlsx/);
  });
});
