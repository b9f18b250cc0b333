import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
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
  const name = `xq_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), 5);
  await migrate(db);
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      await close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  });
}
