import { AppError, invalid } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import * as org from '../../store/org.store.js';

/**
 * An account acts as exactly its own officer (盐城·运行 第十九条(一): 明确该工作岗位人员的登录名):
 * the officer must exist, be in the account's department and be linked to no other account;
 * for demo and imported accounts, whose person is named by the data, the officer must be the
 * same person (same name). Runs in the change's transaction; refuses naming `officerId`.
 */
export async function checkOfficerLink(
  q: Queryable,
  link: { accountId: string | null; username: string; department: string | null; officerId: string; samePersonAs?: string },
): Promise<org.Officer> {
  const o = await org.getOfficer(q, link.officerId);
  if (!o) throw invalid('officerId', `执法人员 ${link.officerId} 不存在 (unknown officer)`);
  if (!link.department) {
    throw invalid('officerId', `账户 ${link.username} 未归属部门，不能关联执法人员 (an account linked to an officer must belong to the officer's department)`);
  }
  if (o.department !== link.department) {
    throw invalid('officerId', `执法人员 ${o.name}（${o.id}）属于部门 ${o.department}，不属于账户所在部门 ${link.department} (officer of another department)`);
  }
  const holder = await org.accountOfOfficer(q, o.id);
  if (holder && holder.id !== link.accountId) {
    throw new AppError('CONFLICT', `执法人员 ${o.name}（${o.id}）已关联账户 ${holder.username}，一名执法人员只能关联一个账户 (officer linked to another account)`, { field: 'officerId' });
  }
  if (link.samePersonAs !== undefined && link.samePersonAs !== o.name) {
    throw invalid('officerId', `账户 ${link.username}（${link.samePersonAs}）与执法人员 ${o.name}（${o.id}）不是同一人 (account and officer are different people)`);
  }
  return o;
}
