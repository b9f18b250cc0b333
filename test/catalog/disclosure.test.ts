import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/org/policy.js';
import { catalogCatchUp } from '../../src/services/catalog/catalog-upkeep.js';
import { importItems } from '../../src/services/catalog/import-items.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { sampleItem } from '../helpers/catalog-factory.js';
import { seedDepartment, seedRegions } from '../helpers/factories.js';

const system: Actor = { kind: 'system', name: 'test' };

describe('DISCLOSURE_INCOMPLETE (§2, §4): raised when published, cleared when fixed', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({ clockStart: '2026-03-02T10:00:00+08:00' });
    await seedRegions(p.db);
    await seedDepartment(p.db, '511702-SJJ', '通川区市场监督管理局', '511702');
  });
  afterAll(() => p.close());

  const load = (items: unknown[]) => p.db.tx((q) => importItems(q, p.ctx, system, items));
  const alerts = async (code: string) =>
    p.db.query(`SELECT status, details FROM supervision_alerts WHERE code = 'DISCLOSURE_INCOMPLETE' AND item_code = $1 ORDER BY raised_at`, [code]);
  const license = (over: Record<string, unknown>) =>
    ({ ...sampleItem({ name: '食品经营许可', category: 'license', department: '511702-SJJ', discretion: [] } as any), code: '511702-SJJ-XK-0001', ...over });

  it('raises for a published licence lacking materials and a promised limit, and clears when completed', async () => {
    const r = await load([license({ materials: [], promisedLimitDays: undefined, remedies: undefined })]);
    expect(r.refused).toEqual([]);
    const a = await alerts('511702-SJJ-XK-0001');
    expect(a).toHaveLength(1);
    expect(a[0]!.status).toBe('open');
    expect(a[0]!.details.problems).toEqual(['remedies', 'materials', 'promisedLimitDays']);
    await load([license({})]);
    const b = await alerts('511702-SJJ-XK-0001');
    expect(b.map((x) => x.status)).toEqual(['withdrawn']);
  });

  it('does not raise for a confidential item', async () => {
    await load([license({ code: '511702-SJJ-XK-0002', name: '涉密许可', confidential: true, legalBasis: [] })]);
    expect(await alerts('511702-SJJ-XK-0002')).toEqual([]);
  });

  it('a future version with gaps raises only when its date arrives (catch-up job)', async () => {
    await load([{ ...license({ code: '511702-SJJ-XK-0003', name: '将来许可', remedies: undefined }), effectiveFrom: '2026-03-10' }]);
    expect(await alerts('511702-SJJ-XK-0003')).toEqual([]);
    expect(await catalogCatchUp(p.ctx)).toBe(0);
    p.clock.set(new Date('2026-03-10T00:00:01+08:00'));
    expect(await catalogCatchUp(p.ctx)).toBe(1);
    expect((await alerts('511702-SJJ-XK-0003')).map((x) => x.status)).toEqual(['open']);
    const row = await p.db.query(`SELECT status FROM power_items WHERE code = '511702-SJJ-XK-0003'`);
    expect(row[0]!.status).toBe('in_force');
    // running it again changes nothing
    expect(await catalogCatchUp(p.ctx)).toBe(0);
  });
});
