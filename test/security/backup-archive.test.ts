import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveWriter, unpackArchive } from '../../src/services/backup/archive.js';

/**
 * The backup archive's container (GB/T 22239-2019 8.1.4.9 数据备份恢复): written and read with
 * node-tar through the backup service. A forged archive — a name that climbs out, an absolute
 * name, a link, a name twice, a truncated stream, a damaged header — is refused before anything
 * is written into the directory it would be unpacked into.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-archive-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const fresh = (name: string) => fs.mkdtempSync(path.join(dir, `${name}-`));

/** A raw ustar header, to forge entries the writer would never make. */
function rawHeader(name: string, size: number, type = '0', linkpath = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000600\0', 100);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write(linkpath, 157, 100, 'utf8');
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}
interface Forged { name: string; body: Buffer; type?: string; linkpath?: string }
const rawTar = (entries: Forged[], end = true) => Buffer.concat([
  ...entries.flatMap((e) => [rawHeader(e.name, e.body.length, e.type, e.linkpath), e.body, Buffer.alloc((512 - (e.body.length % 512)) % 512)]),
  end ? Buffer.alloc(1024) : Buffer.alloc(0),
]);
const forged = (entries: Forged[], end = true) => {
  const f = path.join(fresh('forged'), 'x.tar.gz');
  fs.writeFileSync(f, gzipSync(rawTar(entries, end)));
  return f;
};
/** Refused with VALIDATION, and the target directory left empty: nothing was written. */
async function refused(archive: string, why?: RegExp): Promise<void> {
  const out = fresh('out');
  const p = unpackArchive(archive, out);
  await expect(p).rejects.toMatchObject({ code: 'VALIDATION' });
  if (why) await expect(p).rejects.toThrow(why);
  expect(fs.readdirSync(out)).toEqual([]);
}

