import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Header, Pack, Parser, ReadEntry, Unpack } from 'tar';
import { AppError } from '../../errors.js';

/*
 * The archive's container: a POSIX ustar stream, gzip-compressed (`tar tzf` lists it), written and
 * read with node-tar. Only regular files with plain relative names (mode 0600, no owner, one mtime)
 * are written; on reading, anything else — a name with `..`, an absolute name, a link or other
 * special entry, an extended (pax) header, a name twice, a bad header checksum, an archive that
 * ends early or has data after its end — refuses the whole archive in a first pass that writes
 * nothing, so an archive can neither write outside the directory it is unpacked into nor half-unpack.
 */
const BLOCK = 512;
const SAFE_NAME = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9][A-Za-z0-9._/-]{0,98}$/;

/** Writes a .tar.gz entry by entry (each entry's size known before it is written); the file is created 0600. */
export class ArchiveWriter {
  private readonly pack = new Pack({ gzip: { level: 6 }, portable: true, strict: true });
  private readonly file: fs.WriteStream;
  private readonly done: Promise<void>;

  constructor(target: string, private readonly mtime: Date) {
    this.file = fs.createWriteStream(target, { mode: 0o600, flags: 'wx' });
    this.done = new Promise((resolve, reject) => {
      this.file.on('close', resolve);
      this.file.on('error', reject);
      this.pack.on('error', reject);
    });
    this.done.catch(() => undefined); // awaited in finish(); abort() leaves it
    this.pack.pipe(this.file);
  }

  private async add(name: string, size: number, body: AsyncIterable<Buffer> | Buffer[], onChunk?: (b: Buffer) => void): Promise<void> {
    if (!SAFE_NAME.test(name)) throw new Error(`archive: unsafe entry name ${name}`);
    const entry = new ReadEntry(new Header({ path: name, type: 'File', mode: 0o600, size, mtime: this.mtime }));
    this.pack.write(entry);
    let n = 0;
    for await (const b of body) {
      n += b.length;
      if (n > size) throw new Error(`archive: ${name} grew while it was archived`);
      onChunk?.(b);
      if (!entry.write(b)) await once(entry, 'drain');
    }
    // node-tar pads a short entry with zeros: the size must be checked here
    if (n !== size) throw new Error(`archive: ${name} shrank while it was archived`);
    entry.end();
  }

  addBuffer(name: string, data: Buffer): Promise<void> {
    return this.add(name, data.length, [data]);
  }

  /** Adds a file's bytes; `onChunk` sees each chunk (hashing). Throws if the file's size is not `size`. */
  addFile(name: string, file: string, size: number, onChunk?: (b: Buffer) => void): Promise<void> {
    return this.add(name, size, fs.createReadStream(file), onChunk);
  }

  async finish(): Promise<void> {
    this.pack.end();
    await this.done;
  }

  /** Stops writing after a failure (the caller removes the file). */
  abort(): void {
    this.pack.destroy();
    this.file.destroy();
  }
}

const unreadable = (why: string) => new AppError('VALIDATION', `备份文件损坏或不是本平台的备份 (not a readable Xingquan backup): ${why}`);

/** Why an entry may not be unpacked, or null; records its name in `seen`. */
function entryProblem(e: ReadEntry, seen: Set<string>): string | null {
  const name = JSON.stringify(e.path);
  if (e.type !== 'File') return `unexpected entry ${name}: a ${e.type}, not a regular file`;
  if (e.extended || e.globalExtended) return `unexpected entry ${name}: an extended (pax) header`;
  if (!SAFE_NAME.test(e.path)) return `unexpected entry ${name}: not a plain relative name`;
  if (seen.has(e.path)) return `the name ${name} appears twice`;
  seen.add(e.path);
  return null;
}

/**
 * Streams the archive, un-gzipped, into a node-tar parser (strict: any warning is an error).
 * Resolves with the decompressed length and the offset of its last non-zero byte.
 */
function parseArchive(archive: string, sink: Parser, doneEvent: 'end' | 'close', problem: () => string | null): Promise<{ total: number; lastNonZero: number }> {
  let total = 0;
  let lastNonZero = -1;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      for (let i = chunk.length - 1; i >= 0; i--) if (chunk[i]) { lastNonZero = total + i; break; }
      total += chunk.length;
      cb(null, chunk);
    },
  });
  const src = fs.createReadStream(archive);
  const gunzip = createGunzip();
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      src.destroy();
      gunzip.destroy();
      counter.destroy();
      reject(e instanceof AppError ? e : unreadable(problem() ?? e.message));
    };
    src.on('error', fail);
    gunzip.on('error', fail);
    counter.on('error', fail);
    sink.on('error', fail);
    sink.on(doneEvent, () => {
      const p = problem();
      if (p) fail(new Error(p));
      else if (!failed) resolve({ total, lastNonZero });
    });
    src.pipe(gunzip).pipe(counter).pipe(sink as unknown as NodeJS.WritableStream);
  });
}

/**
 * Unpacks a .tar.gz backup into `dest` (which must exist and be empty). First lists it whole and
 * refuses it (AppError VALIDATION) on any entry but a regular file with a safe relative name, a
 * name twice, a damaged header or an early end — before anything is written; then extracts it
 * with the same checks. Returns the entries' names in archive order.
 */
export async function unpackArchive(archive: string, dest: string): Promise<string[]> {
  if (fs.readdirSync(dest).length) throw new Error(`unpack: ${dest} is not empty`);
  // pass 1: list and check, writing nothing
  const names: string[] = [];
  const seen = new Set<string>();
  let end = 0; // where the entries end: each a header block and its body in whole blocks
  let problem: string | null = null;
  const lister = new Parser({ strict: true });
  const refuseEntry = (p: string) => { problem ??= p; lister.abort(new Error(p)); };
  lister.on('entry', (e: ReadEntry) => {
    const p = entryProblem(e, seen);
    if (p) return refuseEntry(p);
    names.push(e.path);
    end += BLOCK + e.startBlockSize;
    e.resume();
  });
  lister.on('ignoredEntry', (e: ReadEntry) => refuseEntry(`unexpected entry ${JSON.stringify(e.path)} (type ${e.type})`));
  const { total, lastNonZero } = await parseArchive(archive, lister, 'end', () => problem);
  // the end-of-archive marker (two zero blocks) right after the entries, and nothing but zeros after
  if (lastNonZero >= end) throw unreadable('data after the entries that is not a plain file entry (an extended header, or data after the end)');
  if (total < end + 2 * BLOCK) throw unreadable('the archive ends early (truncated)');
  // pass 2: extract, with the same checks (the file could have changed in between)
  const seen2 = new Set<string>();
  let problem2: string | null = null;
  const unpack = new Unpack({
    cwd: dest, strict: true, preservePaths: false, preserveOwner: false, noMtime: true, maxDepth: 8,
    filter: (_p, e) => {
      const p = entryProblem(e as ReadEntry, seen2);
      if (p) { problem2 ??= p; unpack.abort(new Error(p)); return false; }
      (e as ReadEntry).mode = 0o600;
      return true;
    },
  });
  unpack.on('ignoredEntry', (e: ReadEntry) => { problem2 ??= `unexpected entry ${JSON.stringify(e.path)} (type ${e.type})`; unpack.abort(new Error(problem2)); });
  await parseArchive(archive, unpack, 'close', () => problem2);
  if (seen2.size !== names.length) throw unreadable('the archive changed while it was unpacked');
  return names;
}
