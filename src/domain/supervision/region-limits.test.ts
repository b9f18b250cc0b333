import { describe, expect, it } from 'vitest';
import { combineLimits, limitLoosening, limitsAbove, type LimitKey } from './region-limits.js';

const base = { orderResponseDays: 5, orderMaxExtensionDays: 10, yellowCorrectionDays: 3, redEscalationDays: 5, complaintAcceptanceDays: 5, complaintTransferDays: 15 } as Record<LimitKey, number>;

describe('supervision limits per region', () => {
  it('the highest setter sets freely (四川 20 over the default 5); below, only shorter values apply', () => {
    const rows = limitsAbove([{ regionCode: '511702', version: 1, limits: { orderResponseDays: 25 } }, { regionCode: '510000', version: 1, limits: { orderResponseDays: 20 } }], '511702');
    expect(rows.map((r) => r.regionCode)).toEqual(['510000', '511702']);
    expect(combineLimits(rows, base).limits.orderResponseDays).toBe(20);
    expect(combineLimits([{ regionCode: '510000', version: 1, limits: { orderResponseDays: 20 } }, { regionCode: '511702', version: 1, limits: { orderResponseDays: 10 } }], base))
      .toMatchObject({ limits: { orderResponseDays: 10 }, from: { orderResponseDays: '511702' } });
  });
  it('a longer limit than one set above is named', () => {
    const above = [{ regionCode: '510000', version: 1, limits: { orderResponseDays: 20 } }];
    expect(limitLoosening(above, base, { orderResponseDays: 21, yellowCorrectionDays: 30 })).toEqual([{ key: 'orderResponseDays', region: '510000', above: 20 }]);
  });
});
