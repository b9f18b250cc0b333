import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import type { Actor } from '../../domain/org/policy.js';
import { AppError, notFound } from '../../errors.js';
import type { Db } from '../../store/db.js';
import { audited } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { caseFor, commandInTx } from './workbench.service.js';
import { assertEvidenceIntact } from './evidence-integrity.js';
import { newId } from '../ids.js';

/**
 * Evidence files (视音频、照片、文书): type checked by content (magic bytes), stored
 * content-addressed by SHA-256 (and SM3) under <dataDir>/evidence/ab/cd/<sha256> with names
 * the server makes; a client's file name never touches the file system.
 */
const ALLOWED = [/^image\//, /^audio\//, /^video\//, /^application\/pdf$/, /^application\/vnd\.openxmlformats-officedocument\./,
  /^application\/msword$/, /^application\/vnd\.ms-/, /^application\/x-cfb$/, /^application\/vnd\.oasis\.opendocument\./];

export const evidenceDir = (dataDir: string) => path.join(dataDir, 'evidence');
export const evidencePath = (dataDir: string, sha256: string) => {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad sha256');
  return path.join(evidenceDir(dataDir), sha256.slice(0, 2), sha256.slice(2, 4), sha256);
};

const kindOf = (mime: string): 'video' | 'audio' | 'photo' | 'document' =>
  mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'audio' : mime.startsWith('image/') ? 'photo' : 'document';

/** A display name only (stored in the database, never used as a path). */
const displayName = (name: string | undefined) => (name ?? '').replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(-200) || 'evidence';

export async function uploadEvidence(ctx: AppContext, actor: Actor, caseId: string, f: { filename?: string; kind?: string; stream: Readable & { truncated?: boolean } }) {
  await caseFor(ctx.db, actor, caseId, 'evidence.write');
  const tmpDir = path.join(evidenceDir(ctx.config.dataDir), 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, randomUUID());
  const sha = createHash('sha256');
  const sm3 = createHash('sm3');
  let size = 0;
  try {
    await pipeline(f.stream, new Transform({
      transform(chunk, _enc, cb) {
        size += chunk.length;
        sha.update(chunk);
        sm3.update(chunk);
        cb(null, chunk);
      },
    }), fs.createWriteStream(tmp, { flags: 'wx' }));
    if (f.stream.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `file: 证据文件超过 ${ctx.config.evidenceMaxBytes} 字节 (file too large)`, { field: 'file' });
    if (size === 0) throw new AppError('VALIDATION', 'file: 文件为空 (empty file)', { field: 'file' });
    const type = await fileTypeFromFile(tmp);
    if (!type || !ALLOWED.some((re) => re.test(type.mime))) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `file: 不支持的证据类型 ${type?.mime ?? '未知'} (only images, PDF, audio, video and office documents)`, { field: 'file' });
    }
    const sha256 = sha.digest('hex');
    const sm3hex = sm3.digest('hex');
    const dest = evidencePath(ctx.config.dataDir, sha256);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (fs.existsSync(dest)) fs.rmSync(tmp);
    else fs.renameSync(tmp, dest);
    const kind = f.kind && ['video', 'audio', 'photo', 'document'].includes(f.kind) ? (f.kind as 'video') : kindOf(type.mime);
    const id = newId();
    const name = displayName(f.filename);
    return await audited(ctx, actor, {
      action: 'case.attachEvidence', target: `case:${caseId}`,
      run: async (q) => {
        const c = await caseFor(q, actor, caseId, 'evidence.write');
        await q.query(
          `INSERT INTO evidence_files (id, case_id, department_code, kind, name, mime, size, sha256, sm3, uploaded_by, uploaded_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
          [id, caseId, c.departmentCode, kind, name, type.mime, size, sha256, sm3hex, actor.kind === 'user' ? actor.userId : null, ctx.clock.now()],
        );
        await commandInTx(q, ctx, actor, caseId, { kind: 'attachEvidence', data: { evidenceId: id, kind, name, size, sha256, sm3: sm3hex } });
        return { id, kind, name, mime: type.mime, size, sha256, sm3: sm3hex };
      },
    });
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** RFC 6266 / RFC 5987: an ASCII fallback and the UTF-8 name, nothing a header could be split with. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'evidence';
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export async function downloadEvidence(ctx: AppContext, actor: Actor, caseId: string, fileId: string) {
  const c = await caseFor(ctx.db, actor, caseId, 'case.read');
  const rows = await ctx.db.query('SELECT * FROM evidence_files WHERE id = $1 AND case_id = $2', [fileId, caseId]);
  if (!rows.length) throw notFound('证据', fileId);
  const p = evidencePath(ctx.config.dataDir, rows[0].sha256);
  if (!fs.existsSync(p)) throw notFound('证据文件', fileId);
  await assertEvidenceIntact(ctx, actor, c, rows[0] as { id: string; name: string; sha256: string; sm3: string }, p);
  return { mime: rows[0].mime as string, disposition: contentDisposition(rows[0].name), stream: fs.createReadStream(p) };
}

export interface EvidenceProblem {
  id: string;
  caseId: string;
  sha256: string;
  problem: 'missing' | 'changed';
}

/** `xingquan evidence verify`: re-hashes every stored file and names any that changed or vanished. */
export async function verifyEvidence(db: Db, dataDir: string): Promise<{ checked: number; problems: EvidenceProblem[] }> {
  const rows = await db.query<{ id: string; case_id: string; sha256: string; sm3: string }>('SELECT id, case_id, sha256, sm3 FROM evidence_files ORDER BY uploaded_at, id');
  const problems: EvidenceProblem[] = [];
  const seen = new Map<string, EvidenceProblem['problem'] | null>();
  for (const r of rows) {
    if (!seen.has(r.sha256)) {
      const p = evidencePath(dataDir, r.sha256);
      if (!fs.existsSync(p)) seen.set(r.sha256, 'missing');
      else {
        const sha = createHash('sha256');
        const sm3 = createHash('sm3');
        for await (const chunk of fs.createReadStream(p)) {
          sha.update(chunk);
          sm3.update(chunk);
        }
        seen.set(r.sha256, sha.digest('hex') === r.sha256 && sm3.digest('hex') === r.sm3 ? null : 'changed');
      }
    }
    const problem = seen.get(r.sha256);
    if (problem) problems.push({ id: r.id, caseId: r.case_id, sha256: r.sha256, problem });
  }
  return { checked: rows.length, problems };
}
