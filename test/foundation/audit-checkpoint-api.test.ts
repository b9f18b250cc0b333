import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startCheckpointWorker } from '../../src/engine/checkpoint-worker.js';
import { defaultKeyFile, loadCheckpointKey } from '../../src/services/audit/checkpoint-key.js';
import { openDb } from '../../src/store/db.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedRegions, seedUser } from '../helpers/factories.js';
import { createScratchDatabase } from '../helpers/scratch-db.js';

const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

describe('signed checkpoints: API, engine, shutdown and key', () => {
  let p: TestPlatform;
  let h: Record<string, { authorization: string }>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-ckpt-api-'));
  beforeAll(async () => {
    p = await testPlatform({ config: { checkpointKey: KEY, checkpointIntervalMs: 40 } });
    await seedRegions(p.db);
    for (const role of ['security_admin', 'audit_admin', 'system_admin'] as const) await seedUser(p.db, { username: role, role });
    await seedUser(p.db, { username: 'region_audit', role: 'audit_admin', region: '511700' });
    h = {};
    for (const u of ['security_admin', 'audit_admin', 'system_admin']) h[u] = await bearer(p.app, u);
  }, 60_000);
  afterAll(async () => {
    await p.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the security or audit administrator writes a checkpoint on demand; others are refused and the refusal audited', async () => {
    const ok = await p.app.inject({ method: 'POST', url: '/api/admin/audit/checkpoints', headers: h.security_admin });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ n: 1, reason: 'demand', by: 'security_admin', keyId: loadCheckpointKey(p.ctx.config, false)!.id });
    expect((await p.app.inject({ method: 'POST', url: '/api/admin/audit/checkpoints', headers: h.audit_admin })).json()).toMatchObject({ n: 2 });
    const refused = await p.app.inject({ method: 'POST', url: '/api/admin/audit/checkpoints', headers: h.system_admin });
    expect(refused.statusCode).toBe(403);
    const [a] = await p.db.query(`SELECT actor_name, outcome FROM audit_log WHERE action = 'audit.checkpoint' ORDER BY seq DESC LIMIT 1`);
    expect(a).toEqual({ actor_name: 'system_admin', outcome: 'denied' });
    expect(await p.db.query('SELECT n, reason, created_by FROM audit_checkpoints ORDER BY n')).toEqual([
      { n: 1, reason: 'demand', created_by: 'security_admin' }, { n: 2, reason: 'demand', created_by: 'audit_admin' }]);
  });

  it('the audit administrator downloads the checkpoints and checks the records against them', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/admin/audit/checkpoints/export', headers: h.audit_admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="xingquan-checkpoints-.*\.json"$/);
    expect(res.json()).toMatchObject({ format: 'xingquan.audit-checkpoints', checkpoints: [{ n: 1 }, { n: 2 }] });
    expect((await p.app.inject({ method: 'GET', url: '/api/admin/audit/checkpoints/export', headers: h.security_admin })).statusCode).toBe(403);
    const regional = await bearer(p.app, 'region_audit');
    expect((await p.app.inject({ method: 'GET', url: '/api/admin/audit/checkpoints/export', headers: regional })).statusCode).toBe(403);
    const v = await p.app.inject({ method: 'GET', url: '/api/admin/audit/checkpoints/verify', headers: h.audit_admin });
    expect(v.json()).toMatchObject({ ok: true, anchor: { n: 2 }, problems: [] });
  });

  it('the engine writes checkpoints at its interval', async () => {
    const stop = startCheckpointWorker(p.ctx);
    try {
      await expect.poll(async () => (await p.db.query(`SELECT count(*)::int AS n FROM audit_checkpoints WHERE reason = 'interval'`))[0].n, { timeout: 20_000 }).toBeGreaterThan(0);
    } finally {
      await stop();
    }
    const [c] = await p.db.query(`SELECT body FROM audit_checkpoints WHERE reason = 'interval' ORDER BY n LIMIT 1`);
    expect(JSON.parse(c.body)).toMatchObject({ by: 'engine', reason: 'interval', alg: 'HMAC-SM3' });
  });

  it('a graceful shutdown writes a checkpoint; with no key given, a key file is made beside the data dir (0600)', { timeout: 90_000 }, async () => {
    const url = process.env.DATABASE_URL;
    const scratch = url ? await createScratchDatabase(url, 'xq_ckpt_stop') : null;
    const dataDir = path.join(dir, 'data');
    const keyFile = path.join(dir, 'pg.key');
    try {
      const config = loadConfig({ port: 0, host: '127.0.0.1', dataDir, sweepIntervalMs: 0, logLevel: 'silent', databaseUrl: scratch?.url ?? null,
        // on the server the default file is in the working directory: name one here instead
        checkpointKeyFile: scratch ? keyFile : undefined }, {});
      if (scratch) fs.writeFileSync(keyFile, KEY);
      const platform = await startPlatform(config);
      await platform.stop();
      const db = await openDb(config);
      try {
        expect(await db.query('SELECT n, reason, created_by FROM audit_checkpoints')).toEqual([{ n: 1, reason: 'shutdown', created_by: 'engine' }]);
      } finally {
        await db.close();
      }
      if (!scratch) {
        const made = defaultKeyFile(config);
        expect(made).toBe(path.join(dir, 'data.checkpoint.key'));
        expect(fs.statSync(made).mode & 0o777).toBe(0o600);
        expect(loadCheckpointKey(config, false)!.key).toHaveLength(32);
      }
    } finally {
      await scratch?.drop();
    }
  });

  it('a key that is too short, or a named key file that is missing, is refused with the reason', () => {
    const base = { databaseUrl: null, dataDir: dir, checkpointKeyFile: null };
    expect(() => loadCheckpointKey({ ...base, checkpointKey: 'abcd' }, true)).toThrow(/invalid checkpoint key.*at least 16 bytes/);
    expect(loadCheckpointKey({ ...base, checkpointKey: Buffer.from(KEY, 'hex').toString('base64') }, false)!.key.toString('hex')).toBe(KEY);
    expect(() => loadCheckpointKey({ ...base, checkpointKey: null, checkpointKeyFile: path.join(dir, 'nope.key') }, true)).toThrow(/checkpoint key file not found/);
  });
});
