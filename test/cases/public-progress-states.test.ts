import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicProgress } from '../../src/services/cases/public-progress.service.js';
import { casePlatform, ev, registered, type CasePlatform } from './case-helpers.js';

/** What the citizen's progress view needs to show a refusal and an overdue case right (达州意见 三(七)). */
describe('public progress: refused and overdue cases', () => {
  let p: CasePlatform;
  beforeAll(async () => { p = await casePlatform(); });
  afterAll(() => p.close());

  const codeOf = async (caseNo: string) => (await p.db.query<{ query_code: string }>('SELECT query_code FROM cases WHERE case_no = $1', [caseNo]))[0]!.query_code;

  it('a 不予受理 case carries its reason and the item’s remedies, and no days left', async () => {
    // 成都办法 第九条(三): 不予受理须说明理由
    const reg = registered('PUB-REJ', '2026-03-02T09:00:00+08:00');
    const rej = ev('PUB-REJ-rej', 'PUB-REJ', 'case.rejected', '2026-03-02T10:00:00+08:00', { reason: '申请事项不属于本机关职权范围' });
    expect((await p.push([reg, rej])).body.accepted).toBe(2);
    const r = await publicProgress(p.ctx, { caseNo: 'PUB-REJ', queryCode: await codeOf('PUB-REJ') });
    expect(r.conclusion).toBe('rejected');
    expect(r.ending).toMatchObject({ kind: 'rejected', reason: '申请事项不属于本机关职权范围' });
    expect(r.ending!.remedies).toContain('行政复议');
    expect(r.overdue).toBe(false);
    expect(r.daysLeft).toBeNull();
  });

  it('an open case past its promised limit is flagged overdue, with the same negative working-day count the department sees', async () => {
    expect((await p.push([registered('PUB-LATE', '2025-11-03T10:00:00+08:00')])).body.accepted).toBe(1);
    const r = await publicProgress(p.ctx, { caseNo: 'PUB-LATE', queryCode: await codeOf('PUB-LATE') });
    expect(r.status).toBe('open');
    expect(r.overdue).toBe(true);
    expect(r.daysLeft).toBeLessThan(0);
    expect(r.ending).toBeNull();
    const fresh = registered('PUB-NEW', '2026-03-02T10:00:00+08:00');
    expect((await p.push([fresh])).body.accepted).toBe(1);
    const n = await publicProgress(p.ctx, { caseNo: 'PUB-NEW', queryCode: await codeOf('PUB-NEW') });
    expect(n.overdue).toBe(false);
    expect(n.daysLeft).toBeGreaterThan(0);
  });
});
