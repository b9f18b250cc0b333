import type { CaseState, EventActor } from '../../domain/cases/case.types.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import type { Actor } from '../../domain/org/policy.js';
import { postActedAt } from '../../domain/org/posts.js';
import { AppError } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { getOfficer, officerPostHolding } from '../../store/org.store.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

/**
 * Who acts on the workbench: the account and exactly its own officer (name, 执法证号) and the
 * post acted at. 盐城·运行 第十条: 在网上反映各层级岗位履行职责的情况 — a step given to a post
 * is completed only by an officer holding that post, or a post the department lets stand in
 * for it (顶岗); a step with no post is open to any handler of the department.
 */
export async function workbenchActor(
  q: Queryable, u: UserActor, at: { item: PowerItemVersion | null; state: CaseState | null; completing?: string },
): Promise<EventActor> {
  const account = { accountId: u.userId, username: u.username };
  const steps = at.item?.flow?.steps ?? [];
  const stepKey = at.completing ?? at.state?.currentStep ?? (at.state ? null : steps[0]?.key ?? null);
  const step = stepKey ? steps.find((s) => s.key === stepKey) : undefined;
  const officer = u.officerId ? await getOfficer(q, u.officerId) : null;
  const holding = officer ? await officerPostHolding(q, officer.id) : null;
  const covering = step?.post && holding ? postActedAt(holding, step.post) : null;
  if (at.completing && step?.post && !covering) {
    const who = officer ? `${officer.name}（岗位：${holding?.posts.length ? holding.posts.join('、') : '无'}）` : '您的账户未关联执法人员，';
    throw new AppError('FORBIDDEN',
      `不能办理「${step.name}」环节：该环节由「${step.post}」岗位办理，${who}不在该岗位，也不是本部门指定的顶岗岗位 (the step "${step.key}" is given to the post "${step.post}")`,
      { field: 'step', step: step.key, post: step.post });
  }
  if (!officer) return { id: u.userId, name: u.name || u.username, ...account };
  const post = covering ?? (holding?.posts.length === 1 ? holding.posts[0] : null);
  return {
    ...account, ...(officer.certificateNo ? { certificateNo: officer.certificateNo } : {}), id: officer.id, name: officer.name,
    officerId: officer.id, ...(post ? { post } : {}),
  };
}
