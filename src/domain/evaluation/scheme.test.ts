import { describe, expect, it } from 'vitest';
import { applicableScheme, checkScheme, lowestRanked, versionInEffect, type SchemeVersion } from './scheme.js';

const body = { name: '通川区2026年度考评细则', effectiveFrom: '2026-01', base: 100, indicators: [{ code: 'ON_TIME_RATE', points: 10 }, { code: 'RED_ALERTS', points: -2, cap: 30 }] };
const fault = (b: unknown) => { const r = checkScheme(b); return r.ok ? null : r.field; };

describe('scheme validation (§8: 400 naming the field)', () => {
  it('accepts the §8 example', () => {
    expect(checkScheme(body)).toEqual({ ok: true, scheme: body });
  });
  it('names the faulty field', () => {
    expect(fault({ ...body, effectiveFrom: '2026-13' })).toBe('effectiveFrom');
    expect(fault({ ...body, effectiveFrom: '2026-1' })).toBe('effectiveFrom');
    expect(fault({ ...body, effectiveFrom: undefined })).toBe('effectiveFrom');
    expect(fault({ ...body, name: ' ' })).toBe('name');
    expect(fault({ ...body, base: '100' })).toBe('base');
    expect(fault({ ...body, indicators: {} })).toBe('indicators');
    expect(fault({ ...body, indicators: [{ code: 'NO_SUCH', points: 1 }] })).toBe('indicators[0].code');
    expect(fault({ ...body, indicators: [{ code: 'RED_ALERTS', points: 1 }, { code: 'RED_ALERTS', points: 2 }] })).toBe('indicators[1].code');
    expect(fault({ ...body, indicators: [{ code: 'RED_ALERTS', points: '2' }] })).toBe('indicators[0].points');
    expect(fault({ ...body, indicators: [{ code: 'RED_ALERTS', points: null }] })).toBe('indicators[0].points');
    expect(fault({ ...body, indicators: [{ code: 'ON_TIME_RATE', points: 1 }, { code: 'RED_ALERTS', points: -2, cap: -1 }] })).toBe('indicators[1].cap');
    expect(fault({ ...body, indicators: [{ code: 'RED_ALERTS', points: -2, cap: 'x' }] })).toBe('indicators[0].cap');
  });
});

describe('which version scores a period', () => {
  const v = (regionCode: string, version: number, effectiveFrom: string) => ({ ...body, regionCode, version, effectiveFrom }) as SchemeVersion;
  it('the version in effect at the period start: latest effectiveFrom, then latest version', () => {
    const vs = [v('511702', 1, '2026-01'), v('511702', 2, '2026-07'), v('511702', 3, '2026-01')];
    expect(versionInEffect(vs, '2025-12')).toBeNull();
    expect(versionInEffect(vs, '2026-03')?.version).toBe(3);
    expect(versionInEffect(vs, '2026-07')?.version).toBe(2);
    expect(versionInEffect(vs, '2026-10')?.version).toBe(2);
  });
  it('the nearest region up the tree with a version in effect', () => {
    const vs = [v('511700', 1, '2026-01'), v('511702', 1, '2026-04')];
    const chain = ['511702', '511700', '510000'];
    expect(applicableScheme(chain, vs, '2026-03')).toMatchObject({ regionCode: '511700', version: 1 });
    expect(applicableScheme(chain, vs, '2026-04')).toMatchObject({ regionCode: '511702', version: 1 });
    expect(applicableScheme(chain, vs, '2025-12')).toBeNull();
  });
});

describe('the lowest-ranked (达州意见 四(五): 函询、约谈)', () => {
  const rows = [{ department: 'a', score: 99, rank: 1 }, { department: 'b', score: 90, rank: 2 }, { department: 'c', score: 88, rank: 3 }, { department: 'd', score: 88, rank: 3 }];
  const names = (s: Parameters<typeof lowestRanked>[1]) => lowestRanked(rows, s).map((r) => r.department);
  it('the last places, ties included; those below the score; none when all score alike', () => {
    expect(names({ kind: 'inquiry' })).toEqual(['c', 'd']);
    expect(names({ kind: 'inquiry', lowest: 3 })).toEqual(['b', 'c', 'd']);
    expect(names({ kind: 'interview', below: 95 })).toEqual(['b', 'c', 'd']);
    expect(names({ kind: 'interview', lowest: 0, below: 89 })).toEqual(['c', 'd']);
    expect(lowestRanked([{ department: 'x', score: 100, rank: 1 }, { department: 'y', score: 100, rank: 1 }], { kind: 'inquiry' })).toEqual([]);
  });
  it('checks the setting, naming its field', () => {
    const base = { name: 'x', effectiveFrom: '2026-01', base: 100, indicators: [] };
    expect(checkScheme({ ...base, accountability: { kind: 'warn' } })).toMatchObject({ ok: false, field: 'accountability.kind' });
    expect(checkScheme({ ...base, accountability: { kind: 'inquiry', lowest: 1.5 } })).toMatchObject({ ok: false, field: 'accountability.lowest' });
    expect(checkScheme({ ...base, accountability: { kind: 'inquiry', below: -1 } })).toMatchObject({ ok: false, field: 'accountability.below' });
    expect(checkScheme({ ...base, accountability: { kind: 'interview', lowest: 2 } })).toMatchObject({ ok: true, scheme: { accountability: { kind: 'interview', lowest: 2 } } });
    expect(checkScheme(base)).toMatchObject({ ok: true, scheme: { name: 'x' } });
    expect((checkScheme(base) as { scheme: object }).scheme).not.toHaveProperty('accountability');
  });
});
