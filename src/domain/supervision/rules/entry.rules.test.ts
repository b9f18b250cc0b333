import { describe, expect, it } from 'vitest';
import { dataModified, lateEntry, lateExchange, unlistedPower } from './entry.rules.js';
import { blankState, ev, item, ruleCtx } from './test-kit.js';

const reg = (o: Parameters<typeof ev>[2] = {}) => ev('case.registered', { itemCode: 'ITEM-1', counterparty: { kind: 'person', name: '张三' }, channel: 'window' }, o);

describe('entry and exchange rules', () => {
  it('a clean registration raises nothing', () => {
    const c = ruleCtx();
    for (const r of [unlistedPower, lateEntry, lateExchange]) expect(r.check(blankState(), reg(), c)).toEqual([]);
    expect(dataModified(c)).toEqual([]);
  });
  it('UNLISTED_POWER for unknown, cancelled, suspended or another department’s item', () => {
    expect(unlistedPower.check(blankState(), reg(), ruleCtx({ item: null }))[0].code).toBe('UNLISTED_POWER');
    expect(unlistedPower.check(blankState(), reg(), ruleCtx({ item: item({ status: 'cancelled' }) }))).toHaveLength(1);
    expect(unlistedPower.check(blankState(), reg(), ruleCtx({ itemStatus: 'suspended' }))).toHaveLength(1);
    const f = unlistedPower.check(blankState(), reg(), ruleCtx({ item: item({ departmentCode: 'OTHER' }) }));
    expect(f[0].message).toContain('不属于本部门');
    expect(f[0].level).toBe('red');
  });
  it('LATE_ENTRY only beyond 48 h, and a region may change the threshold', () => {
    expect(lateEntry.check(blankState(), reg({ at: '2026-03-02T10:00:00+08:00', receivedAt: '2026-03-04T10:00:00+08:00' }), ruleCtx())).toEqual([]);
    const late = reg({ at: '2026-03-02T10:00:00+08:00', receivedAt: '2026-03-04T10:00:01+08:00' });
    expect(lateEntry.check(blankState(), late, ruleCtx())[0].code).toBe('LATE_ENTRY');
    const relaxed = ruleCtx({ overrides: [{ regionCode: '511700', code: 'LATE_ENTRY', version: 1, enabled: true, level: 'yellow', threshold: 72 }] });
    expect(lateEntry.check(blankState(), late, relaxed)).toEqual([]);
  });
  it('LATE_EXCHANGE for any event more than 24 h late', () => {
    const s = ev('case.resumed', {} as never, { at: '2026-03-02T10:00:00+08:00', receivedAt: '2026-03-03T10:30:00+08:00' });
    expect(lateExchange.check(blankState(), s, ruleCtx())[0].details).toMatchObject({ limit: 24 });
    expect(lateExchange.check(blankState(), ev('case.resumed', {} as never, { at: '2026-03-02T10:00:00+08:00', receivedAt: '2026-03-03T09:59:00+08:00' }), ruleCtx())).toEqual([]);
  });
  it('DATA_MODIFIED from the change’s conflicting resubmissions', () => {
    const f = dataModified(ruleCtx({ conflicts: [{ eventId: 'e-9', type: 'case.decided', occurredAt: new Date() }] }));
    expect(f).toHaveLength(1);
    expect(f[0].details).toMatchObject({ eventIds: ['e-9'] });
    expect(f[0].message).not.toMatch(/[a-z]{3}/);
  });
});
