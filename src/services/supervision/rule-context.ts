import type { WorkingCalendar } from '../../domain/calendar/calendar.types.js';
import type { CaseEvent } from '../../domain/cases/case.types.js';
import type { PowerItemVersion } from '../../domain/catalog/item.types.js';
import { resolveSetting, type RuleOverride } from '../../domain/supervision/overrides.js';
import type { OfficerInfo, RuleContext } from '../../domain/supervision/rule.types.js';

/**
 * Who decided (UNQUALIFIED_OFFICER, by the acting person's id or certificate number) and who
 * completed steps (POST_MISMATCH, by id) in these events: the officers to look up.
 */
export function officerKeys(events: Pick<CaseEvent, 'type' | 'actor'>[]): { ids: string[]; certs: string[] } {
  const decided = events.filter((e) => e.type === 'case.decided');
  const stepped = new Set<string>();
  for (const e of events) if (e.type === 'step.completed') stepped.add(e.actor.id);
  for (const e of decided) stepped.delete(e.actor.id);
  return { ids: [...decided.map((e) => e.actor.id), ...stepped], certs: decided.map((e) => e.actor.certificateNo).filter((c): c is string => !!c) };
}

/**
 * The officers with these ids or certificate numbers ($ids, $certs: text[]), with the posts
 * each holds in its department and that department's stand-ins (null when none: the common case).
 */
export const officersSql = (ids: string, certs: string) =>
  `SELECT o.id, o.department_code, o.certificate_no, o.valid_until::text AS valid_until,
          (SELECT json_agg(p.name) FROM officer_posts op JOIN posts p ON p.id = op.post_id
            WHERE op.officer_id = o.id AND p.department_code = o.department_code) AS posts,
          (SELECT json_agg(json_build_object('post', p.name, 'by', s.name)) FROM post_stand_ins x
             JOIN posts p ON p.id = x.post_id JOIN posts s ON s.id = x.stand_in_post_id
            WHERE p.department_code = o.department_code) AS stand_ins
     FROM officers o WHERE o.id = ANY(${ids}::text[]) OR o.certificate_no = ANY(${certs}::text[])`;

/** One map serves every case: by officer id and by certificate number. */
export function officerMap(rows: any[]): Record<string, OfficerInfo> {
  const out: Record<string, OfficerInfo> = {};
  for (const r of rows) {
    const o: OfficerInfo = { id: r.id, departmentCode: r.department_code, certificateNo: r.certificate_no, validUntil: r.valid_until };
    if (r.posts?.length) o.posts = r.posts;
    if (r.stand_ins?.length) {
      o.standIns = {};
      for (const x of r.stand_ins as { post: string; by: string }[]) (o.standIns[x.post] ??= []).push(x.by);
    }
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
