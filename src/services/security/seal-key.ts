import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { keyFingerprint, type Keyring } from '../../domain/seal/seal.js';

/**
 * The keys that seal personal data (GB/T 22239-2019 8.1.4.8 保密性), kept outside the database as
 * the checkpoint key is (checkpoint-key.ts): `XINGQUAN_SEAL_KEY` (hex or base64 of one key, which is
 * version 1, or `1:<hex>,2:<hex>` by version), else the key file (`XINGQUAN_SEAL_KEY_FILE`), else a
 * file made beside the data dir (`<dataDir>.seal.key`; on PostgreSQL `./xingquan-seal.key`), mode
 * 0600, one `version:hex` line per key. The highest version seals; the others still open.
 */
export type SealConfig = Pick<Config, 'sealKey' | 'sealKeyFile' | 'databaseUrl' | 'dataDir'>;

export interface LoadedKeyring {
  ring: Keyring;
  /** 'environment' or the file's path. */
  source: string;
  created: boolean;
  /** version → SM3 fingerprint (16 hex). */
  fingerprints: Map<number, string>;
}

const MIN_BYTES = 16;

export function defaultSealKeyFile(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  return config.databaseUrl
    ? path.resolve('xingquan-seal.key')
    : path.join(path.dirname(config.dataDir), `${path.basename(config.dataDir)}.seal.key`);
}

function decodeKey(text: string, where: string): Buffer {
  const t = text.trim();
  const buf = /^(?:[0-9a-fA-F]{2})+$/.test(t) ? Buffer.from(t, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(t) ? Buffer.from(t, 'base64') : null;
  if (!buf || buf.length < MIN_BYTES) throw new Error(`封存密钥无效 (invalid seal key) in ${where}: hex or base64 of at least ${MIN_BYTES} bytes`);
  return buf;
}

/** `key`, or `version:key` entries separated by commas or new lines. */
export function parseSealKeys(text: string, where: string): Keyring {
  const parts = text.split(/[,\n]/).map((s) => s.trim()).filter((s) => s && !s.startsWith('#'));
  if (!parts.length) throw new Error(`封存密钥为空 (no seal key) in ${where}`);
  const keys = new Map<number, Buffer>();
  for (const p of parts) {
    const m = /^(\d+):(.+)$/.exec(p);
    const version = m ? Number(m[1]) : 1;
    if (version < 1 || keys.has(version)) throw new Error(`封存密钥版本重复或无效 (duplicate or invalid seal key version ${version}) in ${where}`);
    keys.set(version, decodeKey(m ? m[2] : p, where));
  }
  const v = Math.max(...keys.keys());
  return { current: { version: v, key: keys.get(v)! }, keys };
}

const loaded = (ring: Keyring, source: string, created: boolean): LoadedKeyring => ({
  ring, source, created, fingerprints: new Map([...ring.keys].map(([v, k]) => [v, keyFingerprint(k)])),
});

/** The configured keys; with `create` a missing default file is made (version 1), else null. A file named explicitly must exist. */
export function loadSealKeys(config: SealConfig, create: boolean): LoadedKeyring | null {
  if (config.sealKey) return loaded(parseSealKeys(config.sealKey, 'XINGQUAN_SEAL_KEY'), 'environment', false);
  const file = config.sealKeyFile ?? defaultSealKeyFile(config);
  if (fs.existsSync(file)) return loaded(parseSealKeys(fs.readFileSync(file, 'utf8'), file), file, false);
  if (config.sealKeyFile) throw new Error(`封存密钥文件不存在 (seal key file not found): ${file}`);
  if (!create) return null;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `1:${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const out = loadSealKeys(config, false)!;
  return { ...out, created: true };
}

const cache = new WeakMap<object, LoadedKeyring>();

/** The keys of this configuration, loaded (and the default file made) once. */
export function sealKeys(config: SealConfig): LoadedKeyring {
  let k = cache.get(config);
  if (!k) {
    k = loadSealKeys(config, true)!;
    cache.set(config, k);
  }
  return k;
}

/**
 * Adds a new key version to the key file (rotation's first step); the environment's keys are
 * changed by the operator (append `,<n>:<hex>` to XINGQUAN_SEAL_KEY). Returns the new version.
 */
export function addSealKeyVersion(config: SealConfig): number {
  if (config.sealKey) throw new Error('封存密钥来自环境变量 XINGQUAN_SEAL_KEY：请在其中追加新版本 (`,<n>:<hex>`) 后再运行 seal rotate (the key is in the environment: add the new version there)');
  const current = sealKeys(config);
  const file = current.source;
  const v = current.ring.current.version + 1;
  fs.appendFileSync(file, `${v}:${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  cache.delete(config);
  return v;
}

/** Forgets the loaded keys (after the file changed). */
export const forgetSealKeys = (config: SealConfig): void => void cache.delete(config);
