import { anyOfficerPosts } from '../../store/org.store.js';
import type { AppContext } from '../context.js';
import { loadOrgDemo } from './org.demo.js';
import { loadCatalogDemo } from './catalog.demo.js';
import { loadSupervisionDemo } from './supervision.demo.js';
import { loadCasesDemo } from './cases.demo.js';
import { loadEvaluationDemo } from './evaluation.demo.js';
import { loadRatingsDemo } from './ratings.demo.js';
import { loadNoticesDemo } from './notices.demo.js';
import { casesWithQueryCodes } from '../../store/demo.store.js';

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
  await loadEvaluationDemo(ctx); // evaluation: the province's scheme, 通川区's previous month published (after supervision)
  await loadRatingsDemo(ctx); // 好差评: concluded cases rated, two 差评 with their tasks
  await loadNoticesDemo(ctx); // notices (文书) of some cases and alerts, one accountability entry (after supervision)
  await ctx.db.query(`INSERT INTO app_settings (key, value) VALUES ('demo_loaded', $1)`, [JSON.stringify({ at: ctx.clock.now().toISOString() })]);
  return true;
}

/** A demonstration case a visitor can follow in the public hall (办件进度), with its query code as stored. */
export interface DemoCaseToTry { caseNo: string; queryCode: string; what: string }

/**
 * The demo cases worth trying in the hall: one overdue (red), one refused (不予受理), one concluded,
 * read back from the platform (the platform makes query codes; nothing here assumes their form).
 */
export async function demoCasesToTry(ctx: AppContext): Promise<DemoCaseToTry[]> {
  const rows = await casesWithQueryCodes(ctx.db, '511702-SJJ', ctx.clock.now());
  const pick = (what: string, f: (r: (typeof rows)[number]) => boolean) => {
    const r = rows.find(f);
    return r ? [{ caseNo: r.caseNo, queryCode: r.queryCode, what }] : [];
  };
  return [
    ...pick('办理中，已超期 (overdue)', (r) => r.status === 'open' && r.late),
    ...pick('不予受理 (refused)', (r) => r.conclusion === 'rejected'),
    ...pick('已办结 (concluded)', (r) => r.status === 'concluded' && r.conclusion === 'closed'),
  ];
}
