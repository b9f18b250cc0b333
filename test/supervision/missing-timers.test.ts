import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleItem } from '../helpers/catalog-factory.js';
import { supPlatform, DEPT, type SupPlatform } from './sup-helpers.js';

/**
 * The timers of issue 26 item 7, each raising on time on the drill clock and not before:
 * 盐城电子监察办法 第十五条 (transferred complaints), 盐城 数据库更新维护办法 第七条 (申报 10 /
 * 审核 3 个工作日), 达州意见 三(四) (清单公告之日起 5 个工作日内调整). Monday 2026-03-02 onwards.
 */
describe('the missing timers', () => {
  let p: SupPlatform;
  const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = p.sup) => p.app.inject({ method: 'POST', url, headers, payload });
  const alerts = async (code: string) => (await p.alerts(`code=${code}&limit=100`)).filter((a: any) => a.status !== 'withdrawn');
  const ids: Record<string, string> = {};
  const adjust = async (name: string, extra: Record<string, unknown>) => {
    const r = await post('/api/catalog/adjustments', { kind: 'add', departmentCode: DEPT, reason: '新法设定', effectiveOn: '2026-06-01', proposal: sampleItem({ name } as any), ...extra }, p.handler);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  beforeAll(async () => {
    p = await supPlatform('2026-03-02T09:00:00+08:00');
    p.at('2026-03-02T10:00:00+08:00');
    for (const k of ['A', 'B']) {
      const c = (await post('/api/supervision/complaints', { kind: 'complaint', realName: false, regionCode: '511702', subject: `投诉${k}`, content: '办事拖延' })).json();
      expect((await post(`/api/supervision/complaints/${c.id}/decision`, { accept: true, notice: '已受理' })).statusCode).toBe(200);
      const t = await post(`/api/supervision/complaints/${c.id}/transfer`, { departmentCode: DEPT, workingDays: 3 });
      expect(t.statusCode, t.body).toBe(200);
      ids[k] = c.id;
    }
    ids.list = await adjust('对未按规定公开环境信息的处罚', { listAnnouncedOn: '2026-03-02' });
    ids.filing = await adjust('对拒不改正超标排污的处罚', { lawChangedOn: '2026-03-02' });
    ids.filed = await adjust('对未取得排污许可证排污的处罚', { lawChangedOn: '2026-03-02' });
    expect((await post(`/api/catalog/adjustments/${ids.filed}/submit`, {}, p.handler)).json().stage).toBe('review');
    // B is concluded in time: its timer never raises
    p.at('2026-03-03T10:00:00+08:00');
    expect((await post(`/api/supervision/complaints/${ids.B}/conclude`, { result: '已办结', upheld: false }, p.handler)).statusCode).toBe(200);
  });
  afterAll(() => p.close());

  it('a transferred complaint past transfer_due_at (3 working days: end of Thu 03-05) → COMPLAINT_TRANSFER_OVERDUE', async () => {
    const due = (await p.db.query('SELECT transfer_due_at FROM complaints WHERE id = $1', [ids.A]))[0].transfer_due_at as Date;
    expect(due.toISOString()).toBe(new Date('2026-03-06T00:00:00+08:00').toISOString());
    await p.sweep('2026-03-05T23:59:00+08:00');
    expect(await alerts('COMPLAINT_TRANSFER_OVERDUE')).toEqual([]);
    const s = await p.sweep('2026-03-06T00:01:00+08:00');
    expect(s.transfersOverdue).toBe(1);
    await p.sweep('2026-03-06T00:02:00+08:00');
    const a = await alerts('COMPLAINT_TRANSFER_OVERDUE');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ level: 'red', subjectKind: 'complaint', subjectId: ids.A, departmentCode: DEPT });
    expect(a[0].message).toContain('转办投诉逾期');
  });

  it('a submitted adjustment not reviewed in 3 working days → CATALOG_REVIEW_OVERDUE (the legal office\'s, not the department\'s)', async () => {
    // submitted Monday 03-02 10:00 → due end of Thursday 03-05; raised at the same sweep as above, not before
    const a = await alerts('CATALOG_REVIEW_OVERDUE');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ subjectKind: 'adjustment', subjectId: ids.filed, departmentCode: null, regionCode: '511702', level: 'yellow' });
    expect(new Date(a[0].raisedAt).getTime()).toBe(new Date('2026-03-06T00:01:00+08:00').getTime());
    expect(a[0].message).toContain('3 个工作日');
  });

  it('a list announced on 03-02 not adjusted in 5 working days (end of Mon 03-09) → LIST_ADJUSTMENT_OVERDUE', async () => {
    const adj = (await p.app.inject({ method: 'GET', url: `/api/catalog/adjustments/${ids.list}`, headers: p.handler })).json();
    expect(adj.timers).toMatchObject([{ stage: 'list', name: '清单调整期限', workingDays: 5, open: true }]);
    await p.sweep('2026-03-09T23:59:00+08:00');
    expect(await alerts('LIST_ADJUSTMENT_OVERDUE')).toEqual([]);
    await p.sweep('2026-03-10T00:01:00+08:00');
    const a = await alerts('LIST_ADJUSTMENT_OVERDUE');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ level: 'red', subjectId: ids.list, departmentCode: DEPT });
  });

  it('a request not filed 10 working days after the law changed (end of Mon 03-16) → CATALOG_FILING_OVERDUE; the one filed in time never', async () => {
    await p.sweep('2026-03-16T23:59:00+08:00');
    expect(await alerts('CATALOG_FILING_OVERDUE')).toEqual([]);
    await p.sweep('2026-03-17T00:01:00+08:00');
    await p.sweep('2026-03-17T00:05:00+08:00');
    const a = await alerts('CATALOG_FILING_OVERDUE');
    expect(a.map((x: any) => x.subjectId)).toEqual([ids.filing]);
    expect(a[0]).toMatchObject({ departmentCode: DEPT, level: 'yellow' });
    // each timer raised once, the complaint concluded in time never
    expect((await alerts('COMPLAINT_TRANSFER_OVERDUE')).map((x: any) => x.subjectId)).toEqual([ids.A]);
    expect(await alerts('LIST_ADJUSTMENT_OVERDUE')).toHaveLength(1);
    expect(await alerts('CATALOG_REVIEW_OVERDUE')).toHaveLength(1);
    // the rule library names them in Chinese
    const rules = (await p.app.inject({ method: 'GET', url: '/api/supervision/rules?region=511702', headers: p.sup })).json().rules;
    const names = Object.fromEntries(rules.map((r: any) => [r.code, r.name]));
    expect(names).toMatchObject({ COMPLAINT_TRANSFER_OVERDUE: '转办投诉逾期', CATALOG_REVIEW_OVERDUE: '目录审核逾期', CATALOG_FILING_OVERDUE: '目录申报逾期', LIST_ADJUSTMENT_OVERDUE: '清单调整逾期', BAD_RATING_OVERDUE: '差评处理逾期' });
  });
});
