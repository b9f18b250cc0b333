import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/domain/catalog/item.types.js';
import { findItemVersionInForce } from '../../src/services/catalog/item-lookup.js';
import { DEMO_ITEM_CODES, loadCatalogDemo } from '../../src/services/demo/catalog.demo.js';
import { DEMO_PASSWORD, loadOrgDemo } from '../../src/services/demo/org.demo.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';

describe('demo catalog', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform();
    await loadOrgDemo(p.ctx);
    await loadCatalogDemo(p.ctx);
  });
  afterAll(() => p.close());

  it('loads every demo item under its fixed code, in force, across the categories', async () => {
    const rows = await p.db.query('SELECT code, category FROM power_items ORDER BY code');
    expect(rows.map((r) => r.code).sort()).toEqual(Object.values(DEMO_ITEM_CODES).sort());
    expect(new Set(rows.map((r) => r.category)).size).toBeGreaterThanOrEqual(9);
    for (const r of rows) expect(Object.keys(CATEGORIES)).toContain(r.category);
    const v = await findItemVersionInForce(p.db, DEMO_ITEM_CODES.tcPermitPenalty, p.ctx.clock.now());
    expect(v?.discretion.map((d) => d.circumstance)).toEqual(['轻微', '一般', '严重']);
    expect(v?.flow?.steps.find((s) => s.key === 'decide')?.evidenceRequired).toBe(true);
  });

  it('raises DISCLOSURE_INCOMPLETE only for the deliberately incomplete item, and has a request awaiting review', async () => {
    const alerts = await p.db.query(`SELECT item_code FROM supervision_alerts WHERE code = 'DISCLOSURE_INCOMPLETE'`);
    expect(alerts.map((a) => a.item_code)).toEqual([DEMO_ITEM_CODES.dcSmallCatering]);
    const adj = await p.db.query(`SELECT stage, item_code FROM catalog_adjustments`);
    expect(adj).toEqual([{ stage: 'review', item_code: DEMO_ITEM_CODES.tcFoodLicense }]);
    const pub = await p.app.inject({ method: 'GET', url: '/api/public/catalog/items?region=511702' });
    expect(pub.json().items.map((i: any) => i.code)).not.toContain(DEMO_ITEM_CODES.tcConfidential);
    expect(pub.json().total).toBe(15);
  });

  it('lets the district legal reviewer and leader of the demo carry the pending request through', async () => {
    const login = async (username: string) => {
      const r = await p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      return { authorization: `Bearer ${r.json().token}` };
    };
    const [adj] = await p.db.query(`SELECT id FROM catalog_adjustments`);
    const review = await p.app.inject({ method: 'POST', url: `/api/catalog/adjustments/${adj!.id}/review`, headers: await login('tc_fzsh'), payload: { decision: 'pass', reasons: '同意' } });
    expect(review.statusCode, review.body).toBe(200);
    const ok = await p.app.inject({ method: 'POST', url: `/api/catalog/adjustments/${adj!.id}/decision`, headers: await login('tc_ld'), payload: { decision: 'approve' } });
    expect(ok.json()).toMatchObject({ stage: 'approved', resultingVersion: 2 });
  });
});
