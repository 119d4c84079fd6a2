import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes } from '../engine';
import type { FsEntry, ReadOnlyFs } from '../render';
import { readRegularFile } from './read';

/** The disk as render/ sees it: regular files only (symlinks followed), at most `maxBytes` each, read-only. */
export function diskFs(maxBytes: number): ReadOnlyFs {
  // why a read gave nothing, so a render can say "values.yaml: too large" instead of reading it as empty
  const refused = new Map<string, string>();
  const readBytes = (p: string): Uint8Array | undefined => {
    const r = readRegularFile(p, maxBytes);
    if (r.ok) { refused.delete(p); return r.bytes; }
    refused.set(p, r.message);
    return undefined;
  };
  return {
    readBytes,
    readText(p) {
      const b = readBytes(p);
      if (!b) return undefined;
      const d = decodeBytes(b);
      if (!d.ok) refused.set(p, d.error.message);
      return d.ok ? d.text : undefined;
    },
    whyUnreadable: (p) => refused.get(p),
    stat(p) {
      try {
        const st = statSync(p);
        return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : undefined;
      } catch {
        return undefined;
      }
    },
    list(dir) {
      let entries;
      try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return []; }
      const out: FsEntry[] = [];
      for (const e of entries) {
        let type: FsEntry['type'] | undefined = e.isFile() ? 'file' : e.isDirectory() ? 'dir' : undefined;
        if (e.isSymbolicLink()) {
          try { const st = statSync(join(dir, e.name)); type = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : undefined; } catch { type = undefined; }
        }
        if (type) out.push({ name: e.name, type });
      }
      return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}
