import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Why a file was not read: not there, not a regular file (FIFO, device, socket, folder), too big, or an I/O error. */
export type ReadRefusal =
  | { reason: 'missing'; message: string }
  | { reason: 'not-regular'; message: string; type: string }
  | { reason: 'too-large'; message: string; size: number; max: number }
  | { reason: 'unreadable'; message: string };

export type ReadResult = { ok: true; bytes: Buffer } | ({ ok: false } & ReadRefusal);

/**
 * Reads a regular file of at most `max` bytes. The file is opened non-blocking, so a FIFO never hangs the
 * open, and checked with fstat on the open descriptor, so what is read is what was checked: a symlink to
 * `/dev/zero` is refused as a character device, and a file that grows while it is read stops at `max`.
 */
export function readRegularFile(path: string, max: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'missing', message: 'no such file' };
    return { ok: false, reason: 'unreadable', message: `cannot read: ${code ?? (e as Error).message}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const type = fileType(st);
      return { ok: false, reason: 'not-regular', type, message: `not a regular file (${type})` };
    }
    if (st.size > max) return tooLarge(st.size, max);
    let buf = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        // the file grew since fstat: keep reading, up to one byte past the limit
        if (n > max) return tooLarge(n, max);
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, max + 1));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > max) return tooLarge(n, max);
    return { ok: true, bytes: buf.subarray(0, n) };
  } catch (e) {
    return { ok: false, reason: 'unreadable', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, max: number): ReadResult {
  return { ok: false, reason: 'too-large', size, max, message: `too large (${formatSize(size)} > ${formatSize(max)})` };
}

/** `3000 bytes`, `12.5 KB`, `1.2 MB`, `64 MB`. */
export function formatSize(n: number): string {
  if (n < 10240) return `${Math.floor(n)} bytes`;
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KB`;
  const mb = n / 1048576;
  return `${mb >= 10 || Number.isInteger(mb) ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

export function fileType(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}
