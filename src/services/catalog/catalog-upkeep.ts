import { findVersionAt, itemsWithStaleSearchKeys, refreshItemRow, setSearchKeys } from '../../store/catalog.store.js';
import type { AppContext } from '../context.js';
import { notifyDisclosure } from './disclosure-alerts.js';

/**
 * Versions approved for a later date take effect when it arrives: lookups by instant need no
 * job, but the item rows (status, search words) and the DISCLOSURE_INCOMPLETE listeners are
 * brought up to date here. Safe to run twice and from several instances (SKIP LOCKED).
 */
export async function catalogCatchUp(ctx: AppContext, limit = 500): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (q) => {
    const due = await q.query<{ code: string }>(
      `SELECT i.code FROM power_items i
        WHERE EXISTS (SELECT 1 FROM power_item_versions v WHERE v.item_code = i.code AND v.effective_from <= $1 AND v.effective_from > i.updated_at)
        ORDER BY i.code LIMIT $2 FOR UPDATE OF i SKIP LOCKED`,
      [now, limit],
    );
    for (const { code } of due) {
      await refreshItemRow(q, code, now);
      const v = await findVersionAt(q, code, now);
      if (v) await notifyDisclosure(q, ctx, v);
    }
    // the hall's pinyin keys of items stored before they existed (or by older key rules)
    const stale = await itemsWithStaleSearchKeys(q, limit);
    for (const it of stale) await setSearchKeys(q, it.code, it.name);
    return due.length;
  });
}
