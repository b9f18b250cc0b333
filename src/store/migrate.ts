import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

/**
 * Migration files live in src/store/migrations (numbered ranges per area: 0100 org, 0200 calendar …),
 * found from this module upwards: it runs from src/ (tsx), dist/ (the build) or dist-bench/src/.
 */
export const migrationsDir = ((): string => {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; ) {
    const here = path.join(dir, 'src', 'store', 'migrations');
    if (fs.existsSync(here)) return here;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('migrations: src/store/migrations not found above this module');
    dir = up;
  }
})();

export function listMigrations(dir = migrationsDir): { name: string; sql: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/**
 * Applies every migration not yet applied, in order, each in its own transaction, under an
 * advisory lock so that several instances starting together apply each migration once.
 * `only`: apply just these (a restore builds the schema its backup was taken at, loads, then
 * applies the rest).
 */
export async function migrate(db: Db, dir = migrationsDir, only?: ReadonlySet<string>): Promise<string[]> {
  const applied: string[] = [];
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  for (const m of listMigrations(dir)) {
    if (only && !only.has(m.name)) continue; // restore: the schema the backup was taken at, first
    await db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock(726001)');
      const done = await q.query('SELECT 1 FROM schema_migrations WHERE name = $1', [m.name]);
      if (done.length) return;
      await q.exec(m.sql);
      await q.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      applied.push(m.name);
    });
  }
  return applied;
}
