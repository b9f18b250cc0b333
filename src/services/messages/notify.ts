import { PERMISSIONS, type Actor, type Permission } from '../../domain/org/policy.js';
import { inSavepoint, type Queryable } from '../../store/db.js';
import { holdersOf, insertAlertMessages, insertMessages, type NewMessage } from '../../store/message.store.js';

/**
 * notify(): writes messages (消息中心) in the transaction of the event that causes them, with their
 * e-mail/SMS outbox rows; delivery happens later (engine/message-worker.ts) and never holds the
 * transaction up. A message that cannot be written never undoes the event: the write runs under a
 * savepoint and a failure is only logged.
 *
 * 四川电子监察办法 第八条、第十条: 预警、督办、差评 are prompted to those who must act on them.
 */
/** A message before it is addressed: everything of a NewMessage but its recipient. */
export type Notice = Omit<NewMessage, 'recipientId'>;

type Warn = { warn: (obj: object, msg: string) => void };

/** Writes one message per recipient (duplicates and disabled accounts skipped). Returns how many were written. */
export async function notify(q: Queryable, at: Date, recipients: readonly string[], n: Notice, log?: Warn): Promise<number> {
  const ids = [...new Set(recipients)];
  if (!ids.length) return 0;
  const rows: NewMessage[] = ids.map((recipientId) => ({ recipientId, ...n }));
  return guarded(q, () => insertMessages(q, rows, at), log, n.dedupeKey);
}

/** The audience of a message: whoever holds `perm` over the place (department-confined grants only with departmentOnly). */
export interface Audience {
  perm: Permission;
  regionCode: string;
  departmentCode: string | null;
  departmentOnly?: boolean;
  /** Never told of their own act (the requester of an export, the submitter of an adjustment). */
  except?: Actor;
}

export async function notifyHolders(q: Queryable, at: Date, who: Audience, n: Notice, log?: Warn): Promise<number> {
  return guarded(q, async () => {
    const roles = PERMISSIONS[who.perm] as readonly string[];
    let ids = await holdersOf(q, roles, who.regionCode, who.departmentCode, { departmentOnly: who.departmentOnly });
    const self = who.except?.kind === 'user' ? who.except.userId : null;
    if (self) ids = ids.filter((id) => id !== self);
    return ids.length ? insertMessages(q, ids.map((recipientId) => ({ recipientId, ...n })), at) : 0;
  }, log, n.dedupeKey);
}

/** 盐城电子监察办法 第十一条(二): a yellow card turned red is told again (its responsible officer and the department's administrators). */
export async function notifyAlertsTurnedRed(q: Queryable, at: Date, alertIds: string[], log?: Warn): Promise<number> {
  return guarded(q, () => insertAlertMessages(q, alertIds, 'red', at), log, 'alert-red');
}

async function guarded(q: Queryable, write: () => Promise<number>, log: Warn | undefined, what: string): Promise<number> {
  // a message never undoes the event behind it: what it wrote is rolled back, the transaction goes on
  try {
    return await inSavepoint(q, write);
  } catch (e) {
    log?.warn({ err: (e as Error).message, what }, 'message not written; the event stands');
    return 0;
  }
}
