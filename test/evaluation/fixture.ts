import { ev } from '../cases/case-helpers.js';
import type { EvalPlatform } from './eval-helpers.js';

const A = '511702-STJ', C = '511703-STJ';

/**
 * The small fixture whose March 2026 scores the tests compute by hand:
 *  511702-STJ (A): concluded in March A1, A3 on time, A2 late (promised 3 working days) → 3, 2/3;
 *    A4 concluded at 2026-04-01 00:00 (April); A5 open. Red alerts in March: open, yellow turned
 *    red, SUPERVISION_ORDER_OVERDUE, a resolved one without a case → 4 (withdrawn, revoked, February
 *    and April ones left out); yellow 1; orders overdue 1. Complaints upheld in March 1 (one not
 *    upheld, one upheld in April). Ratings in March 5 and 2 → mean 3.5.
 *  511702-SJJ (B): nothing at all.
 *  511703-STJ (C): C1 on time; 1 red in March; one rating (1) in February only.
 * Leaves the clock at 2026-04-01 00:00 China time.
 */
export async function loadFixture(p: EvalPlatform): Promise<void> {
  await p.pushAt('2026-02-25T10:00:00+08:00', [reg('A3', '2026-02-25T10:00:00+08:00')]);
  await p.pushAt('2026-03-02T10:00:00+08:00', [reg('A1', '2026-03-02T10:00:00+08:00'), reg('A2', '2026-03-02T10:00:00+08:00', 'P-FAST-001')]);
  await p.pushAt('2026-03-02T10:00:00+08:00', [reg('C1', '2026-03-02T10:00:00+08:00', 'P-OTHER-001')], p.otherKey);
  await p.pushAt('2026-03-03T10:00:00+08:00', [close('A1', '2026-03-03T10:00:00+08:00')]);
  await p.pushAt('2026-03-03T11:00:00+08:00', [close('C1', '2026-03-03T11:00:00+08:00')], p.otherKey);
  await p.pushAt('2026-03-04T10:00:00+08:00', [close('A3', '2026-03-04T10:00:00+08:00')]);
  await p.pushAt('2026-03-05T10:00:00+08:00', [reg('A5', '2026-03-05T10:00:00+08:00')]);
  await p.pushAt('2026-03-10T10:00:00+08:00', [close('A2', '2026-03-10T10:00:00+08:00')]);
  p.at('2026-03-12T10:00:00+08:00');
  await complaint(p, true);
  await complaint(p, false);
  await p.pushAt('2026-03-30T10:00:00+08:00', [reg('A4', '2026-03-30T10:00:00+08:00')]);
  await p.pushAt('2026-04-01T00:00:00+08:00', [close('A4', '2026-04-01T00:00:00+08:00')]);
  await complaint(p, true);

  await p.alert({ dept: A, level: 'red', raisedAt: '2026-03-05T10:00:00+08:00', caseNo: 'A5' });
  await p.alert({ dept: A, level: 'red', code: 'DEADLINE_WARNING', status: 'explained', raisedAt: '2026-03-06T10:00:00+08:00', caseNo: 'A2' }); // a yellow card turned red
  await p.alert({ dept: A, level: 'yellow', raisedAt: '2026-03-07T10:00:00+08:00', caseNo: 'A5' });
  await p.alert({ dept: A, level: 'red', status: 'withdrawn', raisedAt: '2026-03-08T10:00:00+08:00', caseNo: 'A1' });
  await p.alert({ dept: A, level: 'red', status: 'revoked', raisedAt: '2026-03-09T10:00:00+08:00', caseNo: 'A3' });
  await p.alert({ dept: A, level: 'red', raisedAt: '2026-02-28T23:59:59+08:00', caseNo: 'A3' });
  await p.alert({ dept: A, level: 'red', code: 'SUPERVISION_ORDER_OVERDUE', raisedAt: '2026-03-10T10:00:00+08:00' });
  await p.alert({ dept: A, level: 'red', code: 'DISCLOSURE_INCOMPLETE', status: 'resolved', raisedAt: '2026-03-11T10:00:00+08:00' });
  await p.alert({ dept: A, level: 'red', raisedAt: '2026-04-01T00:00:00+08:00', caseNo: 'A4' });
  await p.alert({ dept: C, level: 'red', raisedAt: '2026-03-15T10:00:00+08:00', caseNo: 'C1' });
  await p.rating(A, 5, '2026-03-20T10:00:00+08:00');
  await p.rating(A, 2, '2026-03-21T10:00:00+08:00');
  await p.rating(C, 1, '2026-02-27T10:00:00+08:00');
}

const reg = (no: string, at: string, itemCode = 'P-TEST-001') =>
  ev(`${no}-reg`, no, 'case.registered', at, { itemCode, counterparty: { kind: 'person', name: '王小明' }, channel: 'window' });
const close = (no: string, at: string) => ev(`${no}-close`, no, 'case.closed', at);

async function complaint(p: EvalPlatform, upheld: boolean): Promise<void> {
  const sub = await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: {
    kind: 'complaint', realName: false, regionCode: '511702', departmentCode: A, subject: '办事拖延', content: '申请提交两周无人处理' } });
  const { id } = sub.json();
  const ok = await p.send('POST', `/api/supervision/complaints/${id}/decision`, { accept: true });
  if (ok.status !== 200) throw new Error(JSON.stringify(ok.body));
  const done = await p.send('POST', `/api/supervision/complaints/${id}/conclude`, { result: upheld ? '经查属实，已责令整改' : '经查不属实', upheld });
  if (done.status !== 200 || done.body.upheld !== upheld) throw new Error(JSON.stringify(done.body));
}
