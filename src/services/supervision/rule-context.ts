import type { WorkingCalendar } from '../../domain/calendar/calendar.types.js';
import type { CaseEvent } from '../../domain/cases/case.types.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import { resolveSetting, type RuleOverride } from '../../domain/supervision/overrides.js';
import type { OfficerInfo, RuleContext } from '../../domain/supervision/rule.types.js';
import type { Queryable } from '../../store/db.js';

/** Officers of the acting people of these events (by id and certificate number). */
export async function loadOfficers(q: Queryable, events: CaseEvent[]): Promise<Record<string, OfficerInfo>> {
  const decided = events.filter((e) => e.type === 'case.decided');
  if (!decided.length) return {};
  const ids = decided.map((e) => e.actor.id);
  const certs = decided.map((e) => e.actor.certificateNo).filter((c): c is string => !!c);
  const rows = await q.query(
    `SELECT id, department_code, certificate_no, valid_until::text AS valid_until FROM officers WHERE id = ANY($1::text[]) OR certificate_no = ANY($2::text[])`,
    [ids, certs]);
  const out: Record<string, OfficerInfo> = {};
  for (const r of rows) {
    const o: OfficerInfo = { id: r.id, departmentCode: r.department_code, certificateNo: r.certificate_no, validUntil: r.valid_until };
    out[o.id] = o;
    if (o.certificateNo) out[o.certificateNo] = o;
  }
  return out;
}

export function ruleContext(o: {
  item: PowerItemVersion | null; calendar: WorkingCalendar; overrides: RuleOverride[]; regionCode: string | null;
  officers?: Record<string, OfficerInfo>; conflicts?: RuleContext['conflicts'];
}): RuleContext {
  const cache = new Map<string, ReturnType<typeof resolveSetting>>();
  return {
    item: o.item, itemStatus: o.item?.status ?? null, calendar: o.calendar, officers: o.officers ?? {}, conflicts: o.conflicts ?? [],
    setting(code) {
      let s = cache.get(code);
      if (!s) cache.set(code, (s = resolveSetting(o.overrides, code, o.regionCode)));
      return s;
    },
  };
}
