import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';

/**
 * The key that signs audit checkpoints (HMAC-SM3). It is kept outside the database, so that
 * whoever can rewrite the database cannot sign a checkpoint that matches the rewrite:
 * `XINGQUAN_CHECKPOINT_KEY` (hex or base64), else the key file (`--checkpoint-key-file`,
 * `XINGQUAN_CHECKPOINT_KEY_FILE`), else a file made beside the data dir (`<dataDir>.checkpoint.key`,
 * not inside it: a copy of the data dir does not carry the key) or, on PostgreSQL, in the
 * working directory (`xingquan-checkpoint.key`), with mode 0600.
 */
export interface CheckpointKey {
  key: Buffer;
  /** SM3 fingerprint of the key (16 hex): names the key in checkpoints, never reveals it. */
  id: string;
  /** Where it came from: 'environment' or the file's path. */
  source: string;
  /** True when this call made the key file. */
  created: boolean;
}

const MIN_BYTES = 16;

export function defaultKeyFile(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  return config.databaseUrl
    ? path.resolve('xingquan-checkpoint.key')
    : path.join(path.dirname(config.dataDir), `${path.basename(config.dataDir)}.checkpoint.key`);
}

function decode(text: string, where: string): Buffer {
  const t = text.trim();
  const buf = /^(?:[0-9a-fA-F]{2})+$/.test(t) ? Buffer.from(t, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(t) ? Buffer.from(t, 'base64') : null;
  if (!buf || buf.length < MIN_BYTES) {
    throw new Error(`检查点密钥无效 (invalid checkpoint key) in ${where}: hex or base64 of at least ${MIN_BYTES} bytes`);
  }
  return buf;
}

const fingerprint = (key: Buffer) => createHash('sm3').update(key).digest('hex').slice(0, 16);

/**
 * The configured key. With `create`, a missing default key file is made (32 random bytes, hex,
 * mode 0600); without it, a missing key gives null. A key file named explicitly must exist.
 */
export function loadCheckpointKey(config: Pick<Config, 'checkpointKey' | 'checkpointKeyFile' | 'databaseUrl' | 'dataDir'>, create: boolean): CheckpointKey | null {
  if (config.checkpointKey) {
    const key = decode(config.checkpointKey, 'XINGQUAN_CHECKPOINT_KEY');
    return { key, id: fingerprint(key), source: 'environment', created: false };
  }
  const file = config.checkpointKeyFile ?? defaultKeyFile(config);
  if (fs.existsSync(file)) {
    const key = decode(fs.readFileSync(file, 'utf8'), file);
    return { key, id: fingerprint(key), source: file, created: false };
  }
  if (config.checkpointKeyFile) throw new Error(`检查点密钥文件不存在 (checkpoint key file not found): ${file}`);
  if (!create) return null;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process made meanwhile
  try {
    fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadCheckpointKey(config, false);
    throw e;
  }
  return { key, id: fingerprint(key), source: file, created: true };
}

export const macOf = (key: Buffer, body: string) => createHmac('sm3', key).update(body).digest('hex');
