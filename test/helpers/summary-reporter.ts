import type { Reporter, TestModule } from 'vitest/node';

/** Prints the plain closing line 'N passed, N failed' that CI reads. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      if (m.state() === 'failed' && m.errors().length) failed += m.errors().length;
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else skipped++;
      }
    }
    const db = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    process.stdout.write(`\n${db}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
