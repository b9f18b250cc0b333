import type { Queryable } from './db.js';

/** Answers when the database does (readiness). */
export async function ping(q: Queryable): Promise<void> {
  await q.query('SELECT 1');
}

/** Whether the demonstration data set was loaded into this database. */
export async function demoLoaded(q: Queryable): Promise<boolean> {
  return (await q.query(`SELECT 1 FROM app_settings WHERE key = 'demo_loaded'`)).length > 0;
}
