import fs from 'node:fs';
import { createScratchDatabase } from './scratch-db.js';
import { inject } from 'vitest';
import './global-setup.js';
import { openPglite, openPostgres, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';

export const backend: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: a clone of the migrated PGlite template,
 * or a new database on the PostgreSQL server named by DATABASE_URL (dropped on close).
 */
export async function freshDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const tpl = inject('pgliteTemplate');
    const db = tpl && fs.existsSync(tpl)
      ? await openPglite(null, { loadDataDir: new Blob([fs.readFileSync(tpl)]) })
      : await openPglite(null);
    await migrate(db);
    return db;
  }
  const scratch = await createScratchDatabase(url);
  const db = await openPostgres(scratch.url, 5);
  await migrate(db);
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      await close();
      await scratch.drop();
    },
  });
}
