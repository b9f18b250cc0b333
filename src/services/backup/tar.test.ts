import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extractTarGz, TarGzWriter } from './tar.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-tar-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const fresh = (name: string) => fs.mkdtempSync(path.join(dir, `${name}-`));

/** A raw ustar header, to forge entries the writer would never make. */
function rawHeader(name: string, size: number, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000600\0', 100);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}
const forged = (entries: { name: string; body: Buffer; type?: string }[], end = true) => {
  const f = path.join(fresh('forged'), 'x.tar.gz');
  const parts = entries.flatMap((e) => [rawHeader(e.name, e.body.length, e.type), e.body, Buffer.alloc((512 - (e.body.length % 512)) % 512)]);
  fs.writeFileSync(f, gzipSync(Buffer.concat([...parts, end ? Buffer.alloc(1024) : Buffer.alloc(0)])));
  return f;
};

describe('backup archive container (.tar.gz)', () => {
  it('round-trips entries byte for byte, including empty and multi-block ones', async () => {
    const src = fresh('src');
    const big = Buffer.alloc(70_000).map((_, i) => (i * 31) % 251);
    fs.writeFileSync(path.join(src, 'big'), big);
    const archive = path.join(fresh('out'), 'a.tar.gz');
    const w = new TarGzWriter(archive, new Date('2026-03-01T00:00:00Z'));
    await w.addBuffer('manifest.json', Buffer.from('{"a":"行权"}'));
    await w.addBuffer('db/empty.ndjson', Buffer.alloc(0));
    await w.addFile('evidence/ab/cd/big', path.join(src, 'big'), big.length);
    await w.finish();
    const out = fresh('x');
    expect(await extractTarGz(archive, out)).toEqual(['manifest.json', 'db/empty.ndjson', 'evidence/ab/cd/big']);
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('{"a":"行权"}');
    expect(fs.statSync(path.join(out, 'db/empty.ndjson')).size).toBe(0);
    expect(fs.readFileSync(path.join(out, 'evidence/ab/cd/big')).equals(big)).toBe(true);
    expect((fs.statSync(archive).mode & 0o777).toString(8)).toBe('600');
  });

  it('refuses names that climb out, absolute names, links, and a name twice', async () => {
    for (const e of [
      { name: '../evil', body: Buffer.from('x') },
      { name: 'db/../../evil', body: Buffer.from('x') },
      { name: '/etc/evil', body: Buffer.from('x') },
      { name: 'db/link', body: Buffer.alloc(0), type: '2' },
    ]) {
      const out = fresh('bad');
      await expect(extractTarGz(forged([e]), out), e.name).rejects.toMatchObject({ code: 'VALIDATION' });
      expect(fs.existsSync(path.join(path.dirname(out), 'evil'))).toBe(false);
    }
    await expect(extractTarGz(forged([{ name: 'a', body: Buffer.from('1') }, { name: 'a', body: Buffer.from('2') }]), fresh('dup'))).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses a truncated archive and a damaged header', async () => {
    await expect(extractTarGz(forged([{ name: 'a', body: Buffer.alloc(2000, 1) }], false), fresh('t'))).rejects.toThrow(/truncated/);
    const f = forged([{ name: 'a', body: Buffer.from('1') }]);
    const raw = Buffer.concat([rawHeader('a', 1), Buffer.from('1'), Buffer.alloc(511), Buffer.alloc(1024)]);
    raw[0] = 'b'.charCodeAt(0); // the name changed, the checksum not
    fs.writeFileSync(f, gzipSync(raw));
    await expect(extractTarGz(f, fresh('c'))).rejects.toThrow(/checksum/);
    fs.writeFileSync(f, Buffer.from('not gzip at all'));
    await expect(extractTarGz(f, fresh('g'))).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
