import type { DeadlineResult, Suspension } from '../domain/calendar/calendar.types.js';
import { explanationFromStored, storedExplanationOf } from '../domain/calendar/fast-calendar.js';
import { isoText } from '../domain/iso-text.js';
import type { Queryable } from './db.js';
import { columnList, recordset, rowsWithTexts, type Columns } from './recordset.js';

/*
 * The stored deadline clocks (`deadline_clocks`): one row per owner and kind. They are computed
 * by services/calendar/clocks.ts, which every owner calls.
 */

/** A clock as its owner sets it: `workingDays` from `start`, on the calendar of `regionCode`. */
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

/** A concluded owner's clocks keep their result and are never recomputed. */
export async function closeClocks(q: Queryable, ownerKind: string, ownerId: string, kind?: string): Promise<void> {
  await q.query(
    `UPDATE deadline_clocks SET open = false WHERE owner_kind = $1 AND owner_id = $2 AND ($3::text IS NULL OR kind = $3)`,
    [ownerKind, ownerId, kind ?? null],
  );
}

const fromRow = (r: any): StoredClock => ({
  ownerKind: r.owner_kind, ownerId: r.owner_id, kind: r.kind, regionCode: r.region_code, start: r.start_at,
  workingDays: r.working_days, extensionDays: r.extension_days,
  suspensions: (r.suspensions ?? []).map((s: any) => ({ from: new Date(s.from), to: s.to ? new Date(s.to) : null })),
  dueAt: r.due_at, warnAt: r.warn_at, provisional: r.provisional, calendarVersion: r.calendar_version, explanation: explanationFromStored(JSON.parse(r.explanation)), open: r.open, // stored as its JSON text (migration 0580)
});

export async function getClocks(q: Queryable, ownerKind: string, ownerId: string): Promise<StoredClock[]> {
  const rows = await q.query('SELECT * FROM deadline_clocks WHERE owner_kind = $1 AND owner_id = $2 ORDER BY kind', [ownerKind, ownerId]);
  return rows.map(fromRow);
}

/** In the same statement as setClocks: one kind of clock dropped, and the other open clocks of some owners closed. */
export interface ClockTidy {
  drop?: { ownerKind: string; kind: string; ownerIds: string[] };
  close?: { ownerKind: string; ownerIds: string[] };
}

/**
 * Writes the clocks `specs` with their computed `results` (same order; `closed[i]` stores clock i
 * closed, `fresh[i]` says its owner was created in this transaction) and applies `drop`/`close`
 * in the same statement; the rows those touch are never the ones written.
 */
export async function writeClocks(
  q: Queryable, specs: ClockSpec[], results: DeadlineResult[], now: Date,
  opts: { closed?: boolean[]; fresh?: boolean[]; drop: ClockTidy['drop'] | null; close: ClockTidy['close'] | null },
): Promise<void> {
  const { drop, close } = opts;
  // in CLOCK_COLS order
  const rows = specs.map((s, i) => [
    s.ownerKind, s.ownerId, s.kind, s.regionCode, isoText(s.start), s.workingDays, s.extensionDays ?? 0,
    (s.suspensions ?? []).map((x) => ({ from: isoText(x.from), to: x.to ? isoText(x.to) : null })),
    isoText(results[i].dueAt), isoText(results[i].warnAt), results[i].provisional, results[i].calendarVersion,
    JSON.stringify(storedExplanationOf(results[i])), !opts.closed?.[i],
  ]);
  // the clocks of owners created in this transaction (opts.fresh): none of theirs is stored, so a
  // plain insert, without ON CONFLICT's probe, lock and second WAL record per row
  const fresh = rows.filter((_, i) => opts.fresh?.[i]);
  if (fresh.length) await q.query(INSERT_CLOCKS, [...rowsWithTexts(CLOCK_COLS, fresh), now], { prepare: true, defer: true });
  const others = fresh.length ? rows.filter((_, i) => !opts.fresh?.[i]) : rows;
  if (!drop && !close) {
    if (others.length) await q.query(UPSERT_CLOCKS, [...rowsWithTexts(CLOCK_COLS, others), now], { prepare: true, defer: true });
    return;
  }
  // the clocks written now of the owners whose other clocks close ($9, $10: owner ids and kinds)
  const closing = new Set(close?.ownerIds);
  const written = specs.filter((s) => s.ownerKind === close?.ownerKind && closing.has(s.ownerId));
  // data-modifying CTEs see one snapshot: the three touch disjoint rows (the closing skips the dropped and the written)
  await q.query(
    `WITH up AS (${UPSERT_CLOCKS}),
     dropped AS (DELETE FROM deadline_clocks WHERE owner_kind = $4 AND kind = $5 AND owner_id = ANY($6::text[])),
     closed AS (UPDATE deadline_clocks d SET open = false WHERE d.owner_kind = $7 AND d.owner_id = ANY($8::text[]) AND d.open
       AND NOT (d.owner_kind = $4 AND d.kind = $5 AND d.owner_id = ANY($6::text[]))
       AND NOT EXISTS (SELECT 1 FROM unnest($9::text[], $10::text[]) w(owner_id, kind) WHERE w.owner_id = d.owner_id AND w.kind = d.kind))
     SELECT 1`,
    [...rowsWithTexts(CLOCK_COLS, others), now, drop?.ownerKind ?? null, drop?.kind ?? null, drop?.ownerIds ?? [], close?.ownerKind ?? null, close?.ownerIds ?? [],
      written.map((s) => s.ownerId), written.map((s) => s.kind)],
    { prepare: true, defer: true },
  );
}


