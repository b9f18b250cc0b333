import type { WorkingCalendar } from '../../domain/calendar/calendar.types.js';
import type { CaseEvent } from '../../domain/cases/case.types.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import { resolveSetting, type RuleOverride } from '../../domain/supervision/overrides.js';
import type { OfficerInfo, RuleContext } from '../../domain/supervision/rule.types.js';

/** Who decided in these events: officers are looked up by the acting person's id or certificate number. */
export function officerKeys(events: Pick<CaseEvent, 'type' | 'actor'>[]): { ids: string[]; certs: string[] } {
  const decided = events.filter((e) => e.type === 'case.decided');
  return { ids: decided.map((e) => e.actor.id), certs: decided.map((e) => e.actor.certificateNo).filter((c): c is string => !!c) };
}

/** The officers with these ids or certificate numbers ($ids, $certs: text[]). */
export const officersSql = (ids: string, certs: string) =>
  `SELECT id, department_code, certificate_no, valid_until::text AS valid_until FROM officers WHERE id = ANY(${ids}::text[]) OR certificate_no = ANY(${certs}::text[])`;

/** One map serves every case: by officer id and by certificate number. */
export function officerMap(rows: any[]): Record<string, OfficerInfo> {
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
