/**
 * `npm run api:types`: writes web/src/lib/api-types.ts, the TypeScript types of the platform's
 * whole OpenAPI document (every route's path, parameters and body), so the web app is checked
 * against the server it calls. The document is the one /api/openapi.json serves to a signed-in
 * user: the app is built over an empty in-memory PGlite and asked for app.swagger().
 * test/web/api-types.test.ts fails when the committed file is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { createContext } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/http/server.js';
import type { App } from '../src/http/app-types.js';
import { openPglite } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';

export const API_TYPES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/src/lib/api-types.ts');

const HEADER = `/**
 * GENERATED FILE: do not edit. The types of the platform's OpenAPI document (/api/openapi.json),
 * written by \`npm run api:types\` (scripts/api-types.ts, openapi-typescript).
 * Regenerate after changing a route's schema; test/web/api-types.test.ts fails when this file is stale.
 */
/* eslint-disable */
`;

/** The generated module's text for an app's OpenAPI document. */
export async function apiTypesSource(app: App): Promise<string> {
  const doc = app.swagger() as unknown as OpenAPI3;
  const ast = await openapiTS(doc, { alphabetize: true });
  return HEADER + astToString(ast);
}

/** Builds the app over an empty in-memory database, only to read its route schemas. */
async function main(): Promise<void> {
  const db = await openPglite(null);
  await migrate(db);
  const config = { ...loadConfig({ sweepIntervalMs: 0, logLevel: 'silent' }, {}), publicCaptcha: false };
  const ctx = await createContext({ db, config, log: pino({ level: 'silent' }) });
  const app = await buildServer(ctx, { logger: false });
  await app.ready();
  const text = await apiTypesSource(app);
  await app.close();
  await db.close();
  fs.writeFileSync(API_TYPES_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), API_TYPES_FILE)} (${text.length} characters)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => { console.error(e); process.exit(1); });
}
