import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';

/**
 * One writer per PGlite data dir. The embedded database is a single-process engine: a second
 * process on the same files corrupts them. Whoever opens a data dir first writes a lock file
 * beside it (`<dir>.lock`) naming itself: pid, the process's start time (from /proc/<pid>/stat,
 * so a recycled pid is not mistaken for the holder), the command, since when and, for a server,
 * its port. A second opener refuses at once naming the holder. A lock whose process is gone
 * (kill -9, power loss) is stale and taken over.
 */

export interface LockHolder {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); null where /proc is absent. */
  startTime: string | null;
  command: string;
  since: string;
  port?: number;
}

export interface DataDirLock {
  readonly file: string;
  /** Adds the port the holder serves on (read by a refused second process). */
  note(extra: { port: number }): void;
  release(): void;
}

/** The start time of a live process, null when it does not exist (or /proc is absent: then undefined). */
function startTimeOf(pid: number): string | null | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may hold spaces: count from the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch (e) {
    if (!fs.existsSync('/proc/self/stat')) return undefined;
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
}

function alive(h: LockHolder): boolean {
  const now = startTimeOf(h.pid);
  if (now === null) return false;
  if (now !== undefined) return h.startTime === null || h.startTime === now;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(file: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return null; // vanished, or half written by a process killed while writing it
  }
}

const commandLine = () => {
  const [, script, ...args] = process.argv;
  const name = script ? (/main\.[jt]s$/.test(script) ? 'xingquan' : path.basename(script)) : 'node';
  return [name, ...args].join(' ');
};

export function describeHolder(h: LockHolder): string {
  const port = h.port ? `，端口 ${h.port} (http://localhost:${h.port})` : '';
  return `进程 ${h.pid}「${h.command}」自 ${h.since} 起${port}`;
}

/** Takes the lock of the data dir `dir`, or throws CONFLICT naming the live holder. */
export function lockDataDir(dir: string): DataDirLock {
  const file = `${path.resolve(dir)}.lock`;
  const me: LockHolder = { pid: process.pid, startTime: startTimeOf(process.pid) ?? null, command: commandLine(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      return held(file, me);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const h = read(file);
    if (h && h.pid === process.pid && h.startTime === me.startTime) {
      throw new AppError('CONFLICT', `数据目录 ${dir} 已由本进程打开 (the data dir is already open in this process)`, { lock: file });
    }
    if (h && alive(h)) {
      throw new AppError('CONFLICT',
        `数据目录 ${dir} 正由${describeHolder(h)}使用，不能再打开 (data dir in use by pid ${h.pid}: ${h.command}). `
        + '请先停止该进程；服务运行时请通过网页或 API 操作 (stop it first, or act through the running server).',
        { lock: file, holder: h });
    }
    // stale: move it aside, and remove it only if it is still the stale one read above
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = read(aside);
    if (moved && h && (moved.pid !== h.pid || moved.since !== h.since)) fs.renameSync(aside, file); // someone's fresh lock: put it back
    else fs.rmSync(aside, { force: true });
  }
  throw new AppError('CONFLICT', `数据目录 ${dir} 的锁无法取得 (could not take the data dir lock): ${file}`);
}

function held(file: string, me: LockHolder): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const h = read(file);
    if (h && h.pid === me.pid && h.since === me.since) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return {
    file,
    note(extra) {
      if (released) return;
      Object.assign(me, extra);
      fs.writeFileSync(`${file}.tmp-${me.pid}`, JSON.stringify(me));
      fs.renameSync(`${file}.tmp-${me.pid}`, file);
    },
    release,
  };
}
