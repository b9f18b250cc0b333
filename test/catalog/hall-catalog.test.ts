import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCatchUp } from '../../src/services/catalog/catalog-upkeep.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { sampleItem, seedItem } from '../helpers/catalog-factory.js';
import { bearer, seedDepartment, seedRegions, seedUser } from '../helpers/factories.js';
import { multipartBody, PDF } from '../helpers/files.js';

const guide = {
  acceptanceConditions: '建设项目依法应当编制环境影响报告表', targets: '企业法人、事业单位法人', officeHours: '工作日 9:00–17:30', visits: 0, online: true,
  faqs: [{ question: '审批要多久？', answer: '承诺15个工作日。' }],
};

describe('the hall catalog: implementation-list fields, sample forms, pinyin and abbreviation search', () => {
  let p: TestPlatform;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-hall-'));
  let h: { authorization: string };
  const h2: Record<string, { authorization: string }> = {};
  beforeAll(async () => {
    p = await testPlatform({ config: { dataDir } });
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    await seedDepartment(p.db, '511702-SJJ', '通川区市场监督管理局', '511702');
    await p.db.tx(async (q) => {
      await seedItem(q, p.ctx, { code: '511702-STJ-CF-0001' });
      await seedItem(q, p.ctx, { code: '511702-SJJ-XK-0001', name: '食品经营许可', category: 'license', departmentCode: '511702-SJJ', discretion: [] });
    });
    await seedUser(p.db, { username: 'cityadmin', role: 'region_admin', region: '511700' });
    await seedUser(p.db, { username: 'handler', role: 'handler', region: '511702', department: '511702-STJ' });
    await seedUser(p.db, { username: 'sjj', role: 'handler', region: '511702', department: '511702-SJJ' });
    await seedUser(p.db, { username: 'reviewer', role: 'legal_reviewer', region: '511702' });
    await seedUser(p.db, { username: 'leader', role: 'leader', region: '511702' });
    h = await bearer(p.app, 'cityadmin');
    for (const u of ['handler', 'sjj', 'reviewer', 'leader']) h2[u] = await bearer(p.app, u);
  });
  afterAll(async () => { await p.close(); fs.rmSync(dataDir, { recursive: true, force: true }); });

  const get = (url: string) => p.app.inject({ method: 'GET', url });
  const upload = (user: string, dept: string, file: { name: string; type: string; data: Buffer }) => {
    const m = multipartBody({}, file);
    return p.app.inject({ method: 'POST', url: `/api/catalog/files?departmentCode=${dept}`, headers: { ...h2[user], 'content-type': m.contentType }, payload: m.payload });
  };
  const search = async (q: string) => (await get(`/api/public/catalog/items?q=${encodeURIComponent(q)}`)).json().items.map((i: any) => i.name);

  it('an item without the new fields loads exactly as before: a re-import of the same content stores no version', async () => {
    const before = (await p.db.query('SELECT count(*)::int AS n FROM power_item_versions'))[0]!.n;
    const res = await p.app.inject({ method: 'POST', url: '/api/admin/import', headers: h, payload: { items: [sampleItem({ code: '511702-STJ-CF-0001' } as any)] } });
    expect(res.json()).toEqual({ loaded: { regions: 0, departments: 0, officers: 0, items: 1 }, refused: [] });
    expect((await p.db.query('SELECT count(*)::int AS n FROM power_item_versions'))[0]!.n).toBe(before);
    const it = (await get('/api/public/catalog/items/511702-STJ-CF-0001')).json();
    expect(it).toMatchObject({ acceptanceConditions: null, visits: null, online: null, faqs: [] });
    expect(it.materialDetails).toEqual([{ name: '现场检查笔录', form: null, formName: null, copies: null, required: null, note: null, sampleForm: null }]);
  });

  it('a sample form is type-checked on upload, named by the §2 import and downloadable from the hall', async () => {
    const txt = await upload('handler', '511702-STJ', { name: 'form.pdf', type: 'application/pdf', data: Buffer.from('just text, not a PDF at all') });
    expect(txt.statusCode).toBe(415);
    expect(txt.json().error.message).toMatch(/不支持的样表类型/);
    // another department's staff cannot upload for this one
    expect((await upload('sjj', '511702-STJ', { name: 'a.pdf', type: 'application/pdf', data: PDF })).statusCode).toBe(403);
    const up = await upload('handler', '511702-STJ', { name: '申请书样表.pdf', type: 'application/pdf', data: PDF });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().fileId;
    expect(up.json()).toMatchObject({ mime: 'application/pdf', size: PDF.length });

    const item = {
      ...sampleItem({ name: '建设项目环境影响报告表审批', category: 'license', discretion: [] } as any),
      materials: ['建设项目环境影响报告表审批申请', '营业执照'],
      ...guide,
      materialDetails: [
        { name: '建设项目环境影响报告表审批申请', form: 'original', copies: 1, required: true, sampleForm: { fileId, name: '审批申请（样表）.pdf' } },
        { name: '营业执照', form: 'copy', copies: 1, note: '验原件' },
      ],
    };
    const bad = [
      { ...item, name: '坏一', materialDetails: [{ name: '不在清单里的材料' }] },
      { ...item, name: '坏二', visits: 11 },
      { ...item, name: '坏三', materialDetails: [{ name: '营业执照', sampleForm: { fileId: 'nosuchfile' } }] },
      { ...item, name: '坏四', online: '是' },
    ];
    const res = await p.app.inject({ method: 'POST', url: '/api/admin/import', headers: h, payload: { items: [item, ...bad] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().loaded.items).toBe(1);
    expect(res.json().refused.map((r: any) => [r.name, r.error.match(/(materialDetails\[0\]\.\w+(\.fileId)?|visits|online)/)?.[0]])).toEqual([
      ['坏一', 'materialDetails[0].name'], ['坏二', 'visits'], ['坏三', 'materialDetails[0].sampleForm.fileId'], ['坏四', 'online'],
    ]);
    const list = (await get('/api/public/catalog/items?q=环境影响报告表')).json().items;
    const code = list[0].code;
    const pub = (await get(`/api/public/catalog/items/${code}`)).json();
    expect(pub).toMatchObject({ ...guide });
    expect(pub.materialDetails[0]).toMatchObject({ name: '建设项目环境影响报告表审批申请', form: 'original', formName: '原件', copies: 1, required: true, sampleForm: { name: '审批申请（样表）.pdf' } });
    expect(pub.materialDetails[1]).toMatchObject({ formName: '复印件', note: '验原件', sampleForm: null });
    const dl = await get(pub.materialDetails[0].sampleForm.url);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toContain(encodeURIComponent('审批申请（样表）.pdf'));
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    // a file the published version does not name is not served through the hall
    const other = (await upload('handler', '511702-STJ', { name: 'x.pdf', type: 'application/pdf', data: PDF })).json().fileId;
    expect((await get(`/api/public/catalog/items/${code}/forms/${other}`)).statusCode).toBe(404);
    expect((await get(`/api/public/catalog/items/511702-STJ-CF-0001/forms/${fileId}`)).statusCode).toBe(404);
    // the §2 export carries the fields and imports back without a new version
    const exp = (await p.app.inject({ method: 'GET', url: '/api/catalog/export?department=511702-STJ', headers: h })).json().items.find((i: any) => i.code === code);
    expect(exp).toMatchObject({ visits: 0, online: true, faqs: guide.faqs });
    const again = await p.app.inject({ method: 'POST', url: '/api/admin/import', headers: h, payload: { items: [exp] } });
    expect(again.json().loaded.items).toBe(1);
    expect((await p.db.query('SELECT latest_version FROM power_items WHERE code = $1', [code]))[0]!.latest_version).toBe(1);
    // …and so does the Excel template (its 实施清单 columns)
    const xl = await p.app.inject({ method: 'GET', url: '/api/catalog/export.xlsx?department=511702-STJ', headers: h });
    expect(xl.statusCode).toBe(200);
    const m = multipartBody({}, { name: 'catalog.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: xl.rawPayload });
    const back = await p.app.inject({ method: 'POST', url: '/api/catalog/import.xlsx', headers: { ...h, 'content-type': m.contentType }, payload: m.payload });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ refused: [] });
    expect((await p.db.query('SELECT latest_version FROM power_items WHERE code = $1', [code]))[0]!.latest_version).toBe(1);
  });

  it('the new fields change only through a reviewed adjustment', async () => {
    const proposal = { ...sampleItem(), faqs: [{ question: '罚款如何缴纳？', answer: '凭决定书到指定银行缴纳，罚缴分离。' }], visits: 1, acceptanceConditions: '依职权立案' };
    delete (proposal as any).code;
    const call = (user: string, url: string, payload?: unknown) => p.app.inject({ method: 'POST', url, headers: h2[user], ...(payload ? { payload: payload as any } : {}) });
    const created = await call('handler', '/api/catalog/adjustments', { kind: 'change', itemCode: '511702-STJ-CF-0001', proposal, reason: '补充常见问题', effectiveOn: '2026-03-03' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    // a proposal naming a sample form that was never uploaded is refused at once
    const badForm = await call('sjj', '/api/catalog/adjustments', { kind: 'change', itemCode: '511702-SJJ-XK-0001', reason: '补充样表', effectiveOn: '2026-03-03',
      proposal: { ...sampleItem({ name: '食品经营许可', category: 'license', department: '511702-SJJ', discretion: [] } as any), code: undefined, materialDetails: [{ name: '现场检查笔录', sampleForm: { fileId: 'never-uploaded' } }] } });
    expect(badForm.statusCode).toBe(400);
    expect(badForm.json().error.details).toMatchObject({ field: 'proposal.materialDetails[0].sampleForm.fileId' });
    // nothing public changes while the request is under review
    expect((await get('/api/public/catalog/items/511702-STJ-CF-0001')).json().faqs).toEqual([]);
    expect((await call('handler', `/api/catalog/adjustments/${id}/submit`)).statusCode).toBe(200);
    expect((await call('reviewer', `/api/catalog/adjustments/${id}/review`, { decision: 'pass' })).statusCode).toBe(200);
    const ok = await call('leader', `/api/catalog/adjustments/${id}/decision`, { decision: 'approve' });
    expect(ok.statusCode, ok.body).toBe(200);
    p.clock.set(new Date('2026-03-03T09:00:00+08:00'));
    await catalogCatchUp(p.ctx);
    const pub = (await get('/api/public/catalog/items/511702-STJ-CF-0001')).json();
    expect(pub).toMatchObject({ visits: 1, acceptanceConditions: '依职权立案', faqs: proposal.faqs });
    // the version diff names what the adjustment added
    const diff = (await p.app.inject({ method: 'GET', url: `/api/catalog/items/511702-STJ-CF-0001/diff?from=${pub.version - 1}&to=${pub.version}`, headers: h2.handler! })).json();
    expect(diff.changes).toEqual(expect.arrayContaining([
      { field: 'faqs', kind: 'added', after: proposal.faqs }, { field: 'visits', kind: 'added', after: 1 }, { field: 'acceptanceConditions', kind: 'added', after: '依职权立案' },
    ]));
  });

  it('searches by full pinyin, initials and common abbreviations, and finds nothing for nonsense', async () => {
    expect(await search('shipin')).toEqual(['食品经营许可']);
    expect(await search('ShiPin')).toEqual(['食品经营许可']);
    expect(await search('spjy')).toEqual(['食品经营许可']);
    expect(await search('食品')).toEqual(['食品经营许可']);
    expect(await search('环评')).toEqual(['建设项目环境影响报告表审批']);
    expect(await search('huanping')).toEqual(['建设项目环境影响报告表审批']);
    expect(await search('hp')).toEqual(['建设项目环境影响报告表审批']);
    expect(await search('paiwu')).toEqual(['对未依法取得排污许可证排放污染物的处罚']);
    expect(await search('排污证')).toEqual(['对未依法取得排污许可证排放污染物的处罚']);
    expect(await search('zzzqqq')).toEqual([]);
    expect(await search('不存在的事项')).toEqual([]);
  });

  it('recomputes search keys of rows stored before them (upkeep)', async () => {
    await p.db.query(`UPDATE power_items SET search_keys = '', search_keys_rev = 0`);
    expect(await search('shipin')).toEqual([]);
    await catalogCatchUp(p.ctx);
    expect(await search('shipin')).toEqual(['食品经营许可']);
  });
});
