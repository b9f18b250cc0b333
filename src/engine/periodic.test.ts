import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../services/context.js';
import { periodic } from './periodic.js';

const ctx = { log: pino({ level: 'silent' }) } as unknown as AppContext;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('periodic jobs', () => {
  it('never overlaps runs, survives a failing run, and stop waits for the run and the drain', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let drained = false;
    const stop = periodic(ctx, {
      name: 'test', intervalMs: 5, runAtStart: true,
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs++;
        await sleep(20);
        active--;
        if (runs === 1) throw new Error('first run fails');
      },
      drain: async () => { drained = true; },
    });
    await sleep(80);
    await stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxActive).toBe(1);
    expect(active).toBe(0);
    expect(drained).toBe(true);
    const after = runs;
    await sleep(30);
    expect(runs).toBe(after);
  });
});
