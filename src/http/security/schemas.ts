import { z } from 'zod';

/** Shared refinements at the edge (input hygiene): values that look right must also be real. */

/** YYYY-MM-DD that is a real calendar day (2026-13-45 and 2026-02-30 answer 400, not a database error). */
export const calendarDay = (message = '须为 YYYY-MM-DD 的有效日期 (must be a real date, YYYY-MM-DD)') =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message).refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '不是有效的日期 (not a calendar date)');
