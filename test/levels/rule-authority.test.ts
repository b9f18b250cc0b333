import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, seedUser } from '../helpers/factories.js';
import { reg, supPlatform, type SupPlatform } from '../supervision/sup-helpers.js';

// 接口标准 §4 (v2): a region's setting binds its subtree; a lower region may only tighten it.
describe('the level above binds (§4 v2)', () => {
  let p: SupPlatform;
  let province: { authorization: string };
  let county: { authorization: string };
  const put = (who: { authorization: string }, code: string, body: Record<string, unknown>) =>
    p.app.inject({ method: 'PUT', url: `/api/supervision/rules/${code}`, headers: who, payload: { reason: '测试', ...body } });
  const effective = async (region: string, code: string) => {
    const res = await p.app.inject({ method: 'GET', url: `/api/supervision/rules?region=${region}`, headers: province });
    return res.json().rules.find((r: any) => r.code === code);
  };

  beforeAll(async () => {
    p = await supPlatform('2026-03-02T09:00:00+08:00');
    await seedUser(p.db, { username: 'sc_sup', role: 'supervisor', region: '510000' });
    await seedUser(p.db, { username: 'tc_sup', role: 'supervisor', region: '511702' });
    province = await bearer(p.app, 'sc_sup');
    county = await bearer(p.app, 'tc_sup');
  }, 30_000);
  afterAll(() => p?.close());

  it('a county cannot disable, lower the level of, or raise the threshold of a province rule (409 naming the province)', async () => {
    expect((await put(province, 'LATE_ENTRY', { region: '510000', enabled: true, level: 'red', threshold: 36 })).statusCode).toBe(200);
    const disable = await put(county, 'LATE_ENTRY', { region: '511702', enabled: false });
    expect(disable.statusCode).toBe(409);
    expect(disable.json().error.message).toContain('四川省510000');
    expect(disable.json().error.details.higher).toEqual([{ region: '510000', field: 'enabled', value: true }]);
    const yellow = await put(county, 'LATE_ENTRY', { region: '511702', enabled: true, level: 'yellow' });
    expect(yellow.statusCode).toBe(409);
    expect(yellow.json().error.details.higher[0]).toMatchObject({ region: '510000', field: 'level', value: 'red' });
    const looser = await put(county, 'LATE_ENTRY', { region: '511702', enabled: true, threshold: 72 });
    expect(looser.statusCode).toBe(409);
    expect(looser.json().error.details.higher[0]).toMatchObject({ region: '510000', field: 'threshold', value: 36 });
    // the city in between is bound the same way
    expect((await put(p.sup, 'LATE_ENTRY', { region: '511700', enabled: true, threshold: 40 })).statusCode).toBe(409);
    // tightening is allowed
    expect((await put(county, 'LATE_ENTRY', { region: '511702', enabled: true, threshold: 24 })).statusCode).toBe(200);
    expect(await effective('511702', 'LATE_ENTRY')).toMatchObject({ enabled: true, level: 'red', threshold: 24 });
    expect(await effective('511703', 'LATE_ENTRY')).toMatchObject({ enabled: true, level: 'red', threshold: 36 });
  });

  it('a province default (no setting above) may be configured freely by the highest setter; a province default level binds a county', async () => {
    // DEADLINE_OVERDUE: the province enables it at its default red; the county may not make it yellow
    expect((await put(province, 'DEADLINE_OVERDUE', { region: '510000', enabled: true })).statusCode).toBe(200);
    expect((await put(county, 'DEADLINE_OVERDUE', { region: '511702', enabled: true, level: 'yellow' })).statusCode).toBe(409);
    // a rule nobody above configured: the county is the highest setter
    expect((await put(county, 'NEGATIVE_OPINION_WITHOUT_REASON', { region: '511702', enabled: true, level: 'red' })).statusCode).toBe(200);
  });

  it('a county may enable what the province disabled; when the province tightens later, the looser county setting stops applying', async () => {
    expect((await put(province, 'REPEATED_CORRECTION', { region: '510000', enabled: false })).statusCode).toBe(200);
    expect(await effective('511703', 'REPEATED_CORRECTION')).toMatchObject({ enabled: false });
    expect((await put(county, 'REPEATED_CORRECTION', { region: '511702', enabled: true, level: 'red' })).statusCode).toBe(200);
    expect(await effective('511702', 'REPEATED_CORRECTION')).toMatchObject({ enabled: true });

    // the county sets a threshold first (no setting above yet), then the province tightens below it
    expect((await put(county, 'LATE_EXCHANGE', { region: '511702', enabled: true, threshold: 30 })).statusCode).toBe(200);
    expect(await effective('511702', 'LATE_EXCHANGE')).toMatchObject({ threshold: 30 });
    expect((await put(province, 'LATE_EXCHANGE', { region: '510000', enabled: true, threshold: 12 })).statusCode).toBe(200);
    expect(await effective('511702', 'LATE_EXCHANGE')).toMatchObject({ threshold: 12 });
  });

  it('the strictest setting along the path judges the case: a county\'s disabled row under an enabled province still raises', async () => {
    // written straight into the store as an older platform would have left it: a county disabling LATE_ENTRY
    await p.db.query(`INSERT INTO supervision_rule_settings (region_code, code, version, enabled, level, threshold, reason, created_at)
      VALUES ('511702', 'LATE_ENTRY', 99, false, NULL, NULL, 'legacy', now())`);
    // registered 40 hours before it reached the platform: beyond the province's 36 hours
    await p.pushAt('2026-03-04T02:00:00+08:00', [reg('LV-1', '2026-03-02T10:00:00+08:00')]);
    const alerts = await p.alerts('caseNo=LV-1');
    expect(alerts.map((a: any) => [a.code, a.level])).toContainEqual(['LATE_ENTRY', 'red']);
  });
});
