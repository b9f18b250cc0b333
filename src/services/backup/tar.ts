import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '../../errors.js';

/**
 * The backup archive's container: a POSIX ustar stream, gzip-compressed (`tar tzf` lists it).
 * Only regular files with plain relative names are written or read: a name with `..`, an
 * absolute path or a link is refused on reading, so an archive cannot write outside the
 * directory it is unpacked into.
 */
const BLOCK = 512;
const SAFE_NAME = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9][A-Za-z0-9._\/-]{0,98}$/;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date): Buffer {
  if (!SAFE_NAME.test(name)) throw new Error(`tar: unsafe entry name ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o600, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** Writes a .tar.gz file entry by entry (each entry's size known before it is written). */
export class TarGzWriter {
  private readonly gz = createGzip({ level: 6 });
  private readonly file: fs.WriteStream;
  private readonly done: Promise<void>;

  constructor(target: string, private readonly mtime: Date) {
    this.file = fs.createWriteStream(target, { mode: 0o600, flags: 'wx' });
    this.gz.pipe(this.file);
    this.done = new Promise((resolve, reject) => {
      this.file.on('finish', resolve);
      this.file.on('error', reject);
      this.gz.on('error', reject);
    });
  }

  private async write(b: Buffer): Promise<void> {
    if (!this.gz.write(b)) await once(this.gz, 'drain');
  }

  async addBuffer(name: string, data: Buffer): Promise<void> {
    await this.write(header(name, data.length, this.mtime));
    await this.write(data);
    await this.pad(data.length);
  }

  /** Adds a file's bytes; `onChunk` sees each chunk (hashing). Throws if the file's size is not `size`. */
  async addFile(name: string, file: string, size: number, onChunk?: (b: Buffer) => void): Promise<void> {
    await this.write(header(name, size, this.mtime));
    let n = 0;
    for await (const chunk of fs.createReadStream(file)) {
      const b = chunk as Buffer;
      n += b.length;
      if (n > size) throw new Error(`tar: ${file} grew while it was archived`);
      onChunk?.(b);
      await this.write(b);
    }
    if (n !== size) throw new Error(`tar: ${file} shrank while it was archived`);
    await this.pad(size);
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await this.write(Buffer.alloc(BLOCK - rest));
  }

  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.gz.end();
    await this.done;
  }
}

const bad = (why: string) => new AppError('VALIDATION', `备份文件损坏或不是本平台的备份 (not a readable Xingquan backup): ${why}`);

function parseOctal(b: Buffer): number {
  const s = b.toString('ascii').replace(/[\0 ]+$/g, '').trim();
  if (!/^[0-7]*$/.test(s)) throw bad('bad number in a tar header');
  return s ? parseInt(s, 8) : 0;
}

/**
 * Unpacks a .tar.gz into `dest` (which must exist and be empty), refusing anything but regular
 * files with safe relative names. Returns the entries' names in archive order.
 */
export async function extractTarGz(archive: string, dest: string): Promise<string[]> {
  const names: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let fd: number | null = null;
  let remaining = 0;
  let padding = 0;
  let ended = false;
  const input = fs.createReadStream(archive).pipe(createGunzip());
  try {
    for await (const chunk of input) {
      pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
      for (;;) {
        if (ended) { pending = Buffer.alloc(0); break; }
        if (fd !== null) {
          const n = Math.min(remaining, pending.length);
          if (n) fs.writeSync(fd, pending, 0, n);
          pending = pending.subarray(n);
          remaining -= n;
          if (remaining > 0) break;
          fs.closeSync(fd);
          fd = null;
          continue;
        }
        if (padding) {
          const n = Math.min(padding, pending.length);
          pending = pending.subarray(n);
          padding -= n;
          if (padding) break;
        }
        if (pending.length < BLOCK) break;
        const h = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (h.every((x) => x === 0)) { ended = true; continue; }
        let sum = 0;
        for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
        if (sum !== parseOctal(h.subarray(148, 156))) throw bad('tar header checksum');
        const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
        const type = String.fromCharCode(h[156] || 48);
        if (type !== '0' || !SAFE_NAME.test(name)) throw bad(`unexpected entry ${JSON.stringify(name)}`);
        const size = parseOctal(h.subarray(124, 136));
        const target = path.join(dest, name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fd = fs.openSync(target, 'wx', 0o600);
        names.push(name);
        remaining = size;
        padding = (BLOCK - (size % BLOCK)) % BLOCK;
        if (remaining === 0) { fs.closeSync(fd); fd = null; }
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad((e as Error).message);
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
  if (fd !== null || remaining > 0 || !ended) throw bad('the archive ends early (truncated)');
  return names;
}
