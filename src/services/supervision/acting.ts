import type { Actor } from '../../domain/org/policy.js';
import type { Queryable } from '../../store/db.js';
import { getOfficer, officerPostHolding } from '../../store/org.store.js';
import { actorAudit } from '../audit.service.js';

/** Who acts on an alert or an order: the account, and its officer and post where it has them. */
export interface ActingPerson {
  accountId: string | null;
  name: string;
  officerId: string | null;
  /** `concerning` when the officer holds that post, else the one post the officer holds (null when none or several). */
  post: string | null;
}

export async function actingPerson(q: Queryable, actor: Actor, concerning?: string | null): Promise<ActingPerson> {
  const a = actorAudit(actor);
  const base = { accountId: a.actorId, name: a.actorName ?? 'unknown', officerId: null, post: null };
  if (actor.kind !== 'user' || !actor.officerId) return base;
  const o = await getOfficer(q, actor.officerId);
  if (!o) return base;
  const h = await officerPostHolding(q, o.id);
  const held = h?.posts ?? [];
  return { ...base, officerId: o.id, post: concerning && held.includes(concerning) ? concerning : held.length === 1 ? held[0] : null };
}
