import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npx xingquan …` on a fresh clone: the built entry point (package.json `bin`) must carry the
 * execute bit, which tsc does not set. The build's own step sets it (npm runs `postbuild:server`
 * after `build:server`, and `build` and `prepare` run `build:server`).
 */
describe('the built command line entry point', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const bin = path.join(root, pkg.bin.xingquan);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

  it('the build leaves dist/cli/main.js executable and it runs as a program', { timeout: 180_000 }, () => {
    expect(pkg.scripts.build).toContain('build:server');
    expect(pkg.scripts['postbuild:server']).toBeTruthy();
    if (!fs.existsSync(bin)) execFileSync(npm, ['run', 'build:server'], { cwd: root, stdio: 'ignore' });
    // as tsc leaves it on a fresh clone
    fs.chmodSync(bin, 0o644);
    expect(spawnSync(bin, ['--help']).error).toMatchObject({ code: 'EACCES' });
    execFileSync(npm, ['run', 'postbuild:server'], { cwd: root, stdio: 'ignore' });
    expect(fs.statSync(bin).mode & 0o111).toBe(0o111);
    const run = spawnSync(bin, ['--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('xingquan');
    expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });
});
