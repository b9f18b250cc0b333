import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep } from '../../src/services/supervision/sweep.service.js';
import { lockCaseKeys } from '../../src/store/case.store.js';
import { backend } from '../helpers/db.js';
import { DEPT, reg, supPlatform, type SupPlatform } from './sup-helpers.js';

// PGlite has one connection (transactions run one after another): the race needs a server.
describe.skipIf(backend === 'pglite')('the sweep never waits on a case being written', () => {
  let p: SupPlatform;
  beforeAll(async () => {
    p = await supPlatform();
    for (const c of ['K-1', 'K-2']) await p.pushAt('2026-03-02T10:05:00+08:00', [reg(c, '2026-03-02T10:00:00+08:00')]);
  });
  afterAll(() => p.close());

  it('skips a case whose writer holds its key, and checks it once the writer is done', async () => {
    const at = new Date('2026-03-10T00:30:00+08:00');
    p.at(at.toISOString());
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const writer = p.db.tx(async (q) => {
      await lockCaseKeys(q, DEPT, ['K-1']);
      locked();
      await held;
    });
    await isLocked;
    const first = await runSweep(p.ctx, at);
    expect(first.casesChecked).toBe(1);
    expect(await p.codes('K-1')).toEqual([]);
    expect(await p.codes('K-2')).toEqual(['STEP_OVERDUE:register']);
    release();
    await writer;
    const second = await runSweep(p.ctx, at);
    expect(second.casesChecked).toBe(1);
    expect(await p.codes('K-1')).toEqual(['STEP_OVERDUE:register']);
  });
});
