import { anyOfficerPosts } from '../../store/org.store.js';
import type { AppContext } from '../context.js';
import { loadOrgDemo } from './org.demo.js';
import { loadCatalogDemo } from './catalog.demo.js';
import { loadSupervisionDemo } from './supervision.demo.js';
import { loadCasesDemo } from './cases.demo.js';

/** Loads the demonstration data set once into an empty platform (`--demo`). */
export async function loadDemo(ctx: AppContext): Promise<boolean> {
  const done = await ctx.db.query(`SELECT 1 FROM app_settings WHERE key = 'demo_loaded'`);
  if (done.length) {
    // a demo loaded before officers held posts: its organisation again (posts, the accounts' own officers), once
    if (!(await anyOfficerPosts(ctx.db))) await loadOrgDemo(ctx);
    return false;
  }
  await loadOrgDemo(ctx); // first: regions, departments, officers, demo accounts (others build on them)
  await loadCatalogDemo(ctx); // catalog: items with flows, discretion and one adjustment awaiting review
  await loadCasesDemo(ctx); // cases: ~30 cases in every state (green, yellow, red, suspended, concluded)
  await loadSupervisionDemo(ctx); // supervision: orders, complaints, patrols, a zero-case explanation, one sweep (after the cases demo)
  await ctx.db.query(`INSERT INTO app_settings (key, value) VALUES ('demo_loaded', $1)`, [JSON.stringify({ at: ctx.clock.now().toISOString() })]);
  return true;
}
