import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import { AppError } from '../../errors.js';
import { evidenceDir, evidencePath } from '../cases/evidence.service.js';

/**
 * Files other than case evidence that the platform keeps (样表 of the catalog, attachments of
 * complaints): checked by content (magic bytes, file-type) against an allow-list and a size
 * limit, hashed (SHA-256 and SM3), stored content-addressed in the evidence store with names
 * the server makes; the client's file name is only a display name.
 */
export interface StoredFile {
  name: string;
  mime: string;
  size: number;
  sha256: string;
  sm3: string;
}

/** A display name only (stored in the database, never used as a path). */
export const displayName = (name: string | undefined, fallback: string) => (name ?? '').replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(-200) || fallback;

export async function storeUploadedFile(
  dataDir: string,
  f: { filename?: string; stream: Readable & { truncated?: boolean } },
  rule: { allowed: RegExp[]; maxBytes: number; what: string; allowedText: string },
): Promise<StoredFile> {
  const tmpDir = path.join(evidenceDir(dataDir), 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, randomUUID());
  const sha = createHash('sha256');
  const sm3 = createHash('sm3');
  let size = 0;
  let over = false;
  try {
    await pipeline(f.stream, new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > rule.maxBytes) { over = true; cb(); return; }
        sha.update(chunk);
        sm3.update(chunk);
        cb(null, chunk);
      },
    }), fs.createWriteStream(tmp, { flags: 'wx' }));
    if (over || f.stream.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `file: ${rule.what}超过 ${Math.floor(rule.maxBytes / 1048576)} MB (file too large)`, { field: 'file' });
    if (size === 0) throw new AppError('VALIDATION', 'file: 文件为空 (empty file)', { field: 'file' });
    const type = await fileTypeFromFile(tmp);
    if (!type || !rule.allowed.some((re) => re.test(type.mime))) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `file: 不支持的${rule.what}类型 ${type?.mime ?? '未知'}（仅限${rule.allowedText}） (unsupported file type)`, { field: 'file' });
    }
    const sha256 = sha.digest('hex');
    const dest = evidencePath(dataDir, sha256);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (fs.existsSync(dest)) fs.rmSync(tmp);
    else fs.renameSync(tmp, dest);
    return { name: displayName(f.filename, rule.what), mime: type.mime, size, sha256, sm3: sm3.digest('hex') };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Opens a stored file after checking it is still the one stored (same SHA-256). */
export async function openStoredFile(dataDir: string, f: { sha256: string }): Promise<fs.ReadStream> {
  const p = evidencePath(dataDir, f.sha256);
  if (!fs.existsSync(p)) throw new AppError('NOT_FOUND', '文件不存在 (file missing from the store)');
  const sha = createHash('sha256');
  for await (const chunk of fs.createReadStream(p)) sha.update(chunk);
  if (sha.digest('hex') !== f.sha256) throw new AppError('EVIDENCE_ALTERED', '文件已被改动，拒绝提供 (stored file changed)');
  return fs.createReadStream(p);
}
