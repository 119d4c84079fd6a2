import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync, constants } from 'node:fs';
import type { ReadOnlyFs } from '../render';

/** Files a render may read are capped like manifests: a chart that points at a huge file gets nothing. */
export const DISK_FS_MAX_FILE = 16 * 1024 * 1024;

/**
 * The disk as a render sees it: regular files only (a FIFO or device is "not there", so it can never hang or
 * flood a render), at most `maxBytes` each, opened without blocking and checked after opening.
 */
export function diskFs(maxBytes = DISK_FS_MAX_FILE): ReadOnlyFs {
  const readBytes = (p: string): Uint8Array | undefined => {
    let fd: number | undefined;
    try {
      fd = openSync(p, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      const st = fstatSync(fd);
      if (!st.isFile() || st.size > maxBytes) return undefined;
      const buf = Buffer.alloc(st.size);
      let off = 0;
      while (off < st.size) {
        const n = readSync(fd, buf, off, st.size - off, off);
        if (n <= 0) break;
        off += n;
      }
      return buf.subarray(0, off);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
  return {
    readBytes,
    readText(p) {
      const b = readBytes(p);
      if (!b) return undefined;
      const text = new TextDecoder('utf-8', { fatal: false }).decode(b);
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    },
    stat(p) {
      try {
        const st = statSync(p);
        return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : undefined;
      } catch { return undefined; }
    },
    list(dir) {
      try {
        return readdirSync(dir, { withFileTypes: true })
          .map((e) => {
            const type = e.isDirectory() ? 'dir' as const : e.isFile() ? 'file' as const : e.isSymbolicLink() ? this.stat(`${dir}/${e.name}`) : undefined;
            return type ? { name: e.name, type } : undefined;
          })
          .filter((e): e is { name: string; type: 'file' | 'dir' } => !!e)
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch { return []; }
    },
  };
}