const CLOCK_COLS: Columns = [
  ['owner_kind', 'text'], ['owner_id', 'text'], ['kind', 'text'], ['region_code', 'text'], ['start_at', 'timestamptz'], ['working_days', 'int4'],
  ['extension_days', 'int4'], ['suspensions', 'jsonb'], ['due_at', 'timestamptz'], ['warn_at', 'timestamptz'], ['provisional', 'bool'],
  ['calendar_version', 'int4'], ['explanation', 'jsontext'], ['open', 'bool'],
];
/** $1, $2: the rows (rowsWithTexts); $3: the instant written. */
const INSERT_CLOCKS = `INSERT INTO deadline_clocks (${columnList(CLOCK_COLS)}, updated_at)
     SELECT ${columnList(CLOCK_COLS)}, $3::timestamptz FROM ${recordset(1, CLOCK_COLS, 'x', 2)}`;
const UPSERT_CLOCKS = `${INSERT_CLOCKS}
     ON CONFLICT (owner_kind, owner_id, kind) DO UPDATE SET region_code = EXCLUDED.region_code, start_at = EXCLUDED.start_at,
       working_days = EXCLUDED.working_days, extension_days = EXCLUDED.extension_days, suspensions = EXCLUDED.suspensions,
       due_at = EXCLUDED.due_at, warn_at = EXCLUDED.warn_at, provisional = EXCLUDED.provisional,
       calendar_version = EXCLUDED.calendar_version, explanation = EXCLUDED.explanation, open = EXCLUDED.open, updated_at = EXCLUDED.updated_at`;

/** Open clocks whose span touches a year without an official calendar (§7 provisional), oldest due first. */
export async function listProvisionalClocks(
  q: Queryable, opts: { regionPrefixes: string[] | null; limit: number; offset: number },
): Promise<{ total: number; clocks: StoredClock[] }> {
  const where = `open AND provisional AND ($1::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($1::text[]) p WHERE region_code LIKE p || '%'))`;
  const prefixes = opts.regionPrefixes;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM deadline_clocks WHERE ${where}`, [prefixes]);
  const rows = await q.query(
    `SELECT * FROM deadline_clocks WHERE ${where} ORDER BY due_at, owner_kind, owner_id, kind LIMIT $2 OFFSET $3`,
    [prefixes, opts.limit, opts.offset],
  );
  return { total: c.n, clocks: rows.map(fromRow) };
}

/** One page of open clocks whose span [start day, due day] touches [fromAt, toAt) and that predate `version`. */
export async function openClocksTouching(
  q: Queryable,
  o: { fromAt: Date; toAt: Date; regionPrefix: string | null; version: number; after: [string, string, string] | null; limit: number },
): Promise<StoredClock[]> {
  const rows = await q.query(
    `SELECT * FROM deadline_clocks
      WHERE open AND calendar_version < $1 AND start_at < $2 AND due_at > $3
        AND ($4::text IS NULL OR region_code LIKE $4 || '%')
        AND ($5::text IS NULL OR (owner_kind, owner_id, kind) > ($5, $6, $7))
      ORDER BY owner_kind, owner_id, kind LIMIT $8 FOR UPDATE SKIP LOCKED`,
    [o.version, o.toAt, o.fromAt, o.regionPrefix, o.after?.[0] ?? null, o.after?.[1] ?? null, o.after?.[2] ?? null, o.limit],
  );
  return rows.map(fromRow);
}

/** Stores recomputed results for many open clocks in one statement. */
export async function updateClockResults(q: Queryable, items: { clock: { ownerKind: string; ownerId: string; kind: string }; result: DeadlineResult }[], at: Date): Promise<void> {
  if (!items.length) return;
  await q.query(
    `UPDATE deadline_clocks c SET due_at = u.due, warn_at = u.warn, provisional = u.prov, calendar_version = u.ver, explanation = u.expl, updated_at = $9
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::boolean[], $7::int[], $8::text[])
         AS u(ok, oi, k, due, warn, prov, ver, expl)
      WHERE c.owner_kind = u.ok AND c.owner_id = u.oi AND c.kind = u.k AND c.open`,
    [items.map((i) => i.clock.ownerKind), items.map((i) => i.clock.ownerId), items.map((i) => i.clock.kind),
      items.map((i) => i.result.dueAt.toISOString()), items.map((i) => i.result.warnAt.toISOString()), items.map((i) => i.result.provisional),
      items.map((i) => i.result.calendarVersion), items.map((i) => JSON.stringify(storedExplanationOf(i.result))), at],
  );
}
