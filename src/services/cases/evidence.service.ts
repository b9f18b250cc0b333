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
import { insertEvidenceFile } from '../../store/evidence.store.js';

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

/** A file received and checked, waiting in tmp/ to be kept (keepStaged) or dropped (dropStaged). */
export interface StagedFile {
  tmp: string;
  sha256: string;
  sm3: string;
  size: number;
  mime: string;
  kind: 'video' | 'audio' | 'photo' | 'document';
  name: string;
}

/**
 * Streams an upload to tmp/ while hashing it (SHA-256 and SM3), then checks its type by content
 * (magic bytes) against `allowed`. Throws PAYLOAD_TOO_LARGE, VALIDATION (empty) or
 * UNSUPPORTED_MEDIA_TYPE with `what` (证据文件, a material's name) in the message; nothing stays behind then.
 */
export async function stageFile(ctx: AppContext, f: { filename?: string; stream: Readable & { truncated?: boolean } }, o: { allowed?: RegExp[]; maxBytes?: number; what?: string; field?: string } = {}): Promise<StagedFile> {
  const what = o.what ?? '证据文件';
  const field = o.field ?? 'file';
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
    const max = o.maxBytes ?? ctx.config.evidenceMaxBytes;
    if (f.stream.truncated || size > max) throw new AppError('PAYLOAD_TOO_LARGE', `${field}: ${what}超过 ${Math.floor(max / 1024 / 1024)} MB (file too large)`, { field });
    if (size === 0) throw new AppError('VALIDATION', `${field}: ${what}为空文件 (empty file)`, { field });
    const type = await fileTypeFromFile(tmp);
    if (!type || !(o.allowed ?? ALLOWED).some((re) => re.test(type.mime))) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${field}: ${what}的文件类型不支持（${type?.mime ?? '无法识别'}）(unsupported file type)`, { field, mime: type?.mime ?? null });
    }
    return { tmp, sha256: sha.digest('hex'), sm3: sm3.digest('hex'), size, mime: type.mime, kind: kindOf(type.mime), name: displayName(f.filename) };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Moves a staged file to its content-addressed place (kept once per content). */
export function keepStaged(ctx: AppContext, f: StagedFile): void {
  const dest = evidencePath(ctx.config.dataDir, f.sha256);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  if (fs.existsSync(dest)) fs.rmSync(f.tmp, { force: true });
  else fs.renameSync(f.tmp, dest);
}

export const dropStaged = (f: StagedFile): void => fs.rmSync(f.tmp, { force: true });

export async function uploadEvidence(ctx: AppContext, actor: Actor, caseId: string, f: { filename?: string; kind?: string; stream: Readable & { truncated?: boolean } }) {
  await caseFor(ctx.db, actor, caseId, 'evidence.write');
  const st = await stageFile(ctx, f);
  try {
    keepStaged(ctx, st);
    const kind = f.kind && ['video', 'audio', 'photo', 'document'].includes(f.kind) ? (f.kind as 'video') : st.kind;
    const id = newId();
    const { name, size, sha256, mime } = st;
    const sm3hex = st.sm3;
    return await audited(ctx, actor, {
      action: 'case.attachEvidence', target: `case:${caseId}`,
      run: async (q) => {
        const c = await caseFor(q, actor, caseId, 'evidence.write');
        await insertEvidenceFile(q, { id, caseId, departmentCode: c.departmentCode, kind, name, mime, size, sha256, sm3: sm3hex, uploadedBy: actor.kind === 'user' ? actor.userId : null, at: ctx.clock.now() });
        await commandInTx(q, ctx, actor, caseId, { kind: 'attachEvidence', data: { evidenceId: id, kind, name, size, sha256, sm3: sm3hex } });
        return { id, kind, name, mime, size, sha256, sm3: sm3hex };
      },
    });
  } finally {
    dropStaged(st);
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
