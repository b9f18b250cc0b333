import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';

describe('public catalog API (公众目录) and internal listing', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform();
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    await seedDepartment(p.db, '511702-SJJ', '通川区市场监督管理局', '511702');
    await seedDepartment(p.db, '510411-ZRJ', '仁和区自然资源局', '510411');
    await p.db.tx(async (q) => {
      await seedItem(q, p.ctx, { code: '511702-STJ-CF-0001' });
      await seedItem(q, p.ctx, { code: '511702-SJJ-XK-0001', name: '食品经营许可', category: 'license', departmentCode: '511702-SJJ', discretion: [],
        legalBasis: [{ law: '中华人民共和国食品安全法', article: '第三十五条' }] });
      await seedItem(q, p.ctx, { code: '511702-STJ-QT-0001', name: '涉密的核安全监管事项', category: 'other', confidential: true });
      await seedItem(q, p.ctx, { code: '511702-STJ-JC-0001', name: '暂停的污染源检查', category: 'inspection', status: 'suspended' });
      await seedItem(q, p.ctx, { code: '510411-ZRJ-XK-0001', name: '建设用地规划许可', category: 'license', departmentCode: '510411-ZRJ', discretion: [] });
      await seedItem(q, p.ctx, { code: '511702-STJ-CF-0009', name: '将来生效的排污处罚', effectiveFrom: new Date('2027-01-01T00:00:00+08:00') });
    });
    await seedUser(p.db, { username: 'stj', role: 'handler', region: '511702', department: '511702-STJ' });
  });
  afterAll(() => p.close());

  const get = (url: string, headers?: Record<string, string>) => p.app.inject({ method: 'GET', url, headers });

  it('lists only published, non-confidential items of a region subtree without signing in', async () => {
    const all = (await get('/api/public/catalog/items')).json();
    expect(all.items.map((i: any) => i.code).sort()).toEqual(['510411-ZRJ-XK-0001', '511702-SJJ-XK-0001', '511702-STJ-CF-0001']);
    const dazhou = (await get('/api/public/catalog/items?region=511700')).json();
    expect(dazhou.total).toBe(2);
    expect((await get('/api/public/catalog/items?region=511702&category=license')).json().items.map((i: any) => i.code)).toEqual(['511702-SJJ-XK-0001']);
    expect((await get('/api/public/catalog/items?department=511702-STJ')).json().items.map((i: any) => i.code)).toEqual(['511702-STJ-CF-0001']);
  });

  it('keeps confidential, suspended and future items out of every public view', async () => {
    for (const code of ['511702-STJ-QT-0001', '511702-STJ-JC-0001', '511702-STJ-CF-0009']) {
      expect((await get(`/api/public/catalog/items/${code}`)).statusCode).toBe(404);
      expect((await get(`/api/public/catalog/items/${code}/flowchart.svg`)).statusCode).toBe(404);
    }
    expect((await get('/api/public/catalog/items?q=核安全')).json().total).toBe(0);
    const depts = (await get('/api/public/catalog/departments?region=511702')).json().departments;
    expect(depts).toEqual([
      { code: '511702-SJJ', name: '通川区市场监督管理局', regionCode: '511702', items: 1 },
      { code: '511702-STJ', name: '通川区生态环境局', regionCode: '511702', items: 1 },
    ]);
    // the internal view of the department shows them all
    const h = await bearer(p.app, 'stj');
    const internal = (await get('/api/catalog/items?department=511702-STJ', h)).json();
    expect(internal.items.map((i: any) => [i.code, i.status, i.confidential])).toEqual([
      ['511702-STJ-CF-0001', 'in_force', false], ['511702-STJ-CF-0009', 'draft', false],
      ['511702-STJ-JC-0001', 'suspended', false], ['511702-STJ-QT-0001', 'in_force', true],
    ]);
    // …and not another department's
    expect((await get('/api/catalog/items/511702-SJJ-XK-0001', h)).statusCode).toBe(403);
  });

  it('searches by Chinese words in names, laws and departments', async () => {
    const q = async (s: string) => (await get(`/api/public/catalog/items?q=${encodeURIComponent(s)}`)).json().items.map((i: any) => i.code);
    expect(await q('食品')).toEqual(['511702-SJJ-XK-0001']);
    expect(await q('排污许可证')).toEqual(['511702-STJ-CF-0001']);
    expect(await q('食品安全法')).toEqual(['511702-SJJ-XK-0001']);
    expect(await q('许可')).toHaveLength(3);
    expect(await q('许可 仁和区')).toEqual(['510411-ZRJ-XK-0001']);
    expect(await q('生态环境局')).toEqual(['511702-STJ-CF-0001']);
    expect(await q('100%_')).toEqual([]);
  });

  it('gives each item basis, limits, fees, materials, remedies and the public flowchart, never internal points', async () => {
    const res = await get('/api/public/catalog/items/511702-STJ-CF-0001');
    expect(res.statusCode).toBe(200);
    const it_ = res.json();
    expect(it_).toMatchObject({ legalLimitDays: 90, promisedLimitDays: 60, departmentName: '通川区生态环境局', regionName: '通川区' });
    expect(it_.legalBasis[0].law).toBe('中华人民共和国环境保护法');
    expect(it_.remedies).toMatch(/行政复议/);
    expect(it_.materials).toEqual(['现场检查笔录']);
    expect(it_.fees).toHaveLength(1);
    expect(it_.flow.steps[1]).toEqual({ key: 'investigate', name: '调查取证', limitDays: 30 });
    expect(res.body).not.toContain('选择性执法');
    expect(res.body).not.toContain('执法人员');
    expect(it_.flowchartSvg).toContain('<svg');
    const svg = await get('/api/public/catalog/items/511702-STJ-CF-0001/flowchart.svg');
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(svg.body).toContain('调查取证');
    expect(svg.body).not.toContain('风险点');
    const h = await bearer(p.app, 'stj');
    const internal = await get('/api/catalog/items/511702-STJ-CF-0001/flowchart.svg?kind=internal', h);
    expect(internal.body).toContain('风险点：选择性执法');
  });

  it('lists regions and categories for the hall filters', async () => {
    expect((await get('/api/public/catalog/regions')).json().regions).toContainEqual({ code: '511702', name: '通川区', parentCode: '511700', level: 'county' });
    expect((await get('/api/public/catalog/categories')).json().categories).toHaveLength(10);
    expect((await get('/api/public/catalog/items?region=51170')).statusCode).toBe(400);
  });

  it('documents the catalog routes in the OpenAPI reference', async () => {
    const doc = (await get('/api/openapi.json', await bearer(p.app, 'stj'))).json(); // staff see the whole reference (issue 24 item 11)
    for (const path of ['/api/public/catalog/items', '/api/public/catalog/items/{code}', '/api/catalog/items/{code}/diff', '/api/catalog/adjustments/{id}/review', '/api/catalog/import.xlsx'])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});
