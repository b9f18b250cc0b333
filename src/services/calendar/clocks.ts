import type { DeadlineResult, Suspension } from '../../domain/calendar/calendar.types.js';
import type { Queryable } from '../../store/db.js';
import type { AppContext } from '../context.js';

/**
 * The one place deadlines are computed and kept. Owners (cases, steps, complaints,
 * supervision orders, catalog adjustments) set their clocks here; when a calendar
 * version changes, open clocks touching a changed date are recomputed (calendar issue).
 */
export interface ClockSpec {
  ownerKind: string; // 'case' | 'complaint' | 'order' | 'adjustment' | …
  ownerId: string;
  kind: string; // 'promised' | 'legal' | 'step' | 'acceptance' | 'response' | 'review' | …
  regionCode: string | null;
  start: Date;
  workingDays: number;
  extensionDays?: number;
  suspensions?: Suspension[];
}

export interface StoredClock extends ClockSpec {
  dueAt: Date;
  warnAt: Date;
  provisional: boolean;
  calendarVersion: number;
  explanation: DeadlineResult['explanation'];
  open: boolean;
}

export function computeClock(ctx: AppContext, spec: ClockSpec): DeadlineResult {
  return ctx.calendars.forRegion(spec.regionCode).deadline({
    start: spec.start, workingDays: spec.workingDays, extensionDays: spec.extensionDays ?? 0, suspensions: spec.suspensions ?? [],
  });
}

/** Computes the clock with the calendar in force and stores it (upsert by owner and kind). */
export async function setClock(q: Queryable, ctx: AppContext, spec: ClockSpec): Promise<DeadlineResult> {
  const r = computeClock(ctx, spec);
  await q.query(
    `INSERT INTO deadline_clocks (owner_kind, owner_id, kind, region_code, start_at, working_days, extension_days, suspensions,
        due_at, warn_at, provisional, calendar_version, explanation, open, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,true,$14)
     ON CONFLICT (owner_kind, owner_id, kind) DO UPDATE SET region_code = EXCLUDED.region_code, start_at = EXCLUDED.start_at,
       working_days = EXCLUDED.working_days, extension_days = EXCLUDED.extension_days, suspensions = EXCLUDED.suspensions,
       due_at = EXCLUDED.due_at, warn_at = EXCLUDED.warn_at, provisional = EXCLUDED.provisional,
       calendar_version = EXCLUDED.calendar_version, explanation = EXCLUDED.explanation, open = true, updated_at = EXCLUDED.updated_at`,
    [spec.ownerKind, spec.ownerId, spec.kind, spec.regionCode, spec.start, spec.workingDays, spec.extensionDays ?? 0,
      JSON.stringify(spec.suspensions ?? []), r.dueAt, r.warnAt, r.provisional, r.calendarVersion, JSON.stringify(r.explanation), ctx.clock.now()],
  );
  return r;
}

/** A concluded owner's clocks keep their result and are never recomputed. */
export async function closeClocks(q: Queryable, ownerKind: string, ownerId: string, kind?: string): Promise<void> {
  await q.query(
    `UPDATE deadline_clocks SET open = false WHERE owner_kind = $1 AND owner_id = $2 AND ($3::text IS NULL OR kind = $3)`,
    [ownerKind, ownerId, kind ?? null],
  );
}

export async function deleteClock(q: Queryable, ownerKind: string, ownerId: string, kind: string): Promise<void> {
  await q.query('DELETE FROM deadline_clocks WHERE owner_kind = $1 AND owner_id = $2 AND kind = $3', [ownerKind, ownerId, kind]);
}

const fromRow = (r: any): StoredClock => ({
  ownerKind: r.owner_kind, ownerId: r.owner_id, kind: r.kind, regionCode: r.region_code, start: r.start_at,
  workingDays: r.working_days, extensionDays: r.extension_days,
  suspensions: (r.suspensions ?? []).map((s: any) => ({ from: new Date(s.from), to: s.to ? new Date(s.to) : null })),
  dueAt: r.due_at, warnAt: r.warn_at, provisional: r.provisional, calendarVersion: r.calendar_version, explanation: r.explanation, open: r.open,
});

export async function getClocks(q: Queryable, ownerKind: string, ownerId: string): Promise<StoredClock[]> {
  const rows = await q.query('SELECT * FROM deadline_clocks WHERE owner_kind = $1 AND owner_id = $2 ORDER BY kind', [ownerKind, ownerId]);
  return rows.map(fromRow);
}
