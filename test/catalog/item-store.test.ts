import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findItemVersionInForce, getItemVersion, itemStatusAt } from '../../src/services/catalog/item-lookup.js';
import { importItems } from '../../src/services/catalog/import-items.js';
import type { Actor } from '../../src/domain/org/policy.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { sampleItem, seedItem } from '../helpers/catalog-factory.js';
import { seedDepartment, seedRegions } from '../helpers/factories.js';

const system: Actor = { kind: 'system', name: 'test' };

describe('item store, lookup and §2 import', () => {
  let p: TestPlatform;
  const run = <T>(fn: (q: any) => Promise<T>) => p.db.tx(fn);
  beforeAll(async () => {
    p = await testPlatform();
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-STJ', '通川区生态环境局', '511702');
    await seedDepartment(p.db, '511702-SJJ', '通川区市场监督管理局', '511702');
  });
  afterAll(() => p.close());

  it('seedItem stores an in-force version found by the lookups', async () => {
    const v = await run((q) => seedItem(q, p.ctx, { name: '种子事项' }));
    expect(v.code).toMatch(/^511702-STJ-CF-\d{4}$/);
    expect(v.version).toBe(1);
    const found = await findItemVersionInForce(p.db, v.code, new Date('2026-03-02T10:00:00+08:00'));
    expect(found?.promisedLimitDays).toBe(60);
    expect(found?.flow?.steps.map((s) => s.key)).toEqual(['register', 'investigate', 'decide']);
    expect(found?.discretion).toHaveLength(3);
    expect(await itemStatusAt(p.db, v.code, new Date())).toBe('in_force');
    expect(await itemStatusAt(p.db, 'NO-SUCH', new Date())).toBeNull();
    expect(await findItemVersionInForce(p.db, v.code, new Date('2019-12-31T00:00:00+08:00'))).toBeNull();
    expect((await getItemVersion(p.db, v.code, 1))?.name).toBe('种子事项');
    expect(await getItemVersion(p.db, v.code, 2)).toBeNull();
  });

  it('a case registered under version 1 keeps version 1 limits after version 2 takes effect', async () => {
    const v1 = await run((q) => seedItem(q, p.ctx, { name: '版本事项', code: '511702-STJ-CF-0100', effectiveFrom: new Date('2026-01-01T00:00:00+08:00') }));
    const v2 = await run((q) => seedItem(q, p.ctx, { name: '版本事项', code: v1.code, promisedLimitDays: 50, effectiveFrom: new Date('2026-04-01T00:00:00+08:00') }));
    expect(v2.version).toBe(2);
    const registeredV1 = await findItemVersionInForce(p.db, v1.code, new Date('2026-03-15T09:00:00+08:00'));
    expect(registeredV1?.version).toBe(1);
    expect(registeredV1?.promisedLimitDays).toBe(60);
    // the version a case was judged by stays readable after version 2 takes effect
    expect((await getItemVersion(p.db, v1.code, registeredV1!.version))?.promisedLimitDays).toBe(60);
    const later = await findItemVersionInForce(p.db, v1.code, new Date('2026-04-01T00:00:00+08:00'));
    expect(later?.version).toBe(2);
    expect(later?.promisedLimitDays).toBe(50);
    // the instant before midnight still belongs to version 1
    expect((await findItemVersionInForce(p.db, v1.code, new Date('2026-03-31T23:59:59+08:00')))?.version).toBe(1);
  });

  it('imports §2 items, assigns codes by the rule after the last of their kind, and is idempotent', async () => {
    const items = [
      sampleItem({ name: '食品经营许可', category: 'license', department: '511702-SJJ', discretion: [] } as any),
      sampleItem({ name: '食品生产许可', category: 'license', department: '511702-SJJ', discretion: [] } as any),
    ];
    const r1 = await run((q) => importItems(q, p.ctx, system, items));
    expect(r1).toEqual({ loaded: 2, refused: [] });
    const codes = (await p.db.query(`SELECT code FROM power_items WHERE department_code = '511702-SJJ' ORDER BY code`)).map((r) => r.code);
    expect(codes).toEqual(['511702-SJJ-XK-0001', '511702-SJJ-XK-0002']);
    const r2 = await run((q) => importItems(q, p.ctx, system, items));
    expect(r2.loaded).toBe(2);
    const versions = await p.db.query(`SELECT count(*)::int AS n FROM power_item_versions WHERE item_code LIKE '511702-SJJ-%'`);
    expect(versions[0]!.n).toBe(2);
  });

  it('never reuses a cancelled code', async () => {
    const base = { category: 'license', department: '511702-SJJ', discretion: [] };
    await run((q) => importItems(q, p.ctx, system, [sampleItem({ ...base, name: '临时许可', code: '511702-SJJ-XK-0003' } as any)]));
    const cancel = await run((q) => importItems(q, p.ctx, system, [sampleItem({ ...base, name: '临时许可', code: '511702-SJJ-XK-0003', status: 'cancelled' } as any)]));
    expect(cancel.loaded).toBe(1);
    expect(await itemStatusAt(p.db, '511702-SJJ-XK-0003', p.ctx.clock.now())).toBe('cancelled');
    const reuse = await run((q) => importItems(q, p.ctx, system, [sampleItem({ ...base, name: '另一许可', code: '511702-SJJ-XK-0003' } as any)]));
    expect(reuse.loaded).toBe(0);
    expect(reuse.refused[0]!.error).toMatch(/code.*不得重复使用/);
    // the cancelled item exported and imported again unchanged is no refusal (idempotent round trip)
    const again = await run((q) => importItems(q, p.ctx, system, [sampleItem({ ...base, name: '临时许可', code: '511702-SJJ-XK-0003', status: 'cancelled' } as any)]));
    expect(again).toEqual({ loaded: 1, refused: [] });
    // the same name again without a code gets a new code after the last, not the retired one
    const fresh = await run((q) => importItems(q, p.ctx, system, [sampleItem({ ...base, name: '临时许可' } as any)]));
    expect(fresh.loaded).toBe(1);
    const row = await p.db.query(`SELECT code FROM power_items WHERE name = '临时许可' AND NOT retired`);
    expect(row[0]!.code).toBe('511702-SJJ-XK-0004');
  });

  it('refuses each §2 violation naming the item and the field, and loads the rest', async () => {
    const bad = [
      sampleItem({ name: '超承诺', promisedLimitDays: 40 } as any), // steps add to 45
      sampleItem({ name: '超法定', legalLimitDays: 50 } as any), // promised 60 > legal 50
      sampleItem({ name: '回退错', flow: { steps: [{ key: 'a', name: 'A', limitDays: 1 }], rollbacks: [['a', 'zz']] } } as any),
      sampleItem({ name: '裁量错', discretion: [{ circumstance: '一般', kind: 'fine', min: 500, max: 100 }] } as any),
      sampleItem({ name: '类别错', category: 'tax' } as any),
      sampleItem({ name: '部门错', department: '511702-XXX' } as any),
      sampleItem({ name: '合格事项' } as any),
      sampleItem({ name: '合格事项', promisedLimitDays: 50 } as any), // the same item twice in one batch
    ];
    const r = await run((q) => importItems(q, p.ctx, system, bad));
    expect(r.loaded).toBe(1);
    const byName = Object.fromEntries(r.refused.map((x) => [x.name, x.error]));
    expect(byName['超承诺']).toMatch(/事项「超承诺」.*flow\.steps.*45.*承诺时限40/);
    expect(byName['超法定']).toMatch(/promisedLimitDays/);
    expect(byName['回退错']).toMatch(/flow\.rollbacks\[0\].*zz/);
    expect(byName['裁量错']).toMatch(/discretion\[0\]\.min/);
    expect(byName['类别错']).toMatch(/category/);
    expect(byName['部门错']).toMatch(/department.*511702-XXX/);
    expect(byName['合格事项']).toMatch(/name.*重复/);
    const stored = await p.db.query(`SELECT name FROM power_items WHERE name IN ('超承诺','超法定','回退错','裁量错','类别错','部门错','合格事项')`);
    expect(stored.map((x) => x.name)).toEqual(['合格事项']);
  });

  it('respects future effective dates and stores disclosure gaps on the version', async () => {
    const r = await run((q) => importItems(q, p.ctx, system, [
      { ...sampleItem({ name: '未来事项', code: '511702-STJ-CF-0200' } as any), effectiveFrom: '2026-06-01' },
      sampleItem({ name: '公开不全', remedies: undefined, legalBasis: [] } as any),
    ]));
    expect(r.refused).toEqual([]);
    expect(await itemStatusAt(p.db, '511702-STJ-CF-0200', p.ctx.clock.now())).toBe('draft');
    expect(await findItemVersionInForce(p.db, '511702-STJ-CF-0200', new Date('2026-06-01T00:00:00+08:00'))).not.toBeNull();
    const gap = await p.db.query(`SELECT v.disclosure_problems FROM power_item_versions v JOIN power_items i ON i.code = v.item_code WHERE i.name = '公开不全'`);
    expect(gap[0]!.disclosure_problems).toEqual(['legalBasis', 'remedies']);
  });

  it('never backdates a new version of a known item (no retroactive change for registered cases)', async () => {
    const code = '511702-STJ-CF-0300';
    await run((q) => importItems(q, p.ctx, system, [{ ...sampleItem({ name: '回溯事项', code } as any), effectiveFrom: '2025-01-01' }]));
    const r = await run((q) => importItems(q, p.ctx, system, [{ ...sampleItem({ name: '回溯事项', code, promisedLimitDays: 45 } as any), effectiveFrom: '2025-06-01' }]));
    expect(r.refused).toEqual([]);
    const v2 = await getItemVersion(p.db, code, 2);
    expect(v2!.effectiveFrom).toEqual(p.ctx.clock.now());
    expect((await findItemVersionInForce(p.db, code, new Date('2025-12-01T00:00:00+08:00')))?.version).toBe(1);
  });
});