describe('backup archive container (.tar.gz, node-tar)', () => {
  it('round-trips entries byte for byte, including empty and multi-block ones; the archive is gzip, mode 0600', async () => {
    const src = fresh('src');
    const big = Buffer.alloc(3_000_000).map((_, i) => (i * 31) % 251);
    fs.writeFileSync(path.join(src, 'big'), big);
    const archive = path.join(fresh('out'), 'a.tar.gz');
    const w = new ArchiveWriter(archive, new Date('2026-03-01T00:00:00Z'));
    await w.addBuffer('manifest.json', Buffer.from('{"a":"行权"}'));
    await w.addBuffer('db/empty.ndjson', Buffer.alloc(0));
    await w.addFile('evidence/ab/cd/big', path.join(src, 'big'), big.length);
    await w.finish();
    expect((fs.statSync(archive).mode & 0o777).toString(8)).toBe('600');
    expect([...fs.readFileSync(archive).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const out = fresh('x');
    expect(await unpackArchive(archive, out)).toEqual(['manifest.json', 'db/empty.ndjson', 'evidence/ab/cd/big']);
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('{"a":"行权"}');
    expect(fs.statSync(path.join(out, 'db/empty.ndjson')).size).toBe(0);
    expect(fs.readFileSync(path.join(out, 'evidence/ab/cd/big')).equals(big)).toBe(true);
    expect((fs.statSync(path.join(out, 'evidence/ab/cd/big')).mode & 0o777).toString(8)).toBe('600');
    // a standard tar lists it: plain files, no extended headers
    let listed: string | null = null;
    try { listed = execFileSync('tar', ['tzvf', archive], { encoding: 'utf8' }); } catch { /* no tar(1) here */ }
    if (listed !== null) {
      expect(listed.trim().split('\n').map((l) => l.split(/\s+/).at(-1))).toEqual(['manifest.json', 'db/empty.ndjson', 'evidence/ab/cd/big']);
      for (const l of listed.trim().split('\n')) expect(l.startsWith('-rw-------')).toBe(true);
    }
  });

  it('refuses a file that is not the size it was announced as, and an unsafe name, when writing', async () => {
    const src = fresh('src');
    fs.writeFileSync(path.join(src, 'f'), Buffer.alloc(100, 1));
    const w = new ArchiveWriter(path.join(fresh('out'), 'a.tar.gz'), new Date());
    await expect(w.addFile('f', path.join(src, 'f'), 200)).rejects.toThrow(/shrank/);
    w.abort();
    const w2 = new ArchiveWriter(path.join(fresh('out'), 'b.tar.gz'), new Date());
    await expect(w2.addFile('f', path.join(src, 'f'), 50)).rejects.toThrow(/grew/);
    w2.abort();
    const w3 = new ArchiveWriter(path.join(fresh('out'), 'c.tar.gz'), new Date());
    await expect(w3.addBuffer('../f', Buffer.from('x'))).rejects.toThrow(/unsafe/);
    w3.abort();
  });

  it('refuses names that climb out, absolute names, links, and a name twice — writing nothing', async () => {
    for (const e of [
      { name: '../evil', body: Buffer.from('x') },
      { name: 'db/../../evil', body: Buffer.from('x') },
      { name: '/etc/evil', body: Buffer.from('x') },
      { name: 'db/link', body: Buffer.alloc(0), type: '2', linkpath: '/etc/passwd' },
      { name: 'db/hard', body: Buffer.alloc(0), type: '1', linkpath: 'manifest.json' },
      { name: 'db', body: Buffer.alloc(0), type: '5' },
    ]) {
      // the bad entry after a good one: the good one is not written either
      await refused(forged([{ name: 'manifest.json', body: Buffer.from('{}') }, e]), /unexpected entry/);
      expect(fs.existsSync(path.join(dir, 'evil'))).toBe(false);
    }
    await refused(forged([{ name: 'a', body: Buffer.from('1') }, { name: 'a', body: Buffer.from('2') }]), /appears twice/);
  });

  it('refuses an extended (pax) header and data after the end of the archive', async () => {
    const pax = Buffer.from('30 path=evidence/aa/bb/longer\n');
    await refused(forged([{ name: 'PaxHeader/x', body: pax, type: 'x' }, { name: 'x', body: Buffer.from('1') }]));
    const f = path.join(fresh('after'), 'x.tar.gz');
    fs.writeFileSync(f, gzipSync(Buffer.concat([rawTar([{ name: 'a', body: Buffer.from('1') }]), rawTar([{ name: 'b', body: Buffer.from('2') }])])));
    await refused(f, /after the end/);
  });

  it('refuses a truncated archive, a damaged header, and what is not a gzip-compressed tar', async () => {
    // complete entries but no end-of-archive marker
    await refused(forged([{ name: 'a', body: Buffer.alloc(2000, 1) }], false), /truncated/);
    // an entry's body cut short
    const cut = path.join(fresh('cut'), 'x.tar.gz');
    fs.writeFileSync(cut, gzipSync(rawTar([{ name: 'a', body: Buffer.alloc(2000, 1) }], false).subarray(0, 1500)));
    await refused(cut, /truncated/i);
    // the gzip stream cut short
    const whole = fs.readFileSync(forged([{ name: 'a', body: Buffer.from(Buffer.alloc(20_000).map((_, i) => i % 7)) }]));
    fs.writeFileSync(cut, whole.subarray(0, whole.length - 40));
    await refused(cut);
    // a header whose name changed but not its checksum
    const raw = rawTar([{ name: 'a', body: Buffer.from('1') }]);
    raw[0] = 'b'.charCodeAt(0);
    const f = path.join(fresh('cksum'), 'x.tar.gz');
    fs.writeFileSync(f, gzipSync(raw));
    await refused(f, /checksum/);
    // not gzip at all; and an uncompressed tar
    fs.writeFileSync(f, Buffer.from('not gzip at all'));
    await refused(f);
    fs.writeFileSync(f, rawTar([{ name: 'a', body: Buffer.from('1') }]));
    await refused(f);
  });
});
