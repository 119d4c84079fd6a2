import { readdirSync, readFileSync, statSync } from 'node:fs';
import { decodeBytes } from '../engine';
import type { FsEntry, ReadOnlyFs } from '../render';

/** Files larger than this are not read by a render (a generator input or chart file of 64 MiB is not plausible). */
export const DEFAULT_RENDER_FILE_LIMIT = 64 * 1024 * 1024;

/**
 * The disk as a render's ReadOnlyFs: regular files only (symlinks followed), size-limited, text decoded as
 * UTF-8 with the BOM removed. Paths are absolute with `/`.
 */
export function diskFs(maxFileSize = DEFAULT_RENDER_FILE_LIMIT): ReadOnlyFs {
  const kind = (p: string): 'file' | 'dir' | undefined => {
    try {
      const s = statSync(p);
      return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : undefined;
    } catch { return undefined; }
  };
  const bytes = (p: string): Uint8Array | undefined => {
    try {
      const s = statSync(p);
      if (!s.isFile() || s.size > maxFileSize) return undefined;
      return readFileSync(p);
    } catch { return undefined; }
  };
  return {
    readText(p) {
      const b = bytes(p);
      if (!b) return undefined;
      const d = decodeBytes(b);
      return d.ok ? d.text.replace(/^\uFEFF/, '') : undefined;
    },
    readBytes: bytes,
    stat: kind,
    list(dir) {
      try {
        const out: FsEntry[] = [];
        for (const name of readdirSync(dir)) {
          const t = kind(dir.endsWith('/') ? dir + name : `${dir}/${name}`);
          if (t) out.push({ name, type: t });
        }
        return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch { return []; }
    },
  };
}
