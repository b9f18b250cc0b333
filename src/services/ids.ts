import { randomUUID } from 'node:crypto';

/**
 * A new row id: a UUID of version 7 (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds and the rest random (a version-4 UUID's random bits, its variant kept). Ids made
 * one after another sort together, so the rows a batch writes go into the same few pages of each
 * index keyed by them (primary keys, the events' case index, the alerts' subject index) instead of
 * one page each across the whole index: fewer pages read, dirtied, split and logged whole after a
 * checkpoint.
 */
export function newId(now = Date.now()): string {
  const t = now.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
